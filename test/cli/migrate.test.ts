import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { ArchiveRow } from '../../src/store/archive-rows.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { archiveChecksum } from '../../src/store/transfer.js';
import { PUBLIC, STAFF, type ArchiveStore } from '../../src/store/types.js';
import { createDatabase } from '../store/pg-database.js';
import { indexProblems } from './consistency.js';
import { archivum, tempDir } from './helpers.js';

const DEMO = fileURLToPath(new URL('../../demo/', import.meta.url));

const DRAFT = `---
id: draft-note-on-berlin
title: Draft note on Berlin, not for release
date: 1962-11-20
type: Note
status: draft
authors: [Quentin Draftwriter]
---
Unreleased thoughts on Berlin and the missiles.
`;

const EMBARGOED = `---
id: embargoed-memo
title: Memorandum under embargo
date: 1962-10-28
type: Memorandum
status: embargoed
embargoUntil: 2999-01-01
authors: [Nikita Khrushchev]
---
Kept from the public until the embargo ends. Missiles.
`;

/** The "source:" and "target:" lines of a migrate run. */
function digests(stdout: string): { source: string; target: string } {
  const source = /^source: (.+)$/m.exec(stdout)?.[1];
  const target = /^target: (.+)$/m.exec(stdout)?.[1];
  assert.ok(source && target, stdout);
  return { source, target };
}

async function rowsOf(store: ArchiveStore): Promise<ArchiveRow[]> {
  const rows: ArchiveRow[] = [];
  for await (const row of store.dumpRows()) rows.push(row);
  return rows;
}

describe('archivum migrate', () => {
  let work: { dir: string; cleanup(): void };
  let pg: { url: string; drop(): Promise<void> };
  const run = (args: string[]) => archivum(args, { cwd: work.dir });

  before(async () => {
    work = tempDir('archivum-migrate-');
    pg = await createDatabase();
    fs.mkdirSync(path.join(work.dir, 'extra'));
    fs.writeFileSync(path.join(work.dir, 'extra', 'draft.md'), DRAFT);
    fs.writeFileSync(path.join(work.dir, 'extra', 'embargoed.md'), EMBARGOED);
    for (const source of [DEMO, 'extra']) {
      const ingest = run(['ingest', '--db', 'first.db', source]);
      assert.equal(ingest.code, 0, ingest.stderr);
    }
  });
  after(async () => {
    await pg.drop();
    work.cleanup();
  });

  it('SQLite → PostgreSQL → SQLite: identical checksums, rows and answers, drafts and embargoes kept', async () => {
    const there = run(['migrate', '--from', 'first.db', '--to', pg.url]);
    assert.equal(there.code, 0, there.stderr);
    assert.match(there.stdout, /^migrated 123 documents, \d+ people, \d+ places, \d+ topics, \d+ collections from first\.db to postgres:\/\/archivum:\*\*\*@/m);
    assert.match(there.stdout, /^counts and checksums match$/m);
    assert.ok(!there.stdout.includes(':archivum@'), 'the password is not printed');
    const back = run(['migrate', '--from', pg.url, '--to', 'last.db']);
    assert.equal(back.code, 0, back.stderr);
    const a = digests(there.stdout);
    const b = digests(back.stdout);
    assert.equal(a.target, a.source);
    assert.equal(b.source, a.source);
    assert.equal(b.target, a.source);
    assert.match(a.source, /^123 documents, .* sha256 [0-9a-f]{64}$/);

    const first = openSqliteStore(path.join(work.dir, 'first.db'));
    const last = openSqliteStore(path.join(work.dir, 'last.db'));
    try {
      assert.deepEqual(await archiveChecksum(last), await archiveChecksum(first));
      // Same ids, the same created/updated/uploaded times, statuses, embargoes and stored text.
      assert.deepEqual(await rowsOf(last), await rowsOf(first));
      const draft = await last.getDocument('draft-note-on-berlin', STAFF);
      assert.equal(draft?.status, 'draft');
      assert.equal(await last.getDocument('draft-note-on-berlin', PUBLIC), null);
      const embargoed = await last.getDocument('embargoed-memo', STAFF);
      assert.equal(embargoed?.status, 'embargoed');
      assert.equal(embargoed?.embargoUntil, '2999-01-01');
      assert.equal(await last.getDocument('embargoed-memo', PUBLIC), null);
      assert.deepEqual(await indexProblems(last), []);
    } finally {
      await Promise.all([first.close(), last.close()]);
    }

    // The final SQLite answers searches exactly as the first did: hits, order, snippets, facets.
    for (const q of ['Malinovsky', 'missiles', '"quarantine"', 'author:Kennedy date:1962-10', '', 'Chruschtschow', 'Berlin -Cuba']) {
      const one = run(['search', '--db', 'first.db', '--json', '--limit', '100', q]);
      const two = run(['search', '--db', 'last.db', '--json', '--limit', '100', q]);
      assert.equal(one.code, 0, one.stderr);
      // Each archive seals its cursors with its own key (docs/search.md): all else is the same.
      const answer = (stdout: string) => ({ ...(JSON.parse(stdout) as object), nextCursor: undefined });
      assert.deepEqual(answer(two.stdout), answer(one.stdout), `search ${JSON.stringify(q)}`);
      assert.ok(!one.stdout.includes('draft-note-on-berlin') && !one.stdout.includes('embargoed-memo'));
    }
    assert.ok((JSON.parse(run(['search', '--db', 'last.db', '--json', 'Malinovsky']).stdout) as { total: number }).total > 0);
  });

  it('refuses a target that is not empty (exit 2) and writes nothing to it', async () => {
    const last = openSqliteStore(path.join(work.dir, 'last.db'));
    const before = await archiveChecksum(last);
    await last.close();
    for (const target of ['last.db', pg.url]) {
      const refused = run(['migrate', '--from', 'first.db', '--to', target]);
      assert.equal(refused.code, 2, refused.stdout + refused.stderr);
      assert.match(refused.stderr, /is not empty; migrate copies into an empty archive only\. Nothing was written\./);
      assert.equal(refused.stdout, '');
    }
    const again = openSqliteStore(path.join(work.dir, 'last.db'));
    assert.deepEqual(await archiveChecksum(again), before);
    await again.close();
  });

  it('usage mistakes exit 2 with the reason', () => {
    const cases: [string[], RegExp][] = [
      [['migrate', '--from', 'first.db'], /needs --from .* and --to/],
      [['migrate', '--from', 'first.db', '--to', './first.db'], /same archive/],
      [['migrate', '--from', 'nowhere.db', '--to', 'x.db'], /no archive at nowhere\.db/],
    ];
    for (const [args, message] of cases) {
      const result = run(args);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, message);
    }
    assert.ok(!fs.existsSync(path.join(work.dir, 'x.db')), 'no target is created for a source that does not exist');
  });
});
