// Reads the real FRUS volumes once with Archivum's own importer and keeps what the generator
// draws from: paragraphs, titles, people, places, types, collections and dates, each with its
// real frequency. Cached as JSON in the scratch folder (the parse takes a minute or two).
//
// usage: node bench/search/pools.mjs [--out FILE]   (ARCHIVUM_DIST selects the build, default dist/)
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { args, dist, scratchDir, volumesDir } from './lib.mjs';

export const poolsFile = (file) => file ?? path.join(scratchDir, 'pools.json');

export async function loadPools(file) {
  const target = poolsFile(file);
  if (!existsSync(target)) await buildPools(target);
  return JSON.parse(readFileSync(target, 'utf8'));
}

async function buildPools(target) {
  const { frusFormat } = await dist('ingest/tei-frus/index.js');
  const files = readdirSync(volumesDir).filter((f) => f.endsWith('.xml')).sort();
  const paragraphs = [];
  const titles = [];
  const people = new Map(); // id -> { id, name, role, n }
  const places = new Map();
  const types = new Map();
  const chapters = new Map(); // "vol|chapter" -> { volume, chapter, n }
  const collections = new Map(); // slug -> collection object as the importer gave it
  const dates = [];
  let documents = 0;
  let undated = 0;
  let failed = 0;
  const t0 = Date.now();
  for (const file of files) {
    for await (const outcome of frusFormat.read(path.join(volumesDir, file), {})) {
      if (!outcome.ok) {
        failed++;
        continue;
      }
      const { document: doc, people: ps, places: pl, collections: cs } = outcome.record;
      documents++;
      for (const p of (doc.text ?? '').split(/\n\s*\n/)) {
        const t = p.replace(/\s+/g, ' ').trim();
        if (t) paragraphs.push(t);
      }
      const names = new Map(ps.map((p) => [p.id, p]));
      // Surnames of the document's correspondents that its title spells out, so the generator
      // can swap in its own correspondents' names ("Letter From Rusk to …").
      const swaps = [...doc.authors, ...doc.recipients]
        .filter((id) => names.get(id)?.name.includes(',')) // people, not "Department of State"
        .map((id) => surname(names.get(id)?.name))
        .filter((s) => s && s.length > 2 && doc.title.includes(s));
      titles.push(swaps.length ? [doc.title, [...new Set(swaps)]] : [doc.title]);
      for (const id of [...doc.authors, ...doc.recipients, ...doc.people]) {
        const p = names.get(id);
        if (!p) continue;
        const entry = people.get(id) ?? { id, name: p.name, ...(p.role ? { role: p.role } : {}), n: 0 };
        entry.n++;
        people.set(id, entry);
      }
      for (const p of pl) {
        const entry = places.get(p.id) ?? { id: p.id, name: p.name, n: 0 };
        entry.n++;
        places.set(p.id, entry);
      }
      if (doc.type) types.set(doc.type, (types.get(doc.type) ?? 0) + 1);
      for (const c of cs) if (!collections.has(c.slug)) collections.set(c.slug, c);
      const key = doc.collections.join('|');
      const ch = chapters.get(key) ?? { slugs: doc.collections, n: 0 };
      ch.n++;
      chapters.set(key, ch);
      if (doc.date.start && /^\d{4}-\d{2}-\d{2}$/.test(doc.date.start)) dates.push(doc.date.start);
      else undated++;
    }
    process.stderr.write(`pools: ${file} (${documents} documents, ${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
  }
  const byCount = (a, b) => b.n - a.n || a.id.localeCompare(b.id);
  const pools = {
    source: { volumes: files.length, documents, failed, undated, seconds: (Date.now() - t0) / 1000 },
    paragraphs,
    titles,
    people: [...people.values()].sort(byCount),
    places: [...places.values()].sort(byCount),
    types: [...types.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
    chapters: [...chapters.values()].sort((a, b) => b.n - a.n || a.slugs.join().localeCompare(b.slugs.join())),
    collections: Object.fromEntries([...collections.entries()].sort(([a], [b]) => a.localeCompare(b))),
    dates: dates.sort(),
  };
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, JSON.stringify(pools));
  process.stderr.write(
    `pools: ${documents} documents, ${paragraphs.length} paragraphs, ${pools.people.length} people, ${pools.places.length} places, ` +
      `${pools.types.length} types, ${pools.chapters.length} chapters, ${dates.length} dated → ${target}\n`,
  );
}

/** "Khrushchev, Nikita S." → "Khrushchev"; "Dean Rusk" → "Rusk". */
export function surname(name) {
  if (!name) return '';
  if (name.includes(',')) return name.split(',')[0].trim();
  return name.trim().split(/\s+/).at(-1);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const a = args();
  const target = poolsFile(a.out);
  await buildPools(target);
}
