import { QuerySyntaxError } from '../search/ast.js';
import { foldName } from '../search/fold.js';
import { FACET_NAMES, type FacetName, type FacetValue, type SearchHit, type SearchRequest, type SearchResult } from '../search/request.js';
import { leadSnippet, markedSnippetToHtml } from '../search/snippet.js';

/**
 * What both stores do the same way with a result once their engine has answered: the cursor
 * format of deep paging and the order facet values are listed in, so the two answer alike.
 */

export type SortValue = string | number;

/** Opaque to clients: the sort it belongs to and the last hit's sort keys. */
export function encodeCursor(sort: string, values: SortValue[]): string {
  return Buffer.from(JSON.stringify({ s: sort, k: values })).toString('base64url');
}

export function decodeCursor(cursor: string, sort: string, length: number): SortValue[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new QuerySyntaxError('"cursor" is not one this archive gave out; start again from the first page.');
  }
  const { s, k } = (parsed ?? {}) as { s?: unknown; k?: unknown };
  if (s !== sort || !Array.isArray(k) || k.length !== length || !k.every((v) => typeof v === 'string' || typeof v === 'number')) {
    throw new QuerySyntaxError('"cursor" does not belong to this search (its sort or query changed); start again from the first page.');
  }
  return k as SortValue[];
}

export function emptyFacets(): SearchResult['facets'] {
  return Object.fromEntries(FACET_NAMES.map((n) => [n, [] as FacetValue[]])) as unknown as SearchResult['facets'];
}

/** Facets listed in full, in order of their values (a histogram), rather than by count. */
const ORDERED_FACETS = new Set<FacetName>(['decade', 'year']);

export interface FacetCountRow {
  facet: FacetName;
  key: string;
  value: string;
  n: number;
}

/** Grouped counts → the response's facets: decades and years in order, the rest by count then name, up to `limit`. */
export function facetsFromCounts(rows: FacetCountRow[], limit: number, match: SearchRequest['facetMatch'] = {}): SearchResult['facets'] {
  const facets = emptyFacets();
  for (const r of rows) {
    const text = match[r.facet as FacetName];
    if (text && !foldName(r.value).includes(text) && !r.key.includes(text)) continue;
    const entry: FacetValue = { value: r.value, count: r.n };
    if (r.key !== r.value) entry.id = r.key;
    facets[r.facet]?.push(entry);
  }
  for (const name of FACET_NAMES) {
    if (ORDERED_FACETS.has(name)) {
      facets[name].sort((a, b) => Number(a.id ?? a.value) - Number(b.id ?? b.value));
    } else {
      // Two values can share a label (two people of one name): their keys decide, the same way in every store.
      facets[name].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value) || byKey(a, b));
      facets[name] = facets[name].slice(0, limit);
    }
  }
  return facets;
}

function byKey(a: FacetValue, b: FacetValue): number {
  const [x, y] = [a.id ?? a.value, b.id ?? b.value];
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * One hit as the API shows it: the engine's marked snippet when it has one, else the opening of
 * the document's description, summary or text.
 */
export function toSearchHit(
  row: { id: string; title: string; type: string | null; date: SearchHit['date']; lead: string | null },
  markedSnippet: string | undefined,
): SearchHit {
  const hit: SearchHit = {
    id: row.id,
    title: row.title,
    date: row.date,
    snippet: markedSnippet ? markedSnippetToHtml(markedSnippet) : leadSnippet(row.lead ?? undefined),
  };
  if (row.type) hit.type = row.type;
  return hit;
}
