// MiniSearch (in-process, in-memory). Fields: title, text, names (authors, recipients, people),
// authors (for the fielded query); the date is stored for the range filter. Queries: words ANDed
// (combineWith 'AND'); no phrase search (the phrase is its two words ANDed); prefix with
// `prefix: true`; fielded = the authors field + a filter on the stored date. No facets. No
// stemming (MiniSearch's default). It counts: search() returns every match, ranked (BM25+).
//
// usage: node --expose-gc --max-old-space-size=16000 bench/search/engine-minisearch.mjs --docs N
import MiniSearch from 'minisearch';
import { args, buildPeer, FIELDED, serve } from './lib.mjs';

const a = args();
const index = new MiniSearch({ idField: 'id', fields: ['title', 'text', 'names', 'authors'], storeFields: ['date'] });
const ready = await buildPeer('minisearch', Number(a.docs), (f) =>
  index.add({ id: f.id, title: f.title, text: f.text, names: [...f.authors, ...f.recipients, ...f.people].join(' ; '), authors: f.authors.join(' ; '), date: f.date }),
);
const text = { fields: ['title', 'text', 'names'], combineWith: 'AND' };
const QUERY = {
  rare: () => index.search('Zolotas', text),
  common: () => index.search('Soviet', text),
  two: () => index.search('Berlin negotiations', text),
  phrase: () => index.search('test ban', text),
  prefix: () => index.search('disarm', { ...text, prefix: true }),
  fielded: () => index.search(FIELDED.author, { fields: ['authors'], filter: (r) => r.date >= FIELDED.from && r.date <= FIELDED.to }),
};
await serve(ready, (key) => {
  const all = QUERY[key]();
  return { total: all.length, returned: all.slice(0, 20).length, facets: 0 };
});
