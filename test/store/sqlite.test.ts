import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import os from 'node:os';
import path from 'node:path';
import { buildIngestRecord } from '../../src/domain/index.js';
import { parseSearchParams } from '../../src/search/params.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { PUBLIC } from '../../src/store/types.js';
import { describeBrowseContract } from './browse-contract.js';
import { describeStoreContract } from './contract.js';

describeStoreContract('SQLite', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archivum-sqlite-'));
  const store = openSqliteStore(path.join(dir, 'archive.db'));
  return {
    store,
    async cleanup() {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});

describeBrowseContract('SQLite', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archivum-sqlite-browse-'));
  const store = openSqliteStore(path.join(dir, 'archive.db'));
  return { store, cleanup: async () => { await store.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
});

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
