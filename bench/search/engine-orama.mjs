// Orama 3 (in-process, in-memory; it keeps the documents too). Schema: title, text, names and
// authors as full-text strings; the facets Archivum computes as enum / enum[] (type, author,
// recipient, person, place, collection, language, decade, year); the date as a number. Queries:
// threshold 0 (every word required, as Archivum), BM25; no phrase search (the phrase is its
// words); prefix is Orama's default term matching (so every query word is a prefix, `exact`
// off); fielded = properties ['authors'] + where date between. Facets ON for every query, sorted
// and cut to 30 values as Archivum returns them (decade/year: all). It counts.
//
// usage: node --expose-gc --max-old-space-size=16000 bench/search/engine-orama.mjs --docs N
import { create, insertMultiple, search } from '@orama/orama';
import { args, buildPeer, FACET_LIMIT, FIELDED, serve, topCounts } from './lib.mjs';

const a = args();
const db = create({
  schema: {
    title: 'string',
    text: 'string',
    names: 'string',
    authors: 'string',
    type: 'enum',
    author: 'enum[]',
    recipient: 'enum[]',
    person: 'enum[]',
    place: 'enum',
    collection: 'enum[]',
    language: 'enum',
    decade: 'enum',
    year: 'enum',
    date: 'number',
  },
});
let pending = [];
const flush = async () => {
  if (pending.length) await insertMultiple(db, pending, 1000);
  pending = [];
};
const ready = await buildPeer(
  'orama',
  Number(a.docs),
  async (f) => {
    pending.push({
      id: f.id,
      title: f.title,
      text: f.text,
      names: [...f.authors, ...f.recipients, ...f.people].join(' ; '),
      authors: f.authors.join(' ; '),
      type: f.type,
      author: f.authors,
      recipient: f.recipients,
      person: f.person,
      place: f.place,
      collection: f.collection,
      language: f.language,
      ...(f.year ? { decade: f.decade, year: f.year, date: f.date } : {}),
    });
    if (pending.length === 1000) await flush();
  },
  { finish: flush },
);
const FACETS = Object.fromEntries(['type', 'author', 'recipient', 'person', 'place', 'collection', 'language', 'decade', 'year'].map((k) => [k, {}]));
const ORDERED = new Set(['decade', 'year']);
const text = { properties: ['title', 'text', 'names'], threshold: 0, limit: 20, facets: FACETS };
const QUERY = {
  rare: () => search(db, { term: 'Zolotas', ...text }),
  common: () => search(db, { term: 'Soviet', ...text }),
  two: () => search(db, { term: 'Berlin negotiations', ...text }),
  phrase: () => search(db, { term: 'test ban', ...text }),
  prefix: () => search(db, { term: 'disarm', ...text }),
  fielded: () =>
    search(db, { ...text, term: FIELDED.author, properties: ['authors'], where: { date: { between: [FIELDED.from, FIELDED.to] } } }),
};
await serve(ready, async (key) => {
  const r = await QUERY[key]();
  // Archivum's shape: per facet, values by count (decade/year in order), at most 30.
  let facetValues = 0;
  for (const [name, facet] of Object.entries(r.facets ?? {})) {
    const counts = new Map(Object.entries(facet.values));
    const values = ORDERED.has(name) ? [...counts.entries()].sort((x, y) => Number(x[0]) - Number(y[0])) : topCounts(counts, FACET_LIMIT);
    facetValues += values.length;
  }
  return { total: r.count, returned: r.hits.length, facets: facetValues };
});
