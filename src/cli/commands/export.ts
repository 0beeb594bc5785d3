import { writeJsonExport } from '../../export/json.js';
import { openStore, resolveDbSetting } from '../../store/open.js';
import { PUBLIC } from '../../store/types.js';
import { CliUsageError, parseCommandArgs, writeOut } from '../args.js';

export async function runExport(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { format: { type: 'string' } });
  const format = values.format ?? 'json';
  const out = positionals[0];
  if (!out || positionals.length > 1) throw new CliUsageError('export needs exactly one output file: archivum export --format json OUT');
  if (format !== 'json') {
    throw new CliUsageError(`export --format ${format} is not available in this version; --format json is (csv, tei and cmif are planned)`);
  }
  const store = await openStore(resolveDbSetting(values.db));
  try {
    const started = Date.now();
    const { documents } = await writeJsonExport(store, PUBLIC, out);
    await writeOut(process.stdout, `exported ${documents} documents to ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    return 0;
  } finally {
    await store.close();
  }
}
