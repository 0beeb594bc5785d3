import type { QueryField, QueryNode } from '../search/ast.js';
import type { SearchColumn } from './index-entry.js';
import { columnsForField } from './query-fields.js';

/**
 * The query as the stemmed index matches and ranks it. Every quoted phrase is checked whole by
 * the exact index (see `needsExactCheck`); here it counts word by word, so relevance rests on
 * single-word statistics that every store holds (postgres/rank.ts scores them as FTS5's bm25
 * does). An excluded phrase is left to the exact index alone: excluding its words one by one
 * would exclude more than the phrase.
 */
export function stemmedParts(root: QueryNode): QueryNode[] {
  const parts = root.kind === 'and' ? root.children : [root];
  return parts.flatMap((part) => {
    const node = wordsOnly(part);
    return node ? [node] : [];
  });
}

function wordsOnly(node: QueryNode): QueryNode | null {
  switch (node.kind) {
    case 'term':
      return node;
    case 'phrase': {
      const terms = node.words.map((value): QueryNode => ({ kind: 'term', value, prefix: false, ...(node.field ? { field: node.field } : {}) }));
      return terms.length === 1 ? terms[0]! : { kind: 'and', children: terms };
    }
    case 'not':
      if (holdsPhrase(node.child)) return null;
      return node;
    case 'and':
    case 'or': {
      const children = node.children.flatMap((c) => {
        const w = wordsOnly(c);
        return w ? [w] : [];
      });
      if (!children.some((c) => c.kind !== 'not')) return null;
      return children.length === 1 ? children[0]! : { kind: node.kind, children };
    }
  }
}

/** Whether a part of the query holds a quoted phrase, which the stemmed match alone does not check. */
export function holdsPhrase(node: QueryNode): boolean {
  switch (node.kind) {
    case 'term':
      return false;
    case 'phrase':
      return true;
    case 'not':
      return holdsPhrase(node.child);
    case 'and':
    case 'or':
      return node.children.some(holdsPhrase);
  }
}

/** One phrase of FTS5's bm25 — one word or prefix (stemmedParts leaves no phrase) — and its columns. */
export interface RankTerm {
  word: string;
  prefix: boolean;
  /** The columns it is counted in; null for all of them (weighted). */
  columns: readonly SearchColumn[] | null;
  /**
   * Groups of an OR it sits in, which must match for it to count: FTS5 reports no occurrence of
   * a phrase whose branch did not match ("a OR (b AND c)" counts no b in a row without c).
   */
  within: QueryNode[];
}

/**
 * The phrases of the stemmed query in the order FTS5 numbers them — the order fts-query.ts
 * writes them — leaving out those under NOT (they never occur in a matching row, so they add
 * nothing to its score).
 */
export function rankTerms(root: QueryNode): RankTerm[] {
  const out: RankTerm[] = [];
  const walk = (node: QueryNode, within: QueryNode[], inOr: boolean): void => {
    const columns = (field: QueryField | undefined) => (field ? columnsForField(field) : null);
    switch (node.kind) {
      case 'term':
        out.push({ word: node.value, prefix: node.prefix, columns: columns(node.field), within });
        return;
      case 'phrase': // none left: stemmedParts made every phrase its words
        return;
      case 'and': {
        const inner = inOr ? [...within, node] : within;
        node.children.filter((c) => c.kind !== 'not').forEach((c) => walk(c, inner, inOr));
        return;
      }
      case 'or':
        node.children.forEach((c) => walk(c, within, true));
        return;
      case 'not':
        return;
    }
  };
  // The parts are ANDed at the root, and a row matches the root: they always count.
  stemmedParts(root)
    .filter((p) => p.kind !== 'not')
    .forEach((p) => walk(p, [], false));
  return out;
}
