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
