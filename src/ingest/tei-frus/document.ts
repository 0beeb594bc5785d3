import {
  buildIngestRecord,
  isValidId,
  slugify,
  type Collection,
  type DocumentInput,
  type Person,
} from '../../domain/index.js';
import { MAX_ELEMENTS_PER_RECORD, type RecordOutcome } from '../format.js';
import { blocksOf, FootnoteCollector, type BodyContext } from './body.js';
import { documentDate, type DateValue } from './dates.js';
import { inferDocumentType } from './doc-type.js';
import { correspId, type PersonIndex } from './persons.js';
import { documentUrl } from './refs.js';
import { classificationMarkings, readSourceNote, type SourceNoteInfo } from './source-note.js';
import { parseSupplementEntry } from './supplement.js';
import { spacedText } from './text.js';
import { FRUS_CREDIT, volumeCollection, type VolumeInfo } from './volume-header.js';
import { attr, childElements, findAll, findFirst, firstChild, isElement, normalizeSpace, type XmlElement } from './xml.js';
import { trimTrailing } from '../../domain/trim.js';

export const SUPPLEMENT_TYPE = 'Microfiche supplement entry';
export const RIGHTS = 'Public domain (U.S. government work)';

/** What a document needs from the volume around it. */
export interface DocumentEnv {
  volume: VolumeInfo;
  persons: PersonIndex;
  /** Enclosing chapter/compilation collections, outermost first. */
  chapters: Collection[];
  /** A page break seen between the previous document and this one: the page this one starts on. */
  pendingPb?: { n?: string; facs?: string };
  /** Microfiche supplement volume: documents are catalogue entries without text. */
  supplement: boolean;
  /** `ingest --collection`. */
  extraCollection?: string;
  /** The document held more elements than a record may ({@link MAX_ELEMENTS_PER_RECORD}); only its opening was kept. */
  oversized?: boolean;
}

/** Converts one `div[@type="document"]`; never throws — a bad document is an outcome, not a crash. */
export function convertDocument(div: XmlElement, env: DocumentEnv): RecordOutcome {
  const n = attr(div, 'n')?.trim();
  const xmlId = attr(div, 'xml:id')?.trim() || (n ? `d${n}` : '');
  if (!xmlId) return { ok: false, label: `${env.volume.slug} document ${n ?? '(no number)'}`, reason: 'document div has neither xml:id nor n' };
  const id = `${env.volume.slug}-${xmlId.toLowerCase()}`;
  if (!isValidId(id)) {
    return { ok: false, label: xmlId, reason: `document id "${id}" is not a valid identifier (lower-case letters, digits, ".", "_", "-")` };
  }
  if (env.oversized) {
    return { ok: false, label: id, reason: `the document holds more than ${MAX_ELEMENTS_PER_RECORD.toLocaleString('en')} elements; refused (the largest FRUS document holds under 2,000)` };
  }
  try {
    const record = buildIngestRecord(documentInput(div, env, id, xmlId, n), { extraCollection: env.extraCollection });
    // Ancestor chapters are cited so their records exist for `parent`; the document is a member
    // of its innermost chapter and the volume only.
    for (const chapter of env.chapters) {
      if (!record.collections.some((c) => c.slug === chapter.slug)) record.collections.push(chapter);
    }
    return { ok: true, record, label: id };
  } catch (err) {
    return { ok: false, label: id, reason: err instanceof Error ? err.message : String(err) };
  }
}

function documentInput(div: XmlElement, env: DocumentEnv, id: string, xmlId: string, n: string | undefined): DocumentInput {
  const { volume } = env;
  const head = firstChild(div, 'head');
  const sourceNote = env.supplement ? undefined : chooseSourceNote(div, head);
  const ctx: BodyContext = {
    volume,
    docId: id,
    persons: env.persons,
    footnotes: new FootnoteCollector(),
    references: new Set(),
    mentioned: new Map(),
    skip: new Set([...(head ? [head] : []), ...(sourceNote ? [sourceNote] : [])]),
  };
  const heading = head ? readHead(head, ctx, sourceNote) : emptyHead();
  const fallbackTitle = `Document ${n ?? xmlId}`;
  const innermost = env.chapters[env.chapters.length - 1];
  const collections: Collection[] = [volumeCollection(volume), ...(innermost ? [innermost] : [])];
  const source: NonNullable<DocumentInput['source']> = { url: documentUrl(volume, xmlId) };

  const input: DocumentInput = {
    id,
    sourceId: `frus:${volume.id}/${xmlId}`,
    recordId: `${volume.id}/${xmlId}`,
    title: heading.title || fallbackTitle,
    language: 'en',
    rights: RIGHTS,
    credit: FRUS_CREDIT,
    collections,
    source,
  };

  if (env.supplement) {
    const entry = parseSupplementEntry(heading.title, env.chapters.map((c) => c.title).reverse());
    input.title = entry.title || fallbackTitle;
    input.type = SUPPLEMENT_TYPE;
    // The catalogue line as printed, so nothing the parse might miss is lost.
    if (heading.title) input.summary = heading.title;
    if (entry.description) input.description = entry.description;
    if (entry.date) input.date = entry.date;
    if (entry.classification) input.classification = entry.classification;
    if (entry.reference) source.reference = entry.reference;
    if (entry.archive) source.archive = entry.archive;
    setAgents(input, heading);
    return input;
  }

  const dateline = findFirst(div, (e) => e.name === 'dateline', (e) => e.name === 'frus:attachment' || e.name === 'note' || e.name === 'quote');
  const date: DateValue | undefined = documentDate(div, dateline);
  if (date) input.date = date;
  const placeEl = dateline ? findFirst(dateline, (e) => e.name === 'placeName') : undefined;
  const place = placeEl ? placeName(normalizeSpace(spacedText(placeEl))) : undefined;
  if (place) input.placeWritten = place;

  const blocks = blocksOf(div.children, ctx);
  if (env.pendingPb && blocks[0]?.kind !== 'pb') blocks.unshift({ kind: 'pb', ...env.pendingPb });
  if (blocks.some((b) => b.kind !== 'pb')) input.body = blocks;

  const info: SourceNoteInfo = sourceNote ? readSourceNote(sourceNote) : {};
  if (info.reference) source.reference = info.reference;
  if (info.archive) source.archive = info.archive;
  if (info.classification) input.classification = info.classification;
  if (info.summary) input.summary = info.summary;
  const type = inferDocumentType(heading.title) ?? info.docType;
  if (type) input.type = type;

  input.footnotes = ctx.footnotes.notes;
  input.references = [...ctx.references];
  setAgents(input, heading, ctx.mentioned);
  return input;
}

/**
 * The place as a gazetteer name: editorial brackets and "?" go ("[Saigon" → "Saigon"), a
 * memorandum number tagged with it goes ("SecDel/MC/79 New York" → "New York"), and
 * "[place not declassified]" is no place.
 */
function placeName(printed: string): string | undefined {
  if (/not declassified/i.test(printed)) return undefined;
  let name = trimTrailing(printed.replace(/[[\]?]/g, ''), '.,;:').trim();
  // Only the end can hold the name, and the pattern retries at every capital: a long hostile
  // dateline is cut to its last 200 characters first.
  if (/[\d/]/.test(name)) name = /(\p{Lu}[\p{Ll}'’]+(?:[ -]\p{Lu}[\p{Ll}'’]+)*)$/u.exec(name.slice(-200))?.[1] ?? '';
  return name && slugify(name) ? name : undefined;
}

type Agent = Person | string;

interface HeadInfo {
  title: string;
  authors: Agent[];
  recipients: Agent[];
  people: Person[];
}

function emptyHead(): HeadInfo {
  return { title: '', authors: [], recipients: [], people: [] };
}

/**
 * Title, senders and addressees from the head. `persName[@type="from"|"to"]` are persons (linked
 * to the volume's list by `@corresp`, else by the name as printed); `gloss[@type="from"|"to"]`
 * are offices ("Department of State", "Embassy in the Soviet Union") and become person-like
 * agent records named as printed. Notes other than the source note are registered as footnotes.
 */
function readHead(head: XmlElement, ctx: BodyContext, sourceNote: XmlElement | undefined): HeadInfo {
  const info = emptyHead();
  const isNote = (e: XmlElement): boolean => e.name === 'note';
  info.title = stripNumber(normalizeSpace(spacedText(head, isNote)));
  const visit = (parent: XmlElement): void => {
    for (const el of parent.children) {
      if (!isElement(el) || isNote(el)) continue; // names inside the source note are not agents
      if (el.name === 'persName' || el.name === 'gloss') addAgent(el, ctx, info);
      visit(el);
    }
  };
  visit(head);
  for (const note of findAll(head, isNote)) {
    if (note === sourceNote || attr(note, 'n') === undefined) continue;
    ctx.footnotes.register(note, ctx);
  }
  return info;
}

function addAgent(el: XmlElement, ctx: BodyContext, info: HeadInfo): void {
  const type = attr(el, 'type');
  const printed = normalizeSpace(spacedText(el));
  const person = el.name === 'persName' ? ctx.persons.get(correspId(attr(el, 'corresp')) ?? '') : undefined;
  const agent: Agent | undefined = person ?? (printed && slugify(printed) ? printed : undefined);
  if (!agent) return;
  if (type === 'from') info.authors.push(agent);
  else if (type === 'to') info.recipients.push(agent);
  else if (person) info.people.push(person);
}

function setAgents(input: DocumentInput, head: HeadInfo, mentioned?: Map<string, Person>): void {
  if (head.authors.length) input.authors = head.authors;
  if (head.recipients.length) input.recipients = head.recipients;
  const people = new Map<string, Person>();
  for (const p of head.people) people.set(p.id, p);
  for (const p of mentioned?.values() ?? []) people.set(p.id, p);
  if (people.size) input.people = [...people.values()];
}

/** "1. Message From …" → "Message From …": the number is the document's place in the volume, kept in its id. */
function stripNumber(title: string): string {
  return title.replace(/^\d+[A-Za-z]?\.\s*(?=\D)/, '');
}

/**
 * The source note, in order of evidence: a note marked `n="0"` or `type="source"` in the head
 * or directly in the div (1948 puts its file note before the head); a head note or an unnumbered
 * div-level note whose text starts "Source:" / "[Source:"; a head note that carries a
 * classification marking (a few volumes number the source note 1 without marking it).
 */
function chooseSourceNote(div: XmlElement, head: XmlElement | undefined): XmlElement | undefined {
  const headNotes = head ? findAll(head, (e) => e.name === 'note') : [];
  const divNotes = childElements(div, 'note');
  const marked = [...headNotes, ...divNotes].find((e) => attr(e, 'n') === '0' || attr(e, 'type') === 'source');
  if (marked) return marked;
  const startsWithSource = (e: XmlElement): boolean => /^\[?\s*Source\s*:/i.test(normalizeSpace(spacedText(e)));
  const labelled = headNotes.find(startsWithSource) ?? divNotes.find((e) => attr(e, 'n') === undefined && startsWithSource(e));
  if (labelled) return labelled;
  return headNotes.find((e) => classificationMarkings(normalizeSpace(spacedText(e))).length > 0);
}
