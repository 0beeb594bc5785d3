import { basename } from 'node:path';
import {
  buildIngestRecord,
  type Collection,
  type DocumentInput,
  type EditorialCertainty,
  slugify,
} from '../../domain/index.js';
import { fileStem, errorMessage } from '../files.js';
import type { ReadOptions, RecordOutcome } from '../format.js';
import { dateByReceipt, type LetterDates, readActionPlace, readReceived, readSentDate } from '../xml/corresp.js';
import { rightsFromAvailability } from '../xml/licence.js';
import { streamXmlElements } from '../xml/parse.js';
import { certaintyOfAttributes } from '../xml/tei-date.js';
import { attr, childElements, childPath, text, type XElement } from '../xml/tree.js';
import { authorityEntityId, authorityRecord, parseAuthorities, PERSON_AUTHORITY_ORDER, PLACE_AUTHORITY_ORDER, preferredAuthority } from './authority.js';

/** What the file header says about the printed edition every correspDesc in the file comes from. */
export interface CmifHeader {
  fileSlug: string;
  fileName: string;
  title?: string;
  /** The edition the file's letters come from: its one `sourceDesc/bibl`. */
  bibl?: string;
  /**
   * The editions of a file that gathers several (a `bibl` each, named by `@xml:id`), by id in
   * file order: a letter's `@source` picks its own. Empty for a file of one edition.
   */
  editions: Map<string, CmifEdition>;
  publisher?: string;
  editors: string[];
  rights?: string;
  fileUrl?: string;
}

export interface CmifEdition {
  /** The bibl's `@xml:id`, which a correspDesc's `@source` names ("#b2"). */
  xmlId: string;
  bibl: string;
  /** 1, 2, … in the file. */
  position: number;
}

type PersonInput = { id: string; name: string; authorities?: Record<string, string>; certainty?: EditorialCertainty };
type PlaceInput = Omit<PersonInput, 'certainty'>;

/**
 * Reads a CMIF file: one metadata-only letter per `correspDesc`, streamed, so large files never
 * become one tree. Document ids are `cmif-<file>-<n>` with n the 1-based position of the
 * correspDesc in the file; `@key` is not unique in the real files (1975_Brahm_Schnitzler has two
 * "B76") and is missing from most, so it is kept only as the printed number in `source.reference`.
 */
export async function* readCmif(path: string, options: ReadOptions = {}): AsyncGenerator<RecordOutcome> {
  const header: CmifHeader = { fileSlug: slugify(fileStem(path), 100) || 'file', fileName: basename(path), editors: [], editions: new Map() };
  let n = 0;
  const select = (name: string, _ns: string, stack: readonly string[]): boolean =>
    (name === 'fileDesc' && stack[stack.length - 1] === 'teiHeader') ||
    (name === 'correspDesc' && stack.includes('profileDesc'));
  for await (const el of streamXmlElements(path, select)) {
    if (el.name === 'fileDesc') {
      Object.assign(header, readHeader(el));
      continue;
    }
    n++;
    const label = `correspDesc ${n} (line ${el.line})`;
    try {
      const { input, dates } = correspDescToInput(el, n, header);
      yield { ok: true, label, record: buildIngestRecord(input, { extraCollection: options.collection, datesAsRead: dates }) };
    } catch (error) {
      yield { ok: false, label, reason: errorMessage(error) };
    }
  }
}

export function readHeader(fileDesc: XElement): Partial<CmifHeader> {
  const bibls = childElements(childPath(fileDesc, 'sourceDesc'), 'bibl').flatMap((el) => {
    const bibl = text(el);
    return bibl ? [{ bibl, xmlId: attr(el, 'xml:id') }] : [];
  });
  // Several editions only when letters can name them: bibls without ids (a print and an online
  // description of one edition) describe the one edition, as a single bibl does.
  const named = bibls.filter((b): b is { bibl: string; xmlId: string } => b.xmlId !== undefined);
  const editions = new Map<string, CmifEdition>();
  if (named.length > 1) {
    for (const [i, b] of named.entries()) if (!editions.has(b.xmlId)) editions.set(b.xmlId, { ...b, position: i + 1 });
  }
  const publisher = text(childPath(fileDesc, 'publicationStmt', 'publisher'));
  const urlIdno = childElements(childPath(fileDesc, 'publicationStmt'), 'idno').find((i) => attr(i, 'type') === 'url');
  const editors = childElements(childPath(fileDesc, 'titleStmt'), 'editor')
    .map((e) => text({ ...e, children: e.children.filter((c) => typeof c === 'string' || c.name !== 'email') }))
    .filter((s) => s !== '');
  const out: Partial<CmifHeader> = { editors, editions };
  const title = text(childPath(fileDesc, 'titleStmt', 'title'));
  if (title) out.title = title;
  // A file of several editions is named by its own title; each letter names its edition.
  if (!editions.size && bibls.length) out.bibl = bibls[0]!.bibl;
  if (publisher) out.publisher = publisher;
  const rights = rightsFromAvailability(childPath(fileDesc, 'publicationStmt'));
  if (rights) out.rights = rights;
  const fileUrl = text(urlIdno);
  if (fileUrl) out.fileUrl = fileUrl;
  return out;
}

/** The collection a CMIF file stands for: the printed edition named in its `sourceDesc/bibl`. */
export function cmifCollection(header: CmifHeader): Collection {
  const collection: Collection = {
    slug: `cmif-${header.fileSlug}`,
    // Several titleStmt titles are just the file name ("Zweig_Bahr"); the bibl is the edition.
    title: header.bibl ?? header.title ?? header.fileName,
  };
  if (header.title && header.title !== collection.title) collection.description = `CMIF: ${header.title}`;
  if (header.editors.length) collection.editors = header.editors;
  const credit = cmifCredit(header);
  if (credit) collection.credit = credit;
  return collection;
}

function cmifCredit(header: CmifHeader, bibl = header.bibl): string | undefined {
  const by = header.publisher ?? header.editors[0];
  if (bibl && by) return `${bibl} Letter metadata (CMIF): ${by}.`;
  return bibl ?? (by ? `Letter metadata (CMIF): ${by}.` : undefined);
}

/**
 * The edition a letter of a many-edition file comes from, as a collection inside the file's:
 * the bibl its `@source` names, else (no `@source`, or one naming no bibl) the first. Undefined
 * for a file of one edition.
 */
function letterEdition(el: XElement, header: CmifHeader): { edition: CmifEdition; collection: Collection } | undefined {
  const first = header.editions.values().next().value;
  if (!first) return undefined;
  const edition = header.editions.get(attr(el, 'source')?.trim().replace(/^#/, '') ?? '') ?? first;
  const slug = slugify(`cmif-${header.fileSlug}-${edition.xmlId}`, 160);
  return { edition, collection: { slug, title: edition.bibl, parent: `cmif-${header.fileSlug}`, position: edition.position } };
}

export function correspDescToInput(el: XElement, n: number, header: CmifHeader): { input: DocumentInput; dates: LetterDates } {
  const actions = childElements(el, 'correspAction');
  const sent = actions.filter((a) => attr(a, 'type') === 'sent');
  const received = actions.filter((a) => attr(a, 'type') === 'received');
  const authors = sent.flatMap(agents);
  const recipients = received.flatMap(agents);
  // Whoever else handled the letter (`forwarded`, `redirected`, `transmitted`) is one of its
  // people, unless a correspondent already; a supposed one is listed without the supposition,
  // which the domain keeps for correspondents only.
  const correspondents = new Set([...authors, ...recipients].map((p) => p.id));
  const handlers = actions
    .filter((a) => attr(a, 'type') !== 'sent' && attr(a, 'type') !== 'received')
    .flatMap(agents)
    .filter((p) => !correspondents.has(p.id));
  const sentPlaces = sent.flatMap(placesOf);
  const otherPlaces = actions.filter((a) => attr(a, 'type') !== 'sent').flatMap(placesOf);
  const written = readActionPlace(sent, placeOf);
  const arrival = readReceived(received, placeOf);
  const date = readSentDate(sent) ?? (arrival.date ? dateByReceipt(arrival.date) : { display: '[undated]' });

  const names = (list: PersonInput[]): string => list.map((p) => displayName(p.name)).join(', ');
  const title = `${authors.length ? names(authors) : 'Unknown sender'} to ${recipients.length ? names(recipients) : 'unknown recipient'}, ${date.display}`;
  const key = attr(el, 'key') ?? attr(el, 'n');
  const own = letterEdition(el, header);
  const bibl = own?.edition.bibl ?? header.bibl;
  const input: DocumentInput = {
    id: `cmif-${header.fileSlug}-${n}`,
    sourceId: `cmif:${header.fileName}#${n}`,
    title,
    type: 'Letter',
    date: { start: date.start, end: date.end, display: date.display, certainty: date.certainty },
    authors,
    recipients,
    placeWritten: written?.place ?? null,
    placeWrittenCertainty: written?.certainty,
    received: arrival,
    people: handlers,
    places: [...sentPlaces.slice(1), ...otherPlaces],
    collections: own ? [cmifCollection(header), own.collection] : [cmifCollection(header)],
    source: {
      collection: bibl ?? header.title,
      reference: key ? `no. ${key}` : undefined,
      url: attr(el, 'ref'),
    },
    rights: header.rights,
    credit: cmifCredit(header, bibl),
    recordId: key,
  };
  return { input, dates: arrival.date ? { date, received: arrival.date } : { date } };
}

function agents(action: XElement): PersonInput[] {
  const out: PersonInput[] = [];
  for (const el of action.children) {
    if (typeof el === 'string' || (el.name !== 'persName' && el.name !== 'orgName')) continue;
    const entity = entityFrom(el, 'person');
    if (!entity) continue;
    // "Freud, Sigmund" with evidence="conjecture": the edition supposes he wrote it.
    const certainty = certaintyOfAttributes(el);
    out.push(certainty ? { ...entity, certainty } : entity);
  }
  return out;
}

function placesOf(action: XElement): PlaceInput[] {
  return childElements(action, 'placeName').flatMap((el) => placeOf(el) ?? []);
}

function placeOf(placeName: XElement): PlaceInput | undefined {
  return entityFrom(placeName, 'place') ?? undefined;
}

const UNKNOWN_REF = /^\s*https?:\/\/(?:www\.)?correspsearch\.net\/unknown\/?\s*$/i;

/**
 * A person or place from a CMIF name element. With a usable authority `@ref` the id comes from
 * the authority, so the same GND or GeoNames id in two files is one record; without one (or with
 * a malformed one) the id is the slug of the name.
 */
export function entityFrom(el: XElement, kind: 'person' | 'place'): PersonInput | null {
  const name = text(el);
  if (!name) return null;
  // CMIF marks a correspondent nobody knows with this ref ("Unbekannt"): no one, not one person
  // who wrote every such letter.
  if (UNKNOWN_REF.test(attr(el, 'ref') ?? '')) return null;
  // A person's GeoNames id or a place's VIAF id is a slip in the file, not an identity.
  const refs = parseAuthorities(attr(el, 'ref')).filter((r) => (kind === 'place' ? r.scheme !== 'viaf' : r.scheme !== 'geonames'));
  const ref = preferredAuthority(refs, kind === 'place' ? PLACE_AUTHORITY_ORDER : PERSON_AUTHORITY_ORDER);
  if (ref) return { id: authorityEntityId(ref), name, authorities: authorityRecord(refs) };
  const id = slugify(name);
  if (!id) return null;
  return { id, name };
}

/** "Schnitzler, Arthur" → "Arthur Schnitzler" for titles; names with more or no commas stay as written. */
export function displayName(name: string): string {
  const parts = name.split(',');
  if (parts.length !== 2) return name;
  const [last, first] = parts.map((p) => p.trim());
  if (!last || !first) return name;
  return `${first} ${last}`;
}

/** For tests and the report: how many correspDesc a file holds, without building records. */
export async function countCorrespDesc(path: string): Promise<number> {
  let count = 0;
  for await (const el of streamXmlElements(path, (name, _ns, stack) => name === 'correspDesc' && stack.includes('profileDesc'))) {
    void el;
    count++;
  }
  return count;
}

