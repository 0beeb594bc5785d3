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
  // Read to the end, so the transaction commits before the result is returned.
  const results: T[] = [];
  for await (const result of streamInSnapshot(pool, async function* (db) {
    yield await read(db);
  })) {
    results.push(result);
  }
  return results[0]!;
}

/** {@link inSnapshot} for a read that streams its rows (a dump): the snapshot lasts until the last row. */
export async function* streamInSnapshot<T>(pool: Pool, read: (db: PoolClient) => AsyncIterable<T>): AsyncGenerator<T> {
  const client = await pool.connect();
  let done = false;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    yield* read(client);
    await client.query('COMMIT');
    done = true;
  } finally {
    if (!done) await client.query('ROLLBACK').catch(() => {});
    client.release();
  }
}
