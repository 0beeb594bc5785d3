import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import {
  buildIngestRecord,
  type DocumentDate,
  type DocumentInput,
  documentDateSchema,
  endsBeforeStart,
  type IngestRecord,
  parseDateText,
  quoteValue,
  RecordValidationError,
  slugify,
  trimEdges,
} from '../../domain/index.js';
import { AUTHORITY_SCHEMES, type AuthorityScheme, authorityEntityId, parseAuthority } from '../cmif/authority.js';
import { SourceFileError } from '../format.js';
import { namesList } from '../errors.js';
import { errorMessage, fileVersion } from '../files.js';
import { parseEdtf, toDocumentDate } from './edtf.js';

/**
 * The one mapping engine for tabular and record-shaped sources (CSV/TSV rows, JSON records):
 * a mapping names, for each document field, where its value comes from. See docs/importers.md.
 *
 * ```json
 * { "split": "|",
 *   "fields": {
 *     "id":      { "template": "{edition}-{key}" },
 *     "title":   { "template": "{sender} to {addressee}, {senderDateText}" },
 *     "date":    { "column": "senderDate", "display": "senderDateText" },
 *     "authors": { "column": "sender", "authority": "senderID", "scheme": "gnd" },
 *     "type":    { "value": "Letter" } } }
 * ```
 */

export const MAPPABLE_FIELDS = [
  'id', 'sourceId', 'title', 'date', 'type', 'description', 'summary', 'text',
  'authors', 'recipients', 'people', 'places', 'placeWritten', 'topics', 'collections', 'references',
  'footnotes', 'classification', 'language', 'originalLanguage', 'rights', 'funders', 'recordId',
  'uploadedAt', 'status', 'embargoUntil', 'credit',
  'source.archive', 'source.reference', 'source.collection', 'source.url',
  'received.date', 'received.place',
] as const;
export type MappableField = (typeof MAPPABLE_FIELDS)[number];

const PERSON_FIELDS = new Set<string>(['authors', 'recipients', 'people']);
const PLACE_FIELDS = new Set<string>(['places', 'placeWritten', 'received.place']);
const DATE_FIELDS = new Set<string>(['date', 'received.date']);
const LIST_FIELDS = new Set<string>(['authors', 'recipients', 'people', 'places', 'topics', 'collections', 'references', 'footnotes', 'funders']);

const fieldObject = z
  .object({
    column: z.string().min(1).optional(),
    template: z.string().min(1).optional(),
    value: z.unknown().optional(),
    split: z.string().min(1).optional(),
    authority: z.string().min(1).optional(),
    scheme: z.enum(AUTHORITY_SCHEMES).optional(),
    display: z.string().min(1).optional(),
    default: z.string().optional(),
    ignore: z.array(z.string()).optional(),
  })
  .strict()
  .refine((f) => [f.column, f.template, f.value].filter((v) => v !== undefined).length === 1, {
    message: 'give exactly one of "column", "template" or "value"',
  });

export type FieldSpec = z.infer<typeof fieldObject>;

const mappingSchema = z
  .object({
    $schema: z.string().optional(),
    about: z.string().optional(),
    format: z.enum(['csv', 'json']).optional(),
    files: z.string().min(1).optional(),
    delimiter: z.string().length(1).optional(),
    split: z.string().min(1).optional(),
    fields: z.record(z.string(), z.union([z.string().min(1), fieldObject])),
  })
  .strict();

export interface Mapping {
  about?: string;
  format?: 'csv' | 'json';
  /** Glob on file names (`*`, `?`) a folder-wide mapping applies to. */
  files?: string;
  delimiter?: string;
  /** Separator of several values in one cell ("Hz. Moritz|Kf. Johann Friedrich"). */
  split: string;
  fields: Partial<Record<MappableField, FieldSpec>>;
}

export const DEFAULT_SPLIT = '|';

/** Validates a parsed mapping file; throws Error with every problem listed. */
export function parseMapping(json: unknown): Mapping {
  const parsed = mappingSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `${i.path.join('.') || 'mapping'}: ${i.message}`).join('; '));
  }
  const fields: Partial<Record<MappableField, FieldSpec>> = {};
  const unknown: string[] = [];
  for (const [name, spec] of Object.entries(parsed.data.fields)) {
    if (!(MAPPABLE_FIELDS as readonly string[]).includes(name)) {
      unknown.push(name);
      continue;
    }
    const field = typeof spec === 'string' ? { column: spec } : spec;
    if ((field.authority || field.scheme) && !PERSON_FIELDS.has(name) && !PLACE_FIELDS.has(name)) {
      throw new Error(`fields.${name}: "authority"/"scheme" only apply to people and places`);
    }
    if (field.display && !DATE_FIELDS.has(name)) throw new Error(`fields.${name}: "display" only applies to date and received.date`);
    fields[name as MappableField] = field;
  }
  if (unknown.length) throw new Error(`fields: unknown field ${unknown.map((u) => `"${u}"`).join(', ')} (known: ${MAPPABLE_FIELDS.join(', ')})`);
  if (!fields.title) throw new Error('fields.title: a mapping must say where the title comes from');
  const mapping: Mapping = { split: parsed.data.split ?? DEFAULT_SPLIT, fields };
  if (parsed.data.about) mapping.about = parsed.data.about;
  if (parsed.data.format) mapping.format = parsed.data.format;
  if (parsed.data.files) mapping.files = parsed.data.files;
  if (parsed.data.delimiter) mapping.delimiter = parsed.data.delimiter;
  return mapping;
}

/**
 * Mappings read, by path, while the file is unchanged: a folder's mapping is asked for by every
 * data file beside it, several times each (to claim it, to pass it over, to read it).
 */
const loadedMappings = new Map<string, { version: string; loaded: Mapping | { problem: string } }>();
const LOADED_MAPPINGS_LIMIT = 64;

/** Reads and validates a mapping file; problems are a SourceFileError against the mapping file. */
export function loadMapping(path: string): Mapping {
  const key = resolve(path);
  const version = fileVersion(key);
  const known = version === undefined ? undefined : loadedMappings.get(key);
  let loaded = known && known.version === version ? known.loaded : undefined;
  if (!loaded) {
    loaded = readMapping(path);
    if (version !== undefined) {
      if (loadedMappings.size >= LOADED_MAPPINGS_LIMIT) loadedMappings.delete(loadedMappings.keys().next().value!);
      loadedMappings.set(key, { version, loaded });
    }
  }
  if ('problem' in loaded) throw new SourceFileError(path, loaded.problem);
  return loaded;
}

/** Frozen: one loaded mapping serves every data file beside it. */
function readMapping(path: string): Mapping | { problem: string } {
  // Named in every problem: it is reported against the data file the mapping was read for.
  const name = basename(path);
  let source: string;
  let json: unknown;
  try {
    source = readFileSync(path, 'utf8');
  } catch (error) {
    return { problem: `mapping file ${name} cannot be read: ${errorMessage(error)}` };
  }
  try {
    json = JSON.parse(source);
  } catch (error) {
    const at = /at position (\d+)/.exec(errorMessage(error));
    const where = at ? lineAndColumn(source, Number(at[1])) : '';
    return { problem: `mapping file ${name} is not valid JSON${where}: ${errorMessage(error).replace(/ in JSON at position \d+.*$/s, '')}` };
  }
  try {
    return deepFreeze(parseMapping(json));
  } catch (error) {
    return { problem: `mapping file ${name} is not valid: ${errorMessage(error)}` };
  }
}

/** " at line L, column C" for an offset into `text`. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return ` at line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

export const FOLDER_MAPPING = 'archivum-mapping.json';

/** Mapping files are configuration, never records: a folder import must skip them. */
export function isMappingFile(path: string): boolean {
  const name = basename(path).toLowerCase();
  return name === FOLDER_MAPPING || name.endsWith('.mapping.json');
}

/** A mapping that may apply to a data file. */
export interface MappingChoice {
  file: string;
  /** `<file>.mapping.json`: made for that file, so its `files` pattern does not apply. */
  ownFile: boolean;
}

/**
 * The mappings that may apply to a data file, strongest first: `--mapping`, then
 * `<file>.mapping.json` beside it, then `archivum-mapping.json` in its folder. An explicit or
 * folder mapping whose `format` is the other kind's is no choice. What a `files` pattern that
 * leaves the file out ({@link leavesOut}) means is the reader's: CSV takes the next choice, JSON
 * passes the file over.
 */
export function mappingChoices(dataPath: string, kind: 'csv' | 'json', explicit?: string): MappingChoice[] {
  const out: MappingChoice[] = [];
  if (explicit && mappingConcerns(explicit, kind)) out.push({ file: explicit, ownFile: false });
  const own = `${dataPath}.mapping.json`;
  if (existsSync(own)) out.push({ file: own, ownFile: true });
  const folder = join(dirname(dataPath), FOLDER_MAPPING);
  if (existsSync(folder) && mappingConcerns(folder, kind)) out.push({ file: folder, ownFile: false });
  return out;
}

/** Whether the choice's `files` pattern leaves the data file out. */
export function leavesOut(choice: MappingChoice, dataPath: string): boolean {
  if (choice.ownFile) return false;
  try {
    const { files } = loadMapping(choice.file);
    return files !== undefined && !globMatch(files, basename(dataPath));
  } catch {
    // A broken mapping leaves nothing out: reading the file reports what is wrong with it.
    return false;
  }
}

/** Whether a mapping speaks about files of this kind (its `format` is that kind, or none). */
export function mappingConcerns(mappingPath: string, kind: 'csv' | 'json'): boolean {
  try {
    const { format } = loadMapping(mappingPath);
    return format === undefined || format === kind;
  } catch {
    // A broken mapping is still the one in force: reading reports what is wrong with it.
    return true;
  }
}

/** The mapping a CSV file is read through: the first choice whose `files` pattern takes it in. */
export function findMappingFile(dataPath: string, kind: 'csv' | 'json', explicit?: string): string | undefined {
  return mappingChoices(dataPath, kind, explicit).find((choice) => !leavesOut(choice, dataPath))?.file;
}

/**
 * `*` and `?` against a file name, case-insensitively. Matched by walking both strings and
 * retrying from the last `*` only: the regular expression this once built (`^.*a.*a.*b$`)
 * backtracks exponentially on a long name that almost fits.
 */
export function globMatch(glob: string, name: string): boolean {
  const g = glob.toLowerCase();
  const n = name.toLowerCase();
  let gi = 0;
  let ni = 0;
  let star = -1;
  let resume = 0;
  while (ni < n.length) {
    if (gi < g.length && g[gi] === '*') {
      star = gi++;
      resume = ni;
    } else if (gi < g.length && (g[gi] === '?' || g[gi] === n[ni])) {
      gi++;
      ni++;
    } else if (star !== -1) {
      gi = star + 1;
      ni = ++resume;
    } else return false;
  }
  while (gi < g.length && g[gi] === '*') gi++;
  return gi === g.length;
}

/** Header names (case-insensitive) the default CSV mapping understands, and the field each feeds. */
const ALIASES: Record<string, MappableField> = {
  author: 'authors', sender: 'authors', from: 'authors', creator: 'authors',
  recipient: 'recipients', addressee: 'recipients', to: 'recipients',
  person: 'people', persons: 'people', mentioned: 'people',
  place: 'places', location: 'places',
  senderplace: 'placeWritten', placeofwriting: 'placeWritten', origin: 'placeWritten',
  senderdate: 'date', datesent: 'date',
  addresseeplace: 'received.place', placereceived: 'received.place', destination: 'received.place',
  addresseedate: 'received.date', datereceived: 'received.date',
  subject: 'topics', subjects: 'topics', keywords: 'topics', tags: 'topics',
  note: 'description', notes: 'description', abstract: 'description',
  body: 'text', content: 'text', transcription: 'text',
  lang: 'language', license: 'rights', licence: 'rights', collection: 'collections',
  archive: 'source.archive', repository: 'source.archive',
  reference: 'source.reference', shelfmark: 'source.reference', signature: 'source.reference', callnumber: 'source.reference',
  url: 'source.url', link: 'source.url', uri: 'source.url',
};
/** Authority columns: `senderID` carries the authority URIs of `sender`, and so on. */
const AUTHORITY_ALIASES: Record<string, MappableField> = {
  senderid: 'authors', authorid: 'authors', addresseeid: 'recipients', recipientid: 'recipients',
  senderplaceid: 'placeWritten', addresseeplaceid: 'received.place', placeid: 'places',
};
const DISPLAY_ALIASES = ['senderdatetext', 'datetext', 'datewritten', 'dateaswritten'];
const RECEIVED_DISPLAY_ALIASES = ['addresseedatetext', 'datereceivedtext'];

/**
 * The mapping used when a CSV file comes without one: columns named like document fields map to
 * them, common letter-table names (sender, addressee, senderPlace, senderDate …) to their fields,
 * `key` to the id (prefixed with the file name), and the title, when no column gives one, is
 * "<authors> to <recipients>, <date>" ("Unknown sender", "unknown recipient" for a side with no
 * column or an empty cell).
 */
export function defaultCsvMapping(headers: readonly string[]): Mapping {
  const fields: Partial<Record<MappableField, FieldSpec>> = {};
  const lower = new Map(headers.map((h) => [h.toLowerCase(), h]));
  for (const [field, [first]] of defaultFieldColumns(headers)) fields[field] = { column: first! };
  for (const [alias, field] of Object.entries(AUTHORITY_ALIASES)) {
    const column = lower.get(alias);
    const spec = fields[field];
    if (column && spec?.column) spec.authority = column;
  }
  const display = DISPLAY_ALIASES.map((a) => lower.get(a)).find((c) => c !== undefined);
  if (display && fields.date?.column) fields.date.display = display;
  const receivedDisplay = RECEIVED_DISPLAY_ALIASES.map((a) => lower.get(a)).find((c) => c !== undefined);
  if (receivedDisplay && fields['received.date']?.column) fields['received.date'].display = receivedDisplay;
  if (!fields.id && lower.has('key')) fields.id = { template: `{$file}-{${lower.get('key')}}` };
  if (!fields.title) {
    const who = fields.authors?.column;
    const whom = fields.recipients?.column;
    const when = display ?? fields.date?.column;
    if (who || whom) {
      const from = who ? `{${who}}` : 'Unknown sender';
      const to = whom ? `{${whom}}` : 'unknown recipient';
      fields.title = { template: `${from} to ${to}${when ? `, {${when}}` : ''}` };
    }
  }
  return { split: DEFAULT_SPLIT, fields };
}

/** The columns the default mapping would read for each field, by name or alias, in header order. */
function defaultFieldColumns(headers: readonly string[]): Map<MappableField, string[]> {
  const columns = new Map<MappableField, string[]>();
  for (const header of headers) {
    const key = header.toLowerCase();
    const field = MAPPABLE_FIELDS.find((f) => f.toLowerCase() === key) ?? ALIASES[key];
    if (!field) continue;
    const list = columns.get(field);
    if (list) list.push(header);
    else columns.set(field, [header]);
  }
  return columns;
}

/**
 * Why a header cannot be read without a mapping file, or null: two columns give one field
 * ("sender" and "Author"; "Title" twice), so all but one would be lost.
 */
export function defaultMappingConflict(headers: readonly string[]): string | null {
  for (const [field, columns] of defaultFieldColumns(headers)) {
    if (columns.length > 1) {
      return `columns ${namesList(columns.map((c) => `"${c}"`))} all give ${field}, and only one could be read; rename or remove the others, or give a mapping file that says which column to read (see docs/importers.md)`;
    }
  }
  return null;
}

/** Every column a mapping reads, for checking it against a CSV header before reading rows. */
export function columnsUsed(mapping: Mapping): string[] {
  const out = new Set<string>();
  for (const spec of Object.values(mapping.fields)) {
    if (!spec) continue;
    for (const c of [spec.column, spec.authority, spec.display]) if (c) out.add(c);
    if (spec.template) for (const name of placeholders(spec.template)) if (!name.startsWith('$')) out.add(name);
  }
  return [...out];
}

function placeholders(template: string): string[] {
  return [...template.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]!);
}

/** One record of the source: a CSV row or a JSON object, with where it came from. */
export interface RecordSource {
  /** A column's value; JSON arrays stay lists. Missing and null are undefined. */
  get(column: string): string | string[] | undefined;
  /** File name without extension, slugified: `{$file}`. */
  fileSlug: string;
  /** Base name of the file, for the default source id. */
  fileName: string;
  /** Position: the spreadsheet row (header = 1) or the record number: `{$row}`. */
  position: number;
}

/**
 * Applies a mapping to one record and builds the ingest record. Throws RecordValidationError
 * (or Error) with a reason naming the field, so the caller reports the row and goes on.
 */
export function buildMappedRecord(mapping: Mapping, source: RecordSource, options: { collection?: string } = {}): IngestRecord {
  const { input, dates } = mapRecord(mapping, source);
  return buildIngestRecord(input, {
    fallbackId: `${source.fileSlug}-${source.position}`,
    fallbackSourceId: `${source.fileName}#${typeof input.id === 'string' ? input.id : source.position}`,
    extraCollection: options.collection,
    // "1541-09-26/" (after) stays open.
    datesAsRead: dates,
  });
}

export function mapRecord(mapping: Mapping, source: RecordSource): { input: DocumentInput; dates: { date?: DocumentDate; received?: DocumentDate } } {
  const input: Record<string, unknown> = {};
  const sourceFields: Record<string, unknown> = {};
  const receivedFields: Record<string, unknown> = {};
  const dates: { date?: DocumentDate; received?: DocumentDate } = {};
  const otherPlaces: EntityInput[] = [];
  for (const [name, spec] of Object.entries(mapping.fields) as [MappableField, FieldSpec][]) {
    const split = spec.split ?? mapping.split;
    if (spec.value !== undefined) {
      assign(name, spec.value);
      continue;
    }
    if (DATE_FIELDS.has(name)) {
      const mapped = mapDate(name, spec, source, split);
      if (mapped) dates[name === 'date' ? 'date' : 'received'] = mapped;
      if (mapped) assign(name, { start: mapped.start ?? null, end: mapped.end ?? mapped.start ?? null, display: mapped.display, certainty: mapped.certainty });
      continue;
    }
    if (PERSON_FIELDS.has(name) || PLACE_FIELDS.has(name)) {
      const entities = mapEntities(name, spec, source, split);
      if (name === 'received.place') {
        // An addressee column may list several places ("Torgau|Dresden"): the first is where the
        // letter arrived, the others stay places of the letter, as they were before there was
        // a place of arrival.
        if (entities[0]) assign(name, entities[0]);
        otherPlaces.push(...entities.slice(1));
      } else if (name === 'placeWritten') {
        if (entities.length > 1) throw new RecordValidationError(`placeWritten: one place expected, got ${entities.length}`, ['placeWritten']);
        if (entities[0]) assign(name, entities[0]);
      } else if (entities.length) assign(name, entities);
      continue;
    }
    const values = valuesOf(spec, source, split, LIST_FIELDS.has(name), name === 'title' ? unknownPeople(mapping) : undefined);
    if (values.length === 0) continue;
    if (LIST_FIELDS.has(name)) assign(name, values);
    else if (name === 'id') {
      const id = slugify(values.join(' '), 160);
      if (!id) throw new RecordValidationError(`id: "${values.join(' ')}" has no letters or digits`, ['id']);
      assign(name, id);
    } else assign(name, values.join(' '));
  }
  if (Object.keys(sourceFields).length) input.source = sourceFields;
  if (Object.keys(receivedFields).length) input.received = receivedFields;
  if (otherPlaces.length) input.places = [...((input.places as EntityInput[] | undefined) ?? []), ...otherPlaces];
  return { input: input as DocumentInput, dates };

  function assign(name: MappableField, value: unknown): void {
    if (name.startsWith('source.')) sourceFields[name.slice('source.'.length)] = value;
    else if (name.startsWith('received.')) receivedFields[name.slice('received.'.length)] = value;
    else input[name] = value;
  }
}

/**
 * What an empty sender or recipient cell stands for in a generated title, in the CMIF importer's
 * words: "Unknown sender to Hz. Albrecht von Bayern", not "to Hz. Albrecht von Bayern", which
 * reads as if the addressee had written.
 */
function unknownPeople(mapping: Mapping): Map<string, string> {
  const out = new Map<string, string>();
  const authors = mapping.fields.authors?.column;
  const recipients = mapping.fields.recipients?.column;
  if (authors) out.set(authors, 'unknown sender');
  if (recipients && !out.has(recipients)) out.set(recipients, 'unknown recipient');
  return out;
}

/** Raw values of a field: a column (split into a list for list fields), a template, or the default. */
function valuesOf(spec: FieldSpec, source: RecordSource, split: string, list: boolean, unknown?: ReadonlyMap<string, string>): string[] {
  let values: string[] = [];
  if (spec.column !== undefined) {
    const raw = source.get(spec.column);
    values = Array.isArray(raw) ? raw : raw === undefined ? [] : list ? raw.split(split) : [raw];
  } else if (spec.template !== undefined) {
    const filled = fillTemplate(spec.template, source, split, unknown);
    values = list ? filled.split(split) : [filled];
  }
  values = values.map((v) => v.trim()).filter((v) => v !== '' && !spec.ignore?.includes(v));
  if (values.length === 0 && spec.default !== undefined && spec.default !== '') values = [spec.default];
  return values;
}

/**
 * "{sender} to {addressee}": each placeholder is a column ({$file} and {$row} are the file and
 * position). Several values in one cell read "A, B". An empty placeholder leaves nothing
 * dangling: the separator beside it goes ("A, , C" → "A, C"), and so do brackets left empty
 * ("2001 ()" → "2001"). `unknown` names what an empty placeholder stands for when dropping it
 * would leave a connecting word dangling ("to Hz. Albrecht" → "Unknown sender to Hz. Albrecht").
 */
export function fillTemplate(template: string, source: RecordSource, split: string, unknown?: ReadonlyMap<string, string>): string {
  const parts = template.split(/(\{[^{}]+\})/);
  const filled = parts.map((part, i) => {
    if (i % 2 === 0) return part;
    const name = part.slice(1, -1);
    if (name === '$file') return source.fileSlug;
    if (name === '$row') return String(source.position);
    const raw = source.get(name);
    const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : raw.split(split)).map((p) => p.trim()).filter(Boolean);
    // The markers below must be ours alone; neither character belongs in a title or an id.
    if (values.length) return values.join(', ').replace(MARKERS, '');
    const stands = unknown?.get(name);
    if (stands && (endsWithWord(parts[i - 1]) || startsWithWord(parts[i + 1]))) return UNKNOWN + stands;
    return EMPTY;
  });
  let text = filled.join('').replace(/\s+/g, ' ');
  if (text.includes(EMPTY)) {
    // Each pass may leave a separator or bracket pair that the next one sees as dangling.
    for (let before = ''; before !== text; ) {
      before = text;
      for (const [pattern, replacement] of EMPTY_RULES) text = text.replace(pattern, replacement);
    }
    text = text.replace(/\s*\u0000(?=[,;:.)\]])/g, '').replace(/\u0000/g, '').replace(/ {2,}/g, ' ');
  }
  text = trimEdges(text, ',;:–-', true);
  // "Unknown sender to …" at the start of a title, "… from unknown sender" inside one.
  if (text.startsWith(UNKNOWN)) text = text.charAt(1).toUpperCase() + text.slice(2);
  return text.replace(MARKERS, '');
}

/** Where a placeholder came out empty. */
const EMPTY = '\u0000';
/** Where an "unknown …" stands in for an empty placeholder. */
const UNKNOWN = '\u0001';
const MARKERS = /[\u0000\u0001]/g;
const SEP = String.raw`(?:\s*[,;:]\s*|\s+[–—-]\s+)`;
const EMPTY_RULES: readonly [RegExp, string][] = [
  // "A, ∅, C", "(∅, C)", "∅, C": the empty value goes with the separator after it.
  [new RegExp(String.raw`(^|[(\[]\s*|${SEP})\u0000${SEP}`, 'g'), '$1'],
  // "(A, ∅)", "A, ∅": with the separator before it.
  [new RegExp(String.raw`${SEP}\u0000(?=\s*[)\]]|\s*$)`, 'g'), ''],
  // "Address, ∅ (Name)" → "Address (Name)".
  [new RegExp(String.raw`${SEP}\u0000(?=\s*[(\[])`, 'g'), ' '],
  // "2001 (∅)" → "2001".
  [/\s*(?:\(\s*\u0000\s*\)|\[\s*\u0000\s*\])/g, ''],
];

function endsWithWord(literal: string | undefined): boolean {
  return /[\p{L}\p{N}]\s*$/u.test(literal ?? '');
}

function startsWithWord(literal: string | undefined): boolean {
  return /^\s*[\p{L}\p{N}]/u.test(literal ?? '');
}

function mapDate(field: string, spec: FieldSpec, source: RecordSource, split: string): DocumentDate | undefined {
  const [value] = valuesOf({ ...spec, display: undefined }, source, split, false);
  const writtenRaw = spec.display ? source.get(spec.display) : undefined;
  const written = (Array.isArray(writtenRaw) ? writtenRaw.join(', ') : writtenRaw)?.trim();
  if (!value) return written ? { display: written } : undefined;
  const parsed = parseEdtf(value);
  if (!parsed) {
    // A range the wrong way round reads as one: say so, as Markdown and JSON records do.
    const range = parseDateText(value);
    if (range && endsBeforeStart(range)) throw new RecordValidationError(`${field}: ${quoteValue(value)} ends before it starts`, [field]);
    throw new RecordValidationError(
      `${field}: ${quoteValue(value)} is not a date Archivum can read (ISO 8601 or EDTF: 1547-05-22, 1547-05, 1547?, 1547-05-22/1547-05-25, [1547,1548] …)`,
      [field],
    );
  }
  const date = toDocumentDate(parsed, written);
  const check = documentDateSchema.safeParse(date);
  if (!check.success) throw new RecordValidationError(`${field}: ${check.error.issues.map((i) => i.message).join('; ')}`, [field]);
  return date;
}

type EntityInput = { id?: string; name: string; authorities?: Record<string, string> };

/**
 * People and places, with authority ids from a parallel column: the n-th name takes the n-th id
 * ("A|B" with "gnd1|gnd2"; an empty slot "|gnd2" means the first has none). Rows with fewer ids
 * than names are aligned from the left, as the Moritz table is ("Hz. Moritz|Landstände" with one
 * id). A value in the authority column that is not a recognizable reference fails the row.
 */
function mapEntities(field: string, spec: FieldSpec, source: RecordSource, split: string): EntityInput[] {
  let names: string[] = [];
  if (spec.column !== undefined) names = rawList(source.get(spec.column), split);
  else if (spec.template !== undefined) names = rawList(fillTemplate(spec.template, source, split), split);
  if (names.every((n) => n === '') && spec.default) names = [spec.default];
  const ids = spec.authority ? rawList(source.get(spec.authority), split) : [];
  const out: EntityInput[] = [];
  const scheme: AuthorityScheme | undefined = spec.scheme;
  names.forEach((name, i) => {
    // Placeholders such as "o. O." (no place given) are no entity.
    if (name === '' || spec.ignore?.includes(name)) return;
    const idValue = ids[i] ?? '';
    if (idValue === '') {
      out.push({ name });
      return;
    }
    const ref = parseAuthority(idValue, scheme);
    if (!ref) {
      throw new RecordValidationError(`${field}: "${idValue}" (for "${name}") is not a GND, GeoNames, VIAF, Wikidata or PMB reference`, [field]);
    }
    out.push({ id: authorityEntityId(ref), name, authorities: { [ref.scheme]: ref.uri } });
  });
  return out;
}

function rawList(raw: string | string[] | undefined, split: string): string[] {
  if (raw === undefined) return [];
  return (Array.isArray(raw) ? raw : raw.split(split)).map((v) => v.trim());
}
