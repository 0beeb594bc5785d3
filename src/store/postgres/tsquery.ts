import type { QueryNode } from '../../search/ast.js';
import { indexWords } from '../../search/fold.js';
import { SEARCH_COLUMNS, type SearchColumn } from '../index-entry.js';
import { columnsForField } from '../query-fields.js';
import { fts5Stems, fts5Words } from './fts5-stems.js';
import { exactColumn, stemmedColumn } from './migrations.js';
import type { Params } from './sql.js';

/**
 * tsquery text for some tokens: each a quoted, escaped lexeme, so nothing typed is read as
 * tsquery syntax; adjacent (<->) when there are several. Empty when there is no token.
 */
function tokenQuery(tokens: string[], prefixLast = false): string {
  return tokens.map((w, i) => `'${w.replace(/\\/g, '\\\\').replace(/'/g, "''")}'${prefixLast && i === tokens.length - 1 ? ':*' : ''}`).join(' <-> ');
}

/** Query words as tsquery text over the exact (unstemmed) vectors. */
export function lexemes(words: string[], prefixLast = false): string {
  return tokenQuery(words.flatMap((w) => indexWords(w)), prefixLast);
}

/**
 * Compiles the query tree to a SQL condition over the alias `s` (document_search), with the
 * semantics of the SQLite store's MATCH (sqlite/search.ts): a quoted phrase matches exact words,
 * within one column; every other word matches stems (a prefix, stems beginning with its stem,
 * as FTS5 matches it).
 */
export function compileCondition(node: QueryNode, p: Params): string {
  switch (node.kind) {
    case 'phrase':
      return exactPhrase(node, p);
    case 'term':
      return compileStemmed(node, p);
    case 'and':
      return `(${node.children.map((c) => compileCondition(c, p)).join(' AND ')})`;
    case 'or':
      return `(${node.children.map((c) => compileCondition(c, p)).join(' OR ')})`;
    case 'not':
      return `(NOT ${compileCondition(node.child, p)})`;
  }
}

/**
 * A phrase of exact words. A tsvector keeps at most 256 positions of a word, so in a long text
 * "of" loses most of them and a position-based phrase would miss; the exact vectors only find
 * the rows holding every word (GIN), and the row's words, in order, decide (words_text: each
 * column's words between spaces, columns on lines of their own, so no phrase spans two).
 */
function exactPhrase(node: Extract<QueryNode, { kind: 'phrase' }>, p: Params): string {
  const words = fts5Words(node.words);
  if (!words.length) return 'FALSE';
  const columns = node.field ? columnsForField(node.field) : null;
  const every = anyColumn(columns, exactColumn, 'exact', p.add(words.map((w) => tokenQuery([w])).join(' & ')));
  if (words.length === 1) return every;
  const needle = p.add(` ${words.join(' ')} `);
  const inOrder = columns
    ? columns.map((c) => `strpos(' ' || split_part(s.words_text, E'\\n', ${SEARCH_COLUMNS.indexOf(c) + 1}) || ' ', ${needle}) > 0`).join(' OR ')
    : `strpos(s.words_text, ${needle}) > 0`;
  return `(${every} AND (${inOrder}))`;
}

/**
 * A leaf or group over the stemmed vectors; `only` restricts every leaf to those columns (the
 * headline boost, SQLite's `{title authors recipients} : (…)`).
 */
export function compileStemmed(node: QueryNode, p: Params, only?: readonly SearchColumn[]): string {
  switch (node.kind) {
    case 'term':
      return stemmedCondition([node.value], node.prefix, only ?? (node.field ? columnsForField(node.field) : null), p);
    case 'phrase':
      return stemmedCondition(node.words, false, only ?? (node.field ? columnsForField(node.field) : null), p);
    case 'and':
      return `(${node.children.map((c) => compileStemmed(c, p, only)).join(' AND ')})`;
    case 'or':
      return `(${node.children.map((c) => compileStemmed(c, p, only)).join(' OR ')})`;
    case 'not':
      return `(NOT ${compileStemmed(node.child, p, only)})`;
  }
}

/**
 * Words (a prefix, a phrase) over the stemmed vectors: the weighted all-columns vector, or the
 * given columns; a phrase of several tokens column by column, so it never runs from one column
 * into the next (as in FTS5).
 */
export function stemmedCondition(words: string[], prefix: boolean, columns: readonly SearchColumn[] | null, p: Params): string {
  const tokens = fts5Stems(words);
  if (!tokens.length) return 'FALSE';
  return anyColumn(columns ?? (tokens.length > 1 ? SEARCH_COLUMNS : null), stemmedColumn, 'fts', p.add(tokenQuery(tokens, prefix)));
}

function anyColumn(columns: readonly SearchColumn[] | null, vector: (c: SearchColumn) => string, all: string, param: string): string {
  // A tsquery value, not to_tsquery(): the tokens are FTS5's already, nothing may re-parse them.
  const query = `${param}::tsquery`;
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
