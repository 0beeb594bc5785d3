import fs from 'node:fs';
import path from 'node:path';
import { ChecksumMismatchError, StoreNotEmptyError } from '../../store/errors.js';
import { isPostgresUrl } from '../../store/open.js';
import { openArchive } from './open-archive.js';
import { describeDigest, sameDigest, transferArchive } from '../../store/transfer.js';
import { STAFF } from '../../store/types.js';
import { CliUsageError, parseCommandArgs, writeOut } from '../args.js';
import { createCountProgress } from '../progress.js';
import { describeStore } from './store-names.js';

/**
 * `archivum migrate --from A --to B`: copies every row of one archive (any status) into an empty
 * one, either store to either store, and checks the copy (counts and checksum, inside the
 * target's transaction: a copy that differs is rolled back). Exit 0 when they match, 1 when they
 * do not, 2 when nothing could be done (target not empty, bad arguments).
 */
export async function runMigrate(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { from: { type: 'string' }, to: { type: 'string' } });
  if (positionals.length) throw new CliUsageError(`migrate takes no arguments besides --from and --to (got "${positionals.join(' ')}")`);
  const from = values.from;
  const to = values.to;
  if (!from || !to) throw new CliUsageError('migrate needs --from <sqlite-file|postgres-url> and --to <sqlite-file|postgres-url>');
  if (sameStore(from, to)) throw new CliUsageError('--from and --to name the same archive');
  if (!isPostgresUrl(from) && !fs.existsSync(from)) throw new CliUsageError(`--from: there is no archive at ${from}`);

  const source = await openArchive(from);
  try {
    const target = await openArchive(to);
    try {
      const progress = createCountProgress('copying', (await source.stats(STAFF)).documents);
      let result;
      try {
        result = await transferArchive(source, target, { onRow: (row) => row.kind === 'document' && progress.tick() });
      } catch (error) {
        progress.finish();
        if (error instanceof StoreNotEmptyError) {
          process.stderr.write(`archivum migrate: the target ${describeStore(to)} is not empty; migrate copies into an empty archive only. Nothing was written.\n`);
          return 2;
        }
        if (error instanceof ChecksumMismatchError) {
          process.stderr.write(`archivum migrate: ${error.message}\nThe copy was rolled back; the target is as it was.\n`);
          return 1;
        }
        throw error;
      }
      progress.finish();
      const match = sameDigest(result.source, result.target);
      const c = result.target.counts;
      await writeOut(
        process.stdout,
        [
          `migrated ${c.documents} documents, ${c.people} people, ${c.places} places, ${c.topics} topics, ${c.collections} collections from ${describeStore(from)} to ${describeStore(to)} in ${result.seconds.toFixed(1)} s`,
          `source: ${describeDigest(result.source)}`,
          `target: ${describeDigest(result.target)}`,
          match ? 'counts and checksums match' : 'MISMATCH: counts or checksums differ',
        ].join('\n') + '\n',
      );
      return match ? 0 : 1;
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

function sameStore(a: string, b: string): boolean {
  if (isPostgresUrl(a) || isPostgresUrl(b)) return a === b;
  const real = (p: string) => (fs.existsSync(p) ? fs.realpathSync(p) : path.resolve(p));
  return real(a) === real(b);
}
