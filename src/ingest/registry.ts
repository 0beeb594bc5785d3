import { cmifFormat } from './cmif/index.js';
import { csvFormat, mappedJsonFormat, mappedJsonFormatWith } from './csv/index.js';
import type { FormatName, SourceFormat } from './format.js';
import { jsonFormat } from './json/index.js';
import { markdownFormat } from './markdown/index.js';
import { frusCatalogueFormat, frusFormat } from './tei-frus/index.js';
import { teiLetterFormat } from './tei-letter/index.js';
import { pdfFormat } from './pdf/index.js';
import { textFormat } from './text/index.js';
import { looksLikeTei, looksLikeXml, rootElement } from './xml/sniff.js';

/**
 * Every available format, in sniff order: `auto` asks each in turn and takes the first that
 * claims a file, so a more specific format must come before the one it refines (CMIF before
 * TEI letters, since a CMIF file is TEI with letters; mapped JSON records before our own JSON).
 * Formats claim by content first where content tells (XML, JSON, front matter, `%PDF-`), so a
 * file's name decides only when its content does not; the XML formats come first because TEI
 * content is unambiguous, whatever the file is called. Adding a format is one import and one
 * line here.
 */
const FORMATS: readonly SourceFormat[] = [
  cmifFormat,
  teiLetterFormat,
  frusFormat,
  frusCatalogueFormat,
  csvFormat,
  markdownFormat,
  mappedJsonFormat,
  jsonFormat,
  textFormat, // it claims any .txt
  pdfFormat, // last: by its %PDF- header it would claim a .txt or .md that starts so
];

export interface FormatOptions {
  /** `ingest --mapping FILE`: JSON record files are read through this mapping. */
  mappingFile?: string;
}

export function registeredFormats(options: FormatOptions = {}): readonly SourceFormat[] {
  if (!options.mappingFile) return FORMATS;
  // Before the format that finds a file's own or folder mapping: an explicit mapping wins.
  const mapped = mappedJsonFormatWith(options.mappingFile);
  const at = FORMATS.indexOf(mappedJsonFormat);
  return [...FORMATS.slice(0, at), mapped, ...FORMATS.slice(at)];
}

/**
 * The format `--format NAME` means for one file. Several formats share a name (FRUS volumes and
 * letter editions are both `tei`; mapped records and our export are both `json`): the first of
 * them that claims the file, else the first of them. `formats` comes from {@link registeredFormats}.
 */
export function formatFor(name: FormatName, path: string, head: string, formats: readonly SourceFormat[] = FORMATS): SourceFormat | undefined {
  const named = formats.filter((format) => format.name === name);
  return named.find((format) => format.sniff(path, head)) ?? named[0];
}

export function isFormatAvailable(name: FormatName): boolean {
  return FORMATS.some((format) => format.name === name);
}

/**
 * The first of `formats` (from {@link registeredFormats}) that claims the file, judged from its
 * path and first few kilobytes.
 */
export function detectFormat(path: string, head: string, formats: readonly SourceFormat[] = FORMATS): SourceFormat | undefined {
  return formats.find((format) => format.sniff(path, head)) ?? unclaimedTei(head, formats);
}

/**
 * TEI that no TEI format claims: cut off before its correspDesc, or broken where sniffing does not
 * look. It goes to the TEI reader `--format tei` would use, which names the line and column of
 * what is wrong; "unrecognized format" would hide that. Only the head is looked at, as for every
 * format: telling a broken file from a whole one would mean parsing it.
 */
function unclaimedTei(head: string, formats: readonly SourceFormat[]): SourceFormat | undefined {
  return looksLikeTei(head) ? formats.find((format) => format.name === 'tei') : undefined;
}

/**
 * Why no format reads a file that {@link detectFormat} found none for, judged from its head. XML
 * is said to be XML, with its root element, so that an RSS feed or a FRUS catalogue record is not
 * mistaken for a file the archive should have known.
 */
export function unrecognizedReason(head: string): string {
  if (!looksLikeXml(head)) return 'unrecognized format';
  const root = rootElement(head);
  if (root === undefined) return 'XML, but no root element where its prolog ends: no importer reads it';
  return `XML, but not TEI (root element <${root}>): no importer reads it`;
}
