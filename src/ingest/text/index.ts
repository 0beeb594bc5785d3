import { buildIngestRecord, RecordValidationError } from '../../domain/index.js';
import { normalizeNewlines, readUtf8File } from '../encoding.js';
import { fileId, hasExtension } from '../files.js';
import type { ReadOptions, RecordOutcome, SourceFormat } from '../format.js';
import { declaresXml } from '../xml/sniff.js';

const MAX_TITLE = 200;

/**
 * A plain `.txt` file is one undated document: the first non-empty line is the title, the rest
 * the text. Only the extension identifies it, since any bytes could be "plain text"; so an
 * extensionless file (a LICENSE, a Makefile) is never taken for text. A `.txt` that declares
 * itself XML, or has a TEI root, is not claimed: stored as text it became a document titled
 * `<?xml version="1.0" …`. TEI goes to the TEI readers, other XML is refused with its root element
 * named (`--format text` still reads it as text). A text that merely opens with a bracketed word
 * (`<illegible>`) is text. JSON and front matter are claimed by their formats, which come first.
 */
export const textFormat: SourceFormat = {
  name: 'text',
  oneRecordPerFile: true,
  sniff: (path, head) => hasExtension(path, ['.txt']) && !declaresXml(head),
  async *read(path: string, options: ReadOptions): AsyncIterable<RecordOutcome> {
    yield await readTextFile(path, options);
  },
};

export async function readTextFile(path: string, options: ReadOptions = {}): Promise<RecordOutcome> {
  const source = normalizeNewlines(await readUtf8File(path));
  const id = fileId(path);
  const label = id || path;
  // The first non-blank line, found without splitting the file into lines: a file of millions
  // of short lines would cost a string each (a 6 MB file of them overran the reader's heap).
  const firstVisible = source.search(/\S/);
  if (firstVisible === -1) return { ok: false, label, reason: 'the file is empty: no line to take the title from' };
  const lineStart = source.lastIndexOf('\n', firstVisible) + 1;
  const newline = source.indexOf('\n', firstVisible);
  const lineEnd = newline === -1 ? source.length : newline;
  const firstLine = source.slice(lineStart, lineEnd).trim();
  const title = shortenTitle(firstLine);
  // A title that had to be shortened keeps its full line in the text, so nothing is lost.
  const rest = title === firstLine ? source.slice(lineEnd + 1) : source.slice(lineStart);
  const text = rest.replace(/^(?:[ \t]*\n)+/, '').trimEnd();
  try {
    const record = buildIngestRecord(
      { title, ...(text ? { text } : {}) },
      { fallbackId: id || undefined, extraCollection: options.collection },
    );
    record.document.sourceId = `text:${record.document.id}`;
    return { ok: true, record, label: record.document.id };
  } catch (error) {
    if (error instanceof RecordValidationError) return { ok: false, label, reason: error.message };
    throw error;
  }
}

/** A line as a title: up to 200 characters, cut at a word where it can be, with an ellipsis. */
export function shortenTitle(line: string): string {
  if ([...line].length <= MAX_TITLE) return line;
  const cut = [...line].slice(0, MAX_TITLE - 1).join('');
  const atWord = cut.replace(/\s+\S*$/, '');
  return `${atWord.length > MAX_TITLE / 2 ? atWord : cut}…`;
}
