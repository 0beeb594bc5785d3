import { createReadStream } from 'node:fs';
import { basename, extname } from 'node:path';
import { type CastingContext, CsvError, type Parser, parse } from 'csv-parse';
import { MAX_RECORD_CHARS, slugify } from '../../domain/index.js';
import { errorMessage, fileStem } from '../files.js';
import { namesList } from '../errors.js';
import { type ReadOptions, type RecordOutcome, SourceFileError } from '../format.js';
import { RepeatedIds } from '../repeated-ids.js';
import { readUtf8Chunks } from '../xml/utf8-stream.js';
import { buildMappedRecord, columnsUsed, defaultCsvMapping, defaultMappingConflict, findMappingFile, loadMapping, type Mapping } from './mapping.js';
import { unguardFormula } from './formula.js';
import { BrokenQuoting, skipRow } from './skip-record.js';

/**
 * Reads a CSV (or TSV) file row by row: the file is streamed through csv-parse, so 8,935 rows
 * never sit in memory as one string. The header row names the columns; a mapping (explicit,
 * `<file>.mapping.json`, `archivum-mapping.json`, or the default from the header names) turns
 * each row into a document. A row that cannot become a record is reported with its row number
 * (spreadsheet numbering: the header is row 1, blank lines count) and the rest go on; rows with
 * no value at all are passed over. Line ends may be CRLF, LF or
 * CR, mixed in one file. A row longer than one record may hold fails alone: csv-parse refuses it
 * as it grows, its end is found by a quote-aware scan that keeps none of it, and a new parser
 * reads the rows after it. Broken quoting makes the rest of the file unreadable: the rows before
 * it are yielded as usual, then the file fails, naming the line where the broken value starts.
 */
export async function* readCsv(path: string, options: ReadOptions = {}): AsyncGenerator<RecordOutcome> {
  const mappingPath = findMappingFile(path, 'csv', options.mappingFile);
  const explicit: Mapping | undefined = mappingPath ? loadMapping(mappingPath) : undefined;
  const delimiter = explicit?.delimiter ?? (extname(path).toLowerCase() === '.tsv' ? '\t' : ',');
  const parsed: string[][] = [];
  let parser = csvParser(delimiter, true, parsed);

  const fileSlug = slugify(fileStem(path), 100) || 'file';
  const fileName = basename(path);
  let headers: string[] | undefined;
  let mapping: Mapping | undefined;
  let row = 0;
  const seen = new RepeatedIds();

  function* rows(): Generator<RecordOutcome> {
    for (const fields of parsed.splice(0)) {
      row++;
      // A blank line, or a row a spreadsheet cleared (",,,"): nothing to read, nothing to report.
      if (fields.every((f) => f.trim() === '')) continue;
      if (!headers) {
        headers = fields.map((h, i) => h.trim() || `column ${i + 1}`);
        mapping = explicit ?? defaultCsvMapping(headers);
        checkMapping(path, mappingPath, mapping, headers, delimiter);
        const conflict = explicit ? null : defaultMappingConflict(headers);
        if (conflict) throw new SourceFileError(path, conflict);
        continue;
      }
      const label = `row ${row}`;
      if (fields.length !== headers.length) {
        yield { ok: false, label, reason: `has ${fields.length} fields, the header has ${headers.length}` };
        continue;
      }
      const cells = new Map<string, string>();
      headers.forEach((h, i) => {
        if (!cells.has(h)) cells.set(h, unguardFormula(fields[i]!));
      });
      try {
        const record = buildMappedRecord(
          mapping!,
          { get: (c) => cells.get(c), fileSlug, fileName, position: row },
          { collection: options.collection },
        );
        const repeated = seen.refusal(record.document.id, label, 'map a unique id');
        yield repeated ? { ok: false, label, reason: repeated } : { ok: true, label, record };
      } catch (error) {
        yield { ok: false, label, reason: errorMessage(error) };
      }
    }
  }

  const source = readUtf8Chunks(path)[Symbol.asyncIterator]();
  // Offsets are UTF-8 bytes of the text (the file less its byte-order mark), as csv-parse counts.
  let taken = 0; // the text taken from the file so far
  let base = 0; // where the current parser's text starts: after the last row too long to read
  let carried: string[] = []; // text read with a skipped row, for the next parser
  let fedLineEnd = false;
  try {
    try {
      for (;;) {
        let chunk: string | null;
        if (carried.length) chunk = carried.shift()!;
        else {
          const next = await source.next();
          chunk = next.done ? null : next.value;
          if (chunk !== null) taken += Buffer.byteLength(chunk);
        }
        if (chunk !== null) fedLineEnd = chunk.endsWith('\n') || chunk.endsWith('\r');
        const error = await feed(parser.parser, chunk);
        yield* rows();
        if (error) {
          fedLineEnd = false;
          // A row too long to hold is well formed all the same: it fails alone, and the rows after
          // it are read by a new parser. The header row cannot fail alone.
          const tooLarge = (error instanceof CsvError && error.code === 'CSV_MAX_RECORD_SIZE') || error instanceof TooManyFields;
          if (!(tooLarge && headers)) throw await unreadable(path, error, headers, base);
          parser.parser.destroy();
          let skipped: Awaited<ReturnType<typeof skipRow>>;
          try {
            skipped = await skipRow(path, delimiter, base + parser.rowStart, taken, source);
          } catch (broken) {
            throw broken instanceof BrokenQuoting ? await unreadable(path, broken, headers, 0) : broken;
          }
          taken += skipped.pulled;
          carried = skipped.after;
          base = taken - carried.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
          parser = csvParser(delimiter, false, parsed);
          row++;
          yield { ok: false, label: `row ${row}`, reason: error instanceof TooManyFields ? `has more than ${MAX_FIELDS.toLocaleString('en')} fields, the most a row may have` : `is longer than ${MAX_RECORD_CHARS.toLocaleString('en')} characters, the most one record may hold` };
          continue;
        }
        if (chunk === null) break;
      }
    } catch (error) {
      // The file stopped being readable (a bad byte) just after a line end: csv-parse still holds
      // the row before it, waiting to rule out a longer line end. That row is whole: release it.
      if (error instanceof SourceFileError && fedLineEnd) {
        fedLineEnd = false;
        await feed(parser.parser, null);
        yield* rows();
      }
      throw error;
    }
  } finally {
    parser.parser.destroy();
    await source.return?.(undefined);
  }
  if (!headers) throw new SourceFileError(path, 'the CSV file is empty (no header row)');
}

/** The most fields a row may have: a spreadsheet's columns (16,384 in Excel and LibreOffice). */
export const MAX_FIELDS = 16_384;

/** A row with more than {@link MAX_FIELDS} fields, stopped while csv-parse reads it. */
class TooManyFields extends Error {
  constructor() {
    super(`more than ${MAX_FIELDS} fields`);
  }
}

/** A csv-parse parser and where, in its text, the row it is reading starts. */
interface RowParser {
  parser: Parser;
  rowStart: number;
}

/**
 * A parser for the reader's options that hands its rows to `parsed`. The first one of a file
 * drops a byte-order mark; one that starts after a skipped row reads a U+FEFF there as text.
 */
function csvParser(delimiter: string, first: boolean, parsed: string[][]): RowParser {
  const state: RowParser = {
    rowStart: 0,
    parser: parse({
      delimiter,
      relax_column_count: true,
      bom: first,
      // Blank lines are rows too, as a spreadsheet numbers them; rows() passes over empty ones.
      skip_empty_lines: false,
      // Files edited on several systems mix line ends. Without this list csv-parse keeps the first
      // one it meets and takes a quote before any other for broken quoting. CRLF must come first,
      // or it would read as CR and an empty line.
      record_delimiter: ['\r\n', '\n', '\r'],
      // A row is at most what one record may hold: a 450 MB cell is refused as it grows, before
      // it becomes one string (which in the reader thread would abort the process).
      max_record_size: MAX_RECORD_CHARS,
      // max_record_size counts the characters of the fields, not the fields: a line of 60 million
      // delimiters stays under it while csv-parse builds an array of 60 million empty strings,
      // which exhausts the heap. Each field passes through cast, which can stop the row in time.
      cast: (value: string, context: CastingContext) => {
        if (context.index >= MAX_FIELDS) throw new TooManyFields();
        return value;
      },
      // Rows are taken from on_record as csv-parse finishes them, not from its stream: a stream
      // that fails throws away the rows it has parsed but not yet handed on, and those must land.
      on_record: (fields: string[], context) => {
        parsed.push(fields);
        // Where the next row starts: past this one's line end.
        state.rowStart = context.bytes;
        return null;
      },
    }),
  };
  // A parse error reaches us through the write callback; without a listener it would also be
  // thrown as an uncaught 'error' event.
  state.parser.on('error', () => undefined);
  return state;
}

/** Gives the parser a chunk (null: the end of the file); resolves with the parse error, if any. */
function feed(parser: Parser, chunk: string | null): Promise<Error | undefined> {
  return new Promise((resolve) => {
    const done = (error?: Error | null): void => resolve(error ?? undefined);
    if (chunk === null) parser.end(done);
    else parser.write(chunk, done);
  });
}

/**
 * The file-level failure for a parse error, located by the byte where the broken value starts
 * (`base`: where the text of the parser that met it starts). csv-parse's own line numbers will
 * not do: an unclosed quote is reported at the end of the file (line 2,000,002 for a quote opened
 * on line 2), and a CRLF inside a quoted value or a blank CRLF line counts twice.
 */
async function unreadable(path: string, error: Error, headers: readonly string[] | undefined, base: number): Promise<Error> {
  if (error instanceof TooManyFields) return new SourceFileError(path, `not readable as CSV: the header row has more than ${MAX_FIELDS.toLocaleString('en')} fields, the most a row may have`);
  if (!(error instanceof CsvError) && !(error instanceof BrokenQuoting)) return error;
  const at = typeof error.bytes === 'number' ? await locate(path, base + error.bytes) : undefined;
  const index = typeof error.column === 'number' ? error.column : undefined;
  const column = index === undefined ? 'a value' : headers?.[index] !== undefined ? `column "${headers[index]}"` : `field ${index + 1}`;
  const where = at ? `line ${at.line.toLocaleString('en')}` : 'a line';
  const kept = headers ? '; the rows before it were read, the rest of the file was not' : '';
  let reason: string;
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      reason = `the quote that opens ${column} at ${where} is never closed, so the rest of the file${at ? ` (to line ${at.lastLine.toLocaleString('en')})` : ''} would be one value`;
      break;
    case 'CSV_INVALID_CLOSING_QUOTE': {
      const got = error instanceof BrokenQuoting ? error.got : /got "([\s\S]*?)" at line/.exec(error.message)?.[1];
      reason = `the quoted value that opens ${column} at ${where} is followed by ${got === undefined ? 'text' : JSON.stringify(got)} instead of a delimiter or a line end (a quote inside a quoted value is written twice: "")`;
      break;
    }
    case 'INVALID_OPENING_QUOTE':
      reason = `${column} at ${where} has a quote inside a value that does not start with one (quote the whole value and write the quote twice: "a ""b"" c")`;
      break;
    case 'CSV_MAX_RECORD_SIZE':
      reason = `the row at ${where} is longer than ${MAX_RECORD_CHARS.toLocaleString('en')} characters, the most one record may hold`;
      break;
    default:
      reason = `at ${where}: ${error.message}`;
  }
  return new SourceFileError(path, `not readable as CSV: ${reason}${kept}`);
}

/**
 * The line holding byte `offset` of the text the parser saw (the file less its byte-order mark),
 * past any line ends there (an offset just after a row's end stands for the next row), and the
 * file's last line. CRLF, LF and CR each end one line. Reads the file again: this only runs
 * when the file has failed.
 */
async function locate(path: string, offset: number): Promise<{ line: number; lastLine: number }> {
  let line = 1;
  let found: number | undefined;
  let position = 0;
  let previous = 0;
  let target = offset;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++, position++) {
      const byte = chunk[i]!;
      if (position === 0 && byte === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) target += 3;
      const lineEnd = byte === 0x0d || (byte === 0x0a && previous !== 0x0d);
      if (found === undefined && position >= target && byte !== 0x0d && byte !== 0x0a) found = line;
      if (lineEnd) line++;
      previous = byte;
    }
  }
  // A file that ends with a line end has no line after it.
  const lastLine = previous === 0x0d || previous === 0x0a ? line - 1 : line;
  return { line: found ?? lastLine, lastLine };
}

function checkMapping(path: string, mappingPath: string | undefined, mapping: Mapping, headers: string[], delimiter: string): void {
  const present = new Set(headers);
  const used = columnsUsed(mapping);
  const twice = used.find((c) => headers.indexOf(c) !== headers.lastIndexOf(c));
  if (twice !== undefined) {
    const at = headers.flatMap((h, i) => (h === twice ? [i + 1] : []));
    throw new SourceFileError(path, `the header names column "${twice}" ${at.length} times (columns ${namesList(at.map(String))}), and only one could be read; rename the others`);
  }
  const missing = used.filter((c) => !present.has(c));
  if (missing.length) {
    const which = mappingPath ? `the mapping ${basename(mappingPath)}` : 'the default mapping';
    throw new SourceFileError(path, `${which} reads column${missing.length > 1 ? 's' : ''} ${namesList(missing.map((m) => `"${m}"`))}, which the file does not have (columns: ${namesList(headers)})${delimiterHint(headers, delimiter)}`);
  }
  if (!mapping.fields.title) {
    throw new SourceFileError(
      path,
      `no column gives a title (columns: ${namesList(headers)}); add a "title" column or a mapping file (see docs/importers.md)${delimiterHint(headers, delimiter)}`,
    );
  }
}

/**
 * Why a header may have come out as one column: it is separated by another character (European
 * Excel saves "CSV" with semicolons). Empty when the header was split.
 */
function delimiterHint(headers: string[], delimiter: string): string {
  if (headers.length !== 1) return '';
  const other = [';', '\t', ',', '|'].find((d) => d !== delimiter && headers[0]!.includes(d));
  if (!other) return '';
  const name = other === '\t' ? 'tabs' : `"${other}"`;
  const read = delimiter === '\t' ? 'tabs' : `"${delimiter}"`;
  return `. The header looks separated by ${name}, but the file is read as separated by ${read}: give a mapping file with "delimiter": ${JSON.stringify(other)}${other === '\t' ? ', or name the file .tsv' : ''}`;
}
