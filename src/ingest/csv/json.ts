import { existsSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { slugify } from '../../domain/index.js';
import { readUtf8File } from '../encoding.js';
import { errorMessage, fileStem } from '../files.js';
import { type ReadOptions, type RecordOutcome, type SourceFormat, SourceFileError } from '../format.js';
import { readUtf8Chunks } from '../xml/utf8-stream.js';
import { isDataPackageDescriptor, refuseDescriptor } from '../json/descriptor.js';
import { buildMappedRecord, FOLDER_MAPPING, globMatch, isMappingFile, loadMapping, type Mapping, type RecordSource } from './mapping.js';

/**
 * JSON records through the same mapping as CSV rows: a file holding one object
 * (`{"year":1962,"name":"John F Kennedy","text":"…"}`, as in the State of the Union set), an
 * array of objects, or JSON Lines (`.jsonl`/`.ndjson`, one object per line, streamed).
 * A column is a key of the object; "a.b" reaches into nested objects.
 */
export async function* readMappedJsonRecords(path: string, mapping: Mapping, options: ReadOptions = {}): AsyncGenerator<RecordOutcome> {
  const fileSlug = slugify(fileStem(path), 100) || 'file';
  const fileName = basename(path);
  const seen = new Set<string>();
  const one = (value: unknown, position: number, label: string): RecordOutcome => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return { ok: false, label, reason: `expected a JSON object, found ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}` };
    }
    const obj = value as Record<string, unknown>;
    const source: RecordSource = { get: (column) => lookup(obj, column), fileSlug, fileName, position };
    try {
      const record = buildMappedRecord(mapping, source, { collection: options.collection });
      if (seen.has(record.document.id)) return { ok: false, label, reason: `id "${record.document.id}" is used twice in this file; map a unique id` };
      seen.add(record.document.id);
      return { ok: true, label, record };
    } catch (error) {
      return { ok: false, label, reason: errorMessage(error) };
    }
  };

  if (isJsonLines(path)) {
    let line = 0;
    for await (const text of lines(path)) {
      line++;
      if (text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        yield { ok: false, label: `line ${line}`, reason: `not valid JSON: ${errorMessage(error)}` };
        continue;
      }
      yield one(value, line, `line ${line}`);
    }
    return;
  }

  const text = await readUtf8File(path);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SourceFileError(path, `not valid JSON: ${errorMessage(error)}`);
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield one(value[i], i + 1, `record ${i + 1}`);
  } else {
    yield one(value, 1, 'record');
  }
}

function lookup(obj: Record<string, unknown>, column: string): string | string[] | undefined {
  let cur: unknown = obj;
  for (const key of column in obj ? [column] : column.split('.')) {
    if (typeof cur !== 'object' || cur === null || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return scalarOrList(cur);
}

function scalarOrList(value: unknown): string | string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map((v) => scalarOrList(v)).flat().filter((v): v is string => v !== undefined);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function isJsonLines(path: string): boolean {
  const ext = extname(path).toLowerCase();
  return ext === '.jsonl' || ext === '.ndjson';
}

/**
 * The lines of a file, read in chunks. Each chunk is searched for line ends on its own and the
 * pieces of a line are joined once: searching all that was pending at every chunk made one line
 * of 64 MB take half a minute.
 */
async function* lines(path: string): AsyncGenerator<string> {
  let pending: string[] = [];
  for await (const chunk of readUtf8Chunks(path)) {
    let from = 0;
    let nl: number;
    while ((nl = chunk.indexOf('\n', from)) >= 0) {
      pending.push(chunk.slice(from, nl));
      yield pending.join('').replace(/\r$/, '');
      pending = [];
      from = nl + 1;
    }
    if (from < chunk.length) pending.push(chunk.slice(from));
  }
  if (pending.length) yield pending.join('');
}

const JSON_EXTENSIONS = ['.json', '.jsonl', '.ndjson'];

function isRecordFile(path: string): boolean {
  return JSON_EXTENSIONS.includes(extname(path).toLowerCase()) && !isMappingFile(path);
}

/** Whether a mapping speaks about JSON files at all (its `format` is json, or none). */
function concernsJson(mappingPath: string): boolean {
  try {
    const format = loadMapping(mappingPath).format;
    return format === undefined || format === 'json';
  } catch {
    // A broken mapping still claims the file, so reading reports what is wrong with the mapping.
    return true;
  }
}

/**
 * The mapping in force for a JSON file, and whether its `files` pattern applies: `--mapping`
 * (when it speaks about JSON), else `<file>.mapping.json` (made for that file, so its pattern does
 * not apply), else a folder's `archivum-mapping.json` that speaks about JSON.
 */
function mappingInForce(path: string, explicit: string | undefined): { file: string; ownFile: boolean } | undefined {
  if (explicit && concernsJson(explicit)) return { file: explicit, ownFile: false };
  const own = `${path}.mapping.json`;
  if (existsSync(own)) return { file: own, ownFile: true };
  const folder = join(dirname(path), FOLDER_MAPPING);
  if (existsSync(folder) && concernsJson(folder)) return { file: folder, ownFile: false };
  return undefined;
}

/**
 * A JSON file under a mapping is read through it, or not at all: a file its `files` pattern
 * leaves out is skipped, not handed on to the archive's own JSON format, which made
 * `_datapackage.json` beside the State of the Union addresses a published document.
 */
async function* readWithMapping(path: string, explicit: string | undefined, options: ReadOptions): AsyncGenerator<RecordOutcome> {
  const inForce = mappingInForce(path, explicit);
  if (!inForce) {
    throw new SourceFileError(path, `no mapping for these JSON records: pass --mapping FILE, or put ${basename(path)}.mapping.json or archivum-mapping.json beside it`);
  }
  const mapping = loadMapping(inForce.file);
  if (patternLeavesOut(mapping, inForce, path)) return;
  if (isDataPackageDescriptor(path)) yield* refuseDescriptor(path);
  else yield* readMappedJsonRecords(path, mapping, options);
}

/** Whether a folder's (or `--mapping`'s) `files` pattern leaves the file out; a file's own mapping has none. */
function patternLeavesOut(mapping: Mapping, inForce: { ownFile: boolean }, path: string): boolean {
  return !inForce.ownFile && mapping.files !== undefined && !globMatch(mapping.files, basename(path));
}

/** For {@link SourceFormat.passesOver}: a file claimed only to be kept from other formats. */
function passedOver(path: string, explicit: string | undefined): boolean {
  const inForce = mappingInForce(path, explicit);
  if (!inForce) return false;
  try {
    return patternLeavesOut(loadMapping(inForce.file), inForce, path);
  } catch {
    // Reading the file reports what is wrong with the mapping.
    return false;
  }
}

/**
 * JSON record files that come with a mapping. Without `--mapping` it claims a `.json`,
 * `.jsonl` or `.ndjson` file when `<file>.mapping.json`, or an `archivum-mapping.json` for JSON,
 * is beside it; a file that mapping's `files` pattern leaves out is claimed too, and skipped.
 * Other JSON files are left to the archive's own JSON format. Mapping files are never claimed.
 */
export const mappedJsonFormat: SourceFormat = {
  name: 'json',
  sniff: (path: string): boolean => isRecordFile(path) && mappingInForce(path, undefined) !== undefined,
  passesOver: (path: string): boolean => passedOver(path, undefined),
  read(path: string, options: ReadOptions): AsyncIterable<RecordOutcome> {
    return readWithMapping(path, options.mappingFile, options);
  },
};

/**
 * The same format bound to an explicit mapping (`ingest --mapping FILE`): when the mapping speaks
 * about JSON, it claims every JSON record file, reads those its `files` pattern fits (all of them
 * when it has none) and skips the others.
 */
export function mappedJsonFormatWith(mappingFile: string): SourceFormat {
  return {
    name: 'json',
    sniff: (path: string): boolean => isRecordFile(path) && concernsJson(mappingFile),
    passesOver: (path: string): boolean => passedOver(path, mappingFile),
    read: (path: string, options: ReadOptions): AsyncIterable<RecordOutcome> => readWithMapping(path, options.mappingFile ?? mappingFile, options),
  };
}
