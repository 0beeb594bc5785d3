import { createHash } from 'node:crypto';
import { type ArchiveRow, COUNT_OF, emptyCounts, type RowCounts } from './archive-rows.js';
import { canonicalJson } from './canonical-json.js';
import { ChecksumMismatchError } from './errors.js';
import type { ArchiveStore } from './types.js';

/**
 * Moving a whole archive between stores, whichever they are: one piece of code for SQLite →
 * PostgreSQL, PostgreSQL → SQLite and either to itself. Stores only stream their rows
 * (ArchiveStore.dumpRows) and load rows (ArchiveStore.loadRows); what a copy must preserve and
 * how it is checked is decided here.
 */

/** What an archive holds: rows per kind, and a SHA-256 over all of them. */
export interface ArchiveDigest {
  counts: RowCounts;
  /** Hex SHA-256 of every row's canonical JSON plus "\n", in transfer order (kind, then id). */
  checksum: string;
}

/** A row as the checksum (and the portable backup file) writes it: keys sorted, one line. */
export function canonicalRow(row: ArchiveRow): string {
  return canonicalJson(row);
}

/** Builds an archive digest row by row, as rows stream past. */
export class DigestBuilder {
  private readonly hash = createHash('sha256');
  private readonly counts = emptyCounts();
  /** Documents whose stored checksum is not the SHA-256 of their stored data. */
  readonly damaged: string[] = [];

  add(row: ArchiveRow): string {
    const line = canonicalRow(row) + '\n';
    this.hash.update(line);
    this.counts[COUNT_OF[row.kind]]++;
    if (row.kind === 'document' && createHash('sha256').update(row.data).digest('hex') !== row.checksum) this.damaged.push(row.id);
    return line;
  }

  digest(): ArchiveDigest {
    return { counts: { ...this.counts }, checksum: this.hash.copy().digest('hex') };
  }
}

export async function digestRows(rows: AsyncIterable<ArchiveRow> | Iterable<ArchiveRow>): Promise<ArchiveDigest> {
  const builder = new DigestBuilder();
  for await (const row of rows) builder.add(row);
  return builder.digest();
}

export function digestRowsSync(rows: Iterable<ArchiveRow>): ArchiveDigest {
  const builder = new DigestBuilder();
  for (const row of rows) builder.add(row);
  return builder.digest();
}

/**
 * Counts per kind and a SHA-256 over the canonical form of every row, drafts and embargoed
 * documents included: the same archive gives the same digest on either store.
 */
export async function archiveChecksum(store: ArchiveStore): Promise<ArchiveDigest> {
  return digestRows(store.dumpRows());
}

export function sameDigest(a: ArchiveDigest, b: ArchiveDigest): boolean {
  return a.checksum === b.checksum && canonicalJson(a.counts) === canonicalJson(b.counts);
}

/** "122 documents, 45 people, 20 places, 3 topics, 12 collections, sha256 0f3a…" */
export function describeDigest(d: ArchiveDigest): string {
  const c = d.counts;
  return `${c.documents} documents, ${c.people} people, ${c.places} places, ${c.topics} topics, ${c.collections} collections, sha256 ${d.checksum}`;
}

/** Passes rows through, showing each to `see` first. */
export async function* tapRows(rows: AsyncIterable<ArchiveRow>, see: (row: ArchiveRow) => void): AsyncGenerator<ArchiveRow> {
  for await (const row of rows) {
    see(row);
    yield row;
  }
}

/**
 * A verification for ArchiveStore.loadRows: the rows the store holds inside its transaction
 * must digest to `expected()` (asked for then, so a digest taken while the rows streamed in can
 * be used); else the load is rolled back. `seen` receives the store's digest either way.
 */
export function expectDigest(expected: () => ArchiveDigest, seen?: (digest: ArchiveDigest) => void) {
  return async (rows: AsyncIterable<ArchiveRow>): Promise<void> => {
    const actual = await digestRows(rows);
    seen?.(actual);
    const want = expected();
    if (!sameDigest(actual, want)) {
      throw new ChecksumMismatchError(`the copy differs from its source:\n  source: ${describeDigest(want)}\n  copy:   ${describeDigest(actual)}`);
    }
  };
}

export interface TransferResult {
  /** Of the rows read from the source (one snapshot of it). */
  source: ArchiveDigest;
  /** Of the rows the target held once they were in, before its transaction committed. */
  target: ArchiveDigest;
  seconds: number;
}

/**
 * Copies every row of `source` into the empty `target` in one transaction of the target, and
 * checks inside that transaction that the target holds exactly what was read: same counts, same
 * checksum. A target that is not empty is refused (StoreNotEmptyError) before anything is read;
 * a mismatch is thrown as ChecksumMismatchError after rolling the copy back.
 */
export async function transferArchive(
  source: ArchiveStore,
  target: ArchiveStore,
  options: { onRow?: (row: ArchiveRow) => void } = {},
): Promise<TransferResult> {
  const started = performance.now();
  const read = new DigestBuilder();
  let held: ArchiveDigest | undefined;
  const rows = tapRows(source.dumpRows(), (row) => {
    read.add(row);
    options.onRow?.(row);
  });
  await target.loadRows(rows, { verify: expectDigest(() => read.digest(), (d) => (held = d)) });
  return { source: read.digest(), target: held!, seconds: (performance.now() - started) / 1000 };
}
