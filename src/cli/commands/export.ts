import { DEFAULT_BASE_URL, EXPORT_FORMATS, type ExportFormat, writeExport } from '../../export/index.js';
import { baseUrlProblem } from '../../export/site.js';
import { openStore, resolveDbSetting } from '../../store/open.js';
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
  const format = values.format ?? 'json';
  const out = positionals[0];
  if (!out || positionals.length > 1) throw new CliUsageError(`export needs exactly one output file: ${USAGE}`);
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new CliUsageError(`export --format ${format} is not a format: use ${EXPORT_FORMATS.join(', ')}`);
  }
  const baseUrl = values['base-url'] ?? DEFAULT_BASE_URL;
  const problem = baseUrlProblem(baseUrl);
  if (problem) throw new CliUsageError(`--base-url: ${problem}`);
  if ((values.editor !== undefined || values.email !== undefined) && format !== 'cmif') {
    throw new CliUsageError('--editor and --email name who compiled a CMIF file: they go with --format cmif');
  }
  const store = await openStore(resolveDbSetting(values.db));
  try {
    const started = Date.now();
    const { documents } = await writeExport(format as ExportFormat, store, PUBLIC, out, {
      baseUrl,
      editor: values.editor,
      editorEmail: values.email,
    });
    const what = format === 'cmif' ? 'letters' : 'documents';
    await writeOut(process.stdout, `exported ${documents} ${what} to ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    return 0;
  } finally {
    await store.close();
  }
}
