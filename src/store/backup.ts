import fs from 'node:fs';
import path from 'node:path';
import { type ArchiveRow, fromSync } from './archive-rows.js';
import { openPortableBackup, sniffBackupFile, writePortableBackup } from './backup-file.js';
import { BackupFileError, ChecksumMismatchError } from './errors.js';
import { backupSqliteArchive, openSqliteArchiveFile, restoreSqliteArchive } from './sqlite/backup.js';
import { sqliteRows } from './sqlite/dump.js';
import { SqliteStore } from './sqlite/index.js';
import { type ArchiveDigest, DigestBuilder, describeDigest, expectDigest, sameDigest, tapRows } from './transfer.js';
import type { ArchiveStore, TransferProgress } from './types.js';

/**
 * `archivum backup` and `archivum restore`, for either store, while others serve and ingest.
 *
 * - `sqlite`: a SQLite file made by SQLite's online backup API (SQLite store only).
 * - `jsonl`: the portable file of backup-file.ts, the rows of one consistent snapshot (for
 *   PostgreSQL one REPEATABLE READ READ ONLY transaction). Either store restores it.
 *
 * Restore replaces the whole archive in one transaction of the target store and checks, before
 * it commits, that the store holds exactly the backup's rows (counts and checksum).
 */
export type BackupFormat = 'sqlite' | 'jsonl';

export interface BackupResult {
  format: BackupFormat;
  /** Schema version of the store the backup was taken from. */
  schema: number;
  /** Of the file as written and read back. */
  digest: ArchiveDigest;
  seconds: number;
}

export function defaultBackupFormat(store: ArchiveStore): BackupFormat {
  return store.kind === 'sqlite' ? 'sqlite' : 'jsonl';
}

export async function backupArchive(store: ArchiveStore, file: string, options: { format?: BackupFormat } & TransferProgress = {}): Promise<BackupResult> {
  const started = performance.now();
  const format = options.format ?? defaultBackupFormat(store);
  refuseLiveFile(store, file);
  if (format === 'sqlite') {
    if (!(store instanceof SqliteStore)) throw new BackupFileError('a "sqlite" backup is made of the SQLite store only; PostgreSQL writes "jsonl"');
    let digest: ArchiveDigest | undefined;
    const { schema } = await backupSqliteArchive(store.db, file, (rows) => {
      digest = checkedDigest(rows, file);
    });
    return { format, schema, digest: digest!, seconds: elapsed(started) };
  }
  options.onTotal?.((await store.stats({ kind: 'staff' })).documents);
  const header = await writePortableBackup(store.dumpRows(), file, { kind: store.kind, schema: store.schemaVersion }, documentTicker(options));
  return { format, schema: header.schema, digest: { counts: header.counts, checksum: header.checksum }, seconds: elapsed(started) };
}

export interface RestoreResult {
  format: BackupFormat;
  /** The store kind and schema version the backup was taken from. */
  from: { kind: 'sqlite' | 'postgres'; schema: number };
  /** Of the archive as the store holds it now: the backup's, or the restore was rolled back. */
  digest: ArchiveDigest;
  seconds: number;
}

export async function restoreArchive(store: ArchiveStore, file: string, options: TransferProgress = {}): Promise<RestoreResult> {
  const started = performance.now();
  if (!fs.existsSync(file)) throw new BackupFileError(`${file} does not exist`);
  refuseLiveFile(store, file);
  const format = sniffBackupFile(file);
  if (format === null) throw new BackupFileError(`${file} is not an Archivum backup (neither a SQLite file nor a gzip'd "jsonl" backup)`);
  let held: ArchiveDigest | undefined;
  const seen = (d: ArchiveDigest) => (held = d);

  if (format === 'sqlite') {
    const archive = await openSqliteArchiveFile(file);
    try {
      archive.db.exec('BEGIN');
      const expected = checkedDigest(sqliteRows(archive.db), file);
      archive.db.exec('COMMIT');
      options.onTotal?.(expected.counts.documents);
      if (store instanceof SqliteStore) {
        restoreSqliteArchive(store.db, archive.path, (rows) => {
          const builder = new DigestBuilder();
          for (const row of rows) builder.add(row);
          held = builder.digest();
          if (!sameDigest(held, expected)) throw mismatch(expected, held);
        });
        store.contentReplaced();
      } else {
        const rows = tapRows(fromSync(sqliteRows(archive.db)), documentTicker(options));
        await store.loadRows(rows, { replace: true, verify: expectDigest(() => expected, seen) });
      }
      return { format: 'sqlite', from: { kind: 'sqlite', schema: archive.schema }, digest: held!, seconds: elapsed(started) };
    } finally {
      archive.close();
    }
  }

  const { header, rows } = await openPortableBackup(file);
  options.onTotal?.(header.counts.documents);
  const read = new DigestBuilder();
  const tick = documentTicker(options);
  const tapped = tapRows(rows, (row) => {
    read.add(row);
    tick(row);
  });
  const expected = { counts: header.counts, checksum: header.checksum };
  await store.loadRows(tapped, {
    replace: true,
    verify: async (stored) => {
      // The file first (what was read is what its header promises), then the store.
      const fromFile = read.digest();
      if (!sameDigest(fromFile, expected)) {
        throw new ChecksumMismatchError(`${file} does not hold what its header says:\n  header: ${describeDigest(expected)}\n  rows:   ${describeDigest(fromFile)}`);
      }
      if (read.damaged.length) throw damaged(file, read.damaged);
      await expectDigest(() => expected, seen)(stored);
    },
  });
  return { format: 'jsonl', from: { kind: header.kind, schema: header.schema }, digest: held!, seconds: elapsed(started) };
}

/** The digest of rows, refusing documents that do not match their own stored checksum. */
function checkedDigest(rows: Iterable<ArchiveRow>, file: string): ArchiveDigest {
  const builder = new DigestBuilder();
  for (const row of rows) builder.add(row);
  if (builder.damaged.length) throw damaged(file, builder.damaged);
  return builder.digest();
}

function damaged(file: string, ids: string[]): ChecksumMismatchError {
  return new ChecksumMismatchError(`${file}: ${ids.length} documents do not match their own checksum (first: ${ids[0]})`);
}

function mismatch(expected: ArchiveDigest, actual: ArchiveDigest): ChecksumMismatchError {
  return new ChecksumMismatchError(`the copy differs from its source:\n  source: ${describeDigest(expected)}\n  copy:   ${describeDigest(actual)}`);
}

function documentTicker(options: TransferProgress): (row: ArchiveRow) => void {
  const onDocument = options.onDocument;
  return onDocument ? (row) => row.kind === 'document' && onDocument() : () => {};
}

/** A backup written over, or restored from, the live SQLite file itself would destroy it. */
function refuseLiveFile(store: ArchiveStore, file: string): void {
  if (!(store instanceof SqliteStore) || store.db.memory) return;
  const real = (p: string) => {
    try {
      return fs.realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  if (real(file) === real(store.db.name)) throw new BackupFileError(`${file} is the live archive itself`);
}

function elapsed(started: number): number {
  return (performance.now() - started) / 1000;
}
