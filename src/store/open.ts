import type { ArchiveStore } from './types.js';
import { openSqliteStore } from './sqlite/index.js';
import { openPostgresStore } from './postgres/index.js';

export const DEFAULT_DB = './archivum.db';

/** `--db`, else ARCHIVUM_DB, else ./archivum.db (CONTRACT.md "Store selection"). */
export function resolveDbSetting(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag ?? env.ARCHIVUM_DB ?? DEFAULT_DB;
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
