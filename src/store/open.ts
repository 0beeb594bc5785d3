import type { ArchiveStore, TransferProgress } from './types.js';
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

/**
 * Opens (and upgrades) the archive. `upgrade` hears of an upgrade that goes through every
 * document again (a schema step that derives the search index anew).
 */
export async function openStore(value: string, upgrade: TransferProgress = {}): Promise<ArchiveStore> {
  if (isPostgresUrl(value)) {
    return openPostgresStore(value, upgrade);
  }
  return openSqliteStore(value, upgrade);
}
