import { dayBounds } from '../domain/dates.js';
import { type ParsedQuery, type QueryField, type QueryNode, QUERY_FIELDS, QuerySyntaxError } from './ast.js';
import { indexWords, spellsLetters } from './fold.js';

export const MAX_QUERY_LENGTH = 1000;
const MAX_CLAUSES = 64;

type Token =
  | { t: 'word'; text: string; pos: number }
  | { t: 'phrase'; text: string; pos: number }
  | { t: 'field'; field: QueryField | 'date'; pos: number }
  /** `text` as typed ("-" or "NOT"), for messages. */
  | { t: 'not'; text: string; pos: number }
  | { t: 'or' | 'lparen' | 'rparen'; pos: number };

const FIELD_NAMES = new Set<string>([...QUERY_FIELDS, 'date']);

/**
 * Parses the query language of CONTRACT.md: words ANDed, "phrases", OR, -exclusion, prefix*,
 * fields (title: author: to: person: place: type: collection: topic: text:) and date:A..B.
 * Parentheses group. Control characters are treated as spaces; anything malformed throws
 * QuerySyntaxError with a message meant for the person who typed it.
 */
export function parseQuery(input: string): ParsedQuery {
  if (input.length > MAX_QUERY_LENGTH) {
    throw new QuerySyntaxError(`The query is too long (${input.length} characters; at most ${MAX_QUERY_LENGTH}).`);
  }
  const tokens = tokenize(input.replace(/[\p{Cc}\p{Cf}]/gu, ' '));
  const parser = new Parser(tokens);
  return parser.parse();
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '(' || ch === ')') {
      tokens.push({ t: ch === '(' ? 'lparen' : 'rparen', pos: i });
      i++;
      continue;
    }
    if (ch === '"' || ch === '“' || ch === '”') {
      const close = findClosingQuote(input, i + 1);
      if (close < 0) throw new QuerySyntaxError(`A quotation mark at position ${i + 1} is never closed.`, i);
      tokens.push({ t: 'phrase', text: input.slice(i + 1, close), pos: i });
      i = close + 1;
      continue;
    }
    const atWordStart = i === 0 || /[\s(]/.test(input[i - 1]!);
    if (ch === '-' && atWordStart && i + 1 < input.length && /[\p{L}\p{N}"“(]/u.test(input[i + 1]!)) {
      tokens.push({ t: 'not', text: '-', pos: i });
      i++;
      continue;
    }
    let j = i;
    while (j < input.length && !/[\s()"“”]/.test(input[j]!)) j++;
    const text = input.slice(i, j);
    const field = /^([A-Za-z]+):(.*)$/.exec(text);
    if (field && FIELD_NAMES.has(field[1]!.toLowerCase())) {
      tokens.push({ t: 'field', field: field[1]!.toLowerCase() as QueryField | 'date', pos: i });
      if (field[2]) tokens.push({ t: 'word', text: field[2], pos: i + field[1]!.length + 1 });
    } else if (text === 'OR' || text === '|') {
      tokens.push({ t: 'or', pos: i });
    } else if (text === 'NOT' || (text === '-' && input.slice(j).trim() === '')) {
      // A trailing "-" is an exclusion with nothing to exclude; elsewhere a lone dash is punctuation.
      tokens.push({ t: 'not', text, pos: i });
    } else if (text !== 'AND' && text !== '&&') {
      tokens.push({ t: 'word', text, pos: i });
    }
    i = j;
  }
  return tokens;
}

function findClosingQuote(input: string, from: number): number {
  for (let k = from; k < input.length; k++) {
    const c = input[k];
    if (c === '"' || c === '”' || c === '“') return k;
  }
  return -1;
}

class Parser {
  private index = 0;
  private clauses = 0;
  private readonly dateRanges: ParsedQuery['dateRanges'] = [];

  constructor(private readonly tokens: Token[]) {}

  parse(): ParsedQuery {
    const children = this.sequence(0);
    if (this.index < this.tokens.length) {
      const token = this.tokens[this.index]!;
      throw new QuerySyntaxError(`Unexpected ")" at position ${token.pos + 1}: it closes no "(".`, token.pos);
    }
    return { root: combineAnd(children), dateRanges: this.dateRanges };
  }

  /** Clauses ANDed together until ")" or the end. `depth` 0 is the top level. */
  private sequence(depth: number): QueryNode[] {
    const nodes: QueryNode[] = [];
    while (this.index < this.tokens.length && this.peek()!.t !== 'rparen') {
      const node = this.orExpression(depth);
      if (node) nodes.push(node);
    }
    return nodes;
  }

  private orExpression(depth: number): QueryNode | null {
    const first = this.peek()!;
    if (first.t === 'or') throw new QuerySyntaxError(`"OR" at position ${first.pos + 1} needs a word before it.`, first.pos);
    const alternatives: (QueryNode | null)[] = [this.unary(depth)];
    while (this.peek()?.t === 'or') {
      const or = this.next()!;
      const following = this.peek();
      if (!following || following.t === 'or' || following.t === 'rparen') {
        throw new QuerySyntaxError(`"OR" at position ${or.pos + 1} needs a word after it.`, or.pos);
      }
      alternatives.push(this.unary(depth, true));
    }
    if (alternatives.length === 1) return alternatives[0]!;
    if (alternatives.some((n) => n?.kind === 'not')) {
      throw new QuerySyntaxError('An excluded term cannot be one side of "OR".');
    }
    const kept = alternatives.filter((n): n is QueryNode => n !== null);
    if (kept.length !== alternatives.length) {
      // A side of OR that held only punctuation would silently turn "a OR ?" into "a".
      throw new QuerySyntaxError('Each side of "OR" needs a word with letters or digits.');
    }
    return { kind: 'or', children: kept.flatMap((n) => (n.kind === 'or' ? n.children : [n])) };
  }

  private unary(depth: number, inOr = false): QueryNode | null {
    const token = this.peek()!;
    if (token.t === 'not') {
      this.next();
      const operand = this.peek();
      if (!operand || operand.t === 'or' || operand.t === 'rparen' || operand.t === 'not') {
        throw new QuerySyntaxError(`"${token.text}" at position ${token.pos + 1} needs a word right after it.`, token.pos);
      }
      if (inOr || this.peek(1)?.t === 'or') {
        throw new QuerySyntaxError(`An excluded term (position ${token.pos + 1}) cannot be one side of "OR".`, token.pos);
      }
      if (operand.t === 'field' && operand.field === 'date') {
        throw new QuerySyntaxError('A date range cannot be excluded; use date:A..B for the range you want.', operand.pos);
      }
      const child = this.primary(depth, true);
      return child ? { kind: 'not', child } : null;
    }
    return this.primary(depth, inOr);
  }

  private primary(depth: number, restricted: boolean): QueryNode | null {
    const token = this.next()!;
    if (++this.clauses > MAX_CLAUSES) throw new QuerySyntaxError(`The query has too many terms (at most ${MAX_CLAUSES}).`);
    switch (token.t) {
      case 'word':
        return wordNode(token.text);
      case 'phrase':
        return phraseNode(token.text);
      case 'lparen': {
        const inner = this.sequence(depth + 1);
        const close = this.next();
        if (!close || close.t !== 'rparen') throw new QuerySyntaxError(`A "(" at position ${token.pos + 1} is never closed.`, token.pos);
        if (inner.length === 0) return null;
        return combineAnd(inner);
      }
      case 'field':
        return this.fieldValue(token, depth, restricted);
      case 'rparen':
        throw new QuerySyntaxError(`Unexpected ")" at position ${token.pos + 1}.`, token.pos);
      case 'or':
      case 'not':
        throw new QuerySyntaxError(`Unexpected operator at position ${token.pos + 1}.`, token.pos);
    }
  }

  private fieldValue(token: Extract<Token, { t: 'field' }>, depth: number, restricted: boolean): QueryNode | null {
    const value = this.peek();
    if (!value || (value.t !== 'word' && value.t !== 'phrase')) {
      throw new QuerySyntaxError(`"${token.field}:" at position ${token.pos + 1} needs a value right after it.`, token.pos);
    }
    this.next();
    if (token.field === 'date') {
      if (depth > 0 || restricted) {
        throw new QuerySyntaxError('date: narrows the whole query, so it cannot sit inside parentheses or "OR".', token.pos);
      }
      this.dateRanges.push(parseDateRange(value.text));
      return null;
    }
    const node = value.t === 'phrase' ? phraseNode(value.text) : wordNode(value.text);
    return node ? withField(node, token.field) : null;
  }

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.index + offset];
  }

  private next(): Token | undefined {
    return this.tokens[this.index++];
  }
}

function wordNode(raw: string): QueryNode | null {
  const prefix = raw.endsWith('*');
  const typed = prefix ? raw.replace(/\*+$/, '') : raw;
  const words = indexWords(typed);
  if (words.length === 0) return null;
  if (words.length === 1) return spellsLetters(typed) ? { kind: 'term', value: words[0]!, prefix, spelled: true } : { kind: 'term', value: words[0]!, prefix };
  // "e-mail" or "Khrushchev's": the index holds adjacent words, so match them as a phrase.
  if (prefix) {
    return { kind: 'and', children: [{ kind: 'phrase', words: words.slice(0, -1) }, { kind: 'term', value: words.at(-1)!, prefix: true }] };
  }
  return { kind: 'phrase', words };
}

function phraseNode(raw: string): QueryNode | null {
  const words = indexWords(raw);
  if (words.length === 0) return null;
  if (words.length === 1) return { kind: 'phrase', words };
  return { kind: 'phrase', words };
}

function withField(node: QueryNode, field: QueryField): QueryNode {
  switch (node.kind) {
    case 'term':
    case 'phrase':
      return { ...node, field };
    case 'and':
    case 'or':
      return { ...node, children: node.children.map((c) => withField(c, field)) };
    case 'not':
      return { kind: 'not', child: withField(node.child, field) };
  }
}

function combineAnd(nodes: QueryNode[]): QueryNode | null {
  const flat = nodes.flatMap((n) => (n.kind === 'and' ? n.children : [n]));
  if (flat.length === 0) return null;
  if (flat.length === 1) return flat[0]!;
  return { kind: 'and', children: flat };
}

/** `1963`, `1962-10`, `1962-10-01`, `1962-10..1962-11`, `1962..`, `..1963`, `1962/1963`. */
export function parseDateRange(text: string): { from?: string; to?: string } {
  const parts = text.includes('..') ? text.split('..') : text.split('/');
  if (parts.length > 2) throw new QuerySyntaxError(`"date:${text}" is not a date range; write date:1962-10..1962-11.`);
  const [a = '', b = a] = parts.length === 1 ? [parts[0]!, parts[0]!] : parts;
  const range: { from?: string; to?: string } = {};
  if (a !== '') {
    const bounds = dayBounds(a);
    if (!bounds) throw new QuerySyntaxError(`"${a}" in date:${text} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD.`);
    range.from = bounds.first;
  }
  if (b !== '') {
    const bounds = dayBounds(b);
    if (!bounds) throw new QuerySyntaxError(`"${b}" in date:${text} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD.`);
    range.to = bounds.last;
  }
  if (!range.from && !range.to) throw new QuerySyntaxError(`date:${text} names no date.`);
  if (range.from && range.to && range.from > range.to) {
    throw new QuerySyntaxError(`date:${text} ends before it starts.`);
  }
  return range;
}
