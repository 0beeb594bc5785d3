// The deterministic archive generator of bench/search. Documents are new combinations of real
// FRUS material — real paragraphs, titles, people, places, types, collections and dates — so
// the vocabulary and term frequencies are FRUS's own while the archive is as large as asked.
//
// `syntheticDocuments(pools, n)` yields plain documents in id order from one seeded PRNG, so
// every engine (each in its own process) indexes exactly the same documents, and the first
// 100k of the 1M archive are the 100k archive. `toIngestInput(doc, pools)` turns one into the
// loose input of Archivum's importers (for buildIngestRecord); `flatFields(doc, pools)` gives the
// peers the same text and facet values.
//
// usage (inspect a few): node bench/search/generate.mjs --docs 3
import { args, mulberry32, weightedSampler, zipfSampler } from './lib.mjs';
import { loadPools, surname } from './pools.mjs';

export const SEED = 0x5eed2026;
const DAY = 86_400_000;

/** Generates `n` documents, one at a time (nothing is kept: 1M documents never sit in memory). */
export function* syntheticDocuments(pools, n, seed = SEED) {
  const rand = mulberry32(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const person = zipfSampler(pools.people.length, 1.0);
  const place = weightedSampler(pools.places.map((p) => p.n));
  const type = weightedSampler(pools.types.map(([, n]) => n));
  const chapter = weightedSampler(pools.chapters.map((c) => c.n));
  const undatedShare = pools.source.undated / pools.source.documents;
  const people = (min, max) => {
    const count = min + Math.floor(rand() * (max - min + 1));
    const out = new Set();
    for (let i = 0; i < count; i++) out.add(person(rand()));
    return [...out];
  };
  const width = Math.max(6, String(n).length);

  for (let i = 1; i <= n; i++) {
    const authors = people(1, 2);
    const recipients = rand() < 0.85 ? people(1, 2) : [];
    const named = people(0, 3);
    const [realTitle, swaps] = pick(pools.titles);
    let title = realTitle;
    // A real title with the document's own correspondent swapped in for the one it named.
    const swapIn = rand() < 0.7 ? pools.people[authors[0]].name : '';
    if (swaps && swapIn.includes(',')) title = title.replace(swaps[0], surname(swapIn));
    const count = 3 + Math.floor(rand() * 10); // 3–12 paragraphs
    const paragraphs = [];
    for (let k = 0; k < count; k++) paragraphs.push(pick(pools.paragraphs));
    let date = null;
    if (rand() >= undatedShare) {
      const base = Date.parse(`${pick(pools.dates)}T00:00:00Z`);
      date = new Date(base + Math.round((rand() - 0.5) * 60) * DAY).toISOString().slice(0, 10); // ± 30 days
    }
    yield {
      id: `syn-${String(i).padStart(width, '0')}`,
      title,
      text: paragraphs.join('\n\n'),
      date,
      type: pools.types[type(rand())][0],
      authors,
      recipients,
      people: named,
      place: place(rand()),
      chapter: chapter(rand()),
    };
  }
}

/** The importer-side input (validated by buildIngestRecord) of a synthetic document. */
export function toIngestInput(doc, pools) {
  const personRef = (k) => {
    const p = pools.people[k];
    return p.role ? { id: p.id, name: p.name, role: p.role } : { id: p.id, name: p.name };
  };
  const place = pools.places[doc.place];
  return {
    id: doc.id,
    sourceId: `bench:${doc.id}`,
    title: doc.title,
    ...(doc.date ? { date: { start: doc.date, end: doc.date } } : {}),
    type: doc.type,
    text: doc.text,
    authors: doc.authors.map(personRef),
    recipients: doc.recipients.map(personRef),
    people: doc.people.map(personRef),
    places: [{ id: place.id, name: place.name }],
    placeWritten: { id: place.id, name: place.name },
    collections: pools.chapters[doc.chapter].slugs.map((slug) => pools.collections[slug]),
    language: 'en',
    status: 'published',
  };
}

/** What the peers index: the same text and names, and the facet values Archivum computes. */
export function flatFields(doc, pools) {
  const names = (list) => list.map((k) => pools.people[k].name);
  const year = doc.date ? Number(doc.date.slice(0, 4)) : undefined;
  return {
    id: doc.id,
    title: doc.title,
    text: doc.text,
    authors: names(doc.authors),
    recipients: names(doc.recipients),
    people: names(doc.people),
    person: [...new Set(names([...doc.authors, ...doc.recipients, ...doc.people]))],
    place: pools.places[doc.place].name,
    type: doc.type,
    collection: pools.chapters[doc.chapter].slugs.map((slug) => pools.collections[slug].title),
    language: 'English',
    /** yyyymmdd as a number (0 when undated), for range filters. */
    date: doc.date ? Number(doc.date.replaceAll('-', '')) : 0,
    year: year ?? 0,
    decade: year ? Math.floor(year / 10) * 10 : 0,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const a = args();
  const pools = await loadPools();
  for (const doc of syntheticDocuments(pools, Number(a.docs ?? 3))) {
    console.log(JSON.stringify({ ...doc, text: doc.text.slice(0, 200) + '…' }));
  }
}
