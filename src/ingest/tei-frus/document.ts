import {
  buildIngestRecord,
  isValidId,
  slugify,
  type Block,
  type Collection,
  type DocumentInput,
  type Inline,
  type Person,
} from '../../domain/index.js';
import { MAX_ELEMENTS_PER_RECORD, type RecordOutcome } from '../format.js';
import { blocksOf, FootnoteCollector, inlinesOf, type BodyContext } from './body.js';
import { documentDate, parseEnglishDate, type DateValue } from './dates.js';
import { inferDocumentType } from './doc-type.js';
import { correspId, personKey, type PersonIndex } from './persons.js';
import type { TermIndex } from './terms.js';
import { documentUrl } from './refs.js';
import { classificationMarkings, openerClassification, readSourceNote, type SourceNoteInfo } from './source-note.js';
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
  terms: TermIndex;
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

/** The div's xml:id, or "d" and its number; empty when it has neither. */
function documentXmlId(div: XmlElement): string {
  const n = attr(div, 'n')?.trim();
  return attr(div, 'xml:id')?.trim() || (n ? `d${n}` : '');
}

/** What a document div is called in reports: its id, or the volume and its number. */
export function documentLabel(div: XmlElement, volumeSlug: string): string {
  return labelOf(div, documentXmlId(div), volumeSlug);
}

function labelOf(div: XmlElement, xmlId: string, volumeSlug: string): string {
  return xmlId ? `${volumeSlug}-${xmlId.toLowerCase()}` : `${volumeSlug} document ${attr(div, 'n')?.trim() || '(no number)'}`;
}

/** Converts one `div[@type="document"]`; never throws — a bad document is an outcome, not a crash. */
export function convertDocument(div: XmlElement, env: DocumentEnv): RecordOutcome {
  const xmlId = documentXmlId(div);
  const id = labelOf(div, xmlId, env.volume.slug);
  if (!xmlId) return { ok: false, label: id, reason: 'document div has neither xml:id nor n' };
  if (!isValidId(id)) {
    return { ok: false, label: xmlId, reason: `document id "${id}" is not a valid identifier (lower-case letters, digits, ".", "_", "-")` };
  }
  if (env.oversized) {
    return { ok: false, label: id, reason: `the document holds more than ${MAX_ELEMENTS_PER_RECORD.toLocaleString('en')} elements; refused (the largest FRUS document holds under 2,000)` };
  }
  try {
    const record = buildIngestRecord(documentInput(div, env, id, xmlId, attr(div, 'n')?.trim()), { extraCollection: env.extraCollection });
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
    terms: env.terms,
    footnotes: new FootnoteCollector(),
    references: new Set(),
    mentioned: new Map(),
    skip: new Set([...(head ? [head] : []), ...(sourceNote ? [sourceNote] : [])]),
  };
  const heading = head ? readHead(head, ctx) : emptyHead();
  const fallbackTitle = `Document ${n ?? xmlId}`;
  const innermost = env.chapters[env.chapters.length - 1];
  const collections: Collection[] = [volumeCollection(volume), ...(innermost ? [innermost] : [])];
  const source: NonNullable<DocumentInput['source']> = { url: documentUrl(volume, xmlId) };

  const input: DocumentInput = {
    id,
    sourceId: `frus:${volume.id}/${xmlId}`,
    recordId: `${volume.id}/${xmlId}`,
    ...(n ? { number: n } : {}),
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
  const date: DateValue | undefined = documentDate(div, dateline) ?? dateInTitle(input.title);
  if (date) input.date = date;
  const placeEl = dateline ? findFirst(dateline, (e) => e.name === 'placeName') : undefined;
  const place = placeEl ? placeName(normalizeSpace(spacedText(placeEl))) : undefined;
  if (place) input.placeWritten = place;

  const blocks = bodyBlocks(div, head, sourceNote, ctx);
  if (env.pendingPb && blocks[0]?.kind !== 'pb') blocks.unshift({ kind: 'pb', ...env.pendingPb });
  if (blocks.some((b) => b.kind !== 'pb')) input.body = blocks;

  const info: SourceNoteInfo = sourceNote ? readSourceNote(withoutNotes(sourceNote)) : {};
  if (info.reference) source.reference = info.reference;
  if (info.archive) source.archive = info.archive;
  const classification = info.classification ?? openerClassification(div);
  if (classification) input.classification = classification;
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
 * agent records named as printed. The head's notes are registered with the body ({@link bodyBlocks}).
 */
function readHead(head: XmlElement, ctx: BodyContext): HeadInfo {
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
  return info;
}

/**
 * The body in document order: what stands before the head (1948 openers), then the notes of the
 * head and the source note, then the rest. Registering the head's notes where the head stands
 * keeps the footnote list in printed order ("1" in an opener before the head, "2" in the head).
 * The title is plain text and cannot carry a marker, so the head's notes get theirs in a line of
 * their own where the head stood (`rend: 'title-notes'`): the page links them like any other
 * note, and the line adds nothing to `text`.
 */
function bodyBlocks(div: XmlElement, head: XmlElement | undefined, sourceNote: XmlElement | undefined, ctx: BodyContext): Block[] {
  const headAt = head ? div.children.indexOf(head) : -1;
  const before = blocksOf(div.children.slice(0, headAt + 1), ctx);
  const numbered = sourceNote !== undefined && isNumberedNote(sourceNote);
  const markers = registerHeadNotes(div, [head, sourceNote], numbered ? undefined : sourceNote, ctx);
  if (sourceNote && !numbered) linkSourceNote(sourceNote, ctx);
  const after = blocksOf(div.children.slice(headAt + 1), ctx);
  // Without a text there is nothing to put a marker line into; the notes are still listed.
  if (!markers.length || ![...before, ...after].some((b) => b.kind !== 'pb')) return [...before, ...after];
  const children: Inline[] = [];
  for (const n of markers) children.push(...(children.length ? [' '] : []), { kind: 'noteRef', n });
  return [...before, { kind: 'p', children, rend: 'title-notes' }, ...after];
}

/**
 * The date a head prints when the document has no dateline: 1948 minutes are headed "Minutes of
 * the Twentieth Meeting of the United States Delegation, Paris, … October 21, 1948". Only a full
 * day with its year counts, and the date is marked as inferred: the head names it, no dateline
 * does.
 */
function dateInTitle(title: string): DateValue | undefined {
  const found = parseEnglishDate(title);
  if (!found?.date.start || found.date.certainty || !/\d{4}$/.test(found.date.display)) return undefined;
  return { ...found.date, certainty: 'inferred' };
}

/**
 * A source note the volume prints as footnote 1 (`n="1"`, most volumes since the 1950s) is
 * listed as footnote 1 too, with its italics and links, so the notes start at 1 as printed;
 * one marked `n="0"` is printed without a number and stays only the document's reference.
 */
function isNumberedNote(note: XmlElement): boolean {
  const n = attr(note, 'n')?.trim();
  return n !== undefined && n !== '' && n !== '0';
}

/**
 * Registers the numbered notes inside the head and the source note (not the source note itself,
 * unless it is numbered),
 * in document order; returns their markers. Nested notes are registered by their parent note.
 */
function registerHeadNotes(div: XmlElement, containers: (XmlElement | undefined)[], sourceNote: XmlElement | undefined, ctx: BodyContext): string[] {
  const markers = new Set<string>();
  const visit = (el: XmlElement, inside: boolean): void => {
    for (const c of el.children) {
      if (!isElement(c)) continue;
      if (inside && c !== sourceNote && c.name === 'note' && attr(c, 'n') !== undefined) {
        const n = ctx.footnotes.register(c, ctx);
        if (n !== undefined) markers.add(n);
      } else visit(c, inside || containers.includes(c));
    }
  };
  visit(div, false);
  return [...markers];
}

/**
 * Names and cross-references in the source note ("Drafted by <persName corresp=…>Cottrell</…>",
 * "printed as <ref target="#d50">Document 50</ref>") link the person and the document exactly
 * as they do in the text. The note itself is stored as plain text (`source.reference`), so the
 * converted inlines are not kept: only what the conversion records in the context is.
 */
function linkSourceNote(sourceNote: XmlElement, ctx: BodyContext): void {
  inlinesOf(sourceNote.children, ctx);
}

/**
 * The element without its numbered notes, whose text is a footnote, not part of the reference.
 * A source note that holds numbered notes (a slip in three documents of vol. XXII, whose
 * footnotes 1 and 2 sit inside it) keeps its own text only: the notes are listed as notes.
 */
function withoutNotes(el: XmlElement): XmlElement {
  return { ...el, children: el.children.filter((c) => !isElement(c) || c.name !== 'note' || attr(c, 'n') === undefined) };
}

function addAgent(el: XmlElement, ctx: BodyContext, info: HeadInfo): void {
  const type = attr(el, 'type');
  // "Telegram From the Embassy in Japan to the Department of State" sometimes tags the article
  // with the office: "the Department of State" is the same agent as "Department of State".
  const printed = normalizeSpace(spacedText(el)).replace(/^the\s+/i, '');
  const listed = el.name === 'persName' ? ctx.persons.get(correspId(attr(el, 'corresp')) ?? '') : undefined;
  // Only a sender or addressee is worked out from the name as printed; a name merely mentioned in
  // the head without a pointer is no one's record.
  const person = listed ?? (el.name === 'persName' && (type === 'from' || type === 'to') ? printedPerson(printed, ctx) : undefined);
  const agent: Agent | undefined = person ?? (printed && slugify(printed) ? printed : undefined);
  if (!agent) return;
  if (type === 'from') info.authors.push(agent);
  else if (type === 'to') info.recipients.push(agent);
  else if (person) info.people.push(person);
}

/**
 * A sender or addressee printed without a pointer into the persons list. By surname alone
 * ("Special Assistant (<persName type="from">Bundy</persName>)", "Ruiz Cortines"), it is the one
 * person of that surname in the volume's list; else someone of this volume only: "Bundy" is
 * William P. in one volume and McGeorge in another, and one record for every volume's "Bundy"
 * would give each man the other's documents. A full name in its own order ("McGeorge Bundy") is
 * the listed "Bundy, McGeorge"; one the list does not hold stays a name of its own, as printed
 * (undefined), the same in every volume.
 */
function printedPerson(printed: string, ctx: BodyContext): Person | undefined {
  const key = personKey(printed);
  if (!key || printed.includes(',')) return undefined;
  const { bySurname, byKey } = listedKeys(ctx.persons);
  const bySurnameAlone = bySurname.get(key);
  if (bySurnameAlone?.size === 1) return [...bySurnameAlone][0];
  const words = printed.trim().split(/\s+/);
  if (!key.includes('-')) {
    const id = `${key}-${ctx.volume.slug}`;
    return isValidId(id) ? { id, name: printed } : undefined;
  }
  const listed = byKey.get(personKey(`${words[words.length - 1]}, ${words.slice(0, -1).join(' ')}`));
  return listed?.size === 1 ? [...listed][0] : undefined;
}

/** A volume's people by surname and by name key, worked out once per volume. */
const keysOfLists = new WeakMap<PersonIndex, { bySurname: Map<string, Set<Person>>; byKey: Map<string, Set<Person>> }>();

function listedKeys(persons: PersonIndex): { bySurname: Map<string, Set<Person>>; byKey: Map<string, Set<Person>> } {
  let keys = keysOfLists.get(persons);
  if (!keys) {
    keys = { bySurname: new Map(), byKey: new Map() };
    const add = (map: Map<string, Set<Person>>, key: string, person: Person): void => {
      if (!key) return;
      const set = map.get(key) ?? new Set<Person>();
      set.add(person);
      map.set(key, set);
    };
    for (const person of new Set(persons.values())) {
      add(keys.bySurname, slugify(person.name.split(',')[0] ?? ''), person);
      add(keys.byKey, personKey(person.name), person);
    }
    keysOfLists.set(persons, keys);
  }
  return keys;
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
 * classification marking (a few volumes number the source note 1 without marking it); a
 * `seg[@type="source"]` of an opener (1948).
 */
function chooseSourceNote(div: XmlElement, head: XmlElement | undefined): XmlElement | undefined {
  const headNotes = head ? findAll(head, (e) => e.name === 'note') : [];
  const divNotes = childElements(div, 'note');
  const marked = [...headNotes, ...divNotes].find((e) => attr(e, 'n') === '0' || attr(e, 'type') === 'source');
  if (marked) return marked;
  const startsWithSource = (e: XmlElement): boolean => /^\[?\s*Source\s*:/i.test(normalizeSpace(spacedText(e)));
  const labelled = headNotes.find(startsWithSource) ?? divNotes.find((e) => attr(e, 'n') === undefined && startsWithSource(e));
  if (labelled) return labelled;
  const marking = headNotes.find((e) => classificationMarkings(normalizeSpace(spacedText(e))).length > 0);
  if (marking) return marking;
  // 1948 also prints the file as a line of the opener: `<seg type="source">IO Files: US/S/608</seg>`.
  return findFirst(div, (e) => e.name === 'seg' && attr(e, 'type') === 'source', (e) => e.name === 'frus:attachment' || e.name === 'note' || e.name === 'quote');
}
