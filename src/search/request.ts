import type { ParsedQuery } from './ast.js';

/** Facets of CONTRACT.md's search response, in the order pages show them. */
export const FACET_NAMES = [
  'type', 'author', 'recipient', 'person', 'place', 'topic', 'collection', 'archive', 'language', 'decade', 'year',
] as const;
export type FacetName = (typeof FACET_NAMES)[number];

/** Facets that can be used as filters (`?author=…`); decade/year are filtered with from/to. */
export const FILTER_NAMES = ['type', 'author', 'recipient', 'person', 'place', 'topic', 'collection', 'archive', 'language', 'decade', 'year'] as const;
export type FilterName = (typeof FILTER_NAMES)[number];

export type SortOrder = 'relevance' | 'date' | '-date';

export interface SearchRequest {
  /** The raw `q`, kept for display. */
  q: string;
  query: ParsedQuery;
  /** Values within one facet are ORed, facets are ANDed. A value matches a facet's value or id. */
  filters: Partial<Record<FilterName, string[]>>;
  /** Inclusive day bounds from `from`/`to`. */
  from?: string;
  to?: string;
  sort: SortOrder;
  page: number;
  size: number;
  /** Facet values returned per facet (decade/year return all); 0 for no facets. */
  facetLimit: number;
  /** Continue after the last hit of a page (`nextCursor` of the previous response) instead of `page`. */
  cursor?: string;
  /**
   * Per facet, text its values must contain (`personMatch=rusk`): finds a value among thousands
   * (people, places) without listing them all; counts stay those of the whole result.
   */
  facetMatch?: Partial<Record<FacetName, string>>;
}

export interface FacetValue {
  value: string;
  count: number;
  /** The entity id or slug behind the value, when there is one (people, places, collections). */
  id?: string;
}

export interface SearchHit {
  id: string;
  title: string;
  date: { start?: string; end?: string; display: string };
  type?: string;
  /** HTML-escaped text with matches in <mark>. */
  snippet: string;
}

export interface SearchResult {
  total: number;
  page: number;
  size: number;
  hits: SearchHit[];
  facets: Record<FacetName, FacetValue[]>;
  /** The query respelt where a word was unknown but a close one is in the archive ("did you mean"). */
  suggestion?: string;
  /** Pass as `cursor` to get the hits after this page: deep paging without page numbers. */
  nextCursor?: string;
}

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
