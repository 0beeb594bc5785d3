import { FACET_NAMES, type FacetName, type SearchResult } from './request.js';

/** A search hit as CONTRACT.md promises it: every key present, null where the document has no value. */
export interface SearchHitJson {
  id: string;
  title: string;
  date: { start: string | null; end: string | null; display: string };
  type: string | null;
  snippet: string;
}

export interface SearchResponseJson {
  total: number;
  page: number;
  size: number;
  hits: SearchHitJson[];
  facets: Record<FacetName, { value: string; count: number; id?: string }[]>;
  suggestion?: string;
  nextCursor?: string;
}

/**
 * The search result as `/api/search` and `archivum search --json` give it. Copies exactly the
 * fields CONTRACT.md promises (and the documented extras), so whatever else a store attaches to
 * its results (scores, internal ids) does not become public API by accident, and a key the
 * contract lists is there on every hit, null when the document has no value for it.
 */
export function searchResponseJson(result: SearchResult): SearchResponseJson {
  const facets = {} as SearchResponseJson['facets'];
  for (const name of FACET_NAMES) {
    facets[name] = (result.facets[name] ?? []).map((f) => (f.id === undefined ? { value: f.value, count: f.count } : { value: f.value, count: f.count, id: f.id }));
  }
  return {
    total: result.total,
    page: result.page,
    size: result.size,
    hits: result.hits.map((h) => ({
      id: h.id,
      title: h.title,
      date: { start: h.date.start ?? null, end: h.date.end ?? null, display: h.date.display },
      type: h.type ?? null,
      snippet: h.snippet,
    })),
    facets,
    ...(result.suggestion === undefined ? {} : { suggestion: result.suggestion }),
    ...(result.nextCursor === undefined ? {} : { nextCursor: result.nextCursor }),
  };
}
