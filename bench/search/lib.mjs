// Shared pieces of bench/search: where Archivum's build is, the seeded PRNG, the query mix,
// timing helpers. Every engine script imports this, so all engines see the same documents and
// the same queries.
import path from 'node:path';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, '../..');
/** Archivum's compiled code: `npm run build` output, or a snapshot given by ARCHIVUM_DIST. */
export const distDir = path.resolve(process.env.ARCHIVUM_DIST ?? path.join(repo, 'dist'));
export const dist = (rel) => import(pathToFileURL(path.join(distDir, rel)).href);
export const volumesDir = path.resolve(repo, '../shared/corpus/frus/volumes');
export const scratchDir = process.env.BENCH_SCRATCH ?? path.join(os.tmpdir(), 'archivum-bench-search');

/** mulberry32: a tiny, fast, seeded 32-bit PRNG. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Inverse-CDF sampler for Zipf(s) over ranks 0..n-1: rank 0 most frequent. */
export function zipfSampler(n, s = 1.0) {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let k = 0; k < n; k++) {
    sum += 1 / Math.pow(k + 1, s);
    cdf[k] = sum;
  }
  for (let k = 0; k < n; k++) cdf[k] /= sum;
  return (u) => {
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** Sampler proportional to integer weights (e.g. real type frequencies). */
export function weightedSampler(weights) {
  const cdf = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w;
    cdf[i] = sum;
  });
  return (u) => {
    const x = u * sum;
    let lo = 0;
    let hi = weights.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

export function summarize(samples) {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s.at(-1) };
}

export const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
export const now = () => process.hrtime.bigint();

export function peakRssMb() {
  return process.resourceUsage().maxRSS / 1024;
}

export function args(argv = process.argv.slice(2)) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const key = a.slice(2);
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) out[key] = true;
    else {
      out[key] = next;
      i++;
    }
  }
  return out;
}

/**
 * The query mix. Each engine answers it with its closest equivalent (see the engine files);
 * Archivum and the floor take `q` as it is written here.
 */
export const QUERIES = [
  { key: 'rare', label: 'rare name', q: 'Zolotas' },
  { key: 'common', label: 'common word', q: 'Soviet' },
  { key: 'two', label: 'two words', q: 'Berlin negotiations' },
  { key: 'phrase', label: 'phrase', q: '"test ban"' },
  { key: 'prefix', label: 'prefix', q: 'disarm*' },
  { key: 'fielded', label: 'fielded + date range', q: 'author:Rusk date:1961..1962' },
];
/** The fielded query's parts, for engines without Archivum's query language. */
export const FIELDED = { author: 'Rusk', from: 19610101, to: 19621231, years: ['1961', '1962'] };

/** Facet limit Archivum uses by default (decade/year return all values). */
export const FACET_LIMIT = 30;

/** Top `limit` [value, count] pairs of a count map, by count then value (Archivum's order). */
export function topCounts(counts, limit = FACET_LIMIT) {
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0]))).slice(0, limit);
}

export function gc() {
  if (globalThis.gc) {
    globalThis.gc();
    globalThis.gc();
  }
}

export function memory() {
  gc();
  const m = process.memoryUsage();
  return { rssMb: m.rss / 1048576, heapUsedMb: m.heapUsed / 1048576, externalMb: (m.external + m.arrayBuffers) / 1048576, peakRssMb: peakRssMb() };
}

/**
 * The protocol between run.mjs and an engine process: the engine prints one JSON line when it is
 * ready (its build statistics), then answers commands read from stdin, one JSON line each:
 *   {"cmd":"query","key":"common","reps":6}  → {"key":"common","ms":[…],"total":N,"returned":20,"facets":K}
 *   {"cmd":"memory"}                          → {"rssMb":…,"heapUsedMb":…,"peakRssMb":…}
 *   {"cmd":"exit"}
 * `query(key)` returns { total, returned, facets } (total null when the engine does not count).
 */
export async function serve(ready, query, extra = {}) {
  const { createInterface } = await import('node:readline');
  process.stdout.write(JSON.stringify({ event: 'ready', ...ready }) + '\n');
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    if (!line.trim()) continue;
    const cmd = JSON.parse(line);
    let out;
    try {
      if (cmd.cmd === 'exit') break;
      if (cmd.cmd === 'memory') out = memory();
      else if (cmd.cmd === 'query') {
        const times = [];
        let info;
        for (let i = 0; i < cmd.reps; i++) {
          const t0 = now();
          info = await query(cmd.key);
          times.push(ms(t0));
        }
        out = { key: cmd.key, ms: times, ...info };
      } else if (extra[cmd.cmd]) out = await extra[cmd.cmd](cmd);
      else out = { error: `unknown command ${cmd.cmd}` };
    } catch (error) {
      out = { error: String(error?.stack ?? error) };
    }
    process.stdout.write(JSON.stringify(out) + '\n');
  }
  rl.close();
  process.exit(0);
}

/**
 * Builds an in-process peer from the generated documents: `add(fields, i)` per document (only
 * that call is timed). Stops with a "too slow" line past `capSeconds`; an out-of-memory crash is
 * the driver's to report (the last progress line on stderr says how far it got).
 */
export async function buildPeer(name, n, add, { capSeconds = 1200, finish } = {}) {
  const { loadPools } = await import('./pools.mjs');
  const { syntheticDocuments, flatFields } = await import('./generate.mjs');
  let pools = await loadPools();
  const before = memory();
  const t0 = now();
  let addMs = 0;
  let i = 0;
  for (const doc of syntheticDocuments(pools, n)) {
    const fields = flatFields(doc, pools);
    const t = now();
    await add(fields, i++);
    addMs += ms(t);
    if (i % 50_000 === 0) {
      const m = process.memoryUsage();
      process.stderr.write(`${name} build: ${i}/${n} ${(ms(t0) / 1000).toFixed(0)} s heap ${(m.heapUsed / 1048576).toFixed(0)} MB rss ${(m.rss / 1048576).toFixed(0)} MB\n`);
      if (ms(t0) / 1000 > capSeconds) {
        process.stdout.write(JSON.stringify({ event: 'failed', engine: name, reason: 'too slow', docsIndexed: i, seconds: ms(t0) / 1000, ...memory() }) + '\n');
        process.exit(3);
      }
    }
  }
  if (finish) {
    const t = now();
    await finish();
    addMs += ms(t);
  }
  const totalMs = ms(t0);
  pools = null;
  const after = memory();
  return {
    engine: name,
    docs: n,
    buildSeconds: addMs / 1000,
    wallSeconds: totalMs / 1000,
    heapBeforeMb: before.heapUsedMb,
    heapAfterMb: after.heapUsedMb,
    indexHeapMb: after.heapUsedMb - before.heapUsedMb,
    rssAfterBuildMb: after.rssMb,
    peakRssMb: after.peakRssMb,
  };
}
