// bench/search driver: for each size, builds Archivum's store and the FTS5 floor (each in its
// own process), starts one query process per engine — Archivum, the floor, and the in-process
// peers (MiniSearch, FlexSearch, Orama), each building its index in its own process so peak RSS
// is attributable — and then runs the query mix side by side: warm-ups, then ROUNDS rounds in
// which every engine runs every query a few times in turn, so load spikes on this shared
// machine hit all engines alike. Reports p50/p95/p99 per engine × query, build time, size,
// memory, and Archivum's time split (widen / count / facets / page). Raw JSON → --out.
//
// usage: npm run build && node bench/search/run.mjs [--sizes 100000,1000000] [--peers-at 100000,1000000]
//          [--rounds 5] [--reps 6] [--warmup 3] [--cap-minutes 20] [--out FILE]
//          [--postgres postgres://user:pass@host/admin-db]   (adds Archivum on PostgreSQL, a fresh
//          database archivum_bench_N per size, built and queried beside the SQLite store)
import { spawn, execFileSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { args, here, QUERIES, scratchDir, summarize } from './lib.mjs';
import { loadPools } from './pools.mjs';

const a = args();
const sizes = String(a.sizes ?? '100000,1000000').split(',').map(Number);
const peersAt = new Set(String(a['peers-at'] ?? sizes.join(',')).split(',').map(Number));
const PEERS = String(a.peers ?? 'minisearch,flexsearch,orama').split(',').filter(Boolean);
const ROUNDS = Number(a.rounds ?? 5);
const REPS = Number(a.reps ?? 6);
const WARMUP = Number(a.warmup ?? 3);
const CAP_SECONDS = Number(a['cap-minutes'] ?? 20) * 60;
/** Per engine × query × round: fewer repetitions when one query takes seconds. */
const ROUND_BUDGET_MS = Number(a['round-budget-ms'] ?? 15000);
const HEAP_MB = Number(a['max-old-space'] ?? 16000);
const out = a.out ?? path.join(scratchDir, `results-${Date.now()}.json`);
const PG_ADMIN = a.postgres ? String(a.postgres) : null;
mkdirSync(scratchDir, { recursive: true });
const log = (...m) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${m.join(' ')}\n`);

const loads = [];
const loadTimer = setInterval(() => loads.push(os.loadavg()[0]), 10_000);
loads.push(os.loadavg()[0]);

function node(script, argv, { heap = false } = {}) {
  return [process.execPath, [...(heap ? ['--expose-gc', `--max-old-space-size=${HEAP_MB}`] : ['--expose-gc']), path.join(here, script), ...argv]];
}

/** A one-shot build process: its last JSON line. */
function runOnce(script, argv) {
  const [cmd, full] = node(script, argv);
  const t0 = Date.now();
  const text = execFileSync(cmd, full, { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'inherit'] });
  const result = JSON.parse(text.trim().split('\n').at(-1));
  return { ...result, processSeconds: (Date.now() - t0) / 1000 };
}

/** A long-lived engine process speaking the protocol of lib.mjs `serve`. */
function startEngine(name, script, argv, opts) {
  const [cmd, full] = node(script, argv, opts);
  const child = spawn(cmd, full, { stdio: ['pipe', 'pipe', 'pipe'] });
  const lines = createInterface({ input: child.stdout });
  const waiting = [];
  let lastStderr = '';
  child.stderr.on('data', (d) => {
    const s = String(d);
    lastStderr = (lastStderr + s).slice(-2000);
    for (const line of s.split('\n')) if (line.trim()) log(`  ${name}: ${line.trim()}`);
  });
  lines.on('line', (line) => {
    if (!line.startsWith('{')) return;
    const w = waiting.shift();
    if (w) w.resolve(JSON.parse(line));
  });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  exited.then((e) => {
    for (const w of waiting.splice(0)) w.resolve({ event: 'exited', ...e, stderr: lastStderr });
  });
  const next = () => new Promise((resolve) => waiting.push({ resolve }));
  return {
    name,
    child,
    exited,
    ready: next(),
    send(cmd) {
      const p = next();
      child.stdin.write(JSON.stringify(cmd) + '\n');
      return p;
    },
    async stop() {
      if (child.exitCode === null) {
        child.stdin.write('{"cmd":"exit"}\n');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    },
  };
}

const results = {
  date: new Date().toISOString(),
  node: process.version,
  cpu: os.cpus()[0]?.model,
  cores: os.cpus().length,
  ramGb: os.totalmem() / 2 ** 30,
  settings: { sizes, peersAt: [...peersAt], rounds: ROUNDS, reps: REPS, warmup: WARMUP, capSeconds: CAP_SECONDS, heapMb: HEAP_MB },
  queries: QUERIES,
  sizes: [],
};

try {
  const pools = await loadPools(); // parse FRUS once before anything is timed
  results.pools = { ...pools.source, paragraphs: pools.paragraphs.length, people: pools.people.length, places: pools.places.length, types: pools.types.length };
  for (const n of sizes) {
    log(`=== ${n} documents`);
    const loadStart = loads.length;
    const sizeResult = { docs: n, engines: {} };
    results.sizes.push(sizeResult);
    const dbA = path.join(scratchDir, `archivum-${n}.db`);
    const dbF = path.join(scratchDir, `fts5-${n}.db`);
    for (const f of [dbA, dbF]) for (const s of ['', '-wal', '-shm']) rmSync(f + s, { force: true });

    log('building archivum');
    sizeResult.engines.archivum = { build: runOnce('engine-archivum.mjs', ['--build', '--docs', String(n), '--db', dbA]) };
    log(`  ${JSON.stringify(sizeResult.engines.archivum.build)}`);
    log('building fts5 floor');
    sizeResult.engines.fts5 = { build: runOnce('engine-fts5.mjs', ['--build', '--docs', String(n), '--db', dbF]) };
    log(`  ${JSON.stringify(sizeResult.engines.fts5.build)}`);

    let pgUrl = null;
    if (PG_ADMIN) {
      pgUrl = freshPostgresDatabase(`archivum_bench_${n}`);
      log('building archivum on postgresql');
      sizeResult.engines['archivum-postgres'] = { build: runOnce('engine-archivum.mjs', ['--build', '--docs', String(n), '--db', pgUrl]) };
      log(`  ${JSON.stringify(sizeResult.engines['archivum-postgres'].build)}`);
    }

    const alive = [];
    const archivum = startEngine('archivum', 'engine-archivum.mjs', ['--serve', '--db', dbA]);
    const floor = startEngine('fts5', 'engine-fts5.mjs', ['--serve', '--db', dbF]);
    const starting = [archivum, floor];
    if (pgUrl) starting.push(startEngine('archivum-postgres', 'engine-archivum.mjs', ['--serve', '--db', pgUrl]));
    for (const e of starting) {
      sizeResult.engines[e.name].ready = await e.ready;
      alive.push(e);
    }

    // Peers one at a time: each builds alone (its build time and memory are its own).
    const peers = peersAt.has(n) ? PEERS : [];
    const peerQueue = [];
    for (const peer of peers) {
      log(`building ${peer}`);
      const e = startEngine(peer, `engine-${peer}.mjs`, ['--docs', String(n)], { heap: true });
      const t0 = Date.now();
      const timer = setTimeout(() => {
        log(`  ${peer}: over the ${CAP_SECONDS / 60}-minute cap, stopping it`);
        e.child.kill('SIGKILL');
      }, (CAP_SECONDS + 120) * 1000);
      const ready = await e.ready;
      clearTimeout(timer);
      ready.processSeconds = (Date.now() - t0) / 1000;
      sizeResult.engines[peer] = { ready };
      log(`  ${JSON.stringify(ready).slice(0, 600)}`);
      if (ready.event === 'ready') {
        // Keep it if all peers fit side by side; at sizes where memory is tight, query it now.
        if (n <= 100_000) alive.push(e);
        else {
          peerQueue.push(e);
          await queryRounds([archivum, floor, e], sizeResult, [e.name]);
          sizeResult.engines[peer].memoryAfterQueries = await e.send({ cmd: 'memory' });
          await e.stop();
        }
      } else {
        await e.stop();
      }
    }

    await queryRounds(alive, sizeResult, alive.map((e) => e.name));
    for (const e of alive) sizeResult.engines[e.name].memoryAfterQueries = await e.send({ cmd: 'memory' });

    log('archivum breakdown');
    sizeResult.breakdown = [];
    for (const q of QUERIES) {
      sizeResult.breakdown.push(await archivum.send({ cmd: 'breakdown', key: q.key, reps: n >= 1_000_000 ? 3 : 7 }));
      log(`  ${JSON.stringify(sizeResult.breakdown.at(-1))}`);
    }
    sizeResult.floorCount = [];
    for (const q of QUERIES) {
      const r = await floor.send({ cmd: 'count', key: q.key, reps: 7 });
      sizeResult.floorCount.push({ key: q.key, total: r.total, ...summarize(r.ms) });
    }
    for (const e of alive) await e.stop();
    sizeResult.loadAverage1m = summarize(loads.slice(loadStart));
    for (const f of [dbA, dbF]) for (const s of ['', '-wal', '-shm']) rmSync(f + s, { force: true });
    writeFileSync(out, JSON.stringify(results, null, 1));
  }
} finally {
  clearInterval(loadTimer);
  results.loadAverage1m = summarize(loads);
  writeFileSync(out, JSON.stringify(results, null, 1));
  log(`results → ${out}`);
}
printTables(results);

/** Drops and creates a database on the --postgres server; its URL. */
function freshPostgresDatabase(name) {
  for (const sql of [`DROP DATABASE IF EXISTS ${name}`, `CREATE DATABASE ${name}`]) execFileSync('psql', [PG_ADMIN, '-qc', sql], { stdio: 'inherit' });
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  return url.toString();
}

async function queryRounds(engines, sizeResult, record) {
  log(`querying ${engines.map((e) => e.name).join(', ')} (recording ${record.join(', ')})`);
  const samples = new Map();
  const info = new Map();
  for (const e of engines) {
    for (const q of QUERIES) {
      const r = await e.send({ cmd: 'query', key: q.key, reps: WARMUP });
      if (r.error) throw new Error(`${e.name} ${q.key}: ${r.error}`);
      samples.set(`${e.name}/${q.key}`, []);
      info.set(`${e.name}/${q.key}`, { total: r.total, returned: r.returned, facets: r.facets, warmupMs: r.ms });
    }
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const q of QUERIES) {
      for (const e of engines) {
        const key = `${e.name}/${q.key}`;
        const seen = samples.get(key);
        const estimate = seen.length ? summarize(seen).p50 : Math.min(...info.get(key).warmupMs);
        const reps = Math.max(2, Math.min(REPS, Math.floor(ROUND_BUDGET_MS / Math.max(estimate, 0.001))));
        const r = await e.send({ cmd: 'query', key: q.key, reps });
        seen.push(...r.ms);
      }
    }
    log(`  round ${round + 1}/${ROUNDS} done`);
  }
  for (const e of engines) {
    if (!record.includes(e.name)) continue;
    const entry = sizeResult.engines[e.name];
    entry.queries = Object.fromEntries(QUERIES.map((q) => [q.key, { ...info.get(`${e.name}/${q.key}`), ...summarize(samples.get(`${e.name}/${q.key}`)) }]));
  }
}

function printTables(r) {
  const f = (x, d = 1) => (x === undefined || x === null || Number.isNaN(x) ? '–' : x >= 100 ? x.toFixed(0) : x.toFixed(d));
  for (const s of r.sizes) {
    console.log(`\n### ${s.docs.toLocaleString('en')} documents (load average 1 min: median ${f(s.loadAverage1m?.p50)}, max ${f(s.loadAverage1m?.max)})\n`);
    console.log('| engine | build s | on disk MB | memory MB (RSS serving / peak) | facets | ' + QUERIES.map((q) => `${q.label} p50 / p95 / p99 ms`).join(' | ') + ' |');
    console.log('|---|---|---|---|---|' + QUERIES.map(() => '---').join('|') + '|');
    for (const [name, e] of Object.entries(s.engines)) {
      const build = e.build ?? e.ready;
      const disk = e.build ? (e.build.dbBytes + (e.build.walBytes ?? 0)) / 1e6 : null;
      const mem = e.memoryAfterQueries;
      const cells = QUERIES.map((q) => {
        const x = e.queries?.[q.key];
        return x ? `${f(x.p50)} / ${f(x.p95)} / ${f(x.p99)}` : '–';
      });
      const failed = e.ready && e.ready.event !== 'ready' ? ` (${e.ready.event}: ${e.ready.reason ?? e.ready.signal ?? e.ready.code})` : '';
      console.log(`| ${name}${failed} | ${f(build?.buildSeconds)} | ${disk ? f(disk) : 'in memory'} | ${mem ? `${f(mem.rssMb)} / ${f(mem.peakRssMb)}` : '–'} | ${name.startsWith('archivum') || name === 'orama' ? 'yes' : 'no'} | ${cells.join(' | ')} |`);
    }
  }
}
