import type { FormatName, SourceFormat } from './format.js';
import { jsonFormat } from './json/index.js';
import { markdownFormat } from './markdown/index.js';
import { textFormat } from './text/index.js';

/**
 * Every available format, in sniff order: `auto` asks each in turn and takes the first that
 * claims a file, so a more specific format must come before the one it refines (CMIF before
 * TEI, since a CMIF file is TEI). Adding a format is one import and one line here.
 */
const FORMATS: readonly SourceFormat[] = [
  // cmifFormat,  — before tei
  // teiFormat,
  // csvFormat,
  markdownFormat,
  jsonFormat,
  // pdfFormat,
  textFormat, // last: it claims any .txt
];

export function registeredFormats(): readonly SourceFormat[] {
  return FORMATS;
}

export function formatFor(name: FormatName): SourceFormat | undefined {
  return FORMATS.find((format) => format.name === name);
}

/** The first format that claims the file, judged from its path and first few kilobytes. */
export function detectFormat(path: string, head: string): SourceFormat | undefined {
  return FORMATS.find((format) => format.sniff(path, head));
}
