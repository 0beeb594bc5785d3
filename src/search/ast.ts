/**
 * The query language of CONTRACT.md parsed once into this tree; each store compiles it to its
 * own engine (FTS5 MATCH, tsquery). Word values are already case- and diacritic-folded.
 */

/** Fields a query may name, mapped to the parts of a document they search. */
export const QUERY_FIELDS = ['title', 'author', 'to', 'person', 'place', 'type', 'collection', 'topic', 'text'] as const;
export type QueryField = (typeof QUERY_FIELDS)[number];

export type QueryNode =
  /**
   * `spelled`: the word was typed with letters that folding spells out (ß → ss, ø → o): it is
   * neither an OCR mis-reading nor a typo, and is not widened (tolerance.ts) — "daß" as "dass"
   * would otherwise reach "class", and "Ærø" as "aero" "zero".
   */
  | { kind: 'term'; value: string; prefix: boolean; field?: QueryField; spelled?: true }
  | { kind: 'phrase'; words: string[]; field?: QueryField }
  | { kind: 'and'; children: QueryNode[] }
  | { kind: 'or'; children: QueryNode[] }
  /** Only ever a direct child of the root `and` (or the root itself): "-word". */
  | { kind: 'not'; child: QueryNode };

/**
 * A parsed query: a full-text tree (or none, for "everything") and date ranges from `date:`
 * clauses, which always narrow the whole query.
 */
export interface ParsedQuery {
  root: QueryNode | null;
  /** Inclusive day bounds, YYYY-MM-DD. */
  dateRanges: { from?: string; to?: string }[];
}

export class QuerySyntaxError extends Error {
  constructor(
    message: string,
    readonly position?: number,
  ) {
    super(message);
    this.name = 'QuerySyntaxError';
  }
}
