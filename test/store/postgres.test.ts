import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { buildIngestRecord } from '../../src/domain/index.js';
import { parseSearchParams } from '../../src/search/params.js';
import { PUBLIC } from '../../src/store/types.js';
import { fixtureRecords } from '../fixtures/documents.js';
import { openPostgresStore } from '../../src/store/postgres/index.js';
import { describeBrowseContract } from './browse-contract.js';
import { describeStoreContract, type StoreHarness } from './contract.js';

/**
 * Runs the store contracts against a real PostgreSQL server: each suite gets a fresh database,
 * dropped afterwards. ARCHIVUM_TEST_PG names the server (a role allowed to CREATE DATABASE);
 * an unreachable server fails the suite, it never skips: a green run means the store was tested.
 */
const ADMIN_URL = process.env.ARCHIVUM_TEST_PG ?? 'postgres://archivum:archivum@127.0.0.1/postgres';
let counter = 0;

/** A fresh, empty database; its URL and a way to drop it. */
async function createDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `archivum_test_${process.pid}_${Date.now()}_${counter++}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL test server unreachable at ${ADMIN_URL.replace(/:[^:@/]*@/, ':***@')} (${error instanceof Error ? error.message : String(error)}). ` +
        'Start it and create the test role (see docs/postgres.md), or set ARCHIVUM_TEST_PG.',
    );
  }
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const drop = new pg.Client({ connectionString: ADMIN_URL });
      await drop.connect();
      try {
        await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await drop.end();
      }
    },
  };
}

async function freshDatabase(): Promise<StoreHarness> {
  const db = await createDatabase();
  const store = await openPostgresStore(db.url);
  return {
    store,
    async cleanup() {
      await store.close();
      await db.drop();
    },
  };
}

describeStoreContract('PostgreSQL', freshDatabase);
describeBrowseContract('PostgreSQL', freshDatabase);

describe('PostgreSQL store specifics', () => {
  let db: { url: string; drop(): Promise<void> };
  before(async () => {
    db = await createDatabase();
  });
  after(async () => {
    await db.drop();
  });

  it('two instances opening a new database together migrate it once', async () => {
    const stores = await Promise.all([openPostgresStore(db.url), openPostgresStore(db.url), openPostgresStore(db.url)]);
    try {
      const { rows } = await stores[0]!.pool.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      assert.deepEqual(rows.map((r) => r.version), [1]);
      assert.ok(stores.every((s) => s.schemaVersion === 1));
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('a batch keeps its good records and refuses a conflicting one whole', async () => {
    const store = await openPostgresStore(db.url);
    try {
      const [first, second] = fixtureRecords();
      const intruder = buildIngestRecord({
        id: first!.document.id,
        sourceId: 'somewhere-else',
        title: 'Intruder',
        authors: [{ id: 'intruder-person', name: 'Intruder Person' }],
      });
      const orphan = buildIngestRecord({ id: 'orphan', title: 'Orphan' });
      orphan.document.places.push('nowhere');
      const outcomes = await store.upsertRecords([first!, intruder, orphan, second!]);
      assert.deepEqual(outcomes.map((o) => (o.ok ? o.outcome : o.error.message)), [
        'new',
        `id "${first!.document.id}" already belongs to another source (${first!.document.sourceId})`,
        'place "nowhere" is not known',
        'new',
      ]);
      const again = await store.upsertRecords([first!, second!]);
      assert.deepEqual(again.map((o) => o.ok && o.outcome), ['unchanged', 'unchanged']);
      assert.equal(await store.getDocument('orphan', PUBLIC), null);
      const { rows } = await store.pool.query('SELECT 1 FROM people WHERE id = $1', ['intruder-person']);
      assert.equal(rows.length, 0);
      assert.equal((await store.search(parseSearchParams(new URLSearchParams('q=Intruder')), PUBLIC)).total, 0);
    } finally {
      await store.close();
    }
  });
});
