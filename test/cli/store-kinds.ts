import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openPostgresStore } from '../../src/store/postgres/index.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import type { ArchiveStore } from '../../src/store/types.js';
import { createDatabase } from '../store/pg-database.js';

/** A store the CLI tests run against, named as `--db` names it. */
export interface StoreKind {
  name: 'sqlite' | 'postgres';
  /** A new, empty store: a SQLite file path in `dir`, or a fresh PostgreSQL database. */
  fresh(dir: string, name: string): Promise<string>;
  open(db: string): Promise<ArchiveStore>;
  /** Documents stored so far, read over a connection of its own (0 before the schema exists). */
  count(db: string): Promise<number>;
}

const databases: { drop(): Promise<void> }[] = [];

export const STORE_KINDS: StoreKind[] = [
  {
    name: 'sqlite',
    fresh: async (dir, name) => path.join(dir, `${name}.db`),
    open: async (db) => openSqliteStore(db),
    async count(db) {
      if (!fs.existsSync(db)) return 0;
      const reader = new Database(db, { readonly: true, fileMustExist: true });
      try {
        return reader.prepare('SELECT count(*) FROM documents').pluck().get() as number;
      } catch {
        return 0;
      } finally {
        reader.close();
      }
    },
  },
  {
    name: 'postgres',
    async fresh() {
      const db = await createDatabase();
      databases.push(db);
      return db.url;
    },
    open: (db) => openPostgresStore(db),
    async count(db) {
      const client = new pg.Client({ connectionString: db });
      await client.connect();
      try {
        return Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM documents')).rows[0]!.n);
      } catch {
        return 0;
      } finally {
        await client.end();
      }
    },
  },
];

/** Drops every PostgreSQL database `fresh` made (a suite's `after`). */
export async function dropFreshDatabases(): Promise<void> {
  await Promise.all(databases.splice(0).map((d) => d.drop()));
}
