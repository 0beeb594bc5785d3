// bench/ingest/upgrade: how long opening an archive written before the last schema step takes
// when that step indexes every document again (docs/operations.md, "Upgrading an archive").
// The 28 FRUS volumes are ingested into a fresh store once; then, RUNS times, the archive is set
// back one step (the step's own record of having run is removed; the rows are left as they are)
// and opened, which derives every document's full-text rows again.
//
// usage: npm run build && node bench/ingest/upgrade.mjs [RUNS=3] [--postgres postgres://user:pass@host/admin-db]
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../dist/store/open.js';
import { volumes } from './frus-volumes.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const positional = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--postgres');
const runs = Number(positional[0] ?? 3);
const pgAdmin = process.argv.includes('--postgres') ? process.argv[process.argv.indexOf('--postgres') + 1] : null;
const scratch = mkdtempSync(path.join(os.tmpdir(), 'archivum-bench-upgrade-'));

const stores = [{ kind: 'sqlite', db: path.join(scratch, 'archive.db') }];
if (pgAdmin) {
  const url = new URL(pgAdmin);
  url.pathname = '/archivum_bench_upgrade';
  stores.push({ kind: 'postgres', db: url.toString() });
}

try {
  const rows = [];
  for (const store of stores) {
    if (store.kind === 'postgres') {
      for (const sql of ['DROP DATABASE IF EXISTS archivum_bench_upgrade', 'CREATE DATABASE archivum_bench_upgrade']) execFileSync('psql', [pgAdmin, '-qc', sql]);
    }
    const ingest = JSON.parse(execFileSync(process.execPath, [path.join(here, 'ingest-once.mjs'), store.db, volumes], { encoding: 'utf8' }));
    const seconds = [];
    let schema;
    for (let i = 0; i < runs; i++) {
      schema = await setBack(store);
      let documents = 0;
      const started = performance.now();
      const opened = await openStore(store.db, { onTotal: (n) => (documents = n) });
      seconds.push((performance.now() - started) / 1000);
      await opened.close();
      if (documents !== ingest.documents) throw new Error(`${store.kind}: the upgrade went through ${documents} documents, not ${ingest.documents}`);
    }
    const median = [...seconds].sort((a, b) => a - b)[Math.floor(runs / 2)];
    rows.push({ store: store.kind, step: schema, documents: ingest.documents, seconds, median, documentsPerSecond: ingest.documents / median });
  }
  console.log(JSON.stringify(rows, null, 2));
  console.log('\n| store | schema step | documents | s, each run | s (median) | documents/s |\n|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.store} | ${r.step} | ${r.documents.toLocaleString('en-US')} | ${r.seconds.map((s) => s.toFixed(1)).join(', ')} | ${r.median.toFixed(1)} | ${Math.round(r.documentsPerSecond)} |`);
  }
} finally {
  if (pgAdmin) execFileSync('psql', [pgAdmin, '-qc', 'DROP DATABASE IF EXISTS archivum_bench_upgrade']);
  rmSync(scratch, { recursive: true, force: true });
}

/** Sets the archive back one schema step; returns that step's number. */
async function setBack(store) {
  if (store.kind === 'sqlite') {
    const db = new Database(store.db);
    const version = db.pragma('user_version', { simple: true });
    db.pragma(`user_version = ${version - 1}`);
    db.close();
    return version;
  }
  const out = execFileSync('psql', [store.db, '-Atqc', 'DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations) RETURNING version'], { encoding: 'utf8' });
  return Number(out.trim().split('\n')[0]);
}
