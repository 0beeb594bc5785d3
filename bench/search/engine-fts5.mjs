// The floor: a bare SQLite FTS5 table with the same documents (title, text, and the authors'
// names so the fielded query has a column to go to; the date unindexed for its range), queried
// with `SELECT rowid FROM t WHERE t MATCH ? ORDER BY bm25(t) LIMIT 20` — no facets, no count,
// no visibility, no snippets. `count` times `SELECT count(*) … MATCH ?` alone.
//
// usage: node bench/search/engine-fts5.mjs --build --docs N --db FILE
//        node bench/search/engine-fts5.mjs --serve --db FILE
import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { args, FIELDED, memory, ms, now, peakRssMb, serve } from './lib.mjs';

const a = args();
const size = (file) => {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
};

/** The mix in FTS5 syntax (what Archivum compiles its queries to, minus widening and boosts). */
const MATCH = {
  rare: ['Zolotas'],
  common: ['Soviet'],
  two: ['Berlin AND negotiations'],
  phrase: ['"test ban"'],
  prefix: ['disarm*'],
  fielded: [`{authors} : ${FIELDED.author}`, FIELDED.from, FIELDED.to],
};

function open(file) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  return db;
}

if (a.build) {
  const { loadPools } = await import('./pools.mjs');
  const { syntheticDocuments, flatFields } = await import('./generate.mjs');
  const pools = await loadPools();
  const n = Number(a.docs);
  const db = open(a.db);
  db.exec(`CREATE VIRTUAL TABLE t USING fts5(title, text, authors, date UNINDEXED, tokenize = 'porter unicode61 remove_diacritics 2')`);
  const insert = db.prepare('INSERT INTO t (rowid, title, text, authors, date) VALUES (?, ?, ?, ?, ?)');
  const writeBatch = db.transaction((rows) => {
    for (const r of rows) insert.run(r[0], r[1], r[2], r[3], r[4]);
  });
  const t0 = now();
  let insertMs = 0;
  let rows = [];
  let i = 0;
  for (const doc of syntheticDocuments(pools, n)) {
    const f = flatFields(doc, pools);
    rows.push([++i, f.title, f.text, f.authors.join(' ; '), f.date]);
    if (rows.length === 1000) {
      const t = now();
      writeBatch(rows);
      insertMs += ms(t);
      rows = [];
    }
  }
  if (rows.length) writeBatch(rows);
  const totalMs = ms(t0);
  const beforeClose = size(a.db) + size(`${a.db}-wal`);
  db.close();
  console.log(
    JSON.stringify({
      event: 'built',
      engine: 'fts5',
      docs: n,
      buildSeconds: totalMs / 1000,
      storeSeconds: insertMs / 1000,
      bytesBeforeClose: beforeClose,
      dbBytes: size(a.db),
      walBytes: size(`${a.db}-wal`),
      peakRssMb: peakRssMb(),
    }),
  );
} else if (a.serve) {
  const t0 = now();
  const db = open(a.db);
  const openMs = ms(t0);
  const top = db.prepare('SELECT rowid FROM t WHERE t MATCH ? ORDER BY bm25(t) LIMIT 20');
  const topDated = db.prepare('SELECT rowid FROM t WHERE t MATCH ? AND date BETWEEN ? AND ? ORDER BY bm25(t) LIMIT 20');
  const count = db.prepare('SELECT count(*) AS n FROM t WHERE t MATCH ?');
  const countDated = db.prepare('SELECT count(*) AS n FROM t WHERE t MATCH ? AND date BETWEEN ? AND ?');
  await serve(
    { engine: 'fts5', openMs, dbBytes: size(a.db), ...memory() },
    async (key) => {
      const p = MATCH[key];
      const rows = (p.length > 1 ? topDated : top).all(...p);
      return { total: null, returned: rows.length, facets: 0 };
    },
    {
      count: async ({ key, reps = 5 }) => {
        const p = MATCH[key];
        const stmt = p.length > 1 ? countDated : count;
        let n = stmt.get(...p).n;
        const times = [];
        for (let i = 0; i < reps; i++) {
          const t = now();
          n = stmt.get(...p).n;
          times.push(ms(t));
        }
        return { key, ms: times, total: n };
      },
    },
  );
}
