import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { extname } from 'node:path';
import { fileVersion } from '../files.js';

/**
 * What the TEI importers need to know to tell their files apart without parsing them:
 *
 * - CMIF: TEI whose correspDesc sit in the header and whose `<body>` is empty (`<p/>`).
 * - TEI letter (one letter per file): TEI with a correspDesc and a body with content.
 * - FRUS: TEI in the history.state.gov namespace; neither of the above claims it.
 *
 * A letter's correspDesc comes after a long header (5–12 KB into the Schnitzler files), and the
 * body is only visible at the end of the file, so when the driver's head is too short to decide,
 * this looks at up to {@link LOOK_AHEAD} bytes from the start and {@link LOOK_BACK} from the end.
 * Both reads are bounded, synchronous (sniff is synchronous) and happen only for TEI files.
 */
export interface TeiShape {
  tei: boolean;
  frus: boolean;
  correspDesc: boolean;
  /** True when the end of the file shows an empty `<body>`; false when it has content or is unseen. */
  emptyBody: boolean;
}

const LOOK_AHEAD = 64 * 1024;
const LOOK_BACK = 4 * 1024;

/**
 * Whether the head of a file is all XML prolog: a long comment (a licence) or document type
 * declaration, before the root element that holds what sniffers look for (the TEI namespace).
 * The driver then reads a longer head.
 */
export function isAllXmlProlog(head: string): boolean {
  const { end, sawProlog } = scanProlog(head);
  return end < 0 || (end >= head.length && sawProlog);
}

/**
 * Where the prolog of a head ends (the root element, or whatever else comes first), -1 when the
 * head is cut off inside it. One pass over the head: a declaration's internal subset is skipped
 * whole, brackets and quoted entity values ("<p>…") included.
 */
function scanProlog(head: string): { end: number; sawProlog: boolean } {
  let at = head.charCodeAt(0) === 0xfeff ? 1 : 0;
  let sawProlog = false;
  for (;;) {
    while (at < head.length && /\s/.test(head[at]!)) at++;
    if (at >= head.length) return { end: at, sawProlog };
    if (head.startsWith('<?', at)) at = endOf(head, '?>', at + 2);
    else if (head.startsWith('<!--', at)) at = endOf(head, '-->', at + 4);
    else if (head.startsWith('<!DOCTYPE', at)) at = endOfDoctype(head, at + 9);
    else return { end: at, sawProlog }; // the root element, or no XML
    if (at < 0) return { end: -1, sawProlog: true }; // cut off inside the prolog
    sawProlog = true;
  }
}

/**
 * Whether a file's content starts as XML, whatever its name: after an optional byte-order mark
 * and whitespace, a declaration, comment, DOCTYPE or start tag. A start tag must be one (`<rss>`,
 * `<TEI xmlns=…`), so a text that opens with `<john@example.org> wrote:` is not taken for XML.
 */
export function looksLikeXml(head: string): boolean {
  return /^\uFEFF?\s*<(?:\?xml|!--|!DOCTYPE|[\p{L}_:][\p{L}\p{N}_.:\u00B7-]*(?:\s|\/?>|$))/u.test(head);
}

/** The name of the root element as the head shows it (`tei:TEI`, `rss`), if it shows it. */
export function rootElement(head: string): string | undefined {
  return rootStartTag(head)?.name;
}

/** The root element's name and what follows it in its start tag (bounded), if the head shows them. */
function rootStartTag(head: string): { name: string; attributes: string } | undefined {
  const { end } = scanProlog(head);
  if (end < 0) return undefined;
  const match = /^<([\p{L}_:][\p{L}\p{N}_.:\u00B7-]*)(?=\s|\/?>|$)([^>]*)/u.exec(head.slice(end, end + MAX_START_TAG));
  return match ? { name: match[1]!, attributes: match[2]! } : undefined;
}

/** Far more than any root start tag needs (a TEI root with its namespaces and schema location). */
const MAX_START_TAG = 8 * 1024;

/**
 * Whether XML content is meant as TEI: its root element is `<TEI>` or `<teiCorpus>` (with a prefix
 * or without), or is in the TEI namespace. Only the root counts: the FRUS catalogue's `<volume>`
 * records quote TEI paragraphs (`<tei:p xmlns:tei=…>`) and are no TEI. Such a file that no format
 * claims (cut off before its correspDesc, broken where sniffing does not look) goes to the TEI
 * reader, which names what is wrong with it.
 */
export function looksLikeTei(head: string): boolean {
  if (!looksLikeXml(head)) return false;
  const root = rootStartTag(head);
  if (!root) return false;
  const colon = root.name.indexOf(':');
  if (/^(?:TEI|teiCorpus)$/.test(root.name.slice(colon + 1))) return true;
  // The declaration of the root's own prefix (or of the default namespace when it has none).
  const prefix = colon < 0 ? undefined : root.name.slice(0, colon);
  for (const [, declared, uri] of root.attributes.matchAll(/\sxmlns(?::([^\s=]+))?\s*=\s*["']([^"']*)["']/g)) {
    if (declared === prefix && uri === TEI_NAMESPACE) return true;
  }
  return false;
}

const TEI_NAMESPACE = 'http://www.tei-c.org/ns/1.0';

function endOf(text: string, close: string, from: number): number {
  const i = text.indexOf(close, from);
  return i < 0 ? -1 : i + close.length;
}

/** Past the `>` that ends a DOCTYPE, outside its `[…]` internal subset and quoted values; -1 if cut off. */
function endOfDoctype(text: string, from: number): number {
  let quote = '';
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '<' && (text.startsWith('<!--', i) || text.startsWith('<?', i))) {
      // A comment or processing instruction in the subset may hold a lone quote ("it's") or "]".
      const close = text.startsWith('<!--', i) ? '-->' : '?>';
      const end = text.indexOf(close, i + 2);
      if (end < 0) return -1;
      i = end + close.length - 1;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']') depth = Math.max(0, depth - 1);
    else if (c === '>' && depth === 0) return i + 1;
  }
  return -1;
}

export function isXmlPath(path: string): boolean {
  const ext = extname(path).toLowerCase();
  return ext === '.xml' || ext === '.tei';
}

/**
 * Whether a TEI format should look at a file: named `.xml`/`.tei`, or TEI by its root element
 * whatever its name (a letter copied to `letter.txt` or `letter.data`, or with no extension).
 * Looking like XML is not enough: a Markdown note that opens with an HTML comment and quotes a
 * TEI header further down is not TEI.
 */
export function mayBeXml(path: string, head: string): boolean {
  return isXmlPath(path) || looksLikeTei(head);
}

/**
 * Whether a file's head says it is XML beyond doubt: an XML declaration, or a TEI root. A plain
 * text may well open with a bracketed word (`<illegible>`, `<Letterhead: Ministry…>`), which
 * {@link looksLikeXml} alone would take for a start tag.
 */
export function declaresXml(head: string): boolean {
  return /^\uFEFF?\s*<\?xml[\s?]/.test(head) || looksLikeTei(head);
}

/**
 * The shape of a TEI file. The CMIF and TEI-letter sniffers both ask for each file, one after
 * the other: the last answer is kept, so the file's start, end and (for a long header) up to
 * 32 MB are read once, not twice.
 */
export function teiShape(path: string, head: string): TeiShape {
  const version = fileVersion(path);
  if (version !== undefined && lastShape?.path === path && lastShape.version === version && lastShape.head === head) return lastShape.shape;
  const shape = readTeiShape(path, head);
  lastShape = { path, version, head, shape };
  return shape;
}

let lastShape: { path: string; version: string | undefined; head: string; shape: TeiShape } | undefined;

function readTeiShape(path: string, head: string): TeiShape {
  const tei = /<TEI[\s>]/.test(head) && head.includes(TEI_NAMESPACE);
  const frus = head.includes('history.state.gov');
  if (!tei || frus) return { tei, frus, correspDesc: false, emptyBody: false };
  let start = head;
  if (!start.includes('<correspDesc') && !start.includes('</teiHeader>')) start = readSlice(path, 'start') ?? head;
  // A header may list hundreds of editions (bibl) before its first letter: look on through it.
  const correspDesc = start.includes('<correspDesc') || (!start.includes('</teiHeader>') && headerNames(path, '<correspDesc'));
  if (!correspDesc) return { tei, frus, correspDesc, emptyBody: false };
  const end = readSlice(path, 'end') ?? '';
  return { tei, frus, correspDesc, emptyBody: hasEmptyBody(end) };
}

/**
 * `<body/>`, or `<body>` holding nothing but whitespace, comments and empty `<p/>`/`<div/>`
 * (with attributes or without: `<p xml:lang="de"/>`), or no body at all in the file's end: a
 * header that describes letters without giving a text. A comment's text cannot contain `-->`,
 * so each comment matches one way only: with a lazy `[\s\S]*?` a body of k comments before
 * some text was tried 2^k ways (26 comments: 11 s).
 */
export function hasEmptyBody(xml: string): boolean {
  // The header ends within the file's last bytes and no body follows it (back matter after a
  // body can fill those bytes too, so a missing </body> alone says nothing).
  const headerEnd = xml.lastIndexOf('</teiHeader>');
  if (headerEnd >= 0 && !/<body[\s/>]/.test(xml.slice(headerEnd))) return true;
  return /<body(?:\s[^>]*)?\/>|<body(?:\s[^>]*)?>(?:\s|<!--(?:[^-]|-(?!->))*-->|<(?:p|div|ab)(?:\s[^>]*)?\/>|<(p|div|ab)(?:\s[^>]*)?>\s*<\/\1>)*<\/body>/.test(xml);
}

/** How far into a file a TEI header is searched: far past any real one, short of reading a volume. */
const HEADER_SEARCH_BYTES = 32 * 1024 * 1024;

/** Whether `marker` occurs before the end of the TEI header (within {@link HEADER_SEARCH_BYTES}). */
function headerNames(path: string, marker: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const chunk = Buffer.alloc(1024 * 1024);
    let carry = '';
    for (let position = 0; position < HEADER_SEARCH_BYTES; ) {
      const n = readSync(fd, chunk, 0, chunk.length, position);
      if (n === 0) return false;
      position += n;
      const text = carry + chunk.subarray(0, n).toString('latin1');
      const end = text.indexOf('</teiHeader>');
      const found = text.indexOf(marker);
      if (found >= 0 && (end < 0 || found < end)) return true;
      if (end >= 0) return false;
      // Markup is ASCII: latin1 keeps offsets and cannot fail; the tail may hold half a marker.
      carry = text.slice(-marker.length);
    }
    return false;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function readSlice(path: string, which: 'start' | 'end'): string | null {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    const length = Math.min(size, which === 'start' ? LOOK_AHEAD : LOOK_BACK);
    const buf = Buffer.alloc(length);
    const position = which === 'start' ? 0 : size - length;
    const n = readSync(fd, buf, 0, length, position);
    // Lenient decoding on purpose: this only looks for markers; the reader validates UTF-8.
    return buf.subarray(0, n).toString('utf8');
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
