/**
 * A validating JSON scanner over bytes. It finds where values start and end without building
 * them, so a large export is checked completely (a syntax error is reported with its line and
 * column before anything is stored) and then parsed one document at a time, instead of one
 * JSON.parse holding the whole archive in memory.
 */

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

export interface Span {
  start: number;
  end: number;
}

/** Nesting beyond this is not a document; refusing it keeps recursion off the stack limit. */
const MAX_DEPTH = 500;

const QUOTE = 0x22;
const COMMA = 0x2c;
const COLON = 0x3a;
const BACKSLASH = 0x5c;

export function skipWhitespace(b: Uint8Array, i: number): number {
  while (i < b.length) {
    const c = b[i];
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    i++;
  }
  return i;
}

/** Index just past the value starting at `i` (no leading whitespace), or throws. */
export function skipValue(b: Uint8Array, i: number, depth = 0): number {
  const c = b[i];
  if (c === 0x7b) return scanObject(b, i, depth);
  if (c === 0x5b) return scanArray(b, i, depth);
  if (c === QUOTE) return skipString(b, i);
  if (c === 0x74) return expectWord(b, i, 'true');
  if (c === 0x66) return expectWord(b, i, 'false');
  if (c === 0x6e) return expectWord(b, i, 'null');
  if (c === 0x2d || (c !== undefined && c >= 0x30 && c <= 0x39)) return skipNumber(b, i);
  throw new JsonSyntaxError(`${unexpected(b, i)}, expected a value`, i);
}

/** Scans an array starting at `i`; `onItem` sees each element's span. Returns the index past `]`. */
export function scanArray(b: Uint8Array, i: number, depth: number, onItem?: (span: Span) => void): number {
  if (depth >= MAX_DEPTH) throw new JsonSyntaxError(`nesting deeper than ${MAX_DEPTH} levels`, i);
  i = skipWhitespace(b, i + 1);
  if (b[i] === 0x5d) return i + 1;
  for (;;) {
    const start = i;
    i = skipValue(b, i, depth + 1);
    onItem?.({ start, end: i });
    i = skipWhitespace(b, i);
    if (b[i] === 0x5d) return i + 1;
    if (b[i] !== COMMA) throw new JsonSyntaxError(`${unexpected(b, i)}, expected ',' or ']'`, i);
    i = skipWhitespace(b, i + 1);
  }
}

/**
 * Scans an object starting at `i`. `onMember` gets each key's span and the value's start and
 * returns the index past the value (scanning it however it likes); by default values are skipped.
 */
export function scanObject(b: Uint8Array, i: number, depth: number, onMember?: (key: Span, valueStart: number) => number): number {
  if (depth >= MAX_DEPTH) throw new JsonSyntaxError(`nesting deeper than ${MAX_DEPTH} levels`, i);
  i = skipWhitespace(b, i + 1);
  if (b[i] === 0x7d) return i + 1;
  for (;;) {
    if (b[i] !== QUOTE) throw new JsonSyntaxError(`${unexpected(b, i)}, expected a property name in double quotes`, i);
    const key = { start: i, end: skipString(b, i) };
    i = skipWhitespace(b, key.end);
    if (b[i] !== COLON) throw new JsonSyntaxError(`${unexpected(b, i)}, expected ':'`, i);
    i = skipWhitespace(b, i + 1);
    i = onMember ? onMember(key, i) : skipValue(b, i, depth + 1);
    i = skipWhitespace(b, i);
    if (b[i] === 0x7d) return i + 1;
    if (b[i] !== COMMA) throw new JsonSyntaxError(`${unexpected(b, i)}, expected ',' or '}'`, i);
    i = skipWhitespace(b, i + 1);
  }
}

function skipString(b: Uint8Array, i: number): number {
  const open = i;
  i++;
  while (i < b.length) {
    const c = b[i]!;
    if (c === QUOTE) return i + 1;
    if (c === BACKSLASH) {
      const e = b[i + 1];
      if (e === 0x75) {
        for (let k = 2; k < 6; k++) {
          if (!isHex(b[i + k])) throw new JsonSyntaxError('invalid \\u escape in string: expected four hex digits', i);
        }
        i += 6;
        continue;
      }
      // " \ / b f n r t
      if (e === QUOTE || e === BACKSLASH || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) {
        i += 2;
        continue;
      }
      throw new JsonSyntaxError('invalid escape in string', i);
    }
    if (c < 0x20) throw new JsonSyntaxError('control character in string (line breaks inside strings must be written \\n)', i);
    i++;
  }
  throw new JsonSyntaxError('string is never closed', open);
}

function skipNumber(b: Uint8Array, i: number): number {
  const start = i;
  if (b[i] === 0x2d) i++;
  if (b[i] === 0x30) i++;
  else if (isDigit(b[i]) && b[i] !== 0x30) while (isDigit(b[i])) i++;
  else throw new JsonSyntaxError('invalid number', start);
  if (b[i] === 0x2e) {
    i++;
    if (!isDigit(b[i])) throw new JsonSyntaxError('invalid number: expected a digit after "."', start);
    while (isDigit(b[i])) i++;
  }
  if (b[i] === 0x65 || b[i] === 0x45) {
    i++;
    if (b[i] === 0x2b || b[i] === 0x2d) i++;
    if (!isDigit(b[i])) throw new JsonSyntaxError('invalid number: expected a digit in the exponent', start);
    while (isDigit(b[i])) i++;
  }
  return i;
}

function expectWord(b: Uint8Array, i: number, word: string): number {
  for (let k = 0; k < word.length; k++) {
    if (b[i + k] !== word.charCodeAt(k)) throw new JsonSyntaxError(`${unexpected(b, i)}, expected a value`, i);
  }
  return i + word.length;
}

const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;
const isHex = (c: number | undefined): boolean =>
  c !== undefined && ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66));

function unexpected(b: Uint8Array, i: number): string {
  const c = b[i];
  if (c === undefined) return 'unexpected end of file';
  if (c >= 0x21 && c < 0x7f) return `unexpected '${String.fromCharCode(c)}'`;
  return 'unexpected character';
}

/** 1-based line and column (in characters) of a byte offset. */
export function lineColumn(b: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < b.length; i++) {
    if (b[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const prefix = new TextDecoder().decode(b.subarray(lineStart, offset));
  return { line, column: [...prefix].length + 1 };
}
