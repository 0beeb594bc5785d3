// bench/ingest/breakdown: where an ingest of the 28 FRUS volumes spends its time, one part at a
// time on one thread. (1) reading: parse, convert and validate every record into memory; (2)
// writing: those records into a fresh SQLite store in batches (BATCH, 50 as the driver does); (3)
// SQLite alone: the stored rows replayed into a fresh database, statement by statement, timed per
// table (the two full-text indexes separately, commits apart).
//
// usage: npm run build && node bench/ingest/breakdown.mjs [BATCH=50]
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../../dist/store/open.js';
import { SEARCH_COLUMNS } from '../../dist/store/index-entry.js';
import { foldLetters } from '../../dist/search/fold.js';
import { frusRecords } from './frus-volumes.mjs';

const batch = Number(process.argv[2] ?? 50);
const scratch = mkdtempSync(path.join(os.tmpdir(), 'archivum-bench-breakdown-'));
const seconds = (from) => (performance.now() - from) / 1000;

try {
  let t = performance.now();
  const records = [];
  for await (const record of frusRecords()) records.push(record);
  const reading = seconds(t);

  const written = path.join(scratch, 'written.db');
  const store = await openStore(written);
  t = performance.now();
  for (let i = 0; i < records.length; i += batch) await store.upsertRecords(records.slice(i, i + batch));
  const writing = seconds(t);
  await store.close();

  const replay = await replayRows(written, path.join(scratch, 'replay.db'));
  const result = { date: new Date().toISOString(), node: process.version, cpu: os.cpus()[0]?.model, cpus: os.cpus().length, batch, documents: records.length, reading, writing, replay };
  console.log(JSON.stringify(result, null, 2));
  console.log(`\n| part | s |\n|---|---|`);
  console.log(`| reading (parse, convert, validate) | ${reading.toFixed(2)} |`);
  console.log(`| writing through the store | ${writing.toFixed(2)} |`);
  for (const [part, s] of Object.entries(replay)) console.log(`| SQLite alone: ${part} | ${s.toFixed(2)} |`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

/** Replays the rows of `from` into a fresh store file `to`; seconds per kind of row. */
function replayRows(from, to) {
  const src = new Database(from, { readonly: true });
  const docs = src.prepare('SELECT * FROM documents ORDER BY rowid').all();
  const grouped = (sql) => {
    const byDoc = new Map();
    for (const row of src.prepare(sql).all()) {
      if (!byDoc.has(row.doc)) byDoc.set(row.doc, []);
      byDoc.get(row.doc).push(row);
    }
    return byDoc;
  };
  const links = grouped('SELECT * FROM document_links');
  const facets = grouped('SELECT * FROM document_facets');
  const columns = SEARCH_COLUMNS.join(', ');
  const text = new Map(src.prepare(`SELECT doc, ${columns} FROM documents_text`).raw().all().map((r) => [r[0], r]));
  src.close();

  // The schema comes from the store itself; people, places and collections are not replayed.
  return openStore(to).then(async (store) => {
    await store.close();
    const db = new Database(to);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('wal_autocheckpoint = 10000'); // as the store sets it (src/store/sqlite/index.ts)
    db.pragma('foreign_keys = OFF');
    const marks = SEARCH_COLUMNS.map(() => '?').join(', ');
    const s = {
      documents: db.prepare(`INSERT INTO documents (rowid, id, source_id, title, type, date_start, date_end, status, public_from, uploaded_at, created_at, updated_at, checksum, data)
        VALUES (@rowid, @id, @source_id, @title, @type, @date_start, @date_end, @status, @public_from, @uploaded_at, @created_at, @updated_at, @checksum, @data)`),
      links: db.prepare('INSERT INTO document_links (doc, role, target, position) VALUES (@doc, @role, @target, @position)'),
      facets: db.prepare('INSERT INTO document_facets (doc, facet, key, value, folded) VALUES (@doc, @facet, @key, @value, @folded)'),
      text: db.prepare(`INSERT INTO documents_text (doc, ${columns}) VALUES (?, ${marks})`),
      'stemmed index': db.prepare(`INSERT INTO documents_fts (rowid, ${columns}) VALUES (?, ${marks})`),
      'exact index': db.prepare(`INSERT INTO documents_exact (rowid, ${columns}) VALUES (?, ${marks})`),
    };
    const time = { documents: 0, links: 0, facets: 0, text: 0, 'stemmed index': 0, 'exact index': 0, commits: 0 };
    const timed = (part, run) => {
      const t0 = performance.now();
      run();
      time[part] += (performance.now() - t0) / 1000;
    };
    for (let i = 0; i < docs.length; i += batch) {
      db.exec('BEGIN IMMEDIATE');
      for (const doc of docs.slice(i, i + batch)) {
        timed('documents', () => s.documents.run(doc));
        timed('links', () => (links.get(doc.rowid) ?? []).forEach((r) => s.links.run(r)));
        timed('facets', () => (facets.get(doc.rowid) ?? []).forEach((r) => s.facets.run(r)));
        timed('text', () => s.text.run(...text.get(doc.rowid)));
        const folded = text.get(doc.rowid).map((v) => (typeof v === 'string' ? foldLetters(v) : v));
        timed('stemmed index', () => s['stemmed index'].run(...folded));
        timed('exact index', () => s['exact index'].run(...folded));
      }
      timed('commits', () => db.exec('COMMIT'));
    }
    db.close();
    return time;
  });
}
