import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MIGRATIONS as PG_MIGRATIONS } from '../../src/store/postgres/migrations.js';
import { MIGRATIONS as SQLITE_MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { createDatabase } from '../store/pg-database.js';
import { archivum, tempDir } from './helpers.js';
import { type Server, serveArchivum } from './processes.js';

const PUBLISHED = `---
id: published-zanzibarite
title: Report on the zanzibarite shipment
date: 1962-11-05
type: Report
authors: [Orla Publicwriter]
---
The zanzibarite shipment reached Havana.
`;

const DRAFT = `---
id: draft-quokkaflux
title: Draft on the quokkaflux matter
date: 1962-11-06
type: Draftonly Type
status: draft
authors: [Desmond Hiddenhand]
places: [Quokkatown]
---
Nothing about quokkaflux may be seen yet. zanzibarite too.
`;

type SearchBody = { total: number; hits: { id: string }[]; facets: Record<string, { value: string; count: number }[]> };

describe('two `archivum serve` instances on one PostgreSQL database', () => {
  let work: { dir: string; cleanup(): void };
  let db: { url: string; drop(): Promise<void> };
  let servers: Server[] = [];

  before(async () => {
    work = tempDir('archivum-instances-');
    db = await createDatabase();
    fs.mkdirSync(path.join(work.dir, 'records'));
    fs.writeFileSync(path.join(work.dir, 'records', 'published.md'), PUBLISHED);
    fs.writeFileSync(path.join(work.dir, 'records', 'draft.md'), DRAFT);
    // Started together on a new database: they take turns migrating it.
    const started = await Promise.allSettled([serveArchivum(db.url, work.dir), serveArchivum(db.url, work.dir)]);
    servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
  });
  after(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await db.drop();
    work.cleanup();
  });

  it('listen on different ports and both report the store and its schema', async () => {
    assert.equal(servers.length, 2);
    assert.notEqual(servers[0]!.base, servers[1]!.base);
    for (const server of servers) {
      const health = await server.json('/health');
      assert.equal(health.status, 200);
      assert.deepEqual(health.body, { status: 'ok', store: 'postgres', schema: PG_MIGRATIONS.length });
      assert.equal(((await server.json('/api/search?q=')).body as SearchBody).total, 0);
    }
  });

  it('an ingest by a third process is visible through both at once; its draft through neither', async () => {
    const ingest = archivum(['ingest', '--db', db.url, 'records'], { cwd: work.dir });
    assert.equal(ingest.code, 0, ingest.stderr);
    assert.match(ingest.stdout, /^ingested 2 new/m);
    for (const server of servers) {
      const found = (await server.json('/api/search?q=zanzibarite')).body as SearchBody;
      assert.deepEqual(found.hits.map((h) => h.id), ['published-zanzibarite'], server.base);
      assert.equal(found.total, 1);
      assert.equal((await server.json('/api/documents/published-zanzibarite')).status, 200);

      // The draft: no hit, no count, no document, no facet value.
      assert.equal(((await server.json('/api/search?q=quokkaflux')).body as SearchBody).total, 0);
      const draft = await server.json('/api/documents/draft-quokkaflux');
      assert.equal(draft.status, 404);
      assert.ok((draft.body as { error?: string }).error);
      const all = (await server.json('/api/search?q=&facetLimit=1000')).body as SearchBody;
      assert.equal(all.total, 1);
      const values = Object.values(all.facets).flatMap((f) => f.map((v) => v.value));
      for (const hidden of ['Draftonly Type', 'Desmond Hiddenhand', 'Quokkatown']) assert.ok(!values.includes(hidden), `${hidden} in facets of ${server.base}`);
      assert.ok(values.includes('Orla Publicwriter'));
      assert.deepEqual(all.facets.type, [{ value: 'Report', count: 1 }]);
      assert.equal(((await server.json('/api/search?q=&type=Draftonly%20Type')).body as SearchBody).total, 0);
    }
  });
});

describe('`archivum serve` on SQLite', () => {
  it('GET /health reports the store and its schema version', async () => {
    const work = tempDir('archivum-health-');
    const server = await serveArchivum('archive.db', work.dir);
    try {
      const health = await server.json('/health');
      assert.equal(health.status, 200);
      assert.deepEqual(health.body, { status: 'ok', store: 'sqlite', schema: SQLITE_MIGRATIONS.length });
    } finally {
      await server.stop();
      work.cleanup();
    }
  });
});
