// bench/harvest: what a harvester's requests cost the store — the first page of 100 records, the
// next page, the 50 newest (the feed), and a walk over every public document in pages of 5,000
// (the sitemap) — on a copy of an archive, each part timed ROUNDS times; medians in ms.
// usage: npm run build && node bench/harvest/pages.mjs ARCHIVE.db [ROUNDS=5] [DIST=dist]
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [source, roundsArg = '5', dist = 'dist'] = process.argv.slice(2);
if (!source) {
  console.error('usage: node bench/harvest/pages.mjs ARCHIVE.db [ROUNDS] [DIST]');
  process.exit(2);
}
const { openStore } = await import(pathToFileURL(path.resolve(dist, 'store/open.js')).href);
const { PUBLIC } = await import(pathToFileURL(path.resolve(dist, 'store/types.js')).href);
const scratch = mkdtempSync(path.join(os.tmpdir(), 'archivum-bench-harvest-'));
const copy = path.join(scratch, 'archive.db');
copyFileSync(source, copy);
const store = await openStore(copy);
const timed = async (f) => {
  const start = performance.now();
  await f();
  return performance.now() - start;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const parts = { 'first page (100)': [], 'next page (100)': [], 'newest 50': [], 'walk all, pages of 5,000': [] };
let walked = 0;
try {
  for (let round = 0; round < Number(roundsArg); round++) {
    let first;
    parts['first page (100)'].push(await timed(async () => (first = await store.harvest({ limit: 101 }, PUBLIC))));
    parts['next page (100)'].push(await timed(() => store.harvest({ limit: 101, after: first[99] }, PUBLIC)));
    parts['newest 50'].push(await timed(() => store.harvest({ limit: 50, newestFirst: true, withoutWithdrawn: true }, PUBLIC)));
    parts['walk all, pages of 5,000'].push(
      await timed(async () => {
        let after;
        walked = 0;
        for (;;) {
          const page = await store.harvest({ limit: 5000, withoutWithdrawn: true, ...(after ? { after } : {}) }, PUBLIC);
          walked += page.length;
          if (page.length < 5000) break;
          after = page.at(-1);
        }
      }),
    );
  }
} finally {
  await store.close();
  rmSync(scratch, { recursive: true, force: true });
}
console.log(JSON.stringify({ dist, documents: walked, medianMs: Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, Math.round(median(v) * 10) / 10])) }));
