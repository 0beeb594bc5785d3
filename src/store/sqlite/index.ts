import Database from 'better-sqlite3';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import type { DocumentView, IngestRecord } from '../../domain/index.js';
import type { SearchRequest, SearchResult } from '../../search/request.js';
import type { ArchiveStore, UpsertOutcome, Viewer } from '../types.js';
import { applyMigrations } from './migrations.js';
import { RecordReader } from './read.js';
import { searchSqlite } from './search.js';
import { RecordWriter } from './write.js';

const DEFAULT_PAGE = { offset: 0, limit: 50 };
const EXPORT_BATCH = 500;

/** The embedded store: one SQLite file in WAL mode, schema migrated on open. */
export class SqliteStore implements ArchiveStore {
  readonly kind = 'sqlite' as const;
  readonly schemaVersion: number;
  private readonly writer: RecordWriter;
  private readonly reader: RecordReader;

  constructor(readonly db: SqliteDatabase) {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    // WAL with NORMAL sync is durable against application crashes and keeps a record atomic;
    // a power cut may lose the last commits but never leaves a half-written record.
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    this.schemaVersion = applyMigrations(db);
    this.writer = new RecordWriter(db);
    this.reader = new RecordReader(db);
  }

  async upsertRecord(record: IngestRecord): Promise<UpsertOutcome> {
    return this.writer.upsert(record);
  }

  async getDocument(id: string, viewer: Viewer): Promise<DocumentView | null> {
    return this.reader.getDocument(id, viewer);
  }

  async search(request: SearchRequest, viewer: Viewer): Promise<SearchResult> {
    return searchSqlite(this.db, request, viewer);
  }

  async getPerson(id: string, viewer: Viewer, page = DEFAULT_PAGE) {
    return this.reader.getPerson(id, viewer, page);
  }

  async getPlace(id: string, viewer: Viewer, page = DEFAULT_PAGE) {
    return this.reader.getPlace(id, viewer, page);
  }

  async getTopic(id: string, viewer: Viewer, page = DEFAULT_PAGE) {
    return this.reader.getTopic(id, viewer, page);
  }

  async getCollection(slug: string, viewer: Viewer, page = DEFAULT_PAGE) {
    return this.reader.getCollection(slug, viewer, page);
  }

  async listCollections(viewer: Viewer) {
    return this.reader.listCollections(viewer);
  }

  async recentDocuments(viewer: Viewer, limit: number) {
    return this.reader.recentDocuments(viewer, limit);
  }

  async stats(viewer: Viewer) {
    return this.reader.stats(viewer);
  }

  async *exportDocuments(viewer: Viewer): AsyncIterable<DocumentView> {
    let after = '';
    for (;;) {
      const ids = this.reader.visibleIds(viewer, after, EXPORT_BATCH);
      if (ids.length === 0) return;
      for (const id of ids) {
        const doc = this.reader.getDocument(id, viewer);
        if (doc) yield doc;
      }
      after = ids.at(-1)!;
    }
  }

  async isEmpty(): Promise<boolean> {
    return this.db.prepare('SELECT 1 FROM documents LIMIT 1').get() === undefined;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

export function openSqliteStore(file: string): SqliteStore {
  return new SqliteStore(new Database(file));
}
