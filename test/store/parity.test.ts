import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { buildIngestRecord } from '../../src/domain/index.js';
import { ingestPaths } from '../../src/ingest/driver.js';
import { parseSearchParams } from '../../src/search/params.js';
import type { SearchResult } from '../../src/search/request.js';
import { openPostgresStore } from '../../src/store/postgres/index.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { PUBLIC, type ArchiveStore } from '../../src/store/types.js';
import { createDatabase } from './pg-database.js';

const VOLUMES = fileURLToPath(new URL('../../../shared/corpus/frus/volumes', import.meta.url));
const SEED = fileURLToPath(new URL('../../demo/wilson-center', import.meta.url));

/**
 * CONTRACT.md: both stores answer every query identically — same hits, same order, same facet
 * counts — apart from scores and snippet boundaries. All 28 FRUS volumes and the seed letter go
 * into a SQLite file and a PostgreSQL database, with a draft and an embargoed document beside
 * them; then each query of the set must give the same total, the same ids in the same order
 * (the first 300, and the last page), the same facets and the same suggestion.
 */
const QUERIES = [
  'q=',
  'q=Soviet',
  'q=soviet union',
  'q=Khrushchev Berlin',
  'q=Chruschtschow',
  'q="balance of payments"',
  'q="nuclear test" ban',
  'q=missile*',
  'q=negotiat*',
  'q=title:Cuba',
  'q=author:Kennedy',
  'q=person:Rusk Laos',
  'q=Vietnam OR Laos',
  'q=Berlin -Khrushchev',
  'q=Berlin -"Soviet Union"',
  'q=("test ban" OR disarmament) Geneva',
  'q=(Berlin Soviet) OR (Cuba missile) Khrushchev',
  'q=("nuclear test" OR (Cuba -Castro)) Kennedy',
  'q=title:"Soviet Union"',
  'q=text:"balance of payments"',
  'q=wou1d',
  'q=would',
  'q=Fidel Castro letter',
  'q=Galbraith balance of payments',
  'q=date:1962-10..1962-11 Cuba',
  'q=Cuba&from=1961-01-01&to=1961-12-31',
  'q=Soviet&type=Telegram',
  'q=Soviet&place=moscow',
  'q=Soviet&sort=date',
  'q=Soviet&sort=-date',
  'type=Letter',
  'q=Generalissimo',
  'q=Khrushchov',
  'q=Sovet',
  'q=embargoed-secret',
];

describe('the same archive on SQLite and PostgreSQL answers alike (FRUS and the seed)', () => {
  let dir: string;
  let pgDb: { url: string; drop(): Promise<void> };
  let sqlite: ArchiveStore;
  let postgres: ArchiveStore;

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'archivum-parity-'));
    pgDb = await createDatabase();
    sqlite = openSqliteStore(path.join(dir, 'parity.db'));
    postgres = await openPostgresStore(pgDb.url);
    const hidden = [
      buildIngestRecord({ id: 'parity-draft', title: 'Draft about Soviet missiles in Cuba', text: 'Soviet Cuba Berlin embargoed-secret', status: 'draft' }),
      buildIngestRecord({ id: 'parity-embargoed', title: 'Embargoed Soviet letter', text: 'Soviet Berlin embargoed-secret', status: 'embargoed', embargoUntil: '2999-01-01' }),
    ];
    await Promise.all(
      [sqlite, postgres].map(async (store) => {
        const summary = await ingestPaths([VOLUMES, SEED], { store, format: 'auto', errors: { write: () => undefined } });
        assert.equal(summary.failed, 0);
        for (const record of hidden) await store.upsertRecord(record);
      }),
    );
  });
  after(async () => {
    await Promise.all([sqlite?.close(), postgres?.close()]);
    await pgDb?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function answer(store: ArchiveStore, query: string): Promise<{ total: number; ids: string[]; last: string[]; facets: SearchResult['facets']; suggestion: unknown }> {
    const ids: string[] = [];
    let first: SearchResult | undefined;
    for (let page = 1; page <= 3; page++) {
      const result = await store.search(parseSearchParams(new URLSearchParams(`${query}&size=100&page=${page}&facetLimit=${page === 1 ? 10000 : 0}`)), PUBLIC);
      first ??= result;
      ids.push(...result.hits.map((h) => h.id));
      if (ids.length >= result.total) break;
    }
    const lastPage = Math.max(1, Math.ceil(first!.total / 100));
    const last = (await store.search(parseSearchParams(new URLSearchParams(`${query}&size=100&page=${lastPage}&facetLimit=0`)), PUBLIC)).hits.map((h) => h.id);
    return { total: first!.total, ids, last, facets: first!.facets, suggestion: first!.suggestion ?? null };
  }

  for (const query of QUERIES) {
    it(`answers ${query} alike`, async () => {
      const [a, b] = await Promise.all([answer(sqlite, query), answer(postgres, query)]);
      assert.equal(b.total, a.total, 'total');
      assert.deepEqual(b.ids, a.ids, 'hits in order');
      assert.deepEqual(b.last, a.last, 'the last page');
      assert.deepEqual(b.facets, a.facets, 'facet counts');
      assert.deepEqual(b.suggestion, a.suggestion, 'did you mean');
    });
  }

  it('keeps drafts and embargoed documents out of both', async () => {
    for (const store of [sqlite, postgres]) {
      const result = await store.search(parseSearchParams(new URLSearchParams('q=embargoed-secret')), PUBLIC);
      assert.equal(result.total, 0);
    }
  });
});
