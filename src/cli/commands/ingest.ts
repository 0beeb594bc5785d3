import { once } from 'node:events';
import { ingestPaths, formatSummary } from '../../ingest/driver.js';
import { FORMAT_NAMES, type FormatName } from '../../ingest/format.js';
import { createProgress } from '../../ingest/progress.js';
import { resolveDbSetting } from '../../store/open.js';
import { openArchive } from './open-archive.js';
import { CliUsageError, parseCommandArgs, terminalText, writeOut } from '../args.js';

export async function runIngest(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    format: { type: 'string' },
    collection: { type: 'string' },
    report: { type: 'string' },
    mapping: { type: 'string' },
  });
  if (positionals.length === 0) throw new CliUsageError('ingest needs at least one file or folder');
  const format = values.format ?? 'auto';
  if (format !== 'auto' && !FORMAT_NAMES.includes(format as FormatName)) {
    throw new CliUsageError(`--format must be auto or one of ${FORMAT_NAMES.join(', ')}`);
  }
  if (values.collection !== undefined && !/^[a-z0-9][a-z0-9._-]*$/.test(values.collection)) {
    throw new CliUsageError('--collection must be a slug: lower-case letters, digits, ".", "_" or "-"');
  }
  const store = await openArchive(resolveDbSetting(values.db));
  try {
    const summary = await ingestPaths(positionals, {
      store,
      format: format as FormatName | 'auto',
      progress: createProgress(),
      // Reasons quote what the files hold, and file names are anyone's: printed, not obeyed.
      // Waits for a pipe to drain: five million failures told into `| tee log` were held in
      // memory (1.9 GB) as fast as they came.
      errors: { write: (text: string) => (process.stderr.write(terminalText(text)) ? undefined : once(process.stderr, 'drain')) },
      ...(values.collection ? { collection: values.collection } : {}),
      ...(values.report ? { reportFile: values.report } : {}),
      ...(values.mapping ? { mappingFile: values.mapping } : {}),
    });
    await writeOut(process.stdout, formatSummary(summary) + '\n');
    if (summary.failed === 0) return 0;
    // Nothing landed and something failed: nothing could be done (exit 2); else some failed (1).
    return summary.new + summary.updated + summary.unchanged === 0 ? 2 : 1;
  } finally {
    await store.close();
  }
}
