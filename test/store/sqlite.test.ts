import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
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
