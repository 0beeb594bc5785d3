import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import zlib from 'node:zlib';
import { type ArchiveRow, ROW_KINDS, type RowCounts } from './archive-rows.js';
import { BackupFileError, ChecksumMismatchError } from './errors.js';
import { type ArchiveDigest, describeDigest, DigestBuilder, sameDigest } from './transfer.js';

/**
 * The portable backup file: gzip'd JSON lines, readable by either store. Line 1 is the header
 * ({@link PortableHeader}); every further line is one archive row (archive-rows.ts) as its
 * canonical JSON (keys sorted), in transfer order. The header's checksum is therefore the
 * SHA-256 of everything after the first line, uncompressed:
 * `zcat FILE | tail -n +2 | sha256sum`.
 */
export const PORTABLE_FORMAT = 'archivum-backup';
export const PORTABLE_VERSION = 1;

export interface PortableHeader {
  format: typeof PORTABLE_FORMAT;
  version: number;
  /** The store the backup was taken from, and its schema version then. */
  kind: 'sqlite' | 'postgres';
  schema: number;
  createdAt: string;
  counts: RowCounts;
  checksum: string;
}

/** What a file given to `restore` is, from its first bytes. */
export function sniffBackupFile(file: string): 'sqlite' | 'portable' | null {
  const head = Buffer.alloc(16);
  const fd = fs.openSync(file, 'r');
  let read: number;
  try {
    read = fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (read === 16 && head.toString('latin1') === 'SQLite format 3\u0000') return 'sqlite';
  if (read >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'portable';
  return null;
}

const CHUNK = 1 << 16;

/**
 * Writes rows to FILE as a portable backup, then reads the file back and checks its rows against
 * the header; only a file that passes replaces FILE (written beside it, then renamed), so FILE
 * never holds a half-written or unverified backup.
 */
export async function writePortableBackup(
  rows: AsyncIterable<ArchiveRow>,
  file: string,
  meta: { kind: PortableHeader['kind']; schema: number },
  onRow?: (row: ArchiveRow) => void,
): Promise<PortableHeader> {
  const dir = path.dirname(path.resolve(file));
  const base = `.${path.basename(file)}.${process.pid}`;
  const bodyPath = path.join(dir, `${base}.body`);
  const partPath = path.join(dir, `${base}.part`);
  try {
    const digest = new DigestBuilder();
    async function* chunks(): AsyncGenerator<string> {
      let pending = '';
      for await (const row of rows) {
        onRow?.(row);
        pending += digest.add(row);
        if (pending.length >= CHUNK) {
          yield pending;
          pending = '';
        }
      }
      if (pending) yield pending;
    }
    // The body first, since the header carries its checksum; gzip members concatenate.
    await pipeline(Readable.from(chunks()), zlib.createGzip(), fs.createWriteStream(bodyPath));
    const { counts, checksum } = digest.digest();
    const header: PortableHeader = {
      format: PORTABLE_FORMAT,
      version: PORTABLE_VERSION,
      kind: meta.kind,
      schema: meta.schema,
      createdAt: new Date().toISOString(),
      counts,
      checksum,
    };
    fs.writeFileSync(partPath, zlib.gzipSync(JSON.stringify(header) + '\n'));
    await pipeline(fs.createReadStream(bodyPath), fs.createWriteStream(partPath, { flags: 'a' }));
    const fd = fs.openSync(partPath, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    await verifyPortableBackup(partPath);
    fs.renameSync(partPath, file);
    return header;
  } finally {
    fs.rmSync(bodyPath, { force: true });
    fs.rmSync(partPath, { force: true });
  }
}

/** The header of a portable backup, and its rows (read as they are consumed). */
export async function openPortableBackup(file: string): Promise<{ header: PortableHeader; rows: AsyncGenerator<ArchiveRow> }> {
  const input = fs.createReadStream(file).pipe(zlib.createGunzip());
  const lines = linesOf(input);
  let first: IteratorResult<string>;
  try {
    first = await lines.next();
  } catch (error) {
    input.destroy();
    throw new BackupFileError(`${file} is not a readable backup (${error instanceof Error ? error.message : String(error)})`);
  }
  let header: PortableHeader | undefined;
  try {
    header = first.done ? undefined : parseHeader(file, first.value);
  } finally {
    if (!header) input.destroy();
  }
  if (!header) throw new BackupFileError(`${file} is not an Archivum backup (no "${PORTABLE_FORMAT}" header line)`);
  async function* rows(): AsyncGenerator<ArchiveRow> {
    let n = 1;
    try {
      for await (const line of lines) {
        n++;
        if (line) yield parseRow(file, n, line);
      }
    } finally {
      input.destroy();
    }
  }
  return { header, rows: rows() };
}

/**
 * Reads a portable backup through and checks its rows against its header (counts, checksum,
 * each document's own checksum). Returns the digest; throws ChecksumMismatchError if they differ.
 */
export async function verifyPortableBackup(file: string): Promise<{ header: PortableHeader; digest: ArchiveDigest }> {
  const { header, rows } = await openPortableBackup(file);
  const builder = new DigestBuilder();
  for await (const row of rows) builder.add(row);
  const digest = builder.digest();
  if (!sameDigest(digest, header)) {
    throw new ChecksumMismatchError(`${file} does not hold what its header says:\n  header: ${describeDigest(header)}\n  rows:   ${describeDigest(digest)}`);
  }
  if (builder.damaged.length) {
    throw new ChecksumMismatchError(`${file}: ${builder.damaged.length} documents do not match their own checksum (first: ${builder.damaged[0]})`);
  }
  return { header, digest };
}

function parseHeader(file: string, line: string): PortableHeader | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  const h = value as Partial<PortableHeader> | null;
  if (!h || typeof h !== 'object' || h.format !== PORTABLE_FORMAT) return undefined;
  if (typeof h.version !== 'number' || h.version > PORTABLE_VERSION) {
    throw new BackupFileError(`${file} was written by a newer Archivum (backup format version ${String(h.version)}; this version reads ${PORTABLE_VERSION})`);
  }
  if (typeof h.checksum !== 'string' || !h.counts || typeof h.counts !== 'object') {
    throw new BackupFileError(`${file}: the header has no counts or checksum`);
  }
  return h as PortableHeader;
}

function parseRow(file: string, n: number, line: string): ArchiveRow {
  let row: unknown;
  try {
    row = JSON.parse(line);
  } catch {
    throw new BackupFileError(`${file}: line ${n} is not JSON`);
  }
  const kind = (row as { kind?: unknown } | null)?.kind;
  if (!ROW_KINDS.includes(kind as ArchiveRow['kind'])) throw new BackupFileError(`${file}: line ${n} is not an archive row`);
  return row as ArchiveRow;
}

/** The lines of a text stream, without their "\n"; stream errors (a damaged gzip) are thrown. */
async function* linesOf(stream: NodeJS.ReadableStream): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let pending: string[] = [];
  for await (const chunk of stream) {
    const parts = (typeof chunk === 'string' ? chunk : decoder.write(chunk)).split('\n');
    if (parts.length > 1) {
      yield pending.join('') + parts[0];
      pending = [];
      for (let i = 1; i < parts.length - 1; i++) yield parts[i]!;
    }
    pending.push(parts[parts.length - 1]!);
  }
  const last = pending.join('') + decoder.end();
  if (last) yield last;
}
