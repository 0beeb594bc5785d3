import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { archiveChecksum, describeDigest } from '../../src/store/transfer.js';
import { parseSearchParams } from '../../src/search/params.js';
import { PUBLIC } from '../../src/store/types.js';
import { indexProblems } from './consistency.js';
import { archivum, tempDir } from './helpers.js';
import { serveArchivum, sleep, startArchivum, waitFor } from './processes.js';
import { dropFreshDatabases, STORE_KINDS, type StoreKind } from './store-kinds.js';

const DEMO = fileURLToPath(new URL('../../demo/', import.meta.url));
/** A FRUS document of the demo collection, and the seed letter. */
const DEMO_IDS = ['frus1961-63v06-d1', 'khrushchev-to-castro-1963-01-31'];

/** JSON Lines of `n` published letters, each citing people, places, a topic and a collection. */
function manyRecords(n: number, prefix: string): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const a = i % 50;
    lines.push(
      JSON.stringify({
        id: `${prefix}-${String(i).padStart(6, '0')}`,
        title: `Record ${i} about item${i % 97}`,
        date: `${1950 + (i % 30)}-0${1 + (i % 9)}-1${i % 9}`,
        type: ['Letter', 'Memorandum', 'Telegram'][i % 3],
        authors: [{ id: `person-${a}`, name: `Person Number ${a}` }],
        recipients: [{ id: `person-${(a + 7) % 50}`, name: `Person Number ${(a + 7) % 50}` }],
        places: [{ id: `place-${i % 30}`, name: `Place ${i % 30}` }],
        topics: [`Topic ${i % 5}`],
        collections: [{ slug: `${prefix}-bulk`, title: 'Bulk collection' }],
        text: `Body of record ${i}. Words alpha beta gamma delta${i % 13} epsilon.`,
      }),
    );
  }
  return lines.join('\n') + '\n';
}

/** The "verified: …" digest a backup or restore printed. */
function verified(stdout: string): string {
  const digest = /verified: (.+)$/m.exec(stdout)?.[1];
  assert.ok(digest, stdout);
  return digest;
}

/** Records the ingest in the background writes: enough to outlast starting a backup. */
const RECORDS: Record<StoreKind['name'], number> = { sqlite: 30_000, postgres: 3_000 };
const KINDS = STORE_KINDS.map((kind) => ({ ...kind, records: RECORDS[kind.name] }));

after(dropFreshDatabases);

for (const kind of KINDS) {
  describe(`archivum backup and restore (${kind.name})`, () => {
    let work: { dir: string; cleanup(): void };
    const run = (args: string[]) => archivum(args, { cwd: work.dir });

    before(() => {
      work = tempDir(`archivum-backup-${kind.name}-`);
    });
    after(() => work.cleanup());

    it('a backup taken in the middle of an ingest restores to a consistent archive', async (t) => {
      fs.writeFileSync(path.join(work.dir, 'many.jsonl'), manyRecords(kind.records, 'rec'));
      const live = await kind.fresh(work.dir, 'live');
      const ingest = startArchivum(['ingest', '--db', live, 'many.jsonl'], { cwd: work.dir });
      try {
        await waitFor('the first records to land', async () => (await kind.count(live)) > 0 || ingest.exited());
        assert.ok(!ingest.exited(), `the ingest finished before the backup began: ${ingest.output().stderr}`);
        const file = kind.name === 'sqlite' ? 'mid-ingest.db' : 'mid-ingest.jsonl.gz';
        const backup = run(['backup', '--db', live, file]);
        const stillIngesting = !ingest.exited();
        assert.equal(backup.code, 0, backup.stderr);
        assert.match(backup.stdout, new RegExp(`^backed up .* to ${file.replace(/\./g, '\\.')} \\(.*${kind.name} schema \\d+\\) in \\d+\\.\\d s, verified: `, 'm'));
        const saved = verified(backup.stdout);
        const documents = Number(/^(\d+) documents/.exec(saved)![1]);
        assert.ok(documents > 0 && documents < kind.records, `taken mid-way: ${documents} of ${kind.records} documents`);
        assert.ok(stillIngesting, 'the ingest was still running when the backup finished');
        t.diagnostic(`backup taken with ${documents} of ${kind.records} documents ingested`);

        const finished = await ingest.done;
        assert.equal(finished.code, 0, finished.stderr);
        assert.match(finished.stdout, new RegExp(`^ingested ${kind.records} new`, 'm'));

        const restored = await kind.fresh(work.dir, 'restored');
        const restore = run(['restore', '--db', restored, file]);
        assert.equal(restore.code, 0, restore.stderr);
        assert.equal(verified(restore.stdout), saved);

        const store = await kind.open(restored);
        try {
          assert.equal(describeDigest(await archiveChecksum(store)), saved);
          // Every document whole: its links, facets and full-text row, none half-written.
          assert.deepEqual(await indexProblems(store), []);
          const all = await store.search(parseSearchParams(new URLSearchParams('q=record&size=1')), PUBLIC);
          assert.equal(all.total, documents);
          assert.equal(all.facets.type.reduce((n, f) => n + f.count, 0), documents);
        } finally {
          await store.close();
        }
      } finally {
        if (!ingest.exited()) ingest.child.kill('SIGKILL');
        await ingest.done;
      }
    });

    it('a restore while `archivum serve` runs: it keeps answering, then serves the restored archive', async (t) => {
      // The live archive: the demo collection. The backup: 300 other records, from a SQLite
      // archive (for PostgreSQL in the portable format: restores cross stores).
      const live = await kind.fresh(work.dir, 'serving');
      const demo = run(['ingest', '--db', live, DEMO]);
      assert.equal(demo.code, 0, demo.stderr);
      fs.writeFileSync(path.join(work.dir, 'other.jsonl'), manyRecords(300, 'other'));
      const other = run(['ingest', '--db', 'other.db', 'other.jsonl']);
      assert.equal(other.code, 0, other.stderr);
      const file = kind.name === 'sqlite' ? 'other-backup.db' : 'other-backup.jsonl.gz';
      const backup = run(['backup', '--db', 'other.db', '--format', kind.name === 'sqlite' ? 'sqlite' : 'jsonl', file]);
      assert.equal(backup.code, 0, backup.stderr);

      const server = await serveArchivum(live, work.dir);
      try {
        const totals: number[] = [];
        const failures: string[] = [];
        const ask = async (): Promise<void> => {
          const res = await server.json('/api/search?q=&size=1&facetLimit=5');
          if (res.status !== 200) failures.push(`${res.status} ${JSON.stringify(res.body)}`);
          else totals.push((res.body as { total: number }).total);
        };
        await ask();
        assert.deepEqual(totals, [121]);

        const restore = startArchivum(['restore', '--db', live, file], { cwd: work.dir });
        let duringRestore = 0;
        while (!restore.exited()) {
          await ask();
          duringRestore++;
          await sleep(20);
        }
        const result = await restore.done;
        assert.equal(result.code, 0, result.stderr);
        assert.equal(verified(result.stdout), verified(backup.stdout));
        for (let i = 0; i < 5; i++) await ask();

        assert.deepEqual(failures, []);
        assert.ok(duringRestore > 0, 'the server was asked while the restore ran');
        t.diagnostic(`${duringRestore} searches answered while the restore ran; totals seen: ${[...new Set(totals)].join(', ')}`);
        // The old archive or the new one, never a mix of the two.
        assert.deepEqual(totals.filter((t) => t !== 121 && t !== 300), []);
        assert.equal(totals.at(-1), 300);
        assert.equal((await server.json('/api/documents/other-000042')).status, 200);
        for (const id of DEMO_IDS) assert.equal((await server.json(`/api/documents/${id}`)).status, 404, id);
        const health = await server.json('/health');
        assert.equal((health.body as { store: string }).store, kind.name);
      } finally {
        await server.stop();
      }
    });

    it('refuses what is not a backup, and a backup over the live archive, with exit 2', () => {
      fs.writeFileSync(path.join(work.dir, 'notes.txt'), 'not a backup\n');
      const db = kind.name === 'sqlite' ? 'other.db' : undefined;
      if (db) {
        const over = run(['backup', '--db', db, db]);
        assert.equal(over.code, 2);
        assert.match(over.stderr, /live archive itself/);
      }
      const target = db ?? 'scratch.db';
      const notBackup = run(['restore', '--db', target, 'notes.txt']);
      assert.equal(notBackup.code, 2);
      assert.match(notBackup.stderr, /not an Archivum backup/);
      const missing = run(['restore', '--db', target, 'missing.db']);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /does not exist/);
      const noArchive = run(['backup', '--db', 'no-such.db', 'x.db']);
      assert.equal(noArchive.code, 2);
      assert.match(noArchive.stderr, /no archive at no-such\.db/);
    });
  });
}
