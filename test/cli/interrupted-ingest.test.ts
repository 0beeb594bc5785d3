import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { archiveProblems } from '../../src/store/sqlite/backup.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import type { ArchiveStore } from '../../src/store/types.js';
import { indexProblems } from './consistency.js';
import { archivum, tempDir } from './helpers.js';
import { startArchivum, waitFor } from './processes.js';
import { dropFreshDatabases, STORE_KINDS, type StoreKind } from './store-kinds.js';

/*
 * The contract: "A batch interrupted at any point (kill -9, power cut) leaves the store as it was
 * before the unfinished record." Here an ingest of real FRUS volumes is killed twice while it
 * writes; after each kill every stored document must be whole and every record the report names
 * must be stored, and a third run must finish the job to exactly the archive one uninterrupted
 * ingest gives.
 */
const VOLUMES = fileURLToPath(new URL('../../../shared/corpus/frus/volumes/', import.meta.url));
/**
 * Enough documents that the ingest is still writing when each kill comes (the first commit holds
 * 50 records; PostgreSQL ingests about 8× slower): 1,158 and 243.
 */
const INPUTS: Record<StoreKind['name'], string[]> = {
  sqlite: ['frus1961-63v04.xml', 'frus1961-63v05.xml', 'frus1961-63v22.xml'],
  postgres: ['frus1961-63v06.xml', 'frus1969-76v01.xml'],
};

after(dropFreshDatabases);

async function withStore<T>(kind: StoreKind, db: string, use: (store: ArchiveStore) => Promise<T>): Promise<T> {
  const store = await kind.open(db);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/** Every document whole (links, facets, full-text rows), and for SQLite the file's own checks. */
async function storeProblems(store: ArchiveStore): Promise<string[]> {
  const problems = await indexProblems(store);
  return store instanceof SqliteStore ? [...archiveProblems(store.db), ...problems] : problems;
}

/**
 * Every row the store holds, without the times it was written (which differ between any two
 * ingests): the archive's content, to compare two stores by.
 */
async function storedContent(store: ArchiveStore): Promise<string[]> {
  const rows: string[] = [];
  for await (const row of store.dumpRows()) {
    if (row.kind !== 'document') rows.push(JSON.stringify(row));
    else {
      const { createdAt, updatedAt, ...content } = row;
      rows.push(JSON.stringify(content));
    }
  }
  return rows.sort();
}

async function storedIds(store: ArchiveStore): Promise<Set<string>> {
  const ids = new Set<string>();
  for await (const row of store.dumpRows()) if (row.kind === 'document') ids.add(row.id);
  return ids;
}

/** The ids a `--report` file says were stored. */
function reportedIds(file: string): string[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { id?: string; reason?: string })
    .map((entry) => {
      assert.ok(entry.id, `a failure in the report: ${JSON.stringify(entry)}`);
      return entry.id;
    });
}

for (const kind of STORE_KINDS) {
  describe(`an ingest killed mid-way (${kind.name})`, () => {
    let work: { dir: string; cleanup(): void };
    const inputs = INPUTS[kind.name].map((name) => path.join(VOLUMES, name));

    before(() => {
      work = tempDir(`archivum-killed-${kind.name}-`);
    });
    after(() => work.cleanup());

    it('leaves every stored document whole, and running it again completes the archive', async (t) => {
      const reference = await kind.fresh(work.dir, 'reference');
      const clean = archivum(['ingest', '--db', reference, ...inputs], { cwd: work.dir });
      assert.equal(clean.code, 0, clean.stderr);
      const total = Number(/^ingested (\d+) new, 0 updated, 0 failed/m.exec(clean.stdout)?.[1]);
      assert.ok(total > 200, clean.stdout);
      const expected = await withStore(kind, reference, storedContent);

      const db = await kind.fresh(work.dir, 'interrupted');
      let landed = 0;
      for (const round of [1, 2]) {
        const report = path.join(work.dir, `report-${round}.jsonl`);
        const ingest = startArchivum(['ingest', '--db', db, '--report', report, ...inputs], { cwd: work.dir });
        // Killed once it has stored something new: by then it is writing the next batch.
        await waitFor('new records to land', async () => (await kind.count(db)) > landed || ingest.exited());
        ingest.child.kill('SIGKILL');
        const killed = await ingest.done;
        assert.equal(killed.code, -1, `the ingest ended before it was killed:\n${killed.stdout}${killed.stderr}`);

        const stored = await kind.count(db);
        assert.ok(stored > landed && stored < total, `round ${round}: ${stored} of ${total} stored, ${landed} before`);
        const reported = reportedIds(report);
        await withStore(kind, db, async (store) => {
          assert.deepEqual(await storeProblems(store), []);
          const ids = await storedIds(store);
          assert.deepEqual(
            reported.filter((id) => !ids.has(id)),
            [],
            'the report names only records that were stored',
          );
        });
        t.diagnostic(`round ${round}: killed with ${stored} of ${total} documents stored, ${reported.length} in the report`);
        landed = stored;
      }

      const finish = archivum(['ingest', '--db', db, ...inputs], { cwd: work.dir });
      assert.equal(finish.code, 0, finish.stderr);
      assert.match(finish.stdout, new RegExp(`^ingested ${total - landed} new, ${landed} updated, 0 failed`, 'm'));
      await withStore(kind, db, async (store) => {
        assert.deepEqual(await storeProblems(store), []);
        const content = await storedContent(store);
        assert.equal(content.length, expected.length);
        // Compared row by row, so a failure names the rows that differ.
        assert.deepEqual(
          content.filter((row, i) => row !== expected[i]).slice(0, 3),
          [],
          'the same archive as one uninterrupted ingest',
        );
      });
    });
  });
}
