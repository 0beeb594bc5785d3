import type { WithheldDescription } from './withheld.js';

/**
 * The rows of a whole archive, as both stores hold them: what `migrate`, `backup` and `restore`
 * move, and what an archive checksum is taken over (src/store/transfer.ts). Every status is
 * included (drafts, embargoed documents). `data` is the stored JSON text itself, never re-encoded,
 * so a copy holds the same bytes (and the document's `checksum`, taken over that text, stays
 * true). Each store's own indexes (full text, links, facets, vocabulary, names) are not rows:
 * they are derived, and a store rebuilds them when it loads rows.
 */
export interface PersonRow {
  kind: 'person';
  id: string;
  name: string;
  data: string;
}

export interface PlaceRow {
  kind: 'place';
  id: string;
  name: string;
  lat: number | null;
  lon: number | null;
  data: string;
}

export interface TopicRow {
  kind: 'topic';
  id: string;
  name: string;
}

export interface CollectionRow {
  kind: 'collection';
  slug: string;
  title: string;
  parent: string | null;
  position: number | null;
  data: string;
  /**
   * The collection's sections as stored (store/collection-sections.ts); left out when it has
   * none, so archives without sections digest as before.
   */
  sections?: string;
}

/** A collection row as a store reads it, `sections` NULL when there are none. */
export function collectionRow(row: Omit<CollectionRow, 'kind' | 'sections'> & { sections: string | null }): CollectionRow {
  const { sections, ...rest } = row;
  return { kind: 'collection', ...rest, ...(sections === null ? {} : { sections }) };
}

export interface DocumentRow {
  kind: 'document';
  id: string;
  sourceId: string;
  title: string;
  type: string | null;
  dateStart: string | null;
  dateEnd: string | null;
  status: 'draft' | 'published' | 'embargoed';
  /** NULL: never public (draft); '': always; else the first public day (see sqlite/visibility.ts). */
  publicFrom: string | null;
  uploadedAt: string | null;
  createdAt: string;
  updatedAt: string;
  checksum: string;
  data: string;
  /**
   * What the document, not yet public, says of the people, places and collections it describes
   * (store/withheld.ts), in (kind, id) order; left out when it withholds nothing, so archives
   * that withhold nothing digest as before.
   */
  withheld?: WithheldDescription[];
}

export type ArchiveRow = PersonRow | PlaceRow | TopicRow | CollectionRow | DocumentRow;
export type RowKind = ArchiveRow['kind'];

/**
 * The order rows stream in: authorities before the documents citing them (a store indexes a
 * document with its people's and places' names), each kind in id order, byte by byte.
 */
export const ROW_KINDS: readonly RowKind[] = ['person', 'place', 'topic', 'collection', 'document'];

export interface RowCounts {
  people: number;
  places: number;
  topics: number;
  collections: number;
  documents: number;
}

export const COUNT_OF: Record<RowKind, keyof RowCounts> = {
  person: 'people',
  place: 'places',
  topic: 'topics',
  collection: 'collections',
  document: 'documents',
};

export function emptyCounts(): RowCounts {
  return { people: 0, places: 0, topics: 0, collections: 0, documents: 0 };
}

export interface LoadOptions {
  /**
   * Replace whatever the store holds (restore). Without it, a store holding anything at all is
   * refused with StoreNotEmptyError before a row is read (migrate).
   */
  replace?: boolean;
  /**
   * Called inside the load's transaction once every row is in, with the rows as the store now
   * holds them; throwing rolls the whole load back, so readers never see a bad copy.
   */
  verify?: (rows: AsyncIterable<ArchiveRow>) => Promise<void>;
}

/** Refuses a row stream out of {@link ROW_KINDS} order: a document must come after what it cites. */
export class RowOrderCheck {
  private rank = 0;

  check(row: ArchiveRow): void {
    const rank = ROW_KINDS.indexOf(row.kind);
    if (rank < 0) throw new Error(`unknown row kind "${String((row as { kind: unknown }).kind)}"`);
    if (rank < this.rank) throw new Error(`rows out of order: a ${row.kind} after a ${ROW_KINDS[this.rank]}`);
    this.rank = rank;
  }
}

/** A synchronous row source (SQLite reads) where an asynchronous one is expected. */
export async function* fromSync<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items;
}
