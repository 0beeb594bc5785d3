import { buildIngestRecord, documentDateSchema, RecordValidationError, stripUndefined, type BuildOptions, type DocumentDate } from '../../domain/index.js';
import { readUtf8Bytes } from '../encoding.js';
import { namesList } from '../errors.js';
import { fileId, hasExtension } from '../files.js';
import { SourceFileError, type ReadOptions, type RecordOutcome, type SourceFormat } from '../format.js';
import { RepeatedIds } from '../repeated-ids.js';
import { isDataPackageDescriptor, refuseDescriptor } from './descriptor.js';
import { addAncestorCollections, addTableRows, emptyTables, enrichDocument, isPlainObject, TABLE_NAMES, type EntityTables, type TableName } from './enrich.js';
import { JSON_FILE_EXTENSIONS, looksLikeJson } from './sniff.js';
import { JsonSyntaxError, lineColumn, scanArray, scanObject, skipValue, skipWhitespace, type Span } from './scan.js';

export const EXPORT_FORMAT = 'archivum-export';
export const EXPORT_VERSION = 1;

/** Bigger than any export we write in practice, small enough to refuse before memory runs out. */
export const MAX_JSON_BYTES = 512 * 1024 * 1024;

const LINES_EXTENSIONS = ['.jsonl', '.ndjson'];

/**
 * JSON documents in the CONTRACT's document shape: one object, an array of them, JSON Lines,
 * or an Archivum export (`{"format":"archivum-export","documents":[…],"people":[…],…}`).
 * A data-package descriptor is claimed only to be refused with its reason.
 */
export const jsonFormat: SourceFormat = {
  name: 'json',
  // By content whatever the name (an export saved as `backup.export`, records with no extension).
  sniff: (path, head) => hasExtension(path, JSON_FILE_EXTENSIONS) || looksLikeJson(head),
  read: (path, options) => (isDataPackageDescriptor(path) ? refuseDescriptor(path) : readJsonFile(path, options)),
};

export async function* readJsonFile(path: string, options: ReadOptions = {}): AsyncIterable<RecordOutcome> {
  const bytes = await readUtf8Bytes(path, { maxBytes: MAX_JSON_BYTES }).catch((error: unknown) => {
    if (error instanceof SourceFileError && /reads at most/.test(error.message)) {
      throw new SourceFileError(path, `${error.message} (split it, or write JSON Lines)`);
    }
    throw error;
  });
  const context: Context = { path, stem: fileId(path), collection: options.collection, seen: new RepeatedIds() };
  if (hasExtension(path, LINES_EXTENSIONS)) {
    yield* readLines(bytes, context);
    return;
  }
  let top: TopLevel;
  try {
    top = scanTopLevel(bytes);
  } catch (error) {
    if (error instanceof JsonSyntaxError) throw new SourceFileError(path, syntaxReason(bytes, error));
    throw error;
  }
  if (top.kind === 'array') {
    for (const [i, span] of top.items.entries()) yield toOutcome(parseSpan(bytes, span), i + 1, context, null);
    return;
  }
  const documents = top.arrays.get('documents');
  if (!documents) {
    yield toOutcome(parseSpan(bytes, top.span), 0, context, null);
    return;
  }
  checkExportHeader(bytes, top, path);
  // Tables may come before or after the documents; they are small, so read them first.
  const tables = emptyTables();
  for (const name of TABLE_NAMES) {
    for (const span of top.arrays.get(name) ?? []) addTableRows(tables, name as TableName, [parseSpan(bytes, span)]);
  }
  for (const [i, span] of documents.entries()) yield toOutcome(parseSpan(bytes, span), i + 1, context, tables);
}

interface Context {
  path: string;
  stem: string;
  collection?: string;
  seen: RepeatedIds;
}

type TopLevel = { kind: 'array'; items: Span[] } | { kind: 'object'; span: Span; arrays: Map<string, Span[]>; values: Map<string, Span> };

function scanTopLevel(b: Uint8Array): TopLevel {
  const start = skipWhitespace(b, 0);
  let top: TopLevel;
  let end: number;
  if (b[start] === 0x5b) {
    const items: Span[] = [];
    end = scanArray(b, start, 0, (span) => items.push(span));
    top = { kind: 'array', items };
  } else if (b[start] === 0x7b) {
    const arrays = new Map<string, Span[]>();
    const values = new Map<string, Span>();
    end = scanObject(b, start, 0, (key, valueStart) => {
      const name = JSON.parse(decode(b, key)) as string;
      if (b[valueStart] === 0x5b) {
        const items: Span[] = [];
        const valueEnd = scanArray(b, valueStart, 1, (span) => items.push(span));
        arrays.set(name, items);
        values.set(name, { start: valueStart, end: valueEnd });
        return valueEnd;
      }
      const valueEnd = skipValue(b, valueStart, 1);
      arrays.delete(name);
      values.set(name, { start: valueStart, end: valueEnd });
      return valueEnd;
    });
    top = { kind: 'object', span: { start, end }, arrays, values };
  } else {
    if (start < b.length) skipValue(b, start);
    throw new JsonSyntaxError(start >= b.length ? 'the file is empty' : 'expected a document object or an array of documents', start);
  }
  const rest = skipWhitespace(b, end);
  if (rest < b.length) throw new JsonSyntaxError('more data after the end of the JSON value (several documents one per line? name the file .jsonl)', rest);
  return top;
}

function checkExportHeader(b: Uint8Array, top: Extract<TopLevel, { kind: 'object' }>, path: string): void {
  const format = top.values.get('format');
  if (format && JSON.parse(decode(b, format)) !== EXPORT_FORMAT) {
    throw new SourceFileError(path, `"format" is not "${EXPORT_FORMAT}"; a file with a "documents" array must be an Archivum export`);
  }
  const version = top.values.get('version');
  const n: unknown = version ? JSON.parse(decode(b, version)) : EXPORT_VERSION;
  if (typeof n !== 'number' || n > EXPORT_VERSION) {
    throw new SourceFileError(path, `export version ${String(n)} is newer than this Archivum reads (${EXPORT_VERSION}); upgrade Archivum`);
  }
}

function* readLines(b: Uint8Array, context: Context): Iterable<RecordOutcome> {
  let lineNo = 0;
  let start = 0;
  while (start < b.length) {
    lineNo++;
    let end = b.indexOf(0x0a, start);
    if (end === -1) end = b.length;
    const line = b.subarray(start, end);
    start = end + 1;
    const first = skipWhitespace(line, 0);
    if (first >= line.length) continue;
    const label = `line ${lineNo}`;
    try {
      const valueEnd = skipValue(line, first);
      const rest = skipWhitespace(line, valueEnd);
      if (rest < line.length) throw new JsonSyntaxError('more data after the JSON value (one document per line)', rest);
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      yield { ok: false, label, reason: `JSON syntax error at column ${lineColumn(line, error.offset).column}: ${error.message}` };
      continue;
    }
    yield toOutcome(JSON.parse(decode(line, { start: first, end: line.length })), lineNo, context, null, label);
  }
}

function exportedDates(doc: Record<string, unknown>): BuildOptions['datesAsRead'] {
  const asWritten = (value: unknown): DocumentDate | undefined => {
    const parsed = documentDateSchema.safeParse(value);
    return parsed.success ? stripUndefined(parsed.data) : undefined;
  };
  const received = isPlainObject(doc.received) ? asWritten(doc.received.date) : undefined;
  return stripUndefined({ date: asWritten(doc.date), received });
}

function toOutcome(value: unknown, n: number, context: Context, tables: EntityTables | null, lineLabel?: string): RecordOutcome {
  const id = isPlainObject(value) && typeof value.id === 'string' ? value.id : undefined;
  const label = lineLabel ?? id ?? (n === 0 ? context.stem || context.path : `#${n}`);
  if (!isPlainObject(value)) return { ok: false, label, reason: 'expected a document object' };
  const build: BuildOptions = {
    // Without an id, a document is named after its file (and position), never its title:
    // many letters share a title, and a title-based id would silently merge them.
    fallbackId: context.stem ? (n === 0 ? context.stem : `${context.stem}-${n}`) : undefined,
    extraCollection: context.collection,
  };
  // An export writes dates in their final form: a start without an end is an open range ("after
  // 17 November 1898"), where typed input means that one day.
  if (tables) build.datesAsRead = exportedDates(value);
  if (value.title === undefined) {
    // Most often a file of some other shape (`{"year", "name", "text"}`): say what it holds.
    return {
      ok: false,
      label,
      reason: `no "title" field (the record has: ${namesList(Object.keys(value))}); read the file through a mapping (--mapping, see docs/importers.md)`,
    };
  }
  try {
    const record = buildIngestRecord(tables ? enrichDocument(value, tables) : value, build);
    if (tables) addAncestorCollections(record, tables);
    if (value.sourceId === undefined || value.sourceId === null) record.document.sourceId = `json:${record.document.id}`;
    const repeated = context.seen.refusal(record.document.id, lineLabel ?? `document ${n}`, 'give each document its own id');
    if (repeated) return { ok: false, label, reason: repeated };
    return { ok: true, record, label: lineLabel ?? record.document.id };
  } catch (error) {
    if (error instanceof RecordValidationError) return { ok: false, label, reason: error.message };
    throw error;
  }
}

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

function decode(b: Uint8Array, span: Span): string {
  return decoder.decode(b.subarray(span.start, span.end));
}

function parseSpan(b: Uint8Array, span: Span): unknown {
  return JSON.parse(decode(b, span));
}

function syntaxReason(b: Uint8Array, error: JsonSyntaxError): string {
  const { line, column } = lineColumn(b, error.offset);
  return `JSON syntax error at line ${line}, column ${column}: ${error.message}`;
}
