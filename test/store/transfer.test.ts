import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { buildCollectionSections, buildIngestRecord, type CollectionSection } from '../../src/domain/index.js';
import { parseSearchParams } from '../../src/search/params.js';
import { type ArchiveRow, ROW_KINDS } from '../../src/store/archive-rows.js';
import { openPortableBackup, verifyPortableBackup, writePortableBackup } from '../../src/store/backup-file.js';
import Database from 'better-sqlite3';
import { backupArchive, restoreArchive } from '../../src/store/backup.js';
import { BackupFileError, ChecksumMismatchError, StoreNotEmptyError } from '../../src/store/errors.js';
import { SEARCH_COLUMNS } from '../../src/store/index-entry.js';
import { MIGRATIONS as PG_MIGRATIONS } from '../../src/store/postgres/migrations.js';
import { openPostgresStore, type PostgresStore } from '../../src/store/postgres/index.js';
import { MIGRATIONS as SQLITE_MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/index.js';
import { archiveChecksum, digestRows, transferArchive } from '../../src/store/transfer.js';
import { PUBLIC, STAFF, type ArchiveStore } from '../../src/store/types.js';
import { createApp } from '../../src/web/app.js';
import { fixtureRecords } from '../fixtures/documents.js';
import { createDatabase } from './pg-database.js';

const PREFACE: CollectionSection = {
  id: 'preface',
  title: 'Preface',
  body: [{ kind: 'p', children: ['The editors thank ', { kind: 'em', children: ['everyone'] }, '.', { kind: 'noteRef', n: '1' }] }],
  footnotes: [{ n: '1', text: 'Wörter, “quoted”.' }],
};

async function allRows(store: ArchiveStore): Promise<ArchiveRow[]> {
  const rows: ArchiveRow[] = [];
  for await (const row of store.dumpRows()) rows.push(row);
  return rows;
}

const rowKey = (row: ArchiveRow) => (row.kind === 'collection' ? row.slug : row.id);

/** Public answers to a few searches; `sort` fixes the order (relevance scores differ between engines). */
async function publicAnswers(store: ArchiveStore, sort = 'relevance') {
  const out = [];
  for (const q of ['q=', 'q=Khrushchev', 'q=missiles', 'q=&type=Letter']) {
    const result = await store.search(parseSearchParams(new URLSearchParams(`${q}&sort=${sort}`)), PUBLIC);
    out.push({ total: result.total, ids: result.hits.map((h) => h.id), facets: result.facets });
  }
  return out;
}

describe('whole-archive transfer (dumpRows, loadRows, archiveChecksum)', () => {
  let dir: string;
  let first: SqliteStore;
  let middle: PostgresStore;
  let last: SqliteStore;
  let pgDb: { url: string; drop(): Promise<void> };

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archivum-transfer-'));
    first = openSqliteStore(path.join(dir, 'first.db'));
    for (const record of fixtureRecords()) await first.upsertRecord(record);
    // A collection with texts of its own (a volume's preface), kept beside its description.
    const cited = fixtureRecords().find((r) => r.collections.some((c) => c.slug === 'frus-v6'))!;
    await first.upsertRecord({ ...cited, sections: buildCollectionSections({ collection: 'frus-v6', sections: [PREFACE] }) });
    pgDb = await createDatabase();
    middle = await openPostgresStore(pgDb.url);
    last = openSqliteStore(path.join(dir, 'last.db'));
  });
  after(async () => {
    await Promise.all([first.close(), middle.close(), last.close()]);
    await pgDb.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('streams every row whatever its status, kind by kind in id order, data as stored', async () => {
    const rows = await allRows(first);
    const kinds = rows.map((r) => ROW_KINDS.indexOf(r.kind));
    assert.deepEqual(kinds, [...kinds].sort((a, b) => a - b));
    for (const kind of ROW_KINDS) {
      const keys = rows.filter((r) => r.kind === kind).map(rowKey);
      assert.ok(keys.length > 0, kind);
      assert.deepEqual(keys, [...keys].sort((a, b) => (Buffer.from(a) < Buffer.from(b) ? -1 : 1)), `${kind} in id order`);
    }
    const docs = rows.filter((r) => r.kind === 'document');
    assert.equal(docs.length, fixtureRecords().length);
    const draft = docs.find((d) => d.id === 'draft-secret')!;
    assert.equal(draft.status, 'draft');
    assert.equal(draft.publicFrom, null);
    const embargoed = docs.find((d) => d.id === 'embargoed-future')!;
    assert.equal(embargoed.status, 'embargoed');
    assert.match(embargoed.publicFrom ?? '', /^\d{4}-\d\d-\d\d$/);
    for (const doc of docs) assert.equal(createHash('sha256').update(doc.data).digest('hex'), doc.checksum);
  });

  it('SQLite → PostgreSQL → SQLite keeps every row exactly, and the same answers', async () => {
    const original = await archiveChecksum(first);
    const there = await transferArchive(first, middle);
    assert.deepEqual(there.source, original);
    assert.deepEqual(there.target, original);
    assert.deepEqual(await archiveChecksum(middle), original);
    const back = await transferArchive(middle, last);
    assert.deepEqual(back.target, original);
    // Same ids, times, statuses and stored text, row for row.
    assert.deepEqual(await allRows(last), await allRows(first));
    assert.deepEqual(await allRows(middle), await allRows(first));
    assert.ok((await allRows(first)).some((row) => row.kind === 'collection' && row.sections), 'a collection has sections');
    for (const store of [middle, last]) assert.deepEqual((await store.getCollectionSection('frus-v6', 'preface', PUBLIC))?.section, PREFACE);
    assert.deepEqual(await publicAnswers(middle, 'date'), await publicAnswers(first, 'date'));
    assert.deepEqual(await publicAnswers(last), await publicAnswers(first));
    assert.deepEqual(await last.getDocument('draft-secret', STAFF), await first.getDocument('draft-secret', STAFF));
    assert.equal(await last.getDocument('draft-secret', PUBLIC), null);
  });

  it('refuses to load into a store that holds anything, and writes nothing', async () => {
    const before = await archiveChecksum(middle);
    for (const target of [middle, last]) {
      await assert.rejects(() => transferArchive(first, target), StoreNotEmptyError);
    }
    assert.deepEqual(await archiveChecksum(middle), before);
  });

  it('a load whose verification fails, or whose rows are out of order, is rolled back whole', async () => {
    for (const store of [middle, last] as ArchiveStore[]) {
      const before = await archiveChecksum(store);
      await assert.rejects(
        () =>
          store.loadRows(first.dumpRows(), {
            replace: true,
            verify: async () => {
              throw new ChecksumMismatchError('refused on purpose');
            },
          }),
        /refused on purpose/,
      );
      assert.deepEqual(await archiveChecksum(store), before, `${store.kind}: unchanged after a refused verification`);
      const rows = await allRows(first);
      const shuffled = [rows.at(-1)!, ...rows.slice(0, -1)];
      await assert.rejects(() => store.loadRows(fromArray(shuffled), { replace: true }), /out of order/);
      assert.deepEqual(await archiveChecksum(store), before, `${store.kind}: unchanged after rows out of order`);
      assert.equal((await store.search(parseSearchParams(new URLSearchParams('q=Khrushchev')), PUBLIC)).total > 0, true);
    }
  });

  it('the portable backup file: header checksum = SHA-256 of its row lines; damage is detected and nothing restored', async () => {
    const file = path.join(dir, 'backup.jsonl.gz');
    const header = await writePortableBackup(middle.dumpRows(), file, { kind: 'postgres', schema: middle.schemaVersion });
    const digest = await archiveChecksum(first);
    assert.deepEqual({ counts: header.counts, checksum: header.checksum }, digest);
    assert.equal(header.format, 'archivum-backup');
    assert.equal(header.kind, 'postgres');
    const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n');
    assert.deepEqual(JSON.parse(lines[0]!), header);
    assert.equal(createHash('sha256').update(lines.slice(1).join('\n')).digest('hex'), header.checksum);
    assert.deepEqual((await verifyPortableBackup(file)).digest, digest);
    const { rows } = await openPortableBackup(file);
    const read: ArchiveRow[] = [];
    for await (const row of rows) read.push(row);
    assert.deepEqual(read, await allRows(first));

    // One title changed in the body: the header no longer matches.
    const damaged = path.join(dir, 'damaged.jsonl.gz');
    const body = lines.slice(1).join('\n').replace('"title":"Letter from Khrushchev to Fidel Castro"', '"title":"Forged"');
    assert.notEqual(body, lines.slice(1).join('\n'));
    fs.writeFileSync(damaged, zlib.gzipSync(lines[0] + '\n' + body));
    await assert.rejects(() => verifyPortableBackup(damaged), ChecksumMismatchError);
    for (const store of [middle, last] as ArchiveStore[]) {
      const before = await archiveChecksum(store);
      await assert.rejects(() => restoreArchive(store, damaged), ChecksumMismatchError);
      assert.deepEqual(await archiveChecksum(store), before);
    }
    // A truncated file fails too, and restores nothing.
    const truncated = path.join(dir, 'truncated.jsonl.gz');
    const whole = fs.readFileSync(file);
    fs.writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length * 0.8)));
    await assert.rejects(() => restoreArchive(last, truncated));
    assert.deepEqual(await archiveChecksum(last), digest);
  });

  it('a SQLite backup file restores into either store; an older schema is migrated on a copy; a tampered one is refused', async () => {
    const digest = await archiveChecksum(first);
    const file = path.join(dir, 'backup.db');
    const made = await backupArchive(first, file);
    assert.equal(made.format, 'sqlite');
    assert.deepEqual(made.digest, digest);
    // The SQLite store counts facets in memory: give it a document of its own and count once, so
    // a restore through its own connection must make it forget what it counted.
    await last.upsertRecord(buildIngestRecord({ id: 'only-here', title: 'Only here', type: 'Restore canary' }));
    const facets = async (store: ArchiveStore) => (await store.search(parseSearchParams(new URLSearchParams('facetLimit=1000')), PUBLIC)).facets;
    assert.ok((await facets(last)).type.some((t) => t.value === 'Restore canary'));
    for (const store of [middle, last] as ArchiveStore[]) {
      const restored = await restoreArchive(store, file);
      assert.deepEqual(restored.digest, digest);
      assert.deepEqual(await archiveChecksum(store), digest);
    }
    assert.deepEqual(await facets(last), await facets(first));

    // A file of schema 1 (before the exact index, the names index and the narrow indexes): read through a migrated copy.
    const old = path.join(dir, 'old.db');
    fs.copyFileSync(file, old);
    const downgrade = new Database(old);
    const columns = SEARCH_COLUMNS.join(', ');
    downgrade.exec(`DROP TABLE documents_exact_vocab; DROP TABLE documents_exact; DROP TABLE entity_names;
      DROP TABLE documents_fts;
      CREATE VIRTUAL TABLE documents_fts USING fts5 (${columns}, tokenize = 'porter unicode61 remove_diacritics 2');
      INSERT INTO documents_fts (rowid, ${columns}) SELECT doc, ${columns} FROM documents_text;
      DROP TABLE documents_text;
      DROP INDEX documents_scope; DROP INDEX documents_by_public_from; CREATE INDEX documents_by_public_from ON documents (public_from);
      ALTER TABLE documents DROP COLUMN edition_number; ALTER TABLE documents DROP COLUMN edition_slug; DROP TABLE withdrawals; DROP TABLE users; DROP TABLE withheld_descriptions; DROP TABLE archive_secrets; DROP INDEX documents_by_datestamp; ALTER TABLE documents DROP COLUMN datestamp;
      ALTER TABLE collections DROP COLUMN sections;
      PRAGMA user_version = 1`);
    downgrade.close();
    const oldBytes = fs.readFileSync(old);
    const fromOld = await restoreArchive(last, old);
    assert.deepEqual(fromOld.from, { kind: 'sqlite', schema: 1 });
    // Schema 1 had no withheld descriptions (schema 8) and no sections (10): everything else comes back as it was.
    const withoutWithheld = (await allRows(first)).map((row) => {
      if (row.kind === 'collection') {
        const { sections, ...rest } = row;
        return rest;
      }
      if (row.kind !== 'document') return row;
      const { withheld, ...rest } = row;
      return rest;
    });
    assert.ok((await allRows(first)).some((row) => row.kind === 'document' && row.withheld), 'the fixture withholds something');
    assert.deepEqual(fromOld.digest, await digestRows(withoutWithheld));
    assert.ok(fs.readFileSync(old).equals(oldBytes), 'the backup file itself is not written');
    assert.equal((await last.search(parseSearchParams(new URLSearchParams('q=Chruščev')), PUBLIC)).total > 0, true);
    assert.deepEqual((await restoreArchive(last, file)).digest, digest);

    // A document whose data no longer matches its checksum: refused, nothing restored.
    const tampered = path.join(dir, 'tampered.db');
    fs.copyFileSync(file, tampered);
    const edit = new Database(tampered);
    edit.prepare("UPDATE documents SET data = replace(data, 'Fidel Castro', 'Someone Else') WHERE id = 'k-to-castro-1963'").run();
    edit.close();
    for (const store of [middle, last] as ArchiveStore[]) {
      await assert.rejects(() => restoreArchive(store, tampered), /do not match their own checksum/);
      assert.deepEqual(await archiveChecksum(store), digest);
    }
    // Not a SQLite archive of ours at all.
    const stranger = path.join(dir, 'stranger.db');
    new Database(stranger).exec('CREATE TABLE t (x)');
    await assert.rejects(() => restoreArchive(last, stranger), BackupFileError);
  });

  it('GET /health names the store and its schema version', async () => {
    for (const [store, schema] of [
      [first, SQLITE_MIGRATIONS.length],
      [middle, PG_MIGRATIONS.length],
    ] as const) {
      const res = await createApp({ store }).request('/health');
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { status: 'ok', store: store.kind, schema });
      assert.equal(store.schemaVersion, schema);
    }
  });
});

async function* fromArray<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}
