import { holdsText, languageName, singleSpaced, type ArchiveDocument, type IngestRecord, type Collection, type Person, type Place, type Topic } from '../domain/index.js';
import { foldText } from '../search/fold.js';
import type { FacetName } from '../search/request.js';

/** The searchable parts of a document, in the order and with the weights every store uses. */
export const SEARCH_COLUMNS = [
  'title', 'authors', 'recipients', 'people', 'places', 'topics', 'type', 'collections', 'summary', 'text', 'notes',
] as const;
export type SearchColumn = (typeof SEARCH_COLUMNS)[number];

/** Title above names above summary above body above notes (bm25 column weights). */
export const COLUMN_WEIGHTS: Record<SearchColumn, number> = {
  title: 10, authors: 5, recipients: 5, people: 3, places: 3, topics: 3, type: 2, collections: 1, summary: 2.5, text: 1, notes: 0.5,
};

/** How a document's references are stored as links: its field, and the link's role. */
export const LINK_ROLES = [
  ['authors', 'author'],
  ['recipients', 'recipient'],
  ['people', 'person'],
  ['places', 'place'],
  ['topics', 'topic'],
  ['collections', 'collection'],
  ['references', 'reference'],
] as const;

export type CitedKind = 'person' | 'place' | 'topic' | 'collection';

/**
 * The entities a record's document cites without describing them, by kind: they must already be
 * in the store, or the record is refused before it writes anything.
 */
export function undescribedReferences(record: IngestRecord): [CitedKind, string[]][] {
  const doc = record.document;
  const described: Record<CitedKind, Set<string>> = {
    person: new Set(record.people.map((p) => p.id)),
    place: new Set(record.places.map((p) => p.id)),
    topic: new Set(record.topics.map((t) => t.id)),
    collection: new Set(record.collections.map((c) => c.slug)),
  };
  const cited: [CitedKind, string[]][] = [
    ['person', [...doc.authors, ...doc.recipients, ...doc.people]],
    ['place', doc.places],
    ['topic', doc.topics],
    ['collection', doc.collections],
  ];
  return cited
    .map(([kind, ids]): [CitedKind, string[]] => [kind, [...new Set(ids.filter((id) => !described[kind].has(id)))]])
    .filter(([, ids]) => ids.length > 0);
}

export interface FacetEntry {
  facet: FacetName;
  value: string;
  key: string;
  folded: string;
}

export interface IndexEntry {
  columns: Record<SearchColumn, string>;
  facets: FacetEntry[];
}

export interface ResolvedEntities {
  people: Map<string, Person>;
  places: Map<string, Place>;
  topics: Map<string, Topic>;
  collections: Map<string, Collection>;
}

/**
 * Documents are indexed with the names of the people and places they cite as the records have
 * them; other spellings live on the records (altNames) and reach the documents through the
 * query (see search/names.ts), so a person gaining a spelling never means re-indexing every
 * document that cites him.
 *
 * Derives what a store indexes for a document — full-text columns and facet values — from the
 * document and the entity records it cites, so both stores index exactly the same things.
 */
export function buildIndexEntry(doc: ArchiveDocument, entities: ResolvedEntities): IndexEntry {
  const personNames = (ids: string[]) =>
    ids
      .map((id) => entities.people.get(id))
      .filter((p): p is Person => p !== undefined)
      .map((p) => p.name)
      .join(' ; ');
  const placeNames = (ids: string[]) =>
    ids
      .map((id) => entities.places.get(id))
      .filter((p): p is Place => p !== undefined)
      .map((p) => p.name)
      .join(' ; ');

  const textParts = [doc.text ?? '', ...doc.texts.filter((t) => t.text !== doc.text).map((t) => t.text)];
  const columns: Record<SearchColumn, string> = {
    title: doc.title,
    authors: personNames(doc.authors),
    recipients: personNames(doc.recipients),
    people: personNames(doc.people),
    places: placeNames(doc.places),
    topics: doc.topics.map((id) => entities.topics.get(id)?.name ?? id).join(' ; '),
    type: doc.type ?? '',
    collections: doc.collections.map((slug) => `${entities.collections.get(slug)?.title ?? ''} ${slug}`).join(' ; '),
    summary: distinctTexts([doc.description, doc.summary]).join('\n'),
    text: textParts.filter(Boolean).join('\n\n'),
    notes: noteTexts(doc).join('\n'),
  };

  const facets: FacetEntry[] = [];
  const add = (facet: FacetName, value: string | undefined, key: string = value ?? '') => {
    if (!value) return;
    if (facets.some((f) => f.facet === facet && f.key === key)) return;
    facets.push({ facet, value, key, folded: foldText(value) });
  };
  add('type', doc.type);
  for (const id of doc.authors) add('author', entities.people.get(id)?.name, id);
  for (const id of doc.recipients) add('recipient', entities.people.get(id)?.name, id);
  // The person facet covers everyone a document involves: writers, addressees and the people named.
  for (const id of [...doc.authors, ...doc.recipients, ...doc.people]) add('person', entities.people.get(id)?.name, id);
  for (const id of doc.places) add('place', entities.places.get(id)?.name, id);
  for (const id of doc.topics) add('topic', entities.topics.get(id)?.name, id);
  for (const slug of doc.collections) add('collection', entities.collections.get(slug)?.title ?? slug, slug);
  add('archive', doc.source.archive);
  if (doc.language) add('language', languageName(doc.language), doc.language);
  const year = doc.date.start ? Number(doc.date.start.slice(0, doc.date.start.startsWith('-') ? 5 : 4)) : undefined;
  if (year !== undefined && Number.isFinite(year)) {
    const decade = Math.floor(year / 10) * 10;
    add('decade', `${decade}s`, String(decade));
    add('year', String(year));
  }
  return { columns, facets };
}

/**
 * The source reference, the classification and the notes, each once: a FRUS volume prints its
 * source note as note 1 ("Source: National Archives, … Top Secret."), which is also the
 * reference, and indexing both would count each of its words twice in ranking.
 */
function noteTexts(doc: ArchiveDocument): string[] {
  const notes = doc.footnotes.map((f) => f.text).filter(Boolean);
  const told = notes.map(singleSpaced);
  const out: string[] = [];
  for (const text of [doc.source.reference, doc.classification]) {
    const own = singleSpaced(text ?? '');
    if (!own || told.some((other) => holdsText(other, own))) continue;
    out.push(text!);
    told.push(own);
  }
  return [...out, ...notes];
}

/**
 * Texts to index once each: a catalogue entry whose description is also its summary (or part of
 * it) would otherwise count every word twice.
 */
function distinctTexts(texts: (string | undefined)[]): string[] {
  const present = texts.filter((t): t is string => Boolean(t && t.trim()));
  const spaced = present.map(singleSpaced);
  return present.filter((_, i) => !spaced.some((other, j) => j !== i && holdsText(other, spaced[i]!) && (other !== spaced[i] || j < i)));
}
