import type { Pool, PoolClient } from 'pg';

/** Anything queries run on: the pool, or one client holding a transaction. */
export type Db = Pool | PoolClient;

/**
 * Collects query parameters and hands out their `$n` placeholders, so SQL fragments built in
 * different places (scope, visibility, keyset) compose without anyone counting positions, and
 * no value is ever spliced into SQL text.
 */
export class Params {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * Runs `read` on one client inside a REPEATABLE READ READ ONLY transaction: all its queries see
 * one snapshot, so a write or a restore committed meanwhile cannot split them (a page of hits
 * whose document has just gone, a total that disagrees with the facets).
 */
export async function inSnapshot<T>(pool: Pool, read: (db: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      const result = await read(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  } finally {
    client.release();
  }
}
