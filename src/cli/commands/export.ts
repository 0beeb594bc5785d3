import { realpathSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DEFAULT_BASE_URL, isExportFormat, writeExport } from '../../export/index.js';
import { baseUrlProblem } from '../../export/site.js';
import { isPostgresUrl, resolveDbSetting } from '../../store/open.js';
import { openArchive } from './open-archive.js';
import { PUBLIC } from '../../store/types.js';
import { CliUsageError, parseCommandArgs, writeOut } from '../args.js';

const USAGE = 'archivum export --format json|csv|tei|cmif [--base-url URL] [--editor NAME] [--email ADDRESS] OUT';

export async function runExport(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    format: { type: 'string' },
    'base-url': { type: 'string' },
    editor: { type: 'string' },
    email: { type: 'string' },
  });
  const format = (values.format ?? 'json').toLowerCase();
  const out = positionals[0];
  if (!out || positionals.length > 1) throw new CliUsageError(`export needs exactly one output file: ${USAGE}`);
  if (!isExportFormat(format)) throw new CliUsageError(`export --format ${format} is not a format: use json, csv, tei or cmif`);
  const baseUrl = values['base-url'] ?? DEFAULT_BASE_URL;
  const problem = baseUrlProblem(baseUrl);
  if (problem) throw new CliUsageError(`--base-url: ${problem}`);
  if ((values.editor !== undefined || values.email !== undefined) && format !== 'cmif') {
    throw new CliUsageError('--editor and --email name who compiled a CMIF file: they go with --format cmif');
  }
  if (values.editor !== undefined && !values.editor.trim()) throw new CliUsageError('--editor needs a name');
  const db = resolveDbSetting(values.db);
  const outProblem = outputProblem(out, db);
  if (outProblem) throw new CliUsageError(outProblem);
  if (values['base-url'] === undefined && format !== 'json') {
    await writeOut(process.stderr, `note: links in ${out} point to ${DEFAULT_BASE_URL}; give --base-url with the address the archive is served at\n`);
  }
  const store = await openArchive(db);
  try {
    const started = Date.now();
    const { documents } = await writeExport(format, store, PUBLIC, out, { baseUrl, editor: values.editor, editorEmail: values.email });
    const what = format === 'cmif' ? 'letters' : 'documents';
    await writeOut(process.stdout, `exported ${documents} ${what} to ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    return 0;
  } finally {
    await store.close();
  }
}

/**
 * Why `out` cannot take the export, checked before any work: the file replaces `out` when
 * complete, so an `out` that is the archive itself (or its journal) would replace the archive,
 * and a folder or a missing folder would fail only at the end.
 */
function outputProblem(out: string, db: string): string | null {
  const target = resolve(out);
  let folder;
  try {
    folder = statSync(dirname(target));
  } catch {
    return `cannot write ${out}: the folder ${dirname(out)} does not exist`;
  }
  if (!folder.isDirectory()) return `cannot write ${out}: ${dirname(out)} is not a folder`;
  const existing = statSync(target, { throwIfNoEntry: false });
  if (existing && !existing.isFile()) return `cannot write ${out}: it is not a file`;
  if (!isPostgresUrl(db)) {
    const archive = realPath(db);
    const written = existing ? realPath(target) : target;
    if (['', '-wal', '-shm', '-journal'].some((suffix) => written === archive + suffix)) {
      return `cannot write ${out}: it is the archive itself (${db}); choose another file`;
    }
  }
  return null;
}

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}
