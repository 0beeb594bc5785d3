import type { QueryNode } from '../../search/ast.js';
import { type SearchColumn } from '../index-entry.js';
import { columnsForField } from '../query-fields.js';

/**
 * Compiles the query tree to an FTS5 MATCH expression. Every word is emitted as a quoted
 * string, so nothing a user types is ever read as FTS5 syntax.
 *
 * Returns `positive` (what must match) and `negative` (what must not); FTS5 has no unary NOT,
 * so a query of exclusions only is answered as "everything except negative" by the caller.
 */
export function compileFtsQuery(root: QueryNode): { positive: string | null; negative: string | null } {
  const parts = root.kind === 'and' ? root.children : [root];
  const positives = parts.filter((n) => n.kind !== 'not').map(compile);
  const negatives = parts.filter((n): n is Extract<QueryNode, { kind: 'not' }> => n.kind === 'not').map((n) => compile(n.child));
  return {
    positive: positives.length ? positives.join(' AND ') : null,
    negative: negatives.length ? negatives.join(' OR ') : null,
  };
}

function compile(node: QueryNode): string {
  switch (node.kind) {
    case 'term':
      return scoped(node.field ? columnsForField(node.field) : null, quote(node.value) + (node.prefix ? ' *' : ''));
    case 'phrase':
      return scoped(node.field ? columnsForField(node.field) : null, quote(node.words.join(' ')));
    case 'and': {
      const { positive, negative } = compileFtsQuery(node);
      if (!positive) return `(${negative})`;
      return negative ? `(${positive} NOT (${negative}))` : `(${positive})`;
    }
    case 'or':
      return `(${node.children.map(compile).join(' OR ')})`;
    case 'not':
      // Only reachable for a nested "(a -b)" group handled by the 'and' case above.
      return compile(node.child);
  }
}

function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

function scoped(columns: readonly SearchColumn[] | null, expr: string): string {
  return columns ? `{${columns.join(' ')}} : ${expr}` : expr;
}
