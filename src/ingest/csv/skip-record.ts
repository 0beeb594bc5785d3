import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';

/**
 * Quoting that breaks inside a row being skipped: the rest of the file cannot be read, as when
 * csv-parse meets it. `code` is csv-parse's code for the same fault; `bytes` is where the field
 * starts in the text (the file less its byte-order mark), `column` its index in the row.
 */
export class BrokenQuoting extends Error {
  constructor(
    readonly code: 'CSV_QUOTE_NOT_CLOSED' | 'CSV_INVALID_CLOSING_QUOTE' | 'INVALID_OPENING_QUOTE',
    readonly bytes: number,
    readonly column: number,
    readonly got?: string,
  ) {
    super(code);
  }
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

type State = 'fieldStart' | 'unquoted' | 'quoted' | 'quoteInQuoted' | 'afterCr';

/**
 * Finds where a CSV row ends, reading its text piece by piece and keeping none of it, as
 * csv-parse reads it (with the reader's options): a quote opens a field only at its start; inside
 * quotes a line end or delimiter is text and `""` is a quote; a closing quote is followed by a
 * delimiter, a line end or the end of the file; CRLF, LF and CR each end the row. Starts at
 * the row's first character.
 */
export class RowEndScanner {
  private state: State = 'fieldStart';
  private column = 0;
  private fieldStart: number;
  private readonly delimiter: number;

  /** `bytes`: where the row starts in the text, in UTF-8 bytes (for the place of broken quoting). */
  constructor(delimiter: string, private bytes: number) {
    this.delimiter = delimiter.charCodeAt(0);
    this.fieldStart = bytes;
  }

  /**
   * Reads the next piece of the row; returns the index in `text` just past the row's line end,
   * or -1 when the row goes on past `text`. Throws {@link BrokenQuoting}.
   */
  push(text: string): number {
    const delimiter = this.delimiter;
    let state = this.state;
    let bytes = this.bytes;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      switch (state) {
        case 'afterCr':
          // A CR ended the row (maybe at the end of the last piece); an LF right after it is
          // part of the same line end.
          return c === LF ? i + 1 : i;
        case 'quoted':
          if (c === QUOTE) state = 'quoteInQuoted';
          break;
        case 'quoteInQuoted':
          if (c === QUOTE) state = 'quoted';
          else if (c === delimiter) state = this.nextField(bytes + utf8Length(c));
          else if (c === LF) return i + 1;
          else if (c === CR) state = 'afterCr';
          else throw new BrokenQuoting('CSV_INVALID_CLOSING_QUOTE', this.fieldStart, this.column, String.fromCodePoint(text.codePointAt(i)!));
          break;
        case 'fieldStart':
        case 'unquoted':
          if (c === delimiter) state = this.nextField(bytes + utf8Length(c));
          else if (c === LF) return i + 1;
          else if (c === CR) state = 'afterCr';
          else if (c === QUOTE) {
            if (state === 'unquoted') throw new BrokenQuoting('INVALID_OPENING_QUOTE', this.fieldStart, this.column);
            state = 'quoted';
          } else state = 'unquoted';
          break;
      }
      bytes += utf8Length(c);
    }
    this.state = state;
    this.bytes = bytes;
    return -1;
  }

  /** The text has ended (the row with it, unless a quote is open). */
  end(): void {
    if (this.state === 'quoted') throw new BrokenQuoting('CSV_QUOTE_NOT_CLOSED', this.fieldStart, this.column);
  }

  /** A delimiter outside quotes: the next field starts at byte `start`. */
  private nextField(start: number): State {
    this.column++;
    this.fieldStart = start;
    return 'fieldStart';
  }
}

/**
 * UTF-8 bytes of a UTF-16 code unit in valid text: a surrogate pair counts 4 on its first half.
 */
function utf8Length(c: number): number {
  if (c < 0x80) return 1;
  if (c < 0x800) return 2;
  if (c >= 0xd800 && c <= 0xdbff) return 4;
  if (c >= 0xdc00 && c <= 0xdfff) return 0;
  return 3;
}

/**
 * Skips the row that starts at byte `start` of the text (the file less its byte-order mark), and
 * returns the text after it that was read with it. The part of the row already taken from
 * `source` (to byte `taken`) is read again from the file, a piece at a time, rather than kept in
 * memory while the parser held it; the rest is taken from `source`. `pulled` is how many bytes
 * of text were taken from `source`.
 */
export async function skipRow(
  path: string,
  delimiter: string,
  start: number,
  taken: number,
  source: AsyncIterator<string>,
): Promise<{ after: string[]; pulled: number }> {
  const scanner = new RowEndScanner(delimiter, start);
  const after: string[] = [];
  let ended = false;
  const take = (text: string): void => {
    if (ended) {
      after.push(text);
      return;
    }
    const end = scanner.push(text);
    if (end >= 0) {
      ended = true;
      if (end < text.length) after.push(text.slice(end));
    }
  };
  if (start < taken) {
    const bom = await byteOrderMarkLength(path);
    // The bytes were decoded before, so they are whole characters; a U+FEFF here is text.
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    for await (const bytes of createReadStream(path, { start: bom + start, end: bom + taken - 1 }) as AsyncIterable<Buffer>) {
      const text = decoder.decode(bytes, { stream: true });
      if (text) take(text);
    }
    const rest = decoder.decode();
    if (rest) take(rest);
  }
  let pulled = 0;
  while (!ended) {
    const next = await source.next();
    if (next.done) {
      scanner.end();
      break;
    }
    pulled += Buffer.byteLength(next.value);
    take(next.value);
  }
  return { after, pulled };
}

async function byteOrderMarkLength(path: string): Promise<number> {
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(3);
    const { bytesRead } = await file.read(head, 0, 3, 0);
    return bytesRead === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  } finally {
    await file.close();
  }
}
