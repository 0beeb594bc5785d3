// Search latency of a few queries on an existing archive, for two builds side by side.
// usage: node bench/search/queries.mjs ARCHIVE.db ROUNDS DIST_A [DIST_B …]
//   Each round runs every build once, in turn, each in its own process (same archive file, read
//   only); each process warms up, then times every query REPEAT times. Prints per query and build
//   the median over all rounds, in ms. DIST is a built dist/ folder (e.g. /work/main/dist).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const QUERIES = [
  'Soviet', // a common word
  'Berlin negotiations',
  'Malinovsky', // a rare name
  'Khrushchov', // a spelling the index does not hold (other names, tolerance)
  'negotiatoins', // a misspelt word: its neighbours are counted
  'wou1d', // an OCR slip
  '"test ban"',
  'disarm*',
];
const REPEAT = 15;

const [, , archive, roundsArg, ...dists] = process.argv;
if (process.argv[2] === '--child') {
  const [, , , dist, file] = process.argv;
  const { openSqliteStore } = await import(`${dist}/store/sqlite/index.js`);
  const { parseSearchParams } = await import(`${dist}/search/params.js`);
  const { PUBLIC } = await import(`${dist}/store/types.js`);
  const store = openSqliteStore(file);
  const out = {};
  for (const q of QUERIES) {
    const request = parseSearchParams(new URLSearchParams({ q }));
    await store.search(request, PUBLIC);
    const times = [];
    for (let i = 0; i < REPEAT; i++) {
      const t = performance.now();
      await store.search(request, PUBLIC);
      times.push(performance.now() - t);
    }
    out[q] = times;
  }
  await store.close();
  console.log(JSON.stringify(out));
} else {
  if (!archive || !roundsArg || dists.length === 0) {
    console.error('usage: node bench/search/queries.mjs ARCHIVE.db ROUNDS DIST_A [DIST_B …]');
    process.exit(2);
  }
  const self = fileURLToPath(import.meta.url);
  const all = new Map(dists.map((d) => [d, new Map(QUERIES.map((q) => [q, []]))]));
  for (let round = 0; round < Number(roundsArg); round++) {
    for (const dist of round % 2 ? [...dists].reverse() : dists) {
      const result = JSON.parse(execFileSync(process.execPath, [self, '--child', dist, archive], { encoding: 'utf8', maxBuffer: 1 << 26 }));
      for (const q of QUERIES) all.get(dist).get(q).push(...result[q]);
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`| query | ${dists.join(' | ')} |`);
  console.log(`|---|${dists.map(() => '---|').join('')}`);
  for (const q of QUERIES) console.log(`| \`${q}\` | ${dists.map((d) => median(all.get(d).get(q)).toFixed(2)).join(' | ')} |`);
}
