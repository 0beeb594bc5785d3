// Previous/next and collection pages on a FRUS store, two code trees side by side.
//
//   node bench/browse/collection-pages.mjs TREE_A TREE_B STORE_A.db STORE_B.db [ROUNDS]
//
// TREE_A and TREE_B are checkouts with a built dist/ (npm run build). STORE_A.db and STORE_B.db
// are SQLite stores with the FRUS volumes ingested by each tree's code (`archivum ingest --db
// STORE.db ../shared/corpus/frus/volumes`); each is copied, and opened once before any timing. Rounds alternate A, B, B, A … in fresh processes, and each
// process times every call 129 documents of three volumes make: adjacentInCollection (the
// reading page's previous/next) and getCollection (the first page of the volume).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const DOCUMENTS = [];
for (let i = 1; i <= 300; i += 7) DOCUMENTS.push(`frus1961-63v10-12msupp-d${i}`, `frus1961-63v05-d${i}`, `frus1964-68v14-d${i}`);
const volumeOf = (id) => id.replace(/-d\d+$/, '');

async function child(tree, db) {
  const { openStore } = await import(join(tree, 'dist/store/open.js'));
  const { PUBLIC } = await import(join(tree, 'dist/store/types.js'));
  const store = await openStore(db);
  const time = async (call) => {
    const start = performance.now();
    for (const id of DOCUMENTS) await call(id);
    return (performance.now() - start) / DOCUMENTS.length;
  };
  // One warm-up pass: statement preparation and the page cache are not what is measured.
  for (const id of DOCUMENTS) await store.adjacentInCollection(id, volumeOf(id), PUBLIC);
  const adjacent = await time((id) => store.adjacentInCollection(id, volumeOf(id), PUBLIC));
  const page = await time((id) => store.getCollection(volumeOf(id), PUBLIC, { offset: 0, limit: 20 }));
  await store.close();
  process.stdout.write(JSON.stringify({ adjacent, page }));
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main() {
  const [treeA, treeB, dbA, dbB, roundsArg] = process.argv.slice(2);
  if (!treeA || !treeB || !dbA || !dbB) throw new Error('usage: collection-pages.mjs TREE_A TREE_B STORE_A.db STORE_B.db [ROUNDS]');
  const stores = { A: resolve(dbA), B: resolve(dbB) };
  const rounds = Number(roundsArg ?? 6);
  const dir = mkdtempSync(join(tmpdir(), 'archivum-collection-pages-'));
  const trees = { A: resolve(treeA), B: resolve(treeB) };
  const copies = { A: join(dir, 'a.db'), B: join(dir, 'b.db') };
  const run = (side) => JSON.parse(execFileSync(process.execPath, [new URL(import.meta.url).pathname, '--child', trees[side], copies[side]], { encoding: 'utf8' }));
  const results = { A: [], B: [] };
  try {
    for (const side of ['A', 'B']) {
      copyFileSync(stores[side], copies[side]);
      run(side); // opens (and migrates) the copy once
    }
    for (let r = 0; r < rounds; r++) for (const side of r % 2 ? ['B', 'A'] : ['A', 'B']) results[side].push(run(side));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  for (const side of ['A', 'B']) {
    const adjacent = results[side].map((r) => r.adjacent);
    const page = results[side].map((r) => r.page);
    console.log(
      `${side} ${trees[side]}: previous/next median ${median(adjacent).toFixed(2)} ms (${adjacent.map((v) => v.toFixed(2)).join(', ')}); ` +
        `collection page median ${median(page).toFixed(2)} ms (${page.map((v) => v.toFixed(2)).join(', ')})`,
    );
  }
  const ratio = (key) => (median(results.A.map((r) => r[key])) / median(results.B.map((r) => r[key]))).toFixed(2);
  console.log(`A/B: previous/next ${ratio('adjacent')}×, collection page ${ratio('page')}×`);
}

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4]);
else await main();
