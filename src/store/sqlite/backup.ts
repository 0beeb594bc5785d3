import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import type { ArchiveRow, RowCounts } from '../archive-rows.js';
import { BackupFileError, ChecksumMismatchError } from '../errors.js';
import { clearArchive, copyAttachedArchive, sqliteRows } from './dump.js';
import { MIGRATIONS } from './migrations.js';
import { SqliteStore } from './index.js';

/** All pages in one step: the copy is one snapshot, and a writer's commit cannot restart it half-way. */
const ALL_PAGES = 0x7fffffff;

/**
 * A SQLite backup of the live archive through SQLite's online backup API: the pages are copied
 * inside one read transaction (WAL: writers go on meanwhile), to a file beside FILE; the copy is
 * switched to a rollback journal (one self-contained file), checked (`check` gets its rows
 * while it is open), and only then renamed to FILE.
 */
export async function backupSqliteArchive(db: SqliteDatabase, file: string, check: (rows: Iterable<ArchiveRow>) => void): Promise<{ schema: number }> {
  const part = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.part`);
  fs.rmSync(part, { force: true });
  try {
    await db.backup(part, { progress: () => ALL_PAGES });
    const copy = new Database(part, { fileMustExist: true });
    let schema: number;
    try {
      copy.pragma('journal_mode = DELETE');
      schema = archiveSchema(copy, file);
      const problems = archiveProblems(copy);
      if (problems.length) throw new ChecksumMismatchError(`the backup does not check out: ${problems.join('; ')}`);
      copy.exec('BEGIN');
      check(sqliteRows(copy));
      copy.exec('COMMIT');
    } finally {
      copy.close();
    }
    fs.renameSync(part, file);
    return { schema };
  } finally {
    fs.rmSync(part, { force: true });
  }
}

/** The schema version of an Archivum SQLite archive, or a BackupFileError saying why it is not one this version reads. */
function archiveSchema(db: SqliteDatabase, file: string): number {
  const version = db.pragma('user_version', { simple: true }) as number;
  const documents = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'documents'").get();
  if (!documents || version < 1) throw new BackupFileError(`${file} is a SQLite file but not an Archivum archive`);
  if (version > MIGRATIONS.length) {
    throw new BackupFileError(`${file} was written by a newer Archivum (schema ${version}; this version knows ${MIGRATIONS.length})`);
  }
  return version;
}

/**
 * What is wrong with an archive file: SQLite's own integrity check, the full-text indexes'
 * integrity checks, and a full-text row for every document. Needs a writable connection (FTS5
 * runs its check as a command).
 */
export function archiveProblems(db: SqliteDatabase): string[] {
  const problems: string[] = [];
  const integrity = db.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') problems.push(`integrity check: ${String(integrity)}`);
  for (const table of ['documents_fts', 'documents_exact', 'entity_names']) {
    try {
      db.prepare(`INSERT INTO ${table} (${table}) VALUES ('integrity-check')`).run();
    } catch (error) {
      problems.push(`${table}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return [...problems, ...textRowProblems(db)];
}

/** Every document has its row in both full-text indexes, and no row is left without its document. */
function textRowProblems(db: SqliteDatabase): string[] {
  const problems: string[] = [];
  const unindexed = db.prepare('SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM documents_fts f WHERE f.rowid = d.rowid)').pluck().get() as number;
  if (unindexed > 0) problems.push(`${unindexed} documents without their full-text row`);
  // The stemmed index reads its rows from documents_text (external content): its own row sizes
  // (documents_fts_docsize) say what it has indexed.
  for (const [table, rows] of [['documents_text', 'documents_text'], ['documents_fts', 'documents_fts_docsize'], ['documents_exact', 'documents_exact']]) {
    const extra = db.prepare(`SELECT (SELECT count(*) FROM ${rows}) - (SELECT count(*) FROM documents)`).pluck().get() as number;
    if (extra !== 0) problems.push(`${table} holds ${extra > 0 ? `${extra} rows more` : `${-extra} rows fewer`} than there are documents`);
  }
  return problems;
}

/** An Archivum SQLite file opened read-only for a restore, at this version's schema. */
export interface SqliteArchiveFile {
  /** Read-only; its rows are the archive to restore. */
  db: SqliteDatabase;
  /** The file to attach: the one given, or a migrated copy of it. */
  path: string;
  /** The schema version the file was written at. */
  schema: number;
  close(): void;
}

/**
 * Opens FILE read-only and checks it is an Archivum archive this version reads. A file at an
 * older schema is copied (through the backup API) to a temporary file and migrated there; FILE
 * itself is never written.
 */
export async function openSqliteArchiveFile(file: string): Promise<SqliteArchiveFile> {
  let db: SqliteDatabase;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupFileError(`${file} cannot be opened as a SQLite file (${error instanceof Error ? error.message : String(error)})`);
  }
  let schema: number;
  try {
    schema = archiveSchema(db, file);
  } catch (error) {
    db.close();
    throw error;
  }
  if (schema === MIGRATIONS.length) return { db, path: file, schema, close: () => db.close() };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archivum-restore-'));
  const copy = path.join(dir, 'archive.db');
  try {
    await db.backup(copy, { progress: () => ALL_PAGES });
    db.close();
    await new SqliteStore(new Database(copy)).close();
    const migrated = new Database(copy, { readonly: true, fileMustExist: true });
    return {
      db: migrated,
      path: copy,
      schema,
      close: () => {
        migrated.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (db.open) db.close();
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Replaces the live archive with the one in `file` (an Archivum SQLite file at this schema) in
 * ONE write transaction: the tables are emptied and copied over from the attached file, the
 * exact index rebuilt, and `check` shown the rows as they now stand before it commits (throwing
 * rolls everything back). Other connections see the old archive until the commit, then the new.
 */
export function restoreSqliteArchive(db: SqliteDatabase, file: string, check: (rows: Iterable<ArchiveRow>) => void): RowCounts {
  db.prepare('ATTACH DATABASE ? AS archivum_backup').run(file);
  try {
    return db
      .transaction(() => {
        clearArchive(db);
        const counts = copyAttachedArchive(db, 'archivum_backup');
        const problems = textRowProblems(db);
        if (problems.length) throw new ChecksumMismatchError(`the restored archive does not check out: ${problems.join('; ')}`);
        check(sqliteRows(db));
        return counts;
      })
      .immediate();
  } finally {
    db.exec('DETACH DATABASE archivum_backup');
  }
}
