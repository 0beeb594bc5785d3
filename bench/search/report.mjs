// Markdown tables for bench/RESULTS.md from one or more run.mjs JSON files.
// usage: node bench/search/report.mjs RESULTS.json [MORE.json …]
import { readFileSync } from 'node:fs';
import { QUERIES } from './lib.mjs';

const runs = process.argv.slice(2).map((f) => JSON.parse(readFileSync(f, 'utf8')));
const f = (x, d = 1) => (x === undefined || x === null || Number.isNaN(x) ? '–' : Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(d) : x.toFixed(d + 1 > 2 ? 2 : d + 1));
const LABEL = { archivum: 'Archivum', 'archivum-postgres': 'Archivum on PostgreSQL', fts5: 'floor (bare FTS5)', minisearch: 'MiniSearch 7.2', flexsearch: 'FlexSearch 0.8', orama: 'Orama 3.1' };
const FACETS = { archivum: 'yes', 'archivum-postgres': 'yes', fts5: 'no', minisearch: 'no', flexsearch: 'no', orama: 'yes' };

for (const run of runs) {
  for (const s of run.sizes) {
    const n = s.docs.toLocaleString('en');
    console.log(`\n### ${n} documents — build and memory\n`);
    console.log(`Run ${run.date.slice(0, 16).replace('T', ' ')} UTC; load average (1 min) during this size: median ${f(s.loadAverage1m?.p50)}, p95 ${f(s.loadAverage1m?.p95)}, max ${f(s.loadAverage1m?.max)} on ${run.cores} cores.\n`);
    console.log('| engine | build s | index on disk MB | RSS serving MB | index heap MB | peak RSS MB (build / serving) | facets | counts |');
    console.log('|---|---|---|---|---|---|---|---|');
    for (const [name, e] of Object.entries(s.engines)) {
      const ready = e.ready ?? {};
      if (ready.event && ready.event !== 'ready') {
        const how = ready.event === 'failed' ? `${ready.reason} — ${ready.docsIndexed?.toLocaleString('en')} documents indexed in ${f(ready.seconds)} s, heap ${f(ready.heapUsedMb)} MB` : `exited (${ready.signal ?? `code ${ready.code}`}) — ${lastProgress(ready.stderr)}`;
        console.log(`| ${LABEL[name]} | did not finish: ${how} | | | | | ${FACETS[name]} | |`);
        continue;
      }
      const build = e.build ?? ready;
      const disk = e.build ? (e.build.dbBytes + (e.build.walBytes ?? 0)) / 1e6 : null;
      const mem = e.memoryAfterQueries ?? {};
      const heap = ready.indexHeapMb;
      const peak = e.build ? `${f(e.build.peakRssMb)} / ${f(mem.peakRssMb)}` : `${f(mem.peakRssMb)} (one process)`;
      const counts = name === 'fts5' || name === 'flexsearch' ? 'no' : 'yes';
      console.log(`| ${LABEL[name]} | ${f(build.buildSeconds)} | ${disk ? f(disk) : '– (in memory)'} | ${f(mem.rssMb)} | ${heap === undefined ? `${f(mem.heapUsedMb)} (JS heap; data on disk)` : f(heap)} | ${peak} | ${FACETS[name]} | ${counts} |`);
    }

    console.log(`\n### ${n} documents — latency, ms (p50 / p95 / p99; samples per cell in the JSON)\n`);
    console.log('| engine | ' + QUERIES.map((q) => `${q.label} \`${q.q.replace(/\|/g, '\\|')}\``).join(' | ') + ' |');
    console.log('|---|' + QUERIES.map(() => '---').join('|') + '|');
    for (const [name, e] of Object.entries(s.engines)) {
      if (!e.queries) continue;
      const cells = QUERIES.map((q) => {
        const x = e.queries[q.key];
        return `${f(x.p50)} / ${f(x.p95)} / ${f(x.p99)}`;
      });
      console.log(`| ${LABEL[name]} | ${cells.join(' | ')} |`);
    }
    console.log('\nHits (total where the engine counts; else the page size returned):\n');
    console.log('| engine | ' + QUERIES.map((q) => q.label).join(' | ') + ' |');
    console.log('|---|' + QUERIES.map(() => '---').join('|') + '|');
    for (const [name, e] of Object.entries(s.engines)) {
      if (!e.queries) continue;
      console.log(`| ${LABEL[name]} | ${QUERIES.map((q) => { const x = e.queries[q.key]; return x.total ?? `(${x.returned})`; }).join(' | ')} |`);
    }
    const base = s.engines.archivum?.queries;
    if (base) {
      console.log(`\nArchivum's p95 ÷ the engine's p95 (above 1: Archivum is that many times slower; below 1: faster), and the engine's memory ÷ Archivum's (RSS while serving):\n`);
      console.log('| engine | ' + QUERIES.map((q) => q.label).join(' | ') + ' | memory vs Archivum |');
      console.log('|---|' + QUERIES.map(() => '---').join('|') + '|---|');
      const archRss = s.engines.archivum.memoryAfterQueries?.rssMb;
      const r = (x) => (x >= 10 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x.toFixed(2));
      for (const [name, e] of Object.entries(s.engines)) {
        if (!e.queries || name === 'archivum') continue;
        const rss = e.memoryAfterQueries?.rssMb;
        console.log(`| ${LABEL[name]} | ${QUERIES.map((q) => `${r(base[q.key].p95 / e.queries[q.key].p95)}`).join(' | ')} | ${r(rss / archRss)}× |`);
      }
    }
    if (s.breakdown?.length) {
      console.log(`\n### ${n} documents — where Archivum's time goes (medians, ms)\n`);
      console.log('| query | hits | whole search | widen (vocabulary) | count(*) | facet query alone | count + facets (size=0) | page: rank + snippets (difference) | floor top-20 p50 | floor count(*) |');
      console.log('|---|---|---|---|---|---|---|---|---|---|');
      for (const b of s.breakdown) {
        const q = QUERIES.find((x) => x.key === b.key);
        const fl = s.engines.fts5?.queries?.[b.key];
        const fc = s.floorCount?.find((x) => x.key === b.key);
        console.log(`| ${q.label} | ${base?.[b.key]?.total ?? '–'} | ${f(b.full)} | ${f(b.widen)} | ${f(b.count)} | ${f(b.facets)} | ${f(b.countAndFacets)} | ${f(b.pageByDifference)} | ${f(fl?.p50)} | ${f(fc?.p50)} (${fc?.total}) |`);
      }
    }
  }
}

function lastProgress(stderr = '') {
  const lines = stderr.split('\n').filter((l) => /build:/.test(l));
  const oom = /heap out of memory|Allocation failed/.test(stderr) ? 'out of memory; ' : '';
  return oom + (lines.at(-1)?.trim() ?? 'no progress line');
}
