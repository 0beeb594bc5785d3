// bench/ingest/floor: how fast the ingest of the 28 FRUS volumes could be on this machine if it
// did less. Four scenarios, each in its own process, interleaved round by round:
//
//   reading alone      every record parsed, converted and validated, then dropped; no store
//   the product        the whole ingest into a fresh SQLite store (reader thread, both indexes)
//   stemmed only       the same, with the exact full-text index taken out of the store
//   no full text       the same, with both full-text indexes taken out
//
// An index is "taken out" by replacing its table, in the fresh store file, with a view whose
// triggers drop every insert and delete: the product code runs unchanged and still binds the
// text, but nothing is tokenized or stored. The last two are what one index instead of two,
// and none at all, would give at best; they are not modes of the product.
//
// usage: npm run build && node bench/ingest/floor.mjs [RUNS=5]
//        node bench/ingest/floor.mjs --read-only     (one "reading alone" run; prints one JSON line)
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../dist/store/open.js';
import { SEARCH_COLUMNS } from '../../dist/store/index-entry.js';
import { frusRecords, volumes } from './frus-volumes.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

if (process.argv.includes('--read-only')) {
  const t = performance.now();
  let documents = 0;
  for await (const _record of frusRecords()) documents++;
  const seconds = (performance.now() - t) / 1000;
  console.log(JSON.stringify({ documents, seconds, documentsPerSecond: documents / seconds, peakRssMegabytes: process.resourceUsage().maxRSS / 1024 }));
} else {
  await measure(Number(process.argv[2] ?? 5));
}

/** A fresh store file without the full-text tables named in `without`. */
async function freshStore(file, without) {
  await (await openStore(file)).close();
  if (without.length === 0) return;
  const db = new Database(file);
  db.transaction(() => {
    // The stemmed index keeps its text in documents_text (external content): both go together.
    for (const table of without.flatMap((t) => (t === 'documents_fts' ? [t, 'documents_text'] : [t]))) {
      if (table === 'documents_exact') db.exec('DROP TABLE documents_exact_vocab');
      db.exec(`DROP TABLE ${table}`);
      // The writer also names the index's own column (its 'delete' command) and the text table's doc.
      const columns = [table === 'documents_text' ? 'doc' : 'rowid', ...SEARCH_COLUMNS, ...(table === 'documents_fts' ? [table] : [])];
      db.exec(`CREATE VIEW ${table} (${columns.join(', ')}) AS SELECT ${columns.map(() => 'NULL').join(', ')} WHERE 0`);
      db.exec(`CREATE TRIGGER ${table}_insert INSTEAD OF INSERT ON ${table} BEGIN SELECT 1; END`);
      db.exec(`CREATE TRIGGER ${table}_delete INSTEAD OF DELETE ON ${table} BEGIN SELECT 1; END`);
      // The store prepares its vocabulary look-ups when it opens.
      if (table === 'documents_exact') db.exec('CREATE VIEW documents_exact_vocab (term, doc, cnt) AS SELECT NULL, NULL, NULL WHERE 0');
    }
  })();
  db.close();
}

async function measure(runs) {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'archivum-bench-floor-'));
  const scenarios = [
    { label: 'reading alone (no store, one thread)', readOnly: true },
    { label: 'the product: ingest into SQLite, both full-text indexes', without: [] },
    { label: 'the same, stemmed index only (exact index taken out)', without: ['documents_exact'] },
    { label: 'the same, no full-text index', without: ['documents_exact', 'documents_fts'] },
  ];
  const results = scenarios.map(() => []);
  try {
    for (let round = 0; round < runs; round++) {
      for (const [k, scenario] of scenarios.entries()) {
        let out;
        if (scenario.readOnly) {
          out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--read-only'], { encoding: 'utf8' });
        } else {
          const file = path.join(scratch, `floor-${round}-${k}.db`);
          await freshStore(file, scenario.without);
          out = execFileSync(process.execPath, [path.join(here, 'ingest-once.mjs'), file, volumes], { encoding: 'utf8', maxBuffer: 1 << 24 });
          for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
        }
        const result = JSON.parse(out.trim().split('\n').at(-1));
        if (result.documents !== 8635 || result.failed) throw new Error(`${scenario.label}: ${result.documents} documents, ${result.failed ?? 0} failed`);
        results[k].push(result);
        console.error(`round ${round + 1}/${runs} · ${scenario.label}: ${result.seconds.toFixed(2)} s · load ${os.loadavg()[0].toFixed(1)}`);
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const rows = scenarios.map((s, k) => ({
    label: s.label,
    documents: results[k][0].documents,
    seconds: results[k].map((r) => r.seconds),
    medianSeconds: median(results[k].map((r) => r.seconds)),
    medianDocumentsPerSecond: median(results[k].map((r) => r.documentsPerSecond)),
    peakRssMegabytes: median(results[k].map((r) => r.peakRssMegabytes)),
  }));
  console.log(JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, runs, rows }, null, 2));
  console.log('\n| scenario | documents | s, each round | s (median) | documents/s (median) | peak RSS MB (median) |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.label} | ${r.documents.toLocaleString('en')} | ${r.seconds.map((s) => s.toFixed(2)).join(', ')} | ${r.medianSeconds.toFixed(2)} | ${r.medianDocumentsPerSecond.toFixed(0)} | ${r.peakRssMegabytes.toFixed(0)} |`);
  }
}
