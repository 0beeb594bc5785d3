import type { UserAccount, UserSummary } from '../../domain/account.js';
import * as users from './users.js';
import type { HarvestHeader, HarvestRequest } from '../harvest.js';
import { harvestHeaders } from './harvest.js';
import Database from 'better-sqlite3';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import type { DocumentView, IngestRecord } from '../../domain/index.js';
import type { SearchRequest, SearchResult } from '../../search/request.js';
import type { ArchiveStore, BatchOutcome, DateUnit, DocumentReadOptions, ListOptions, ScopeRequest, TransferProgress, UpsertOutcome, Viewer } from '../types.js';
import { type ArchiveRow, fromSync, type LoadOptions, type RowCounts } from '../archive-rows.js';
import { StoreNotEmptyError } from '../errors.js';
import { CursorCodec } from '../result-shape.js';
import { clearArchive, holdsAnything, SqliteRowLoader, sqliteRows } from './dump.js';
import { BrowseReader } from './browse.js';
import { applyMigrations } from './migrations.js';
import { RecordReader } from './read.js';
import { exportInIdOrder, runSearch, type SearchEngine } from '../pipeline.js';
import { searchSqlite } from './search.js';
import { sqliteNameIndex, sqliteVocabulary } from './vocabulary.js';
import { FacetCounter } from './facet-counter.js';
import { RecordWriter } from './write.js';

const DEFAULT_PAGE = { offset: 0, limit: 50 };

/** The embedded store: one SQLite file in WAL mode, schema migrated on open. */
export class SqliteStore implements ArchiveStore {
  readonly kind = 'sqlite' as const;
  readonly schemaVersion: number;
  private readonly writer: RecordWriter;
  private readonly facets: FacetCounter;
  private readonly reader: RecordReader;
  private readonly browse: BrowseReader;
  private readonly engine: SearchEngine;
  private readonly inReadTransaction: (read: () => unknown) => unknown;

  constructor(
    readonly db: SqliteDatabase,
    upgrade: TransferProgress = {},
  ) {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    // WAL with NORMAL sync is durable against application crashes and keeps a record atomic;
    // a power cut may lose the last commits but never leaves a half-written record.
    db.pragma('synchronous = NORMAL');
    // A checkpoint (two fsyncs) every 40 MB of WAL instead of every 4 MB: an ingest writes about
    // three bytes for each byte of source, and the default checkpointed it every commit or two
    // (7% of a FRUS ingest, bench/RESULTS.md). The WAL file is cut back to 64 MB when it has grown past that.
    db.pragma('wal_autocheckpoint = 10000');
    db.pragma('journal_size_limit = 67108864');
    db.pragma('busy_timeout = 5000');
    this.schemaVersion = applyMigrations(db, (migrating) => new RecordWriter(migrating).rebuildSearchRows(upgrade));
    const cursors = new CursorCodec(db.prepare("SELECT value FROM archive_secrets WHERE name = 'cursor'").pluck().get() as Buffer);
    this.writer = new RecordWriter(db);
    this.facets = new FacetCounter(db);
    this.reader = new RecordReader(db);
    this.browse = new BrowseReader(db);
    const readTransaction = db.transaction((read: () => unknown) => read());
    this.inReadTransaction = readTransaction.deferred;
    this.engine = {
      vocabulary: sqliteVocabulary(db),
      names: sqliteNameIndex(db),
      run: async (request, viewer) => this.snapshot(() => searchSqlite(db, request, viewer, this.facets, cursors)),
    };
  }

  /**
   * Runs a read in one read transaction: all its statements see one WAL snapshot, so another
   * process's commit (an ingest, a restore) cannot land between them (a search's matches and
   * their rows, a page's entity and its documents).
   */
  private snapshot<T>(read: () => T): T {
    return this.inReadTransaction(read) as T;
  }

  /** The archive was replaced behind the store's back (a restore on its connection): forget what is held in memory. */
  contentReplaced(): void {
    this.facets.invalidate();
  }

  async upsertRecord(record: IngestRecord): Promise<UpsertOutcome> {
    try {
      return this.writer.upsert(record);
    } finally {
      this.facets.touched(this.writer.takeTouched());
    }
  }

  async upsertRecords(records: IngestRecord[]): Promise<BatchOutcome[]> {
    try {
      return this.writer.upsertMany(records);
    } finally {
      this.facets.touched(this.writer.takeTouched());
    }
  }

  async getDocument(id: string, viewer: Viewer, options: DocumentReadOptions = {}): Promise<DocumentView | null> {
    return this.snapshot(() => this.reader.getDocument(id, viewer, options));
  }

  async search(request: SearchRequest, viewer: Viewer): Promise<SearchResult> {
    return runSearch(this.engine, request, viewer);
  }

  async getPerson(id: string, viewer: Viewer, page = DEFAULT_PAGE) {
    return this.snapshot(() => this.reader.getPerson(id, viewer, page));
  }

  async getPlace(id: string, viewer: Viewer, page = DEFAULT_PAGE) {
    return this.snapshot(() => this.reader.getPlace(id, viewer, page));
  }

  async getTopic(id: string, viewer: Viewer, page = DEFAULT_PAGE) {
    return this.snapshot(() => this.reader.getTopic(id, viewer, page));
  }

  async getCollection(slug: string, viewer: Viewer, page = DEFAULT_PAGE) {
    return this.snapshot(() => this.reader.getCollection(slug, viewer, page));
  }

  async getCollectionSection(slug: string, id: string, viewer: Viewer) {
    return this.snapshot(() => this.reader.getCollectionSection(slug, id, viewer));
  }

  async listCollections(viewer: Viewer) {
    return this.snapshot(() => this.reader.listCollections(viewer));
  }

  async recentDocuments(viewer: Viewer, limit: number) {
    return this.snapshot(() => this.reader.recentDocuments(viewer, limit));
  }

  async addUser(account: UserAccount): Promise<void> {
    users.addUser(this.db, account);
  }

  async setUserPassword(name: string, passwordHash: string, changedAt: string): Promise<boolean> {
    return users.setUserPassword(this.db, name, passwordHash, changedAt);
  }

  async listUsers(): Promise<UserSummary[]> {
    return users.listUsers(this.db);
  }

  async harvest(request: HarvestRequest, viewer: Viewer): Promise<HarvestHeader[]> {
    return this.snapshot(() => harvestHeaders(this.db, request, viewer));
  }

  async stats(viewer: Viewer) {
    return this.snapshot(() => this.reader.stats(viewer));
  }

  exportDocuments(viewer: Viewer, options: DocumentReadOptions = {}): AsyncIterable<DocumentView> {
    return exportInIdOrder(
      (after, limit) => this.reader.visibleIds(viewer, after, limit),
      (id) => this.snapshot(() => this.reader.getDocument(id, viewer, options)),
    );
  }

  async isEmpty(): Promise<boolean> {
    return this.db.prepare('SELECT 1 FROM documents LIMIT 1').get() === undefined;
  }

  /**
   * Read through a connection of its own, in one read transaction: a WAL snapshot that writers
   * (this process's or others') do not disturb, and that does not hold this store's connection.
   */
  async *dumpRows(): AsyncGenerator<ArchiveRow> {
    if (this.db.memory) {
      yield* sqliteRows(this.db);
      return;
    }
    const reader = new Database(this.db.name, { readonly: true, fileMustExist: true, timeout: 5000 });
    try {
      reader.exec('BEGIN');
      yield* sqliteRows(reader);
      reader.exec('COMMIT');
    } finally {
      reader.close();
    }
  }

  /**
   * One write transaction on this store's connection, held while the rows arrive (the caller
   * must not use the store meanwhile); other connections keep reading the old archive until it
   * commits.
   */
  async loadRows(rows: AsyncIterable<ArchiveRow>, options: LoadOptions = {}): Promise<RowCounts> {
    const db = this.db;
    db.exec('BEGIN IMMEDIATE');
    try {
      if (options.replace) clearArchive(db);
      else if (holdsAnything(db)) throw new StoreNotEmptyError(`${db.name} is not empty: rows are only loaded into an empty archive`);
      const loader = new SqliteRowLoader(db);
      for await (const row of rows) loader.add(row);
      if (options.verify) await options.verify(fromSync(sqliteRows(db)));
      db.exec('COMMIT');
      this.facets.invalidate();
      return loader.counts;
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
  }

  async dateHistogram(request: ScopeRequest, viewer: Viewer, unit: DateUnit) {
    return this.snapshot(() => this.browse.dateHistogram(request, viewer, unit));
  }

  async correspondence(request: ScopeRequest, viewer: Viewer, options?: { limit?: number }) {
    return this.snapshot(() => this.browse.correspondence(request, viewer, options));
  }

  async mapPlaces(request: ScopeRequest, viewer: Viewer) {
    return this.snapshot(() => this.browse.mapPlaces(request, viewer));
  }

  async listPeople(viewer: Viewer, options: ListOptions) {
    return this.snapshot(() => this.browse.listPeople(viewer, options));
  }

  async listPlaces(viewer: Viewer, options: ListOptions) {
    return this.snapshot(() => this.browse.listPlaces(viewer, options));
  }

  async listTopics(viewer: Viewer, options: ListOptions) {
    return this.snapshot(() => this.browse.listTopics(viewer, options));
  }

  async adjacentInCollection(id: string, slug: string, viewer: Viewer) {
    return this.snapshot(() => this.browse.adjacentInCollection(id, slug, viewer));
  }

  async featuredDocuments(viewer: Viewer, limit: number) {
    return this.snapshot(() => this.browse.featuredDocuments(viewer, limit));
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

export function openSqliteStore(file: string, upgrade: TransferProgress = {}): SqliteStore {
  return new SqliteStore(new Database(file), upgrade);
}
