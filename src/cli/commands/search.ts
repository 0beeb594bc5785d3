import fs from 'node:fs';
import { loadDemo } from '../../ingest/demo.js';
import { QuerySyntaxError } from '../../search/ast.js';
import { parseSearchParams } from '../../search/params.js';
import { searchResponseJson } from '../../search/response.js';
import { resolveDbSetting } from '../../store/open.js';
import { openArchive } from './open-archive.js';
import { PUBLIC } from '../../store/types.js';
import { CliUsageError, parseCommandArgs, positiveInt, terminalText, writeOut } from '../args.js';

export async function runSearch(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' }, limit: { type: 'string' } });
  const q = positionals.join(' ');
  const limit = Math.min(positiveInt(values.limit, 'limit', 20), 100);
  let request;
  try {
    request = parseSearchParams(new URLSearchParams({ q, size: String(limit) }));
  } catch (error) {
    if (error instanceof QuerySyntaxError) throw new CliUsageError(error.message);
    throw error;
  }
  const setting = resolveDbSetting(values.db);
  // Out of the box (no --db, no ARCHIVUM_DB, no ./archivum.db yet) the CLI reads the demo archive,
  // as `npm start` serves it; an archive someone chose or already has is never touched.
  const firstRunOnDefault = values.db === undefined && !process.env.ARCHIVUM_DB?.trim() && !fs.existsSync(setting);
  const store = await openArchive(setting);
  try {
    if (firstRunOnDefault) {
      await loadDemo(store);
      process.stderr.write(`created ${setting} with the demo collection\n`);
    }
    const result = await store.search(request, PUBLIC);
    if (values.json) {
      await writeOut(process.stdout, JSON.stringify(searchResponseJson(result), null, 2) + '\n');
      return 0;
    }
    const bold = process.stdout.isTTY ? ['\u001b[1m', '\u001b[22m'] : ['', ''];
    const lines = [`${result.total} ${result.total === 1 ? 'document' : 'documents'}${q ? ` for "${q}"` : ''}`];
    for (const hit of result.hits) {
      lines.push('', terminalText(`${hit.id}  ${hit.date.display}${hit.type ? `  ${hit.type}` : ''}`), `  ${terminalText(hit.title)}`);
      if (hit.snippet) lines.push(`  ${snippetToTerminal(hit.snippet, bold[0]!, bold[1]!)}`);
    }
    await writeOut(process.stdout, lines.join('\n') + '\n');
    return 0;
  } finally {
    await store.close();
  }
}

/** The snippet is HTML for the web; a terminal gets its text with matches in bold. */
function snippetToTerminal(html: string, on: string, off: string): string {
  return terminalText(html)
    .replace(/<mark>/g, on)
    .replace(/<\/mark>/g, off)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
