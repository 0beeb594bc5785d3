// Archivum's store — SQLite, or PostgreSQL when --db is a postgres:// URL — through its product paths.
//   --build: generates N documents, validates each with buildIngestRecord (what every importer
//            does) and writes them with store.upsertRecords in batches of 1000 (the ingest path);
//            prints one JSON line: times, file sizes, peak RSS.
//   --serve: opens the store and answers the query mix (see lib.mjs `serve`) with
//            store.search(parseSearchParams(new URLSearchParams({ q })), PUBLIC) — facets on, as
//            the API always computes them. `breakdown` times the parts of one search.
//
// usage: node bench/search/engine-archivum.mjs --build --docs N --db FILE
//        node bench/search/engine-archivum.mjs --serve --db FILE
import { statSync } from 'node:fs';
import { args, dist, memory, ms, now, peakRssMb, QUERIES, serve } from './lib.mjs';

const a = args();
const BATCH = 1000;
const { openStore, isPostgresUrl } = await dist('store/open.js');
const { PUBLIC } = await dist('store/types.js');
const onPostgres = isPostgresUrl(a.db);

const size = (file) => {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
};
/** Bytes on disk: the SQLite file (its WAL apart), or the PostgreSQL database with its indexes. */
const storeBytes = async (store) =>
  onPostgres ? Number((await store.pool.query('SELECT pg_database_size(current_database()) AS n')).rows[0].n) : size(a.db);

if (a.build) {
  const { loadPools } = await import('./pools.mjs');
  const { syntheticDocuments, toIngestInput } = await import('./generate.mjs');
  const { buildIngestRecord } = await dist('domain/index.js');
  const pools = await loadPools();
  const n = Number(a.docs);
  const store = await openStore(a.db);
  const t0 = now();
  let recordMs = 0;
  let storeMs = 0;
  let failed = 0;
  let batch = [];
  let done = 0;
  const flush = async () => {
    const t = now();
    const outcomes = await store.upsertRecords(batch);
    storeMs += ms(t);
    failed += outcomes.filter((o) => !o.ok).length;
    done += batch.length;
    batch = [];
    if (done % 50_000 === 0) process.stderr.write(`archivum build: ${done}/${n} ${(ms(t0) / 1000).toFixed(0)} s\n`);
  };
  for (const doc of syntheticDocuments(pools, n)) {
    const t = now();
    batch.push(buildIngestRecord(toIngestInput(doc, pools)));
    recordMs += ms(t);
    if (batch.length === BATCH) await flush();
  }
  if (batch.length) await flush();
  const totalMs = ms(t0);
  const beforeClose = { db: await storeBytes(store), wal: size(`${a.db}-wal`) };
  const tc = now();
  await store.close();
  const closeMs = ms(tc);
  console.log(
    JSON.stringify({
      event: 'built',
      engine: onPostgres ? 'archivum-postgres' : 'archivum',
      docs: n,
      failed,
      buildSeconds: (totalMs + closeMs) / 1000,
      storeSeconds: storeMs / 1000,
      recordSeconds: recordMs / 1000,
      closeSeconds: closeMs / 1000,
      dbBytesBeforeClose: beforeClose.db,
      walBytesBeforeClose: beforeClose.wal,
      dbBytes: onPostgres ? beforeClose.db : size(a.db),
      walBytes: size(`${a.db}-wal`),
      peakRssMb: peakRssMb(),
    }),
  );
} else if (a.serve) {
  const { parseSearchParams } = await dist('search/params.js');
  const { searchScope } = await dist('store/sqlite/search.js');
  const { widenQuery } = await dist('search/tolerance.js');
  const { sqliteVocabulary } = await dist('store/sqlite/vocabulary.js');
  const t0 = now();
  const store = await openStore(a.db);
  const openMs = ms(t0);
  const requests = new Map(QUERIES.map((q) => [q.key, q.q]));
  const search = async (q, extra = {}) => store.search(parseSearchParams(new URLSearchParams({ q, ...extra })), PUBLIC);

  // The parts of one search, timed alone with the store's own scope (the same WHERE clause
  // searchSqlite uses): widening (vocabulary look-ups), count, count + facets (size=0), the
  // facet query alone, and the whole search; the page of ranked hits is what remains.
  const db = store.db;
  const vocabulary = onPostgres ? null : sqliteVocabulary(db)(PUBLIC);
  const FACET_SQL = (base) =>
    `SELECT x.facet AS facet, x.key AS key, x.value AS value, count(*) AS n FROM document_facets x
     WHERE x.doc IN (SELECT d.rowid ${base}) GROUP BY x.facet, x.key`;
  const breakdown = async ({ key, reps = 5 }) => {
    const q = requests.get(key);
    if (onPostgres) return { key, q, note: 'the split is measured on SQLite only' };
    const request = parseSearchParams(new URLSearchParams({ q }));
    const widened = await widenQuery(q, request.query, vocabulary);
    const scope = searchScope({ ...request, query: widened.query }, PUBLIC);
    const parts = {
      widen: async () => widenQuery(q, request.query, vocabulary),
      count: async () => db.prepare(`SELECT count(*) AS n ${scope.base}`).get(...scope.params),
      facets: async () => db.prepare(FACET_SQL(scope.base)).all(...scope.params),
      countAndFacets: async () => search(q, { size: '0' }),
      full: async () => search(q),
    };
    const out = { key, q, widened: JSON.stringify(widened.query.root).length !== JSON.stringify(request.query.root).length };
    for (const [name, fn] of Object.entries(parts)) {
      await fn();
      const times = [];
      for (let i = 0; i < reps; i++) {
        const t = now();
        await fn();
        times.push(ms(t));
      }
      times.sort((x, y) => x - y);
      out[name] = times[Math.floor(times.length / 2)];
    }
    out.pageByDifference = out.full - out.countAndFacets;
    return out;
  };

  await serve(
    { engine: onPostgres ? 'archivum-postgres' : 'archivum', openMs, dbBytes: await storeBytes(store), ...memory() },
    async (key) => {
      const r = await search(requests.get(key));
      const facetValues = Object.values(r.facets).reduce((s, v) => s + v.length, 0);
      return { total: r.total, returned: r.hits.length, facets: facetValues };
    },
    { breakdown },
  );
}
