import type { ArchiveStore } from './types.js';
import { openSqliteStore } from './sqlite/index.js';
import { openPostgresStore } from './postgres/index.js';

export const DEFAULT_DB = './archivum.db';

/**
 * `--db`, else ARCHIVUM_DB, else ./archivum.db (CONTRACT.md "Store selection"). An empty
 * ARCHIVUM_DB (`ARCHIVUM_DB= archivum …`) counts as unset, as shells mean it: an empty path would
 * open a throwaway temporary SQLite store.
 */
export function resolveDbSetting(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.ARCHIVUM_DB?.trim() ? env.ARCHIVUM_DB : undefined;
  return flag ?? fromEnv ?? DEFAULT_DB;
}

export function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//i.test(value);
}

export async function openStore(value: string): Promise<ArchiveStore> {
  if (isPostgresUrl(value)) {
    return openPostgresStore(value);
  }
  return openSqliteStore(value);
}
