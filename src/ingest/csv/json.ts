import { basename, extname } from 'node:path';
import { slugify } from '../../domain/index.js';
import { readUtf8File } from '../encoding.js';
import { errorMessage, fileStem, hasExtension } from '../files.js';
import { type ReadOptions, type RecordOutcome, type SourceFormat, SourceFileError } from '../format.js';
import { RepeatedIds } from '../repeated-ids.js';
import { readUtf8Chunks } from '../xml/utf8-stream.js';
import { isDataPackageDescriptor, refuseDescriptor } from '../json/descriptor.js';
import { JSON_FILE_EXTENSIONS, looksLikeJson } from '../json/sniff.js';
import {
  buildMappedRecord,
  isMappingFile,
  leavesOut,
  loadMapping,
  type Mapping,
  type MappingChoice,
  mappingChoices,
  mappingConcerns,
  type RecordSource,
} from './mapping.js';

/**
 * JSON records through the same mapping as CSV rows: a file holding one object
 * (`{"year":1962,"name":"John F Kennedy","text":"…"}`, as in the State of the Union set), an
 * array of objects, or JSON Lines (`.jsonl`/`.ndjson`, one object per line, streamed).
 * A column is a key of the object; "a.b" reaches into nested objects.
 */
export async function* readMappedJsonRecords(path: string, mapping: Mapping, options: ReadOptions = {}): AsyncGenerator<RecordOutcome> {
  const fileSlug = slugify(fileStem(path), 100) || 'file';
  const fileName = basename(path);
  const seen = new RepeatedIds();
  const one = (value: unknown, position: number, label: string): RecordOutcome => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return { ok: false, label, reason: `expected a JSON object, found ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}` };
    }
    const obj = value as Record<string, unknown>;
    const source: RecordSource = { get: (column) => lookup(obj, column), fileSlug, fileName, position };
    try {
      const record = buildMappedRecord(mapping, source, { collection: options.collection });
      const repeated = seen.refusal(record.document.id, label, 'map a unique id');
      return repeated ? { ok: false, label, reason: repeated } : { ok: true, label, record };
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
  return scalarOrList(cur, column);
}

/**
 * A value as the mapping reads it: text, a number as written, or a list of them. An object or
 * true/false is refused, naming the key: stored as text it would read `{"de":"Text"}` or "true";
 * so is a whole number JavaScript cannot hold exactly, which would be stored with other digits.
 */
function scalarOrList(value: unknown, key: string, inList = false): string | string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    // JSON.parse keeps about 16 digits: a longer whole number (a database's id) comes back altered.
    if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
      throw new Error(`"${key}" holds a number too long to read exactly (it reads as ${String(value)}); write it in quotes, as text`);
    }
    return String(value);
  }
  if (Array.isArray(value) && !inList) return value.map((v) => scalarOrList(v, key, true)).filter((v): v is string => typeof v === 'string');
  const found = Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : typeof value === 'boolean' ? String(value) : typeof value;
  const advice = typeof value === 'object' && !Array.isArray(value) && !inList ? ` (map one of its keys: "${key}.…")` : '';
  throw new Error(`"${key}" holds ${found}${inList ? ' in its list' : ''}; a mapping reads text, numbers and lists of them${advice}`);
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

/** Named as JSON, or JSON by its content whatever its name (records saved with no extension). */
function isRecordFile(path: string, head: string): boolean {
  return (hasExtension(path, JSON_FILE_EXTENSIONS) || looksLikeJson(head)) && !isMappingFile(path);
}

/**
 * The mapping in force for a JSON file: the strongest choice, whose `files` pattern decides
 * whether the file is read at all (see {@link mappingChoices}).
 */
function mappingInForce(path: string, explicit: string | undefined): MappingChoice | undefined {
  return mappingChoices(path, 'json', explicit)[0];
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
  if (leavesOut(inForce, path)) return;
  const mapping = loadMapping(inForce.file);
  if (isDataPackageDescriptor(path)) yield* refuseDescriptor(path);
  else yield* readMappedJsonRecords(path, mapping, options);
}

/** For {@link SourceFormat.passesOver}: a file claimed only to be kept from other formats. */
function passedOver(path: string, explicit: string | undefined): string | undefined {
  const inForce = mappingInForce(path, explicit);
  if (inForce === undefined || !leavesOut(inForce, path)) return undefined;
  return `the "files" pattern of the mapping in force leaves it out${explicit ? '' : '; name a mapping that takes it in (--mapping FILE)'}`;
}

/**
 * JSON record files that come with a mapping. Without `--mapping` it claims a `.json`,
 * `.jsonl` or `.ndjson` file, or any file whose content starts as JSON records, when
 * `<file>.mapping.json`, or an `archivum-mapping.json` for JSON, is beside it; a file that
 * mapping's `files` pattern leaves out is claimed too, and skipped.
 * Other JSON files are left to the archive's own JSON format. Mapping files are never claimed.
 */
export const mappedJsonFormat: SourceFormat = {
  name: 'json',
  sniff: (path: string, head: string): boolean => isRecordFile(path, head) && mappingInForce(path, undefined) !== undefined,
  passesOver: (path: string): string | undefined => passedOver(path, undefined),
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
    sniff: (path: string, head: string): boolean => isRecordFile(path, head) && mappingConcerns(mappingFile, 'json'),
    passesOver: (path: string): string | undefined => passedOver(path, mappingFile),
    read: (path: string, options: ReadOptions): AsyncIterable<RecordOutcome> => readWithMapping(path, options.mappingFile ?? mappingFile, options),
  };
}
