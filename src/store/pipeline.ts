import type { DocumentView } from '../domain/index.js';
import { widenWithNames, type NameIndex } from '../search/names.js';
import { parseQuery } from '../search/parse.js';
import type { SearchRequest, SearchResult } from '../search/request.js';
import { widenQuery, type Vocabulary } from '../search/tolerance.js';
import type { Viewer } from './types.js';

/** What a store brings to a search: its vocabulary, its name index, and a way to run a request. */
export interface SearchEngine {
  /** The archive's words as `viewer` may know them (search/tolerance.ts). */
  vocabulary(viewer: Viewer): Vocabulary;
  /** The people and places `viewer` may know, by any spelling (search/names.ts). */
  names(viewer: Viewer): NameIndex;
  run(request: SearchRequest, viewer: Viewer): Promise<SearchResult>;
}

/**
 * A search as every store runs it: other spellings of names, then OCR and spelling tolerance,
 * then the engine; a "did you mean" is offered only if it finds something the viewer may see, so
 * a suggestion never reveals a word known only from private documents.
 */
export async function runSearch(engine: SearchEngine, request: SearchRequest, viewer: Viewer): Promise<SearchResult> {
  const named = await widenWithNames(request.query, engine.names(viewer));
  const widened = await widenQuery(request.q, named.query, engine.vocabulary(viewer), named.named);
  const result = await engine.run({ ...request, query: widened.query }, viewer);
  if (widened.suggestion && (await hasVisibleHits(engine, widened.suggestion, request, viewer))) result.suggestion = widened.suggestion;
  return result;
}

async function hasVisibleHits(engine: SearchEngine, q: string, request: SearchRequest, viewer: Viewer): Promise<boolean> {
  let query;
  try {
    query = parseQuery(q);
  } catch {
    return false;
  }
  return (await engine.run({ ...request, q, query, page: 1, size: 0, facetLimit: 0 }, viewer)).total > 0;
}

const EXPORT_BATCH = 500;

/** Every document the viewer may see, in id order, fetched a batch of ids at a time. */
export async function* exportInIdOrder(
  visibleIds: (afterId: string, limit: number) => Promise<string[]> | string[],
  getDocument: (id: string) => Promise<DocumentView | null> | DocumentView | null,
): AsyncIterable<DocumentView> {
  let after = '';
  for (;;) {
    const ids = await visibleIds(after, EXPORT_BATCH);
    if (ids.length === 0) return;
    for (const id of ids) {
      const doc = await getDocument(id);
      if (doc) yield doc;
    }
    after = ids.at(-1)!;
  }
}
