import { basename, dirname, resolve } from 'node:path';
import {
  buildIngestRecord,
  type Collection,
  type DocumentDate,
  type DocumentInput,
  type Footnote,
  type Person,
  type Place,
  parsePartialIso,
  formatPartialIso,
  slugify,
} from '../../domain/index.js';
import { displayName } from '../cmif/read.js';
import { errorMessage, fileStem } from '../files.js';
import { type ReadOptions, type RecordOutcome, SourceFileError } from '../format.js';
import { rightsFromAvailability } from '../xml/licence.js';
import { parseXmlFile } from '../xml/parse.js';
import { dateByReceipt, type LetterDates, readActionPlace, readReceived, readSentDate } from '../xml/corresp.js';
import { attr, childElements, childPath, descendants, firstChild, firstDescendant, text, TEI_NS, type XElement } from '../xml/tree.js';
import { type BodyContext, convertBody } from './body.js';
import { type EditionEntity, mergeEntities, pmbRefs, readRegisterEntry, resolveRefs, toPersonRecord, toPlaceRecord } from './entities.js';
import { type EditionIndex, indicesDirFor, loadEditionIndex } from './indices.js';

/** The source id of a letter whose edition gives it no URI: this, then the file name. */
export const TEI_LETTER_SOURCE_PREFIX = 'tei-letter:';

/** One letter file is small (the largest Schnitzler letter is 70 KB); anything far beyond is refused. */
const LETTER_MAX_BYTES = 32 * 1024 * 1024;

/** Reads one TEI letter file (one letter per file, correspDesc plus a transcribed body) into one record. */
export async function* readTeiLetter(path: string, options: ReadOptions = {}): AsyncGenerator<RecordOutcome> {
  const root = await parseXmlFile(path, { maxBytes: LETTER_MAX_BYTES });
  if (root.name === 'teiCorpus' && root.ns === TEI_NS) {
    throw new SourceFileError(path, 'a teiCorpus of several TEI documents: the TEI letter reader reads one letter per file; split the corpus into one TEI file per letter');
  }
  if (root.name !== 'TEI' || root.ns !== TEI_NS) throw new SourceFileError(path, `not a TEI file (root element <${root.name}>)`);
  const index = await loadEditionIndex(indicesDirFor(path));
  const label = attr(root, 'xml:id') ?? basename(path);
  try {
    const { input, dates } = letterToInput(root, path, index);
    yield { ok: true, label, record: buildIngestRecord(input, { extraCollection: options.collection, datesAsRead: dates }) };
  } catch (error) {
    yield { ok: false, label, reason: errorMessage(error) };
  }
}

const TYPE_BY_OBJECT: Record<string, string> = {
  brief: 'Letter',
  entwurf: 'Draft letter',
  karte: 'Postcard',
  postkarte: 'Postcard',
  bildpostkarte: 'Picture postcard',
  briefkarte: 'Letter card',
  kartenbrief: 'Letter card',
  visitenkarte: 'Visiting card',
  telegramm: 'Telegram',
  widmung: 'Dedication',
  bild: 'Photograph',
  fotografie: 'Photograph',
};

/**
 * The edition a letter belongs to, from its `xml:base` (".../schnitzler-briefe/editions" is
 * schnitzler-briefe): one edition's letters share it, while `<edition>` may name a part of it
 * (six Schnitzler letters say "HBAS", Hermann Bahr–Arthur Schnitzler, and became an edition of
 * their own, their correspondence split from the rest of Bahr's). Null without a base.
 */
function editionFromBase(base: string | undefined): string | null {
  const segments = (base ?? '').replace(/^[a-z]+:\/\/[^/]*/i, '').split('/').filter(Boolean);
  if (segments.at(-1) === 'editions') segments.pop();
  return segments.at(-1) ?? null;
}

export function letterToInput(root: XElement, path: string, index: EditionIndex): { input: DocumentInput; dates: LetterDates } {
  const header = firstChild(root, 'teiHeader');
  const fileDesc = firstChild(header, 'fileDesc');
  const titleStmt = firstChild(fileDesc, 'titleStmt');
  const correspDesc = firstDescendant(childPath(header, 'profileDesc'), 'correspDesc');
  if (!correspDesc) throw new Error('no profileDesc/correspDesc: not a letter');
  const body = firstDescendant(firstChild(root, 'text'), 'body');
  if (!body) throw new Error('no text/body');

  const xmlId = attr(root, 'xml:id');
  const edition = text(childPath(fileDesc, 'editionStmt', 'edition'));
  const namedEdition = slugify(editionFromBase(attr(root, 'xml:base')) ?? edition);
  const editionSlug = namedEdition || 'letter';
  // A register's own ids ("#P1") are the edition's; a letter that names no edition is taken to
  // share its folder's: another folder's "#P1" is someone else.
  const registerScope = namedEdition || slugify(basename(dirname(resolve(path)))) || editionSlug;
  const idFor = (letter: string): string => slugify(`${editionSlug}-${letter}`, 160);
  const id = idFor(xmlId ?? fileStem(path));

  // Register: the letter's own lists first (back matter, as Schnitzler has it, or the header's
  // particDesc/settingDesc, or a standOff), the index files beside the edition for what they
  // lack (places' GeoNames ids, organisations).
  const back = new Map<string, EditionEntity>();
  const registers = [childPath(header, 'profileDesc'), firstChild(root, 'text'), firstChild(root, 'standOff')];
  for (const tag of ['person', 'place', 'org']) {
    for (const el of registers.flatMap((r) => descendants(r, tag))) {
      const entity = readRegisterEntry(el);
      if (entity && !back.has(entity.pmb)) back.set(entity.pmb, entity);
    }
  }
  const lookup = (pmb: string): EditionEntity | undefined => mergeEntities(back.get(pmb), index.get(pmb));
  // An <rs> is any phrase that refers ("ihm", "der Dichter"): never a name for a new record.
  const refsOf = (el: XElement, kind: EditionEntity['kind']): EditionEntity[] =>
    resolveRefs(attr(el, 'ref') ?? attr(el, 'key'), el.name === 'rs' ? '' : text(el), kind, lookup);

  const people = new Map<string, Person>();
  const places = new Map<string, Place>();
  const mentionedPeople = new Set<string>();
  const mentionedPlaces = new Set<string>();
  const remember = (entity: EditionEntity): { id: string; type: 'person' | 'place' } => {
    if (entity.kind === 'place') {
      const place = toPlaceRecord(entity, registerScope);
      if (!places.has(place.id)) places.set(place.id, place);
      return { id: place.id, type: 'place' };
    }
    const person = toPersonRecord(entity, registerScope);
    if (!people.has(person.id)) people.set(person.id, person);
    return { id: person.id, type: 'person' };
  };

  const footnotes: Footnote[] = [];
  const ctx: BodyContext = {
    footnotes,
    notesGiven: { commentary: 0, textual: 0 },
    letterId: idFor,
    entity(el, type) {
      // Works and events are in the register too, but the archive has no kind for them.
      if (type !== undefined && type !== 'person' && type !== 'place' && type !== 'org') return undefined;
      let first: { id: string; type: 'person' | 'place' } | undefined;
      for (const entity of refsOf(el, type ?? 'person')) {
        const target = remember(entity);
        (target.type === 'place' ? mentionedPlaces : mentionedPeople).add(target.id);
        first ??= target;
      }
      return first;
    },
  };
  const blocks = convertBody(body, ctx);

  const actions = childElements(correspDesc, 'correspAction');
  const ofType = (t: string): XElement[] => actions.filter((a) => attr(a, 'type') === t);
  const agents = (list: XElement[]): Person[] =>
    list.flatMap((a) => childElements(a).filter((c) => c.name === 'persName' || c.name === 'orgName')).flatMap((el) => {
      const resolved = refsOf(el, el.name === 'orgName' ? 'org' : 'person').find((e) => e.kind !== 'place');
      if (resolved) return [people.get(remember(resolved).id)!];
      const name = text(el);
      const fallbackId = pmbRefs(attr(el, 'ref'))[0]?.replace(/^pmb/, 'pmb-') ?? slugify(name);
      return name && fallbackId ? [{ id: fallbackId, name }] : [];
    });
  const placeOf = (el: XElement): Place | undefined => {
    const resolved = refsOf(el, 'place').find((e) => e.kind === 'place');
    if (resolved) return places.get(remember(resolved).id)!;
    const name = text(el);
    const fallbackId = pmbRefs(attr(el, 'ref'))[0]?.replace(/^pmb/, 'pmb-') ?? slugify(name);
    return name && fallbackId ? { id: fallbackId, name } : undefined;
  };
  const placesIn = (list: XElement[]): Place[] => list.flatMap((a) => childElements(a, 'placeName')).flatMap((el) => placeOf(el) ?? []);

  const authors = agents(ofType('sent'));
  const recipients = agents(ofType('received'));
  const sentPlaces = placesIn(ofType('sent'));
  const otherPlaces = placesIn(actions.filter((a) => attr(a, 'type') !== 'sent'));
  const written = readActionPlace(ofType('sent'), placeOf);
  const arrival = readReceived(ofType('received'), placeOf);
  const date = letterDate(ofType('sent'), arrival.date, titleStmt);
  const corrNames = (list: Person[]): string => list.map((p) => displayName(p.name)).join(', ');
  // The letter's own title: level "a" (Schnitzler), else a title that is neither the series
  // ("s") nor a typed one ("iso-date"), as plain TEI headers give it.
  const titles = childElements(titleStmt, 'title');
  const articleTitle = text(titles.find((t) => attr(t, 'level') === 'a') ?? titles.find((t) => !attr(t, 'level') && !attr(t, 'type')));
  const title = articleTitle || `${corrNames(authors) || 'Unknown'} to ${corrNames(recipients) || 'unknown'}, ${date.display}`;

  const authorIds = new Set([...authors, ...recipients].map((p) => p.id));
  const bodyPeople = [...mentionedPeople].filter((pid) => !authorIds.has(pid)).map((pid) => people.get(pid)!);
  const placeIds = new Set<string>([...sentPlaces.slice(0, 1), ...otherPlaces].map((p) => p.id));
  const listedPlaces = [...sentPlaces.slice(1), ...otherPlaces, ...[...mentionedPlaces].filter((pid) => !placeIds.has(pid)).map((pid) => places.get(pid)!)];

  const seriesTitle = text(childElements(titleStmt, 'title').find((t) => attr(t, 'level') === 's'));
  const editors = descendants(firstChild(titleStmt, 'editor'), 'name').map((n) => text(n)).filter(Boolean);
  const publicationStmt = firstChild(fileDesc, 'publicationStmt');
  const publisher = text(firstChild(publicationStmt, 'publisher'));
  const year = text(firstChild(publicationStmt, 'date'));
  const publication = [publisher, year].filter(Boolean).join(', ');
  // The letter credits its own editors; the edition, which many letters describe alike, does
  // not (its editors add up across letters, mergeCollection), or each letter would rewrite it.
  const credit = [seriesTitle || edition, editors.length ? `Edited by ${editors.map(displayName).join(', ')}` : '', publication].filter(Boolean).join('. ');
  const editionCredit = [seriesTitle || edition, publication].filter(Boolean).join('. ');

  const collections: Collection[] = [];
  if (seriesTitle || edition) {
    // Provisional: six letters of schnitzler-briefe give another series title (L00793 says
    // "Hermann Bahr – Arthur Schnitzler"); the edition keeps the title it was first given.
    const main: Collection = { slug: editionSlug, title: seriesTitle || edition, provisional: true };
    if (editors.length) main.editors = editors;
    if (editionCredit) main.credit = editionCredit;
    collections.push(main);
    // The edition groups letters by correspondence ("Mamroth, Fedor"): a sub-collection each.
    for (const ref of descendants(firstChild(correspDesc, 'correspContext'), 'ref')) {
      if (attr(ref, 'type') !== 'belongsToCorrespondence') continue;
      const target = attr(ref, 'target');
      const name = text(ref);
      if (target && name) collections.push({ slug: slugify(`${editionSlug}-${target}`, 160), title: `Correspondence: ${name}`, parent: editionSlug });
    }
  }

  const msIdentifier = firstDescendant(firstChild(fileDesc, 'sourceDesc'), 'msIdentifier');
  const archive = [text(firstChild(msIdentifier, 'repository')), text(firstChild(msIdentifier, 'settlement'))].filter(Boolean).join(', ');
  const handle = childElements(publicationStmt, 'idno').find((i) => attr(i, 'type') === 'handle' || attr(i, 'type') === 'URI');
  const base = attr(root, 'xml:base');
  const languageIdent =
    attr(firstDescendant(childPath(header, 'profileDesc', 'langUsage'), 'language'), 'ident') ?? attr(firstChild(root, 'text'), 'xml:lang') ?? attr(body, 'xml:lang') ?? attr(root, 'xml:lang');

  const input: DocumentInput = {
    id,
    sourceId: base && xmlId ? `${base.replace(/\/$/, '')}/${xmlId}` : `${TEI_LETTER_SOURCE_PREFIX}${basename(path)}`,
    title,
    type: letterType(fileDesc),
    date: { start: date.start, end: date.end, display: date.display, certainty: date.certainty },
    authors,
    recipients,
    people: bodyPeople,
    placeWritten: written?.place ?? null,
    placeWrittenCertainty: written?.certainty,
    received: arrival,
    places: listedPlaces,
    body: blocks,
    footnotes,
    collections,
    source: {
      archive: archive || undefined,
      reference: text(firstChild(msIdentifier, 'idno')) || undefined,
      collection: seriesTitle || undefined,
      url: text(handle) || undefined,
    },
    // The edition writes de-AT; the archive's language facet and stemming work on the primary tag.
    language: languageIdent ? languageIdent.split('-')[0]!.toLowerCase() : undefined,
    rights: rightsFromAvailability(publicationStmt),
    credit: credit || undefined,
    funders: descendants(titleStmt, 'funder').map((f) => text(firstChild(f, 'name')) || text(f)).filter(Boolean),
    recordId: xmlId,
  };
  return { input, dates: arrival.date ? { date, received: arrival.date } : { date } };
}

/** The date written (sent); else the edition's sort date in the title; else bounded by receipt. */
function letterDate(sent: XElement[], received: DocumentDate | undefined, titleStmt: XElement | undefined): DocumentDate {
  const written = readSentDate(sent);
  if (written) return written;
  const iso = attr(childElements(titleStmt, 'title').find((t) => attr(t, 'type') === 'iso-date'), 'when-iso');
  if (iso && parsePartialIso(iso)) return { start: iso, end: iso, display: formatPartialIso(iso) };
  return received ? dateByReceipt(received) : { display: '[undated]' };
}

function letterType(fileDesc: XElement | undefined): string {
  const objectType = firstDescendant(firstChild(fileDesc, 'sourceDesc'), 'objectType');
  const ana = attr(objectType, 'ana');
  const corresp = attr(objectType, 'corresp');
  return (ana && TYPE_BY_OBJECT[ana]) || (corresp && TYPE_BY_OBJECT[corresp]) || 'Letter';
}
