import fs from 'node:fs';
import { type BackupFormat, backupArchive, restoreArchive } from '../../store/backup.js';
import { BackupFileError, ChecksumMismatchError } from '../../store/errors.js';
import { isPostgresUrl, resolveDbSetting } from '../../store/open.js';
import { openArchive } from './open-archive.js';
import { describeDigest } from '../../store/transfer.js';
import { CliUsageError, parseCommandArgs, writeOut } from '../args.js';
import { type CountProgress, createCountProgress, silentCountProgress } from '../progress.js';
import { describeStore } from './store-names.js';

const FORMATS: readonly BackupFormat[] = ['sqlite', 'jsonl'];

/**
 * `archivum backup [--format sqlite|jsonl] FILE`: a consistent copy of the whole archive (every
 * status) while it is serving or ingesting, verified after writing. SQLite: by default a SQLite
 * file (online backup API); PostgreSQL: a gzip'd JSON-lines file from one REPEATABLE READ
 * snapshot. Exit 0 written and verified, 1 verification failed (FILE left as it was), 2 nothing
 * could be done.
 */
export async function runBackup(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { format: { type: 'string' } });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new CliUsageError('backup needs exactly one output file: archivum backup FILE');
  const format = values.format as BackupFormat | undefined;
  if (format !== undefined && !FORMATS.includes(format)) throw new CliUsageError(`--format must be ${FORMATS.join(' or ')}`);
  const setting = existingStore(values.db);
  const store = await openArchive(setting);
  let progress: CountProgress = silentCountProgress;
  try {
    const result = await backupArchive(store, file, {
      ...(format ? { format } : {}),
      onTotal: (n) => (progress = createCountProgress('backing up', n)),
      onDocument: () => progress.tick(),
    });
    progress.finish();
    await writeOut(
      process.stdout,
      `backed up ${describeStore(setting)} to ${file} (${formatLabel(result.format)}, ${store.kind} schema ${result.schema}) in ${result.seconds.toFixed(1)} s, verified: ${describeDigest(result.digest)}\n`,
    );
    return 0;
  } catch (error) {
    progress.finish();
    return failed('backup', error);
  } finally {
    await store.close();
  }
}

/**
 * `archivum restore FILE`: replaces the whole archive with a backup's (either format, either
 * store) in one transaction, checked before it commits; a server running against the store
 * answers from the old archive until then and from the restored one after.
 */
export async function runRestore(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {});
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new CliUsageError('restore needs exactly one backup file: archivum restore FILE');
  if (!fs.existsSync(file)) throw new CliUsageError(`${file} does not exist`);
  const setting = resolveDbSetting(values.db);
  const store = await openArchive(setting);
  let progress: CountProgress = silentCountProgress;
  try {
    const result = await restoreArchive(store, file, {
      onTotal: (n) => (progress = createCountProgress('restoring', n)),
      onDocument: () => progress.tick(),
    });
    progress.finish();
    await writeOut(
      process.stdout,
      `restored ${file} (${formatLabel(result.format)} from ${result.from.kind} schema ${result.from.schema}) into ${describeStore(setting)} in ${result.seconds.toFixed(1)} s, verified: ${describeDigest(result.digest)}\n`,
    );
    return 0;
  } catch (error) {
    progress.finish();
    return failed('restore', error);
  } finally {
    await store.close();
  }
}

/** --db as given, refusing a SQLite path with no archive (opening it would create an empty one). */
function existingStore(flag: string | undefined): string {
  const setting = resolveDbSetting(flag);
  if (!isPostgresUrl(setting) && !fs.existsSync(setting)) throw new CliUsageError(`there is no archive at ${setting}`);
  return setting;
}

function failed(command: string, error: unknown): number {
  if (error instanceof BackupFileError) {
    process.stderr.write(`archivum ${command}: ${error.message}\n`);
    return 2;
  }
  if (error instanceof ChecksumMismatchError) {
    process.stderr.write(`archivum ${command}: ${error.message}\n${command === 'restore' ? 'Nothing was restored; the archive is as it was.' : 'No backup was written.'}\n`);
    return 1;
  }
  throw error;
}

function formatLabel(format: BackupFormat): string {
  return format === 'sqlite' ? 'SQLite file' : "gzip'd JSON lines";
}
