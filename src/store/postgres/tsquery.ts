import type { QueryNode } from '../../search/ast.js';
import { indexWords } from '../../search/fold.js';
import { SEARCH_COLUMNS, type SearchColumn } from '../index-entry.js';
import { columnsForField } from '../query-fields.js';
import { EXACT, exactColumn, STEMMED, stemmedColumn } from './migrations.js';
import type { Params } from './sql.js';

/**
 * tsquery text for some words: each a quoted lexeme, so nothing typed is read as tsquery
 * syntax. The words come from fold.ts (letters and digits only) and are re-split here, so a
 * quote or a backslash can never reach the tsquery parser. Empty when no word is left.
 */
export function lexemes(words: string[], prefixLast = false): string {
  const clean = words.flatMap((w) => indexWords(w));
  return clean.map((w, i) => `'${w}'${prefixLast && i === clean.length - 1 ? ':*' : ''}`).join(' <-> ');
}

/**
 * Compiles the query tree to a SQL condition over the alias `s` (document_search). Each leaf is
 * its own `vector @@ to_tsquery(config, $n)`: words stemmed (fielded ones on the field's
 * columns, the others on the weighted all-columns vector); prefixes and quoted phrases on the
 * exact vectors, phrases column by column so a phrase never runs from one column into the next
 * (as in SQLite, where a phrase matches within one column). and/or/not are SQL's own.
 * `only` restricts every leaf to those columns (the headline boost).
 */
export function compileCondition(node: QueryNode, p: Params, only?: readonly SearchColumn[]): string {
  switch (node.kind) {
    case 'term': {
      const columns = only ?? (node.field ? columnsForField(node.field) : null);
      const text = lexemes([node.value], node.prefix);
      if (!text) return 'FALSE';
      if (node.prefix) return anyColumn(columns ?? null, exactColumn, 'exact', EXACT, p.add(text));
      return anyColumn(columns, stemmedColumn, 'fts', STEMMED, p.add(text));
    }
    case 'phrase': {
      const columns = only ?? (node.field ? columnsForField(node.field) : SEARCH_COLUMNS);
      const text = lexemes(node.words);
      if (!text) return 'FALSE';
      return anyColumn(columns, exactColumn, 'exact', EXACT, p.add(text));
    }
    case 'and':
      return `(${node.children.map((c) => compileCondition(c, p, only)).join(' AND ')})`;
    case 'or':
      return `(${node.children.map((c) => compileCondition(c, p, only)).join(' OR ')})`;
    case 'not':
      return `(NOT ${compileCondition(node.child, p, only)})`;
  }
}

function anyColumn(
  columns: readonly SearchColumn[] | null,
  vector: (c: SearchColumn) => string,
  all: string,
  config: string,
  param: string,
): string {
  const query = `to_tsquery('${config}', ${param})`;
  if (!columns) return `s.${all} @@ ${query}`;
  return `(${columns.map((c) => `s.${vector(c)} @@ ${query}`).join(' OR ')})`;
}

/**
 * The words a document is ranked and highlighted by: every word the query asks for (not those
 * it excludes), ORed, stemmed. Null when the query only excludes.
 */
export function rankingQuery(node: QueryNode): string | null {
  const parts: string[] = [];
  const walk = (n: QueryNode): void => {
    switch (n.kind) {
      case 'term': {
        const text = lexemes([n.value], n.prefix);
        if (text) parts.push(text);
        return;
      }
      case 'phrase': {
        // Kept a phrase, so ts_headline marks the phrase rather than each of its words.
        const text = lexemes(n.words);
        if (text) parts.push(n.words.length > 1 ? `(${text})` : text);
        return;
      }
      case 'and':
      case 'or':
        n.children.forEach(walk);
        return;
      case 'not':
        return;
    }
  };
  walk(node);
  const unique = [...new Set(parts)];
  return unique.length ? unique.join(' | ') : null;
}
