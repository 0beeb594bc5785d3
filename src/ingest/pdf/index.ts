import { stat } from 'node:fs/promises';
import { type Block, bodyText, buildIngestRecord, type Inline, RecordValidationError } from '../../domain/index.js';
import { fileId, hasExtension } from '../files.js';
import { MAX_ELEMENTS_PER_RECORD, type ReadOptions, type RecordOutcome, type SourceFormat } from '../format.js';
import { readPdfText, type PdfText } from './text.js';
import { shortenTitle } from '../text/index.js';

/**
 * Larger files are refused: pdf.js keeps room for the whole file, whatever it reads of it (a
 * 63 MB scan with a text layer peaked at 283 MB).
 */
export const MAX_PDF_BYTES = 64 * 1024 * 1024;

/**
 * A PDF file is one undated document: its text layer, page by page, as the text (a page break
 * between pages, a line break at each line of the page). The title is the file's own title
 * (its document information) unless that is a word processor's placeholder, else the first line
 * of its text. A PDF without a text layer (a scan not yet OCRed) is refused: there is nothing to
 * read, search or cite in it.
 */
export const pdfFormat: SourceFormat = {
  name: 'pdf',
  oneRecordPerFile: true,
  binary: true,
  sniff: (path, head) => hasExtension(path, ['.pdf']) || head.startsWith('%PDF-'),
  async *read(path: string, options: ReadOptions): AsyncIterable<RecordOutcome> {
    yield await readPdfFile(path, options);
  },
};

export async function readPdfFile(path: string, options: ReadOptions = {}): Promise<RecordOutcome> {
  const id = fileId(path);
  const label = id || path;
  const { size } = await stat(path);
  if (size > MAX_PDF_BYTES) {
    return { ok: false, label, reason: `the PDF is ${(size / 1024 / 1024).toFixed(0)} MB; PDFs of up to ${MAX_PDF_BYTES / 1024 / 1024} MB are read` };
  }
  let pdf: PdfText;
  try {
    pdf = await readPdfText(path, size);
  } catch (error) {
    return { ok: false, label, reason: pdfErrorReason(error) };
  }
  const body = pdfBody(pdf.pages);
  if (body.length > MAX_ELEMENTS_PER_RECORD) {
    return { ok: false, label, reason: `the text has more than ${MAX_ELEMENTS_PER_RECORD.toLocaleString('en')} paragraphs and pages; refused` };
  }
  const text = bodyText(body);
  if (text === '') {
    return { ok: false, label, reason: `no text layer on its ${pdf.pages.length === 1 ? 'page' : `${pdf.pages.length} pages`} (a scan not yet OCRed?); nothing to read or search` };
  }
  const title = usableTitle(pdf.title) ?? shortenTitle(text.slice(0, text.search(/\n|$/)).trim());
  try {
    const record = buildIngestRecord({ title, text, body }, { fallbackId: id || undefined, extraCollection: options.collection });
    record.document.sourceId = `pdf:${record.document.id}`;
    return { ok: true, record, label: record.document.id };
  } catch (error) {
    if (error instanceof RecordValidationError) return { ok: false, label, reason: error.message };
    throw error;
  }
}

/**
 * The pages as blocks: a page break before each page of a document of several, and the page's
 * lines as paragraphs (a blank line ends one), each line kept on its own.
 */
function pdfBody(pages: string[][]): Block[] {
  const blocks: Block[] = [];
  pages.forEach((lines, i) => {
    if (pages.length > 1) blocks.push({ kind: 'pb', n: String(i + 1) });
    let paragraph: string[] = [];
    const close = (): void => {
      if (paragraph.length) blocks.push({ kind: 'p', children: paragraph.flatMap((line, j): Inline[] => (j ? [{ kind: 'lb' }, line] : [line])) });
      paragraph = [];
    };
    for (const line of lines) {
      if (line.trim() === '') close();
      else paragraph.push(line.trim());
    }
    close();
  });
  return blocks;
}

/** Word processors fill the title with the file they saved ("Microsoft Word - memo.doc") or "Untitled". */
function usableTitle(title: string | undefined): string | undefined {
  const trimmed = title?.replace(/\s+/g, ' ').trim();
  if (!trimmed || /^(?:untitled|microsoft (?:word|powerpoint|excel) - .*|.*\.(?:docx?|rtf|odt|pages|pdf|txt|tiff?|jpe?g|png))$/i.test(trimmed)) return undefined;
  return shortenTitle(trimmed);
}

function pdfErrorReason(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'PasswordException') return 'the PDF is protected by a password; Archivum cannot open it';
  if (name === 'InvalidPDFException') return `not a PDF that can be read (${message})`;
  return `the PDF cannot be read: ${message}`;
}
