import { open } from 'node:fs/promises';
import { getDocument, PDFDataRangeTransport } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { MAX_ELEMENTS_PER_RECORD } from '../format.js';

/**
 * What a PDF holds for the archive: its title as set in the file, and each page's lines of text,
 * with an empty line where a wider gap than between its lines parts two paragraphs.
 */
export interface PdfText {
  title?: string;
  pages: string[][];
}

/** What this reads of pdf.js's text items: a run of text, where it sits, and whether a line ends after it. */
interface TextRun {
  str: string;
  hasEOL: boolean;
  transform: number[];
}

/** A gap this many times the page's usual line spacing parts paragraphs. */
const PARAGRAPH_GAP = 1.6;
/** What pdf.js asks the file for at a time. */
const RANGE_BYTES = 64 * 1024;

/**
 * The text layer of a PDF file, read with Mozilla's pdf.js (the legacy build, for Node): nothing is
 * evaluated (isEvalSupported false), no font is loaded into the system, and nothing is fetched
 * but the parts of the file it asks for. Given the whole file at once, pdf.js copied it (a 60 MB
 * scan peaked at 337 MB); asked for in ranges, it skips what text does not need, the images (261 MB).
 */
export async function extractPdfText(path: string, length: number): Promise<PdfText> {
  const file = await open(path, 'r');
  const ranges = new FileRanges(length, (begin, end) => {
    const chunk = new Uint8Array(end - begin);
    return file.read(chunk, 0, chunk.length, begin).then(() => chunk);
  });
  const task = getDocument({
    range: ranges,
    length,
    rangeChunkSize: RANGE_BYTES,
    disableAutoFetch: true,
    disableStream: true,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  try {
    const doc = await task.promise;
    const { info } = await doc.getMetadata();
    const title = (info as { Title?: unknown }).Title;
    // Said before reading them: a file of 100,000 pages would take all its time to be refused.
    if (doc.numPages > MAX_ELEMENTS_PER_RECORD) throw new Error(`it has ${doc.numPages.toLocaleString('en')} pages; at most ${MAX_ELEMENTS_PER_RECORD.toLocaleString('en')} are read`);
    const pages: string[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      // Marked-content items (structure tags) carry no text.
      pages.push(pageLines(content.items.flatMap((item): TextRun[] => ('str' in item ? [item] : []))));
      page.cleanup();
    }
    return typeof title === 'string' ? { title, pages } : { pages };
  } finally {
    await task.destroy();
    await file.close();
  }
}

/** The file, a range at a time, as pdf.js asks for it. */
class FileRanges extends PDFDataRangeTransport {
  constructor(
    length: number,
    private readonly readRange: (begin: number, end: number) => Promise<Uint8Array>,
  ) {
    super(length, new Uint8Array(0));
  }

  override requestDataRange(begin: number, end: number): void {
    // A read that fails aborts the load, and the file fails with pdf.js's reason.
    this.readRange(begin, end).then((chunk) => this.onDataRange(begin, chunk), () => this.abort());
  }
}

function pageLines(items: TextRun[]): string[] {
  const lines: { text: string; y: number }[] = [];
  let line: string[] = [];
  let y = 0;
  for (const item of items) {
    if (line.length === 0) y = item.transform[5] ?? 0;
    line.push(item.str);
    if (item.hasEOL) {
      lines.push({ text: line.join(''), y });
      line = [];
    }
  }
  if (line.length) lines.push({ text: line.join(''), y });
  // PDFs draw paragraphs apart; they hold no blank lines. The usual step down from one line to
  // the next is the (lower) median; a step well beyond it is a paragraph's end.
  const steps = lines.slice(1).map((l, i) => lines[i]!.y - l.y).filter((step) => step > 0).sort((a, b) => a - b);
  const usual = steps[Math.floor((steps.length - 1) / 2)] ?? 0;
  const out: string[] = [];
  lines.forEach((l, i) => {
    if (i > 0 && usual > 0 && lines[i - 1]!.y - l.y > usual * PARAGRAPH_GAP) out.push('');
    out.push(l.text);
  });
  return out;
}
