import type { CitedDocument, Collection, CollectionSection, DocumentView, IngestRecord, Person, Place, SectionHeading, Topic } from '../domain/index.js';
import type { UserAccount, UserSummary } from '../domain/account.js';
import type { SearchRequest, SearchResult } from '../search/request.js';
import type { ArchiveRow, LoadOptions, RowCounts } from './archive-rows.js';
import type { HarvestHeader, HarvestRequest } from './harvest.js';

/**
 * Who is asking. The public sees published documents and embargoed ones whose embargo has
 * ended; staff (signed-in editors, the exporter of a full backup) see everything. Every read of
 * the store takes a viewer, so no route can forget visibility.
 */
export type Viewer = { kind: 'public'; now?: Date } | { kind: 'staff' };

/**
 * `related: false` leaves a document's related documents out: finding them is most of the cost
 * of reading a document, and a table or a letter file has no place for them.
 */
export interface DocumentReadOptions {
  related?: boolean;
}

/** A document as a list of records needs it: without related documents, the costly part of a read. */
export const WITHOUT_RELATED = { related: false } as const satisfies DocumentReadOptions;

export const PUBLIC: Viewer = { kind: 'public' };
export const STAFF: Viewer = { kind: 'staff' };

export type UpsertOutcome = 'new' | 'updated' | 'unchanged';

export type BatchOutcome = { ok: true; outcome: UpsertOutcome } | { ok: false; error: Error };

export interface DocumentSummary {
  id: string;
  title: string;
  date: { start?: string; end?: string; display: string };
  type?: string;
}

export interface CollectionView extends Collection {
  documentCount: number;
  /** The collection's own texts (a FRUS volume's preface, sources …), by title, in order. */
  sections?: SectionHeading[];
  children: { slug: string; title: string; documentCount: number }[];
  dateSpan?: { start: string; end: string };
}

/** A collection's section as its page shows it. */
export interface CollectionSectionPage {
  collection: { slug: string; title: string };
  section: CollectionSection;
  /** All the collection's sections, the reader's way to the others. */
  sections: SectionHeading[];
  /** The documents the section cites, as {@link DocumentView.references}: titles only of those the viewer may see. */
  references: CitedDocument[];
}

export interface EntityPage<T> {
  entity: T;
  /** Documents that cite the entity, by role, visible to the viewer. */
  documents: (DocumentSummary & { roles: string[] })[];
  total: number;
}

/** A person's page: the person as the viewer may see them (listings included), and their documents. */
export interface PersonPage extends EntityPage<Person> {
  /** The titles of the collections the person's listings name. */
  listingTitles: Record<string, string>;
}

export interface ArchiveStats {
  documents: number;
  people: number;
  places: number;
  collections: number;
  earliest?: string;
  latest?: string;
}

export interface ArchiveStore {
  readonly kind: 'sqlite' | 'postgres';
  /** The schema version the store is at: how many of its migrations have been applied. */
  readonly schemaVersion: number;
  /** Writes one record in one transaction: its entities, then the document. */
  upsertRecord(record: IngestRecord): Promise<UpsertOutcome>;
  /**
   * Writes several records in one commit, each still all-or-nothing on its own (a savepoint): a
   * record that fails is rolled back and reported while the others land. Bulk ingest uses this
   * because a commit per record costs more than the record.
   */
  upsertRecords(records: IngestRecord[]): Promise<BatchOutcome[]>;
  getDocument(id: string, viewer: Viewer, options?: DocumentReadOptions): Promise<DocumentView | null>;
  search(request: SearchRequest, viewer: Viewer): Promise<SearchResult>;
  getPerson(id: string, viewer: Viewer, page?: { offset: number; limit: number }): Promise<PersonPage | null>;
  getPlace(id: string, viewer: Viewer, page?: { offset: number; limit: number }): Promise<EntityPage<Place> | null>;
  getTopic(id: string, viewer: Viewer, page?: { offset: number; limit: number }): Promise<EntityPage<Topic> | null>;
  getCollection(slug: string, viewer: Viewer, page?: { offset: number; limit: number }): Promise<(EntityPage<Collection> & { collection: CollectionView }) | null>;
  /** One of a collection's sections, to a viewer who is shown the collection. */
  getCollectionSection(slug: string, id: string, viewer: Viewer): Promise<CollectionSectionPage | null>;
  /** Top-level collections with their visible document counts. */
  listCollections(viewer: Viewer): Promise<CollectionView[]>;
  /** Newest visible documents by upload/update time. */
  recentDocuments(viewer: Viewer, limit: number): Promise<DocumentSummary[]>;
  stats(viewer: Viewer): Promise<ArchiveStats>;
  /**
   * The records a harvester sees (OAI-PMH, sitemap, feed): visible documents with their
   * datestamps, and the documents withdrawn from the public, in (datestamp, id) order.
   */
  harvest(request: HarvestRequest, viewer: Viewer): Promise<HarvestHeader[]>;
  /** Every document the viewer may see, in id order, for export. */
  exportDocuments(viewer: Viewer, options?: DocumentReadOptions): AsyncIterable<DocumentView>;
  // Accounts (`archivum user …`).
  /** Adds an account; a name already taken is refused with StoreConflictError. */
  addUser(account: UserAccount): Promise<void>;
  /** Replaces an account's password hash: false when there is no such account. */
  setUserPassword(name: string, passwordHash: string, changedAt: string): Promise<boolean>;
  /** Every account by name, without its password hash. */
  listUsers(): Promise<UserSummary[]>;
  /** How many documents exist at all (any status): decides whether `--demo` loads. */
  isEmpty(): Promise<boolean>;
  close(): Promise<void>;

  // Whole-archive transfer (src/store/transfer.ts: migrate, backup, restore, checksums).
  /**
   * Every stored row whatever its visibility — people, places, topics, collections, documents,
   * each kind in id order — read from one consistent snapshot while writers go on.
   */
  dumpRows(): AsyncIterable<ArchiveRow>;
  /**
   * Loads rows as they are (same ids, times, statuses, data) in one transaction, rebuilding the
   * store's own indexes; readers see the old archive or the new one, never a mix.
   */
  loadRows(rows: AsyncIterable<ArchiveRow>, options?: LoadOptions): Promise<RowCounts>;

  // Browse and visualisation reads (timeline, map, network, indexes). Each takes the same scope
  // as a search (words, filters, dates) so a chart always agrees with the list beside it.
  /** Visible documents in scope per period of their start date, in date order; empty periods left out. */
  dateHistogram(request: ScopeRequest, viewer: Viewer, unit: DateUnit): Promise<DateBucket[]>;
  /** Who wrote to whom in scope: the heaviest `limit` author→recipient edges and the people on them. */
  correspondence(request: ScopeRequest, viewer: Viewer, options?: { limit?: number }): Promise<Correspondence>;
  /** Places of the documents in scope with counts, coordinates from the record or the bundled gazetteer. */
  mapPlaces(request: ScopeRequest, viewer: Viewer): Promise<MapPlace[]>;
  /** People, places or topics cited by visible documents, by name, optionally those whose name starts with `prefix`. */
  listPeople(viewer: Viewer, options: ListOptions): Promise<EntityList<PersonListItem>>;
  listPlaces(viewer: Viewer, options: ListOptions): Promise<EntityList<PlaceListItem>>;
  listTopics(viewer: Viewer, options: ListOptions): Promise<EntityList<EntityListItem>>;
  /** The visible documents before and after `id` in collection `slug` (date order, as the collection page lists them). */
  adjacentInCollection(id: string, slug: string, viewer: Viewer): Promise<AdjacentDocuments | null>;
  /** Documents to show first: the most cited by other visible documents, then the richest records. */
  featuredDocuments(viewer: Viewer, limit: number): Promise<DocumentSummary[]>;
}

/** The part of a search request that selects documents (no paging, sorting or facets). */
export type ScopeRequest = Pick<SearchRequest, 'query' | 'filters' | 'from' | 'to'>;

export type { DateUnit } from '../domain/dates.js';
import type { DateUnit } from '../domain/dates.js';

export interface DateBucket {
  /** "1960" (decade), "1962", "1962-10", "1962-10-27". */
  key: string;
  /** First and last day of the period. */
  start: string;
  end: string;
  count: number;
}

export interface CorrespondentNode {
  id: string;
  name: string;
  /** Documents in scope this person wrote to someone / received. */
  sent: number;
  received: number;
}

export interface CorrespondenceEdge {
  /** Author and recipient person ids. */
  from: string;
  to: string;
  /** Documents in scope from `from` to `to`. */
  count: number;
  first?: string;
  last?: string;
}

export interface Correspondence {
  nodes: CorrespondentNode[];
  edges: CorrespondenceEdge[];
}

export interface MapPlace {
  id: string;
  name: string;
  lat?: number;
  lon?: number;
  /** Where the coordinates come from: the place record, or the bundled gazetteer. */
  coordinates?: 'record' | 'gazetteer';
  /**
   * Documents in scope written at this place (their dateline); received there and written
   * elsewhere (a letter's place of arrival); and the others, which only mention it. Each document
   * counts once, so the three add up to the documents citing the place.
   */
  written: number;
  received: number;
  mentioned: number;
}

export interface ListOptions {
  /** Only names starting with this (case- and accent-insensitive), e.g. one letter of an A–Z index. */
  prefix?: string;
  offset: number;
  limit: number;
}

export interface EntityListItem {
  id: string;
  name: string;
  /** Visible documents citing the entity. */
  count: number;
}

export interface PersonListItem extends EntityListItem {
  role?: string;
  birth?: string;
  death?: string;
  /** Visible documents the person wrote / received. */
  sent: number;
  received: number;
}

export interface PlaceListItem extends EntityListItem {
  lat?: number;
  lon?: number;
}

export interface EntityList<T> {
  total: number;
  items: T[];
  /** First letters of every listed name (ignoring `prefix`) with counts, for an A–Z bar. */
  initials: { letter: string; count: number }[];
}

export interface AdjacentDocuments {
  previous?: DocumentSummary;
  next?: DocumentSummary;
  /** 1-based position of the document in the collection, and the collection's visible size. */
  position: number;
  total: number;
}

/** Progress of a job that goes through every document: a backup, a restore, an upgrade on open. */
export interface TransferProgress {
  /** How many documents there are to go through. */
  onTotal?: (documents: number) => void;
  /** One document through. */
  onDocument?: () => void;
}
