import { dayBounds } from '../domain/dates.js';
import { QuerySyntaxError } from './ast.js';
import { parseQuery } from './parse.js';
import { foldName } from './fold.js';
import {
  DEFAULT_PAGE_SIZE,
  FACET_NAMES,
  FILTER_NAMES,
  MAX_PAGE_SIZE,
  type FilterName,
  type SearchRequest,
  type SortOrder,
} from './request.js';

const SORTS: readonly SortOrder[] = ['relevance', 'date', '-date'];
const MAX_FILTER_VALUES = 50;
const MAX_MATCH_LENGTH = 100;
export const DEFAULT_FACET_LIMIT = 30;
/** Past this, numbered pages give way to cursors: an offset that deep scans everything before it. */
export const MAX_PAGE = 500;

/**
 * Reads the search parameters of CONTRACT.md (`q`, `from`, `to`, the facet filters, `sort`,
 * `page`, `size`) into a SearchRequest. Anything malformed throws QuerySyntaxError, which the
 * web layer answers with 400 and the CLI with exit code 2.
 */
export function parseSearchParams(params: URLSearchParams): SearchRequest {
  const q = (params.get('q') ?? '').trim();
  const query = parseQuery(q);

  const filters: SearchRequest['filters'] = {};
  for (const name of FILTER_NAMES) {
    const values = params
      .getAll(name)
      .map((v) => v.replace(/[\p{Cc}]/gu, '').trim())
      .filter((v) => v !== '');
    if (values.length > MAX_FILTER_VALUES) throw new QuerySyntaxError(`Too many "${name}" filters (at most ${MAX_FILTER_VALUES}).`);
    if (values.length) filters[name as FilterName] = [...new Set(values)];
  }

  const from = boundParam(params.get('from'), 'from', 'first');
  const to = boundParam(params.get('to'), 'to', 'last');
  if (from && to && from > to) throw new QuerySyntaxError(`"from" (${params.get('from')}) is after "to" (${params.get('to')}).`);

  const sortParam = params.get('sort')?.trim();
  let sort: SortOrder;
  if (sortParam) {
    if (!SORTS.includes(sortParam as SortOrder)) throw new QuerySyntaxError(`"sort" must be one of ${SORTS.join(', ')}.`);
    sort = sortParam as SortOrder;
  } else {
    sort = query.root ? 'relevance' : 'date';
  }

  // No upper bound here: past MAX_PAGE the answer below says to follow cursors instead.
  const page = intParam(params.get('page'), 'page', 1, 1);
  const size = Math.min(intParam(params.get('size'), 'size', DEFAULT_PAGE_SIZE, 0, 10_000), MAX_PAGE_SIZE);
  const facetLimit = intParam(params.get('facetLimit'), 'facetLimit', DEFAULT_FACET_LIMIT, 0, 10_000);

  const request: SearchRequest = { q, query, filters, sort, page, size, facetLimit };
  const cursor = params.get('cursor')?.trim();
  if (cursor) {
    if (params.get('page')) throw new QuerySyntaxError('Give either "page" or "cursor", not both.');
    request.cursor = cursor;
  } else if (page > MAX_PAGE) {
    throw new QuerySyntaxError(`"page" goes up to ${MAX_PAGE}; beyond it, follow "nextCursor" from the previous page.`);
  }
  if (from) request.from = from;
  if (to) request.to = to;
  const facetMatch = facetMatchParams(params);
  if (facetMatch) request.facetMatch = facetMatch;
  return request;
}

/** The `<facet>Match` parameters that hold text (folded here once, as facet values are). */
function facetMatchParams(params: URLSearchParams): SearchRequest['facetMatch'] | undefined {
  const out: NonNullable<SearchRequest['facetMatch']> = {};
  for (const name of FACET_NAMES) {
    const text = params.get(`${name}Match`)?.trim();
    if (!text) continue;
    if (text.length > MAX_MATCH_LENGTH) throw new QuerySyntaxError(`"${name}Match" is longer than ${MAX_MATCH_LENGTH} characters.`);
    out[name] = foldName(text);
  }
  return Object.keys(out).length ? out : undefined;
}

function boundParam(raw: string | null, name: string, side: 'first' | 'last'): string | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  const bounds = dayBounds(value);
  if (!bounds) throw new QuerySyntaxError(`"${name}" must be a date: YYYY, YYYY-MM or YYYY-MM-DD.`);
  return bounds[side];
}

function intParam(raw: string | null, name: string, fallback: number, min: number, max?: number): number {
  const value = raw?.trim();
  if (!value) return fallback;
  if (!/^\d+$/.test(value)) throw new QuerySyntaxError(`"${name}" must be a whole number.`);
  const n = Number(value);
  if (n < min || (max !== undefined && n > max)) {
    throw new QuerySyntaxError(`"${name}" must be ${max === undefined ? `${min} or more` : `between ${min} and ${max}`}.`);
  }
  return n;
}

/** Builds a request from a query string alone (CLI `archivum search`). */
export function searchRequestFor(q: string, size = DEFAULT_PAGE_SIZE): SearchRequest {
  return parseSearchParams(new URLSearchParams({ q, size: String(size) }));
}
