// FlexSearch 0.8 Document index (in-process, in-memory). Fields title, text, names with
// tokenize 'forward' (what prefix search needs), authors 'strict'; the year is a tag. Queries:
// words ANDed within a field, results of the fields merged, limit 20; no phrase search (the
// phrase is its words); prefix through the forward tokenizer; fielded = the authors field with
// the tag year ∈ {1961, 1962} (no range filters in FlexSearch; the range is whole years here, so
// the same documents). No facets, no count, no BM25 (its own contextual score).
//
// usage: node --expose-gc --max-old-space-size=16000 bench/search/engine-flexsearch.mjs --docs N
import { Document } from 'flexsearch';
import { args, buildPeer, FIELDED, serve } from './lib.mjs';

const a = args();
const index = new Document({
  document: {
    id: 'id',
    index: [
      { field: 'title', tokenize: 'forward' },
      { field: 'text', tokenize: 'forward' },
      { field: 'names', tokenize: 'forward' },
      { field: 'authors', tokenize: 'strict' },
    ],
    tag: [{ field: 'year' }],
  },
});
const ready = await buildPeer('flexsearch', Number(a.docs), (f, i) =>
  index.add({ id: i, title: f.title, text: f.text, names: [...f.authors, ...f.recipients, ...f.people].join(' ; '), authors: f.authors.join(' ; '), year: String(f.year) }),
);
const text = { index: ['title', 'text', 'names'], limit: 20, merge: true };
const QUERY = {
  rare: () => index.search({ query: 'Zolotas', ...text }),
  common: () => index.search({ query: 'Soviet', ...text }),
  two: () => index.search({ query: 'Berlin negotiations', ...text }),
  phrase: () => index.search({ query: 'test ban', ...text }),
  prefix: () => index.search({ query: 'disarm', ...text }),
  fielded: () => index.search({ query: FIELDED.author, index: 'authors', tag: { year: FIELDED.years }, limit: 20, merge: true }),
};
await serve(ready, (key) => {
  // Merged results hold up to 20 per field: the first 20 are the page.
  const r = QUERY[key]().slice(0, 20);
  return { total: null, returned: r.length, facets: 0 };
});
