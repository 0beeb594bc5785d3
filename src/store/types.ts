import type { Collection, DocumentView, IngestRecord, Person, Place, Topic } from '../domain/index.js';
import type { SearchRequest, SearchResult } from '../search/request.js';

/**
 * Who is asking. The public sees published documents and embargoed ones whose embargo has
 * ended; staff (signed-in editors, the exporter of a full backup) see everything. Every read of
 * the store takes a viewer, so no route can forget visibility.
 */
export type Viewer = { kind: 'public'; now?: Date } | { kind: 'staff' };

export const PUBLIC: Viewer = { kind: 'public' };
export const STAFF: Viewer = { kind: 'staff' };

export type UpsertOutcome = 'new' | 'updated' | 'unchanged';

export interface DocumentSummary {
  id: string;
  title: string;
  date: { start?: string; end?: string; display: string };
  type?: string;
}

export interface CollectionView extends Collection {
  documentCount: number;
  children: { slug: string; title: string; documentCount: number }[];
  dateSpan?: { start: string; end: string };
}

export interface EntityPage<T> {
  entity: T;
  /** Documents that cite the entity, by role, visible to the viewer. */
  documents: (DocumentSummary & { roles: string[] })[];
  total: number;
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
  /** Writes one record in one transaction: its entities, then the document. */
  upsertRecord(record: IngestRecord): Promise<UpsertOutcome>;
  getDocument(id: string, viewer: Viewer): Promise<DocumentView | null>;
  search(request: SearchRequest, viewer: Viewer): Promise<SearchResult>;
  getPerson(id: string, viewer: Viewer, page?: { offset: number; limit: number }): Promise<EntityPage<Person> | null>;
  getPlace(id: string, viewer: Viewer, page?: { offset: number; limit: number }): Promise<EntityPage<Place> | null>;
  getTopic(id: string, viewer: Viewer, page?: { offset: number; limit: number }): Promise<EntityPage<Topic> | null>;
  getCollection(slug: string, viewer: Viewer, page?: { offset: number; limit: number }): Promise<(EntityPage<Collection> & { collection: CollectionView }) | null>;
  /** Top-level collections with their visible document counts. */
  listCollections(viewer: Viewer): Promise<CollectionView[]>;
  /** Newest visible documents by upload/update time. */
  recentDocuments(viewer: Viewer, limit: number): Promise<DocumentSummary[]>;
  stats(viewer: Viewer): Promise<ArchiveStats>;
  /** Every document the viewer may see, in id order, for export. */
  exportDocuments(viewer: Viewer): AsyncIterable<DocumentView>;
  /** How many documents exist at all (any status): decides whether `--demo` loads. */
  isEmpty(): Promise<boolean>;
  close(): Promise<void>;
}
