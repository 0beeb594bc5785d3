import { z } from 'zod';
import { bodyText, type Block, type Footnote, type Inline, WRITTEN_AS } from './body.js';
import { isCheckedBody, isCheckedFootnoteBodies } from './body-check.js';
import { canonicalDate, type DocumentDate, documentDateSchema, endsBeforeStart, formatDateRange, parseDateText, partialIsoDate, quoteValue } from './dates.js';
import type { ArchiveDocument, EditorialCertainty, IngestRecord } from './document.js';
import { citedDocuments, DOCUMENT_STATUSES, EDITORIAL_CERTAINTIES, TEXT_ROLES } from './document.js';
import { type Collection, type Person, type Place, type Topic, withListings } from './entities.js';
import { ID_PATTERN, slugify } from './ids.js';
import { issueReasons } from './issues.js';
import { recordInputProblem, textProblem } from './limits.js';
import { normalizeLanguage } from './languages.js';

/**
 * The loose shape every importer produces (and our JSON export writes): references may be bare
 * names or objects, dates may be text or ranges. {@link buildIngestRecord} validates it and turns
 * it into a normalized {@link IngestRecord}, so all formats share one set of rules.
 */

export const nonEmpty = z.string().trim().min(1, 'must not be empty');
export const idString = z.string().regex(ID_PATTERN, 'must be lower-case letters, digits, ".", "_" or "-"').max(200);
const authorities = z.record(z.string(), z.string()).optional();
/** A number as an edition prints it ("69", "12A", "IV.3"): short, or it is not a number. */
const MAX_NUMBER_CHARS = 40;
/** More listings than any person has (FRUS runs to about 550 volumes). */
const MAX_LISTINGS = 2000;

const personInput = z.union([
  nonEmpty,
  z.strictObject({
    id: idString.optional(),
    name: nonEmpty,
    altNames: z.array(z.string()).optional(),
    role: z.string().optional(),
    /** How each source lists the person ({@link Person.listings}), one listing per source. */
    listings: z
      .array(z.strictObject({ source: idString, name: nonEmpty, role: nonEmpty.optional(), url: nonEmpty.optional() }))
      .max(MAX_LISTINGS)
      .refine((list) => new Set(list.map((l) => l.source)).size === list.length, 'lists one source twice')
      .optional(),
    birth: z.string().optional(),
    death: z.string().optional(),
    authorities,
    /** As an author or recipient: how the edition knows it is this person (supposed, or worked out). */
    certainty: z.enum(EDITORIAL_CERTAINTIES).optional(),
  }),
]);

const placeInput = z.union([
  nonEmpty,
  z.strictObject({
    id: idString.optional(),
    name: nonEmpty,
    altNames: z.array(z.string()).optional(),
    lat: z.number().min(-90).max(90).nullable().optional(),
    lon: z.number().min(-180).max(180).nullable().optional(),
    authorities,
  }),
]);

const topicInput = z.union([nonEmpty, z.strictObject({ id: idString.optional(), name: nonEmpty })]);

const collectionInput = z.union([
  nonEmpty,
  z.strictObject({
    slug: idString.optional(),
    title: nonEmpty,
    parent: idString.optional(),
    description: z.string().optional(),
    editors: z.array(z.string()).optional(),
    position: z.number().optional(),
    credit: z.string().optional(),
    provisional: z.boolean().optional(),
  }),
]);

const dateInput = z.union([
  z.string(),
  z.number().int(),
  z.strictObject({
    start: partialIsoDate.optional().nullable(),
    end: partialIsoDate.optional().nullable(),
    display: z.string().optional().nullable(),
    certainty: z.enum(['conjecture', 'approximate', 'inferred']).optional(),
  }),
]);

// Discriminated by `kind`, so a node is checked against its own shape only: a plain union tries
// every branch and builds an issue for each miss, which made body validation the slowest step
// of a FRUS import.
export const inlineSchema: z.ZodType<Inline> = z.lazy(() =>
  z.union([
    z.string(),
    z.discriminatedUnion('kind', [
    z.object({ kind: z.enum(['em', 'strong', 'sup', 'sub', 'smallcaps', 'underline', 'supplied', 'del', 'add']), children: z.array(inlineSchema) }),
    z.object({ kind: z.literal('written'), as: z.enum(WRITTEN_AS), children: z.array(inlineSchema) }),
    z.object({ kind: z.literal('noteRef'), n: z.string() }),
    z.object({ kind: z.literal('abbr'), expansion: z.string(), children: z.array(inlineSchema) }),
    z.object({ kind: z.literal('link'), href: z.string(), children: z.array(inlineSchema) }),
    z.object({ kind: z.literal('docRef'), id: z.string(), href: z.string().optional(), fill: z.enum(['title', 'date']).optional(), children: z.array(inlineSchema) }),
    z.object({ kind: z.literal('entity'), type: z.enum(['person', 'place', 'topic']), id: z.string(), children: z.array(inlineSchema) }),
    z.object({ kind: z.literal('lb') }),
    z.object({ kind: z.literal('pb'), n: z.string().optional(), facs: z.string().optional() }),
    ]),
  ]),
);

const cellSchema = z.object({
  children: z.array(inlineSchema),
  header: z.boolean().optional(),
  colspan: z.number().int().positive().optional(),
  rowspan: z.number().int().positive().optional(),
});

export const blockSchema: z.ZodType<Block> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('p'), children: z.array(inlineSchema), rend: z.string().optional() }),
    z.object({ kind: z.literal('heading'), level: z.union([z.literal(2), z.literal(3), z.literal(4)]), children: z.array(inlineSchema) }),
    z.object({ kind: z.literal('list'), ordered: z.boolean(), start: z.number().int().min(0).max(999_999_999).optional(), items: z.array(z.array(blockSchema)) }),
    z.object({ kind: z.literal('table'), rows: z.array(z.array(cellSchema)) }),
    z.object({ kind: z.enum(['quote', 'closer']), children: z.array(blockSchema) }),
    z.object({ kind: z.literal('attachment'), title: z.array(inlineSchema).optional(), children: z.array(blockSchema) }),
    z.object({ kind: z.literal('pb'), n: z.string().optional(), facs: z.string().optional() }),
  ]),
);

/** A footnote whose body inlines are checked by `inline`. */
function footnoteInput(inline: z.ZodType<Inline>) {
  return z.union([
    nonEmpty,
    z.strictObject({
      n: z.union([z.string(), z.number()]).transform(String),
      mark: z.string().optional(),
      text: z.string(),
      body: z.array(inline).optional(),
    }),
  ]);
}

// An export writes references as {id, title}: the title is output only.
const refInput = z.union([idString, z.object({ id: idString })]);

const optionalText = z
  .string()
  .optional()
  .nullable()
  .transform((v) => (v === null || v === undefined || v.trim() === '' ? undefined : v));

/**
 * A list that may be given as null (as database exports write an empty one): the same as none,
 * which {@link withoutNullLists} makes it after parsing. Not a zod transform per list: those
 * eleven made reading the FRUS volumes 10% slower (bench/RESULTS.md).
 */
function optionalList<T extends z.ZodTypeAny>(item: T) {
  return z.array(item).optional().nullable();
}

/** The input schema, with a document's body nodes and its footnotes' checked by `inline` and `block`. */
const documentSchema = (inline: z.ZodType<Inline>, block: z.ZodType<Block>) => z.object({
  id: idString.optional(),
  sourceId: z.string().trim().min(1).optional(),
  title: nonEmpty,
  date: dateInput.optional().nullable(),
  type: optionalText,
  description: optionalText,
  summary: optionalText,
  text: optionalText,
  body: optionalList(block),
  footnotes: optionalList(footnoteInput(inline)),
  texts: optionalList(
    z.strictObject({
      role: z.enum(TEXT_ROLES),
      language: optionalText,
      translator: optionalText,
      text: z.string(),
    }),
  ),
  authors: optionalList(personInput),
  recipients: optionalList(personInput),
  people: optionalList(personInput),
  places: optionalList(placeInput),
  placeWritten: placeInput.optional().nullable(),
  placeWrittenCertainty: z.enum(EDITORIAL_CERTAINTIES).optional().nullable(),
  received: z
    .strictObject({ date: dateInput.optional().nullable(), place: placeInput.optional().nullable(), placeCertainty: z.enum(EDITORIAL_CERTAINTIES).optional().nullable() })
    .optional()
    .nullable(),
  topics: optionalList(topicInput),
  collections: optionalList(collectionInput),
  references: optionalList(refInput),
  source: z
    .strictObject({ archive: optionalText, reference: optionalText, collection: optionalText, url: optionalText })
    .optional()
    .nullable(),
  classification: optionalText,
  language: optionalText,
  originalLanguage: optionalText,
  rights: optionalText,
  funders: z.union([z.string(), z.array(z.string())]).optional().nullable(),
  media: optionalList(
    z.strictObject({
      kind: z.enum(['image', 'pdf', 'audio', 'video']),
      url: nonEmpty,
      pages: z.number().int().nonnegative().optional().nullable(),
      label: optionalText,
      width: z.number().int().positive().optional().nullable(),
      height: z.number().int().positive().optional().nullable(),
    }),
  ),
  recordId: z.union([z.string(), z.number()]).optional().nullable().transform((v) => (v === null || v === undefined || v === '' ? undefined : String(v))),
  number: z
    .union([z.string().trim().max(MAX_NUMBER_CHARS, `at most ${MAX_NUMBER_CHARS} characters`), z.number().int().nonnegative()])
    .optional()
    .nullable()
    .transform((v) => (v === null || v === undefined || v === '' ? undefined : String(v))),
  uploadedAt: optionalText,
  status: z.enum(DOCUMENT_STATUSES).optional(),
  embargoUntil: partialIsoDate.optional().nullable(),
  credit: optionalText,
  // Output-only fields of the JSON export, accepted so an export re-ingests unchanged.
  related: z.unknown().optional(),
  updatedAt: z.unknown().optional(),
});

export const documentInputSchema = documentSchema(inlineSchema, blockSchema);

/**
 * The same for an input whose body and footnote bodies {@link isCheckedBody} has already found
 * in the schema's exact shape: those nodes are taken as they are (they would come out of the
 * schema unchanged), everything else is checked as always.
 */
const checkedBodySchema = documentSchema(z.custom<Inline>(), z.custom<Block>());

/** Whether the body and every footnote's body of raw input are known to pass the schema unchanged. */
function bodiesChecked(raw: unknown): boolean {
  if (raw === null || typeof raw !== 'object') return false;
  const { body, footnotes } = raw as { body?: unknown; footnotes?: unknown };
  if (body !== undefined && body !== null && !isCheckedBody(body)) return false;
  if (footnotes === undefined || footnotes === null) return true;
  return Array.isArray(footnotes) && isCheckedFootnoteBodies(footnotes);
}

export type DocumentInput = z.input<typeof documentInputSchema>;

export class RecordValidationError extends Error {
  constructor(
    message: string,
    readonly issues: string[],
  ) {
    super(message);
    this.name = 'RecordValidationError';
  }
}

export interface BuildOptions {
  /** Used when the input has no id: e.g. the file name. */
  fallbackId?: string;
  /** Used when the input has no sourceId: e.g. the file path. */
  fallbackSourceId?: string;
  /** Collection every document of the batch is added to (`ingest --collection`). */
  extraCollection?: string;
  /**
   * Dates a reader has already read into their final form, kept as given once the input's own
   * dates have been checked: an open range ("after 2 October 1891", only a start) stays open,
   * where a lone start in plain input means that one day.
   */
  datesAsRead?: { date?: DocumentDate; received?: DocumentDate };
}

const LIST_FIELDS = ['body', 'footnotes', 'texts', 'authors', 'recipients', 'people', 'places', 'topics', 'collections', 'references', 'media'] as const;
type ParsedInput = z.output<typeof documentInputSchema>;
type ListField = (typeof LIST_FIELDS)[number];
type ListsGiven = Omit<ParsedInput, ListField> & { [K in ListField]?: NonNullable<ParsedInput[K]> };

/** A list given as null is no list (see {@link optionalList}). */
function withoutNullLists(input: ParsedInput): ListsGiven {
  if (LIST_FIELDS.every((f) => input[f] !== null)) return input as ListsGiven;
  const out: Record<string, unknown> = { ...input };
  for (const f of LIST_FIELDS) if (out[f] === null) delete out[f];
  return out as ListsGiven;
}

/** Validates loose input and builds the normalized record, or throws {@link RecordValidationError}. */
export function buildIngestRecord(raw: unknown, options: BuildOptions = {}): IngestRecord {
  // Before the schema: a record of hundreds of megabytes is refused by its size alone, and text
  // that is not Unicode is refused wherever it sits, in fields the schema knows or not.
  const problem = recordInputProblem(raw);
  if (problem) throw new RecordValidationError(problem, [problem]);
  const parsed = (bodiesChecked(raw) ? checkedBodySchema : documentInputSchema).safeParse(raw);
  if (!parsed.success) {
    const issues = issueReasons(parsed.error.issues, raw);
    throw new RecordValidationError(issues.join('; '), issues);
  }
  const input = withoutNullLists(parsed.data);

  const id = input.id ?? (options.fallbackId ? slugify(options.fallbackId, 120) : slugify(input.title, 120));
  if (!id) throw new RecordValidationError('id: could not derive an identifier from the title', ['id: empty']);

  const people = new Map<string, Person>();
  const places = new Map<string, Place>();
  const topics = new Map<string, Topic>();
  const collections = new Map<string, Collection>();

  const personIds = (list: z.output<typeof personInput>[] | undefined): string[] =>
    unique((list ?? []).map((p) => addEntity(people, toPerson(p))));
  // A correspondent the edition only supposes is a fact about this letter, not about the person.
  const agentCertainty: Record<string, EditorialCertainty> = {};
  const correspondentIds = (list: z.output<typeof personInput>[] | undefined): string[] =>
    unique(
      (list ?? []).map((p) => {
        const id = addEntity(people, toPerson(p));
        if (typeof p !== 'string' && p.certainty && !agentCertainty[id]) agentCertainty[id] = p.certainty;
        return id;
      }),
    );
  const placeIds = (list: z.output<typeof placeInput>[] | undefined): string[] =>
    unique((list ?? []).map((p) => addEntity(places, toPlace(p))));

  const date = toDocumentDate(input.date);
  // An embargo date is an embargo: without a status it must not mean "published today".
  const status = input.status ?? (input.embargoUntil ? 'embargoed' : 'published');
  if (status === 'embargoed' && !input.embargoUntil) {
    throw new RecordValidationError('embargoUntil: an embargoed document needs the date its embargo ends', ['embargoUntil: required']);
  }
  if (status === 'published' && input.embargoUntil) {
    throw new RecordValidationError(
      `embargoUntil: a published document has no embargo (give status "embargoed" to keep it private until ${input.embargoUntil})`,
      ['embargoUntil: not for a published document'],
    );
  }

  const collectionSlugs: string[] = [];
  for (const c of [...(input.collections ?? []), ...(options.extraCollection ? [options.extraCollection] : [])]) {
    const collection = toCollection(c);
    if (!collection.slug) throw new RecordValidationError(`collections: could not derive a slug from "${collection.title}"`, ['collections']);
    if (!collections.has(collection.slug)) collections.set(collection.slug, collection);
    collectionSlugs.push(collection.slug);
  }

  const placeWritten = input.placeWritten ? addEntity(places, toPlace(input.placeWritten)) : undefined;
  const received = toReceived(input.received, places);
  const footnotes: Footnote[] = (input.footnotes ?? []).map((f, i) =>
    typeof f === 'string' ? { n: String(i + 1), text: f } : stripUndefined({ n: f.n, mark: f.mark === f.n ? undefined : f.mark, text: f.text, body: f.body }),
  );
  const text = input.text ?? (input.body ? bodyText(input.body) : undefined);

  const document: ArchiveDocument = stripUndefined({
    id,
    sourceId: input.sourceId ?? options.fallbackSourceId ?? id,
    // A title is one line: a line break from a spreadsheet cell or source markup reads as a
    // space. Only ASCII white space: a no-break space ("21.\u00a04.\u00a01898") is meant.
    title: input.title.replace(/[\t\n\v\f\r ]+/g, ' ').trim(),
    date,
    type: input.type,
    description: input.description,
    summary: input.summary,
    text,
    body: input.body,
    footnotes,
    texts: (input.texts ?? []).map((t) => stripUndefined({ ...t, language: t.language === undefined ? undefined : normalizeLanguage(t.language) })),
    authors: correspondentIds(input.authors),
    recipients: correspondentIds(input.recipients),
    agentCertainty: Object.keys(agentCertainty).length ? agentCertainty : undefined,
    people: personIds(input.people),
    places: unique([...placeIds(input.places), ...(placeWritten ? [placeWritten] : []), ...(received?.place ? [received.place] : [])]),
    placeWritten,
    placeWrittenCertainty: placeWritten ? (input.placeWrittenCertainty ?? undefined) : undefined,
    received,
    topics: unique((input.topics ?? []).map((t) => addEntity(topics, toTopic(t)))),
    collections: unique(collectionSlugs),
    references: citedDocuments({ id, references: (input.references ?? []).map((r) => (typeof r === 'string' ? r : r.id)), body: input.body, footnotes }),
    source: stripUndefined({ ...(input.source ?? {}) }),
    classification: input.classification,
    language: input.language === undefined ? undefined : normalizeLanguage(input.language),
    originalLanguage: input.originalLanguage === undefined ? undefined : normalizeLanguage(input.originalLanguage),
    rights: input.rights,
    funders: input.funders === null || input.funders === undefined ? [] : Array.isArray(input.funders) ? input.funders : [input.funders],
    media: (input.media ?? []).map((m) =>
      stripUndefined({ kind: m.kind, url: m.url, pages: m.pages ?? undefined, label: m.label, width: m.width ?? undefined, height: m.height ?? undefined }),
    ),
    recordId: input.recordId,
    number: input.number,
    uploadedAt: input.uploadedAt,
    status,
    embargoUntil: input.embargoUntil ?? undefined,
    credit: input.credit,
  });

  if (options.datesAsRead?.date) document.date = options.datesAsRead.date;
  if (options.datesAsRead?.received && document.received?.date) document.received.date = options.datesAsRead.received;

  return {
    document,
    people: [...people.values()],
    places: [...places.values()],
    topics: [...topics.values()],
    collections: [...collections.values()],
  };
}

/** A letter's arrival; an undated, placeless one is none (the date field's "[undated]" would say nothing). */
function toReceived(value: z.output<typeof documentInputSchema>['received'], places: Map<string, Place>): ArchiveDocument['received'] {
  if (!value) return undefined;
  const date = value.date === undefined || value.date === null || value.date === '' ? undefined : toDocumentDate(value.date, 'received.date');
  const place = value.place ? addEntity(places, toPlace(value.place)) : undefined;
  if (!date && !place) return undefined;
  return stripUndefined({ date, place, placeCertainty: place ? (value.placeCertainty ?? undefined) : undefined });
}

/** `field` names the date in a reason: `date`, or `received.date`. */
function toDocumentDate(value: z.output<typeof dateInput> | null | undefined, field: 'date' | 'received.date' = 'date'): DocumentDate {
  if (value === undefined || value === null || value === '') return { display: '[undated]' };
  if (typeof value === 'number') value = String(value);
  if (typeof value === 'string') {
    const parsed = parseDateText(value);
    if (!parsed) throw new RecordValidationError(`${field}: ${quoteValue(value)} is not a date Archivum can read (use YYYY-MM-DD, YYYY-MM, YYYY or a range A..B)`, [field]);
    if (endsBeforeStart(parsed)) throw new RecordValidationError(`${field}: ${quoteValue(value)} ends before it starts`, [field]);
    return parsed;
  }
  const start = value.start ?? undefined;
  const end = value.end ?? (value.start ?? undefined);
  const candidate = canonicalDate({
    start,
    end,
    display: value.display?.trim() || formatDateRange(start, end),
    certainty: value.certainty,
  });
  const checked = documentDateSchema.safeParse(candidate);
  if (!checked.success) {
    const issues = issueReasons(checked.error.issues, candidate, field.split('.'));
    throw new RecordValidationError(issues.join('; '), issues);
  }
  return candidate;
}

function toPerson(p: z.output<typeof personInput>): Person {
  if (typeof p === 'string') return { id: entityId(p), name: p.trim() };
  checkAuthorityNames(p.authorities);
  const { certainty: _letterOnly, ...person } = p;
  return withListings(stripUndefined({ ...person, id: p.id ?? entityId(p.name), name: p.name.trim() }));
}

function toPlace(p: z.output<typeof placeInput>): Place {
  if (typeof p === 'string') return { id: entityId(p), name: p.trim() };
  checkAuthorityNames(p.authorities);
  return stripUndefined({ ...p, lat: p.lat ?? undefined, lon: p.lon ?? undefined, id: p.id ?? entityId(p.name), name: p.name.trim() });
}

/** Authority names are keys, which {@link recordInputProblem} does not read, and they are stored. */
function checkAuthorityNames(authorities: Record<string, string> | undefined): void {
  for (const name of Object.keys(authorities ?? {})) {
    const problem = textProblem(name);
    if (problem) throw new RecordValidationError(`authorities[${JSON.stringify(name)}]: the name ${problem}`, ['authorities']);
  }
}

function toTopic(t: z.output<typeof topicInput>): Topic {
  if (typeof t === 'string') return { id: entityId(t), name: t.trim() };
  return { id: t.id ?? entityId(t.name), name: t.name.trim() };
}

function toCollection(c: z.output<typeof collectionInput>): Collection {
  if (typeof c === 'string') {
    // A bare value is a slug when it looks like one, else a title to derive one from.
    return ID_PATTERN.test(c) ? { slug: c, title: c } : { slug: slugify(c), title: c.trim() };
  }
  return stripUndefined({ ...c, slug: c.slug ?? slugify(c.title) });
}

function entityId(name: string): string {
  const id = slugify(name);
  if (!id) throw new RecordValidationError(`"${name}" has no letters or digits to make an identifier from`, ['entity']);
  return id;
}

function addEntity<T extends { id: string }>(map: Map<string, T>, entity: T): string {
  if (!map.has(entity.id)) map.set(entity.id, entity);
  return entity.id;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** Drops undefined keys so stored JSON and checksums do not depend on how a record was built. */
export function stripUndefined<T extends object>(value: T): T {
  const out = {} as T;
  for (const [k, v] of Object.entries(value)) {
    if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}
