// bench/ingest: FRUS TEI volumes into a fresh SQLite store — documents/s, MB/s, peak RSS — and
// the same volumes ten times over (one synthetic file per volume, ten times its size) to show
// that memory stays flat however large a file is. Each run is a separate process; the machine is
// noisy, so each scenario runs RUNS times and the median is reported; the runs are interleaved
// (round i runs every scenario once), so a slow spell of the machine hits all scenarios alike.
// The 28 volumes go in twice per round: with the reader thread (the default for large inputs),
// and with reading and writing on one thread.
//
// With --postgres ADMIN_URL, the 28 volumes also go into a fresh PostgreSQL database (the
// PostgreSQL store beside the SQLite one; peak RSS is the Archivum process's, not the server's).
//
// usage: npm run build && node bench/ingest/run.mjs [RUNS=3] [--postgres postgres://user:pass@host/admin-db]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tenfoldVolume } from './tenfold.mjs';
import { volumes } from './frus-volumes.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const positional = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--postgres');
const runs = Number(positional[0] ?? 3);
const pgAdmin = process.argv.includes('--postgres') ? process.argv[process.argv.indexOf('--postgres') + 1] : null;
const scratch = mkdtempSync(path.join(os.tmpdir(), 'archivum-bench-ingest-'));

/** A fresh database on the --postgres server; its URL. */
function freshPostgres(name) {
  for (const sql of [`DROP DATABASE IF EXISTS ${name}`, `CREATE DATABASE ${name}`]) execFileSync('psql', [pgAdmin, '-qc', sql], { stdio: 'inherit' });
  const url = new URL(pgAdmin);
  url.pathname = `/${name}`;
  return url.toString();
}

function once(label, inputs, i, { postgres = false, oneThread = false } = {}) {
  const db = postgres ? freshPostgres(`archivum_bench_ingest_${i}`) : path.join(scratch, `${label}-${i}.db`);
  const flags = oneThread ? ['--one-thread'] : [];
  const out = execFileSync(process.execPath, [path.join(here, 'ingest-once.mjs'), ...flags, db, ...inputs], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (postgres) execFileSync('psql', [pgAdmin, '-qc', `DROP DATABASE IF EXISTS archivum_bench_ingest_${i}`], { stdio: 'inherit' });
  else for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  return JSON.parse(out.trim().split('\n').at(-1));
}

/** Every scenario RUNS times, interleaved; one summary row per scenario (medians). */
function measureAll(scenarios) {
  const results = scenarios.map(() => []);
  for (let i = 0; i < runs; i++) scenarios.forEach((s, k) => results[k].push(once(s.label, s.inputs, i, s)));
  return scenarios.map((s, k) => summarize(s.label, results[k]));
}

function summarize(label, results) {
  const median = (key) => results.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(results.length / 2)];
  return {
    label,
    runs,
    documents: results[0].documents,
    failed: results[0].failed,
    inputMegabytes: results[0].inputMegabytes,
    seconds: median('seconds'),
    documentsPerSecond: median('documentsPerSecond'),
    megabytesPerSecond: median('megabytesPerSecond'),
    peakRssMegabytes: median('peakRssMegabytes'),
    peakRssMax: Math.max(...results.map((r) => r.peakRssMegabytes)),
  };
}

try {
  // Ten times the largest and a mid-sized volume: per-file memory must not grow with file size.
  const big = path.join(scratch, 'tenfold');
  mkdirSync(big);
  for (const name of ['frus1961-63v05.xml', 'frus1961-63v06.xml']) tenfoldVolume(path.join(volumes, name), path.join(big, name.replace('.xml', '-x10.xml')));
  const scenarios = [
    { label: 'frus-28-volumes', inputs: [volumes] },
    { label: 'frus-28-volumes-one-thread', inputs: [volumes], oneThread: true },
    ...(pgAdmin ? [{ label: 'frus-28-volumes-postgresql', inputs: [volumes], postgres: true }] : []),
    { label: 'frus-v05-v06-tenfold', inputs: [big] },
    { label: 'frus-v05-v06-once', inputs: [path.join(volumes, 'frus1961-63v05.xml'), path.join(volumes, 'frus1961-63v06.xml')] },
  ];
  const rows = measureAll(scenarios);
  console.log(JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, rows }, null, 2));
  console.log('\n| scenario | documents | input MB | s (median) | documents/s | MB/s | peak RSS MB (median / max) |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.label} | ${r.documents} | ${r.inputMegabytes.toFixed(1)} | ${r.seconds.toFixed(1)} | ${r.documentsPerSecond.toFixed(0)} | ${r.megabytesPerSecond.toFixed(2)} | ${r.peakRssMegabytes.toFixed(0)} / ${r.peakRssMax.toFixed(0)} |`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
