import pg from 'pg';

/**
 * Fresh databases on a real PostgreSQL server, one per suite or test, dropped afterwards (store
 * contracts, CLI transfer tests). ARCHIVUM_TEST_PG names the server (a role allowed to CREATE
 * DATABASE); an unreachable server fails the suite, it never skips: a green run means the store
 * was tested.
 */
export const ADMIN_URL = process.env.ARCHIVUM_TEST_PG ?? 'postgres://archivum:archivum@127.0.0.1/postgres';
let counter = 0;

/** A fresh, empty database; its URL and a way to drop it. */
export async function createDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `archivum_test_${process.pid}_${Date.now()}_${counter++}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL test server unreachable at ${ADMIN_URL.replace(/:[^:@/]*@/, ':***@')} (${error instanceof Error ? error.message : String(error)}). ` +
        'Start it and create the test role (see docs/postgres.md), or set ARCHIVUM_TEST_PG.',
    );
  }
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const drop = new pg.Client({ connectionString: ADMIN_URL });
      await drop.connect();
      try {
        // FORCE refuses when a backend of another role is connected (an autovacuum worker, which
        // this role may not signal): end this role's own sessions, then a plain DROP, which
        // waits out autovacuum itself; retried while a session is still going away.
        for (let attempt = 1; ; attempt++) {
          await drop.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND usename = current_user AND pid <> pg_backend_pid()', [name]);
          try {
            await drop.query(`DROP DATABASE IF EXISTS ${name}`);
            break;
          } catch (error) {
            if (attempt >= 20 || (error as { code?: string }).code !== '55006') throw error;
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        }
      } finally {
        await drop.end();
      }
    },
  };
}

