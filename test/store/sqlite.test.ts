import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { once } from 'node:events';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { buildIngestRecord } from '../../src/domain/index.js';
import { parseSearchParams } from '../../src/search/params.js';
import { buildIndexEntry, SEARCH_COLUMNS } from '../../src/store/index-entry.js';
import { archiveProblems } from '../../src/store/sqlite/backup.js';
import { clearArchive } from '../../src/store/sqlite/dump.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { PUBLIC } from '../../src/store/types.js';
import { describeBrowseContract } from './browse-contract.js';
import { describeStoreContract, type StoreHarness } from './contract.js';

const require = createRequire(import.meta.url);

/** A fresh SQLite archive in a temporary folder. */
async function freshSqliteStore(): Promise<StoreHarness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archivum-sqlite-'));
  const file = path.join(dir, 'archive.db');
  const store = openSqliteStore(file);
  return {
    store,
    async cleanup() {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
    deleteAllAfterNextQuery() {
      // Every query of a search is a statement prepared for it: the next one prepared deletes,
      // through a connection of its own, once it has run to the end (all or get).
      const db = store.db;
      const prepare = db.prepare;
      let done = false;
      db.prepare = ((source: string) => {
        db.prepare = prepare;
        const statement = prepare.call(db, source);
        for (const method of ['all', 'get'] as const) {
          const run = statement[method] as (...args: unknown[]) => unknown;
          (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
            const result = run.apply(statement, args);
            if (done) return result;
            done = true;
            const other = new Database(file);
            try {
              other.transaction(() => clearArchive(other))();
            } finally {
              other.close();
            }
            return result;
          };
        }
        return statement;
      }) as typeof prepare;
    },
  };
}

/** Runs `use` with the path of an archive file in a fresh temporary folder, removed afterwards. */
async function withArchiveFile(use: (file: string) => Promise<void>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archivum-sqlite-file-'));
  try {
    await use(path.join(dir, 'archive.db'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describeStoreContract('SQLite', freshSqliteStore);
describeBrowseContract('SQLite', freshSqliteStore);

describe('SQLite facet counts held in memory stay true to the file', () => {
  it('after this connection writes, and after another connection writes to the same file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archivum-sqlite-facets-'));
    const file = path.join(dir, 'archive.db');
    const serving = openSqliteStore(file);
    const other = openSqliteStore(file);
    const facets = async () => (await serving.search(parseSearchParams(new URLSearchParams('facetLimit=100')), PUBLIC)).facets;
    try {
      await serving.upsertRecords([buildIngestRecord({ id: 'one', title: 'One', type: 'Letter', authors: [{ id: 'ann', name: 'Ann' }] })]);
      assert.deepEqual((await facets()).type, [{ value: 'Letter', count: 1 }]);
      // This connection rewrites the document: its values are read again.
      await serving.upsertRecord(buildIngestRecord({ id: 'one', title: 'One', type: 'Memorandum', authors: [{ id: 'ann', name: 'Ann' }] }));
      assert.deepEqual((await facets()).type, [{ value: 'Memorandum', count: 1 }]);
      // Another connection (another process, for SQLite the same) adds one: seen at once.
      await other.upsertRecord(buildIngestRecord({ id: 'two', title: 'Two', type: 'Telegram', authors: [{ id: 'bob', name: 'Bob' }] }));
      const after = await facets();
      assert.deepEqual(after.type, [{ value: 'Memorandum', count: 1 }, { value: 'Telegram', count: 1 }]);
      assert.deepEqual(after.author.map((a) => a.id), ['ann', 'bob']);
      // A draft written meanwhile is not counted: the rows counted are the query's, visibility included.
      await serving.upsertRecord(buildIngestRecord({ id: 'three', title: 'Three', type: 'Note', status: 'draft' }));
      assert.deepEqual((await facets()).type.map((t) => t.value), ['Memorandum', 'Telegram']);
    } finally {
      await Promise.all([serving.close(), other.close()]);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SQLite schemas 4 to 7: an archive of schema 3 is indexed again, letters folded, and its numbered documents ordered, on open', () => {
  it('finds "dass" in a letter that writes "daß", "Wladyslaw" for "Władysław", and cuts snippets from the text as written', async () => {
    const columns = SEARCH_COLUMNS.join(', ');
    await withArchiveFile(async (file) => {
      const store = openSqliteStore(file);
      await store.upsertRecord(
        buildIngestRecord({ id: 'brief', title: 'Brief', text: 'Ich höre, daß er in der Bösendorferstraße wohnt.', people: [{ id: 'gomulka', name: 'Władysław Gomułka' }] }),
      );
      for (const [id, number] of [['vol-d10', '10'], ['vol-d9', '9']]) {
        await store.upsertRecord(buildIngestRecord({ id: id!, title: id!, number, date: `1963-01-${number!.padStart(2, '0')}`, collections: [{ slug: 'vol', title: 'Vol' }] }));
      }
      await store.close();
      // As schema 3 left it: the stemmed index holds its own text, and every index the letters as written.
      const db = new Database(file);
      db.exec(`DROP TABLE documents_fts;
        CREATE VIRTUAL TABLE documents_fts USING fts5 (${columns}, tokenize = 'porter unicode61 remove_diacritics 2');
        INSERT INTO documents_fts (rowid, ${columns}) SELECT doc, ${columns} FROM documents_text;
        DROP TABLE documents_text;
        INSERT INTO documents_exact (documents_exact) VALUES ('delete-all');
        INSERT INTO documents_exact (rowid, ${columns}) SELECT rowid, ${columns} FROM documents_fts;
        UPDATE entity_names SET names = 'Władysław Gomułka';
        ALTER TABLE documents DROP COLUMN edition_number;
        ALTER TABLE documents DROP COLUMN edition_slug;
        DROP TABLE withdrawals;
        DROP INDEX documents_by_datestamp;
        ALTER TABLE documents DROP COLUMN datestamp;
        DROP TABLE users;
        DROP TABLE withheld_descriptions;
        DROP TABLE archive_secrets;
        ALTER TABLE collections DROP COLUMN sections;
        PRAGMA user_version = 3;`);
      assert.equal(db.prepare("SELECT count(*) FROM documents_exact WHERE documents_exact MATCH 'dass'").pluck().get(), 0);
      db.close();

      const reopened = openSqliteStore(file);
      try {
        assert.equal(reopened.schemaVersion, 10);
        // Schema 6 keeps the identifiers the public lost: none yet.
        assert.equal(reopened.db.prepare('SELECT count(*) FROM withdrawals').pluck().get(), 0);
        // Schema 5 reads each document's number into its columns: the volume lists d9 before d10.
        assert.deepEqual((await reopened.getCollection('vol', PUBLIC))?.documents.map((d) => d.id), ['vol-d9', 'vol-d10']);
        const search = (q: string) => reopened.search(parseSearchParams(new URLSearchParams({ q })), PUBLIC);
        for (const q of ['dass', '"dass er"', 'bosendorferstrasse', 'person:Wladyslaw']) assert.deepEqual((await search(q)).hits.map((h) => h.id), ['brief'], q);
        assert.match((await search('dass')).hits[0]!.snippet, /<mark>daß<\/mark> er in der Bösendorferstraße/);
        assert.deepEqual(archiveProblems(reopened.db), []);
        // The stemmed index emptied while its text stays: FTS5's own check passes, ours does not.
        reopened.db.prepare("INSERT INTO documents_fts (documents_fts) VALUES ('delete-all')").run();
        assert.deepEqual(archiveProblems(reopened.db), ['documents_fts holds 3 rows fewer than there are documents']);
      } finally {
        await reopened.close();
      }
    });
  });
});

describe('SQLite schema 9: the full-text rows of an archive written before are derived again on open', () => {
  it('a source note printed as note 1, indexed in the notes column twice before, is indexed once', async () => {
    const columns = SEARCH_COLUMNS.join(', ');
    const source = 'Source: Department of State, Central Files, 611.3722. Top Secret.';
    const record = buildIngestRecord({
      id: 'vol-d1',
      title: 'Telegram From the Embassy in Havana',
      type: 'Telegram',
      date: '1961-05-01',
      text: 'The Ambassador called on the Minister.',
      source: { reference: source },
      classification: 'Top Secret',
      footnotes: [{ n: '1', text: source }],
    });
    await withArchiveFile(async (file) => {
      const store = openSqliteStore(file);
      await store.upsertRecord(record);
      const facetsOf = (db: Database.Database) => db.prepare('SELECT facet, key, value, folded FROM document_facets ORDER BY facet, key').all();
      const facets = facetsOf(store.db);
      assert.equal(facets.length, 3);
      await store.close();
      // As schema 8 left it: the notes column held the reference, the classification and the note.
      // (And facets as some older derivation gave them, which the upgrade derives again too.)
      const db = new Database(file);
      const doubled = [source, 'Top Secret', source].join('\n');
      const cols = SEARCH_COLUMNS.map((c) => (c === 'notes' ? '?' : c)).join(', ');
      db.transaction(() => {
        db.prepare(`INSERT INTO documents_fts (documents_fts, rowid, ${columns}) SELECT 'delete', doc, ${columns} FROM documents_text`).run();
        db.prepare('DELETE FROM documents_exact').run();
        db.prepare('UPDATE documents_text SET notes = ?').run(doubled);
        for (const index of ['documents_fts', 'documents_exact']) db.prepare(`INSERT INTO ${index} (rowid, ${columns}) SELECT doc, ${cols} FROM documents_text`).run(doubled);
        db.prepare("UPDATE document_facets SET value = 'stale'").run();
        db.exec('ALTER TABLE collections DROP COLUMN sections');
        db.pragma('user_version = 8');
      })();
      db.exec("CREATE VIRTUAL TABLE temp.fts_terms USING fts5vocab (main, 'documents_fts', 'instance')");
      assert.equal(db.prepare("SELECT count(*) FROM temp.fts_terms WHERE term = 'central' AND col = 'notes'").pluck().get(), 2);
      assert.equal(db.prepare("SELECT sum(cnt) FROM documents_exact_vocab WHERE term = 'central'").pluck().get(), 2);
      db.close();

      const reopened = openSqliteStore(file);
      try {
        assert.equal(reopened.schemaVersion, 10);
        assert.deepEqual(facetsOf(reopened.db), facets);
        const notes = reopened.db.prepare('SELECT notes FROM documents_text').pluck().get();
        assert.equal(notes, buildIndexEntry(record.document, { people: new Map(), places: new Map(), topics: new Map(), collections: new Map() }).columns.notes);
        assert.equal(notes, source);
        // Both indexes hold the note's words once, and find the document by them.
        reopened.db.exec("CREATE VIRTUAL TABLE temp.fts_terms USING fts5vocab (main, 'documents_fts', 'instance')");
        assert.equal(reopened.db.prepare("SELECT count(*) FROM temp.fts_terms WHERE term = 'central' AND col = 'notes'").pluck().get(), 1);
        assert.equal(reopened.db.prepare("SELECT sum(cnt) FROM documents_exact_vocab WHERE term = 'central'").pluck().get(), 1);
        const search = (q: string) => reopened.search(parseSearchParams(new URLSearchParams({ q })), PUBLIC);
        for (const q of ['central files', '"Central Files"', 'ambassador']) assert.deepEqual((await search(q)).hits.map((h) => h.id), ['vol-d1'], q);
        assert.deepEqual(archiveProblems(reopened.db), []);
      } finally {
        await reopened.close();
      }
    });
  });
});

describe('SQLite upgrade by two processes at once', () => {
  it('the one that waited for the write lock, longer than a commit is waited for, finds the archive upgraded and does not upgrade it again', async () => {
    await withArchiveFile(async (file) => {
      const store = openSqliteStore(file);
      await store.upsertRecord(buildIngestRecord({ id: 'one', title: 'One', text: 'The Ambassador called.' }));
      const current = store.schemaVersion;
      store.db.pragma(`user_version = ${current - 1}`);
      await store.close();
      // Another process holds the write lock, finishes its upgrade and commits while this one
      // waits, for longer than the 5 s a store waits for a commit.
      const other = new Worker(
        `const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))});
         const { parentPort, workerData } = require('node:worker_threads');
         const db = new Database(workerData.file);
         db.exec('BEGIN IMMEDIATE');
         db.pragma('user_version = ' + workerData.version);
         parentPort.postMessage('locked');
         Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5500);
         db.exec('COMMIT');
         db.close();`,
        { eval: true, workerData: { file, version: current } },
      );
      await once(other, 'message');
      let upgradedAgain = false;
      const reopened = openSqliteStore(file, { onTotal: () => (upgradedAgain = true) });
      await once(other, 'exit');
      try {
        assert.equal(reopened.schemaVersion, current);
        assert.equal(upgradedAgain, false);
      } finally {
        await reopened.close();
      }
    });
  });
});
