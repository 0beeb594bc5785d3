// One measured ingest, in its own process so peak RSS belongs to it alone.
// usage: node bench/ingest/ingest-once.mjs [--one-thread] DB PATH...   → prints one JSON line
//        (DB is a SQLite file, or a postgres:// URL of an empty database; --one-thread reads on
//        the writing thread instead of a reader thread)
import { ingestPaths } from '../../dist/ingest/driver.js';
import { openStore } from '../../dist/store/open.js';
import { statSync, readdirSync } from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const oneThread = args.includes('--one-thread');
const [db, ...inputs] = args.filter((a) => a !== '--one-thread');
const bytes = inputs.reduce((sum, p) => sum + sizeOf(p), 0);
const store = await openStore(db);
const summary = await ingestPaths(inputs, { store, format: 'auto', errors: { write: () => undefined }, readerThread: !oneThread });
// Closing checkpoints what is left in the WAL: part of the ingest's cost, so it is counted.
const closing = performance.now();
await store.close();
const seconds = summary.seconds + (performance.now() - closing) / 1000;
const documents = summary.new + summary.updated + summary.unchanged;
console.log(JSON.stringify({
  documents,
  failed: summary.failed,
  seconds,
  documentsPerSecond: documents / seconds,
  megabytesPerSecond: bytes / 1e6 / seconds,
  inputMegabytes: bytes / 1e6,
  peakRssMegabytes: process.resourceUsage().maxRSS / 1024,
}));

function sizeOf(p) {
  const s = statSync(p);
  if (!s.isDirectory()) return s.size;
  return readdirSync(p).reduce((sum, name) => sum + sizeOf(path.join(p, name)), 0);
}
