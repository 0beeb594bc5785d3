import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { buildIngestRecord } from '../../src/domain/index.js';
import { parseSearchParams } from '../../src/search/params.js';
import { PUBLIC } from '../../src/store/types.js';
import { fixtureRecords } from '../fixtures/documents.js';
import { clearArchive } from '../../src/store/postgres/dump.js';
import { openPostgresStore } from '../../src/store/postgres/index.js';
import { describeBrowseContract } from './browse-contract.js';
import { describeStoreContract, type StoreHarness } from './contract.js';
import { createDatabase } from './pg-database.js';

/** Runs the store contracts against a real PostgreSQL server, a fresh database per suite (pg-database.ts). */
async function freshDatabase(): Promise<StoreHarness> {
  const db = await createDatabase();
  const store = await openPostgresStore(db.url);
  return {
    store,
    async cleanup() {
      await store.close();
      await db.drop();
    },
    deleteAllAfterNextQuery() {
      // The next query any client sends (past BEGIN and COMMIT) is followed, once, by a delete
      // on another of the pool's connections. The pool itself sends with a callback.
      const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
      const query = proto.query;
      const deleteAll = async () => {
        const client = await store.pool.connect();
        try {
          await client.query('BEGIN');
          await clearArchive(client);
          await client.query('COMMIT');
        } finally {
          client.release();
        }
      };
      proto.query = function (this: pg.Client, ...args: unknown[]) {
        const first = args[0];
        const text = typeof first === 'string' ? first : String((first as { text?: string }).text);
        if (/^\s*(BEGIN|COMMIT|ROLLBACK)\b/i.test(text)) return query.apply(this, args);
        proto.query = query;
        const last = args.at(-1);
        if (typeof last === 'function') {
          const callback = last as (error: unknown, result?: unknown) => void;
          args[args.length - 1] = (error: unknown, result: unknown) => {
            if (error) return callback(error);
            deleteAll().then(() => callback(null, result), callback);
          };
          return query.apply(this, args);
        }
        return (query.apply(this, args) as Promise<unknown>).then(async (result) => {
          await deleteAll();
          return result;
        });
      };
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
      assert.deepEqual(rows.map((r) => r.version), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
      assert.ok(stores.every((s) => s.schemaVersion === 9));
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('schema 3 tokenizes rows, vocabulary and names again with letters folded: "dass" finds "daß"; schema 4 orders numbered documents', async () => {
    const own = await createDatabase();
    try {
      const store = await openPostgresStore(own.url);
      await store.upsertRecord(
        buildIngestRecord({ id: 'brief', title: 'Brief', text: 'Ich höre, daß er in der Bösendorferstraße wohnt.', people: [{ id: 'gomulka', name: 'Władysław Gomułka' }] }),
      );
      for (const [id, number] of [['vol-d10', '10'], ['vol-d9', '9']]) {
        await store.upsertRecord(buildIngestRecord({ id: id!, title: id!, number, date: `1963-01-${number!.padStart(2, '0')}`, collections: [{ slug: 'vol', title: 'Vol' }] }));
      }
      // What schemas 3 and 4 build is taken away, and the archive set back to schema 2.
      await store.pool.query(`DELETE FROM document_search; DELETE FROM vocabulary; UPDATE entity_names SET tsv = ''::tsvector;
        ALTER TABLE documents DROP COLUMN edition_number, DROP COLUMN edition_slug; DROP INDEX documents_by_datestamp; DROP TABLE withdrawals, users, withheld_descriptions, archive_secrets;
        ALTER TABLE collections DROP COLUMN sections;
        DELETE FROM schema_migrations WHERE version >= 3`);
      await store.close();

      const reopened = await openPostgresStore(own.url);
      try {
        assert.equal(reopened.schemaVersion, 9);
        assert.equal((await reopened.pool.query('SELECT count(*)::int AS n FROM withdrawals')).rows[0]!.n, 0);
        // Schema 4 derives each document's number into its columns: the volume lists d9 before d10.
        assert.deepEqual((await reopened.getCollection('vol', PUBLIC))?.documents.map((d) => d.id), ['vol-d9', 'vol-d10']);
        const search = (q: string) => reopened.search(parseSearchParams(new URLSearchParams({ q })), PUBLIC);
        for (const q of ['dass', '"dass er"', 'bosendorferstrasse', 'person:Wladyslaw']) assert.deepEqual((await search(q)).hits.map((h) => h.id), ['brief'], q);
        const words = await reopened.pool.query<{ word: string }>("SELECT word FROM vocabulary WHERE word IN ('dass', 'daß', 'bosendorferstrasse') ORDER BY word");
        assert.deepEqual(words.rows.map((r) => r.word), ['bosendorferstrasse', 'dass']);
      } finally {
        await reopened.close();
      }
    } finally {
      await own.drop();
    }
  });

  it('schema 8 derives the full-text rows of an archive written before again: a source note printed as note 1 counts once', async () => {
    const own = await createDatabase();
    try {
      const source = 'Source: Department of State, Central Files, 611.3722. Top Secret.';
      const store = await openPostgresStore(own.url);
      await store.upsertRecord(
        buildIngestRecord({ id: 'vol-d1', title: 'Telegram From the Embassy in Havana', type: 'Telegram', date: '1961-05-01', text: 'The Ambassador called on the Minister.', source: { reference: source }, classification: 'Top Secret', footnotes: [{ n: '1', text: source }] }),
      );
      const row = async (pool: typeof store.pool) => [
        ...(await pool.query<{ row: Record<string, unknown> }>('SELECT to_jsonb(s) - \'doc\' AS row FROM document_search s')).rows,
        ...(await pool.query<{ row: Record<string, unknown> }>('SELECT to_jsonb(f) - \'doc\' AS row FROM document_facets f ORDER BY facet, key')).rows,
      ];
      const derived = await row(store.pool);
      // As schema 7 left it: the reference and the classification counted again in the notes column.
      await store.pool.query(`UPDATE document_search SET length = length + 11, terms = jsonb_set(terms, '{central}', '2'), head_other = '';
        UPDATE document_facets SET value = 'stale';
        ALTER TABLE collections DROP COLUMN sections;
        DELETE FROM schema_migrations WHERE version >= 8`);
      assert.notDeepEqual(await row(store.pool), derived);
      await store.close();

      const reopened = await openPostgresStore(own.url);
      try {
        assert.equal(reopened.schemaVersion, 9);
        assert.deepEqual(await row(reopened.pool), derived);
      } finally {
        await reopened.close();
      }
    } finally {
      await own.drop();
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
