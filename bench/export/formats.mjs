// The four export formats side by side on one archive, through the CLI as a user runs them.
//
//   npm run build && node bench/export/formats.mjs STORE.db [ROUNDS]
//
// STORE.db is a SQLite archive, for example the whole ../shared/corpus ingested
// (`archivum --db STORE.db ingest ../shared/corpus`). It is copied once, so the original is never
// opened. Each round runs `archivum export --format F` for json, csv, tei and cmif, each in a fresh
// process, in an order that turns from round to round, so a slow spell of the machine hits all
// four alike. Reports the median wall time, the file size and the peak RSS of each format.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const [storeArg, roundsArg] = process.argv.slice(2);
if (!storeArg) {
  console.error('usage: node bench/export/formats.mjs STORE.db [ROUNDS]');
  process.exit(2);
}
const rounds = Number(roundsArg ?? 3);
const bin = resolve(import.meta.dirname, '../../bin/archivum.js');
const work = mkdtempSync(join(tmpdir(), 'archivum-export-bench-'));
const db = join(work, 'archive.db');
copyFileSync(resolve(storeArg), db);
// Opened once before timing, so the first format does not pay for migrations or a cold WAL.
execFileSync(process.execPath, [bin, '--db', db, 'search', '--limit', '1', 'letter'], { stdio: 'ignore' });

const FORMATS = ['json', 'csv', 'tei', 'cmif'];
const results = Object.fromEntries(FORMATS.map((f) => [f, { seconds: [], rss: [], bytes: 0, count: '' }]));
for (let round = 0; round < rounds; round++) {
  const order = FORMATS.map((_, i) => FORMATS[(i + round) % FORMATS.length]);
  for (const format of order) {
    const out = join(work, `out.${format}`);
    const started = performance.now();
    // GNU time's %M is the child's peak RSS in KB.
    const run = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, bin, '--db', db, 'export', '--format', format, out], { encoding: 'utf8' });
    const seconds = (performance.now() - started) / 1000;
    if (run.status !== 0) throw new Error(`${format}: exit ${run.status}\n${run.stderr}`);
    results[format].seconds.push(seconds);
    results[format].rss.push(Number(run.stderr.trim().split('\n').pop()) / 1024);
    results[format].bytes = statSync(out).size;
    results[format].count = /exported (\d+ \w+)/.exec(run.stdout)?.[1] ?? '';
    console.error(`round ${round + 1} ${format}: ${seconds.toFixed(2)} s`);
  }
}
rmSync(work, { recursive: true, force: true });

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const json = median(results.json.seconds);
console.log('| format | written | file MB | s, each round | s (median) | vs json | peak RSS MB (median) |');
console.log('|---|---|---|---|---|---|---|');
for (const format of FORMATS) {
  const r = results[format];
  const m = median(r.seconds);
  console.log(
    `| ${format} | ${r.count} | ${(r.bytes / 1e6).toFixed(1)} | ${r.seconds.map((s) => s.toFixed(1)).join(', ')} | ${m.toFixed(1)} | ${(m / json).toFixed(2)}× | ${median(r.rss).toFixed(0)} |`,
  );
}
