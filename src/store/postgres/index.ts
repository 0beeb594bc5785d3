import type { UserAccount, UserSummary } from '../../domain/account.js';
import * as users from './users.js';
import type { HarvestHeader, HarvestRequest } from '../harvest.js';
import { harvestHeaders } from './harvest.js';
import pg from 'pg';
import type { DocumentView, IngestRecord } from '../../domain/index.js';
import { QuerySyntaxError } from '../../search/ast.js';
import type { SearchRequest, SearchResult } from '../../search/request.js';
import { exportInIdOrder, runSearch, type SearchEngine } from '../pipeline.js';
import type { ArchiveStore, BatchOutcome, DateUnit, DocumentReadOptions, ListOptions, ScopeRequest, TransferProgress, UpsertOutcome, Viewer } from '../types.js';
import type { ArchiveRow, LoadOptions, RowCounts } from '../archive-rows.js';
import { StoreNotEmptyError } from '../errors.js';
import { clearArchive, holdsAnything, lockArchive, PostgresRowLoader, postgresRows } from './dump.js';
import { BrowseReader } from './browse.js';
import { applyMigrations } from './migrations.js';
import { RecordReader } from './read.js';
import { searchPostgres } from './search.js';
import { inSnapshot, streamInSnapshot } from './sql.js';
import { CursorCodec } from '../result-shape.js';
import { postgresNameIndex, postgresVocabulary } from './vocabulary.js';
import { rebuildSearchRows, RecordWriter } from './write.js';

const DEFAULT_PAGE = { offset: 0, limit: 50 };

/** The server store: a PostgreSQL database through a connection pool, schema migrated on open. */
export class PostgresStore implements ArchiveStore {
  readonly kind = 'postgres' as const;
  private readonly writer: RecordWriter;
  private readonly reader: RecordReader;
  private readonly engine: SearchEngine;
  private closed = false;

  constructor(
    readonly pool: pg.Pool,
    readonly schemaVersion: number,
    private readonly cursors: CursorCodec,
  ) {
    this.writer = new RecordWriter(pool);
    this.reader = new RecordReader(pool);
    this.engine = { vocabulary: (viewer) => postgresVocabulary(pool, viewer), names: (viewer) => postgresNameIndex(pool, viewer), run: (request, viewer) => this.run(request, viewer) };
  }

  async upsertRecord(record: IngestRecord): Promise<UpsertOutcome> {
    return this.writer.upsert(record);
  }

  async upsertRecords(records: IngestRecord[]): Promise<BatchOutcome[]> {
    return this.writer.upsertMany(records);
  }

  async getDocument(id: string, viewer: Viewer, options: DocumentReadOptions = {}): Promise<DocumentView | null> {
    return this.snapshot(({ reader }) => reader.getDocument(id, viewer, options));
  }

  async search(request: SearchRequest, viewer: Viewer): Promise<SearchResult> {
    return runSearch(this.engine, request, viewer);
  }

  /**
   * Runs a read on one client in one snapshot (inSnapshot): a write or a restore committed
   * meanwhile cannot land between its queries (a page's entity and its documents, a search's
   * matches and their rows).
   */
  private snapshot<T>(read: (readers: { reader: RecordReader; browse: BrowseReader }) => Promise<T>): Promise<T> {
    return inSnapshot(this.pool, (client) => read({ reader: new RecordReader(client), browse: new BrowseReader(client) }));
  }

  private async run(request: SearchRequest, viewer: Viewer): Promise<SearchResult> {
    try {
      return await inSnapshot(this.pool, (db) => searchPostgres(db, request, viewer, this.cursors));
    } catch (error) {
      // Every word reaches to_tsquery as a quoted lexeme, so this is a query the engine still
      // refuses (a limit): the person gets a 400 with the reason rather than a 500.
      if (error instanceof Error && /tsquery|tsvector/i.test(error.message)) {
        throw new QuerySyntaxError(`The search engine could not run this query: ${error.message}`);
      }
      throw error;
    }
  }

  async getPerson(id: string, viewer: Viewer, page = DEFAULT_PAGE) {
    return this.snapshot(({ reader }) => reader.getPerson(id, viewer, page));
  }

  async getPlace(id: string, viewer: Viewer, page = DEFAULT_PAGE) {
    return this.snapshot(({ reader }) => reader.getPlace(id, viewer, page));
  }

  async getTopic(id: string, viewer: Viewer, page = DEFAULT_PAGE) {
    return this.snapshot(({ reader }) => reader.getTopic(id, viewer, page));
  }

  async getCollection(slug: string, viewer: Viewer, page = DEFAULT_PAGE) {
    return this.snapshot(({ reader }) => reader.getCollection(slug, viewer, page));
  }

  async getCollectionSection(slug: string, id: string, viewer: Viewer) {
    return this.snapshot(({ reader }) => reader.getCollectionSection(slug, id, viewer));
  }

  async listCollections(viewer: Viewer) {
    return this.snapshot(({ reader }) => reader.listCollections(viewer));
  }

  async recentDocuments(viewer: Viewer, limit: number) {
    return this.snapshot(({ reader }) => reader.recentDocuments(viewer, limit));
  }

  async addUser(account: UserAccount): Promise<void> {
    await users.addUser(this.pool, account);
  }

  async setUserPassword(name: string, passwordHash: string, changedAt: string): Promise<boolean> {
    return users.setUserPassword(this.pool, name, passwordHash, changedAt);
  }

  async listUsers(): Promise<UserSummary[]> {
    return users.listUsers(this.pool);
  }

  async harvest(request: HarvestRequest, viewer: Viewer): Promise<HarvestHeader[]> {
    return inSnapshot(this.pool, (db) => harvestHeaders(db, request, viewer));
  }

  async stats(viewer: Viewer) {
    return this.snapshot(({ reader }) => reader.stats(viewer));
  }

  exportDocuments(viewer: Viewer, options: DocumentReadOptions = {}): AsyncIterable<DocumentView> {
    return exportInIdOrder(
      (after, limit) => this.reader.visibleIds(viewer, after, limit),
      (id) => this.snapshot(({ reader }) => reader.getDocument(id, viewer, options)),
    );
  }

  async isEmpty(): Promise<boolean> {
    return (await this.pool.query('SELECT 1 FROM documents LIMIT 1')).rowCount === 0;
  }

  /** Every row from one snapshot while writers go on. */
  dumpRows(): AsyncGenerator<ArchiveRow> {
    return streamInSnapshot(this.pool, postgresRows);
  }

  /**
   * One transaction: other writers wait (lockArchive), readers see the old archive until it
   * commits, a failure or a refused verification leaves the archive as it was.
   */
  async loadRows(rows: AsyncIterable<ArchiveRow>, options: LoadOptions = {}): Promise<RowCounts> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      try {
        await lockArchive(client);
        if (options.replace) await clearArchive(client);
        else if (await holdsAnything(client)) throw new StoreNotEmptyError(`the database is not empty: rows are only loaded into an empty archive`);
        const loader = new PostgresRowLoader(client);
        for await (const row of rows) await loader.add(row);
        await loader.flush();
        if (options.verify) await options.verify(postgresRows(client));
        await client.query('COMMIT');
        return loader.counts;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      }
    } finally {
      client.release();
    }
  }

  async dateHistogram(request: ScopeRequest, viewer: Viewer, unit: DateUnit) {
    return this.snapshot(({ browse }) => browse.dateHistogram(request, viewer, unit));
  }

  async correspondence(request: ScopeRequest, viewer: Viewer, options?: { limit?: number }) {
    return this.snapshot(({ browse }) => browse.correspondence(request, viewer, options));
  }

  async mapPlaces(request: ScopeRequest, viewer: Viewer) {
    return this.snapshot(({ browse }) => browse.mapPlaces(request, viewer));
  }

  async listPeople(viewer: Viewer, options: ListOptions) {
    return this.snapshot(({ browse }) => browse.listPeople(viewer, options));
  }

  async listPlaces(viewer: Viewer, options: ListOptions) {
    return this.snapshot(({ browse }) => browse.listPlaces(viewer, options));
  }

  async listTopics(viewer: Viewer, options: ListOptions) {
    return this.snapshot(({ browse }) => browse.listTopics(viewer, options));
  }

  async adjacentInCollection(id: string, slug: string, viewer: Viewer) {
    return this.snapshot(({ browse }) => browse.adjacentInCollection(id, slug, viewer));
  }

  async featuredDocuments(viewer: Viewer, limit: number) {
    return this.snapshot(({ browse }) => browse.featuredDocuments(viewer, limit));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

/** Opens (and migrates) the archive at a postgres:// or postgresql:// URL. */
export async function openPostgresStore(url: string, upgrade: TransferProgress = {}): Promise<PostgresStore> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on('error', () => {});
  try {
    const schemaVersion = await applyMigrations(pool, (client) => rebuildSearchRows(client, upgrade));
    const key = (await pool.query<{ value: Buffer }>("SELECT value FROM archive_secrets WHERE name = 'cursor'")).rows[0]!.value;
    return new PostgresStore(pool, schemaVersion, new CursorCodec(key));
  } catch (error) {
    await pool.end();
    throw error;
  }
}
