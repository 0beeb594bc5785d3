/**
 * A deliberately small element tree. The reader streams the volume through saxes and builds a
 * tree only for the part it is looking at (the header, the persons list, a chapter head, one
 * document), so memory is bounded by the largest document, never by the volume.
 */

export interface XmlElement {
  /** TEI elements by local name ("p"), FRUS extensions as "frus:attachment", XInclude as "xi:include". */
  name: string;
  /** Attributes by local name, `xml:id` etc. for the XML namespace, `frus:…` for FRUS attributes. */
  attrs: Record<string, string>;
  children: XmlNode[];
}

export type XmlNode = XmlElement | string;

export const TEI_NS = 'http://www.tei-c.org/ns/1.0';
/** Both spellings occur in the corpus: 26 volumes use the first, the supplements and 1948 the second. */
export const FRUS_NS = new Set(['http://history.state.gov/ns/1.0', 'http://history.state.gov/frus/ns/1.0']);
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
export const XI_NS = 'http://www.w3.org/2001/XInclude';

/** Maps a namespaced name to the short form used in {@link XmlElement.name} and attribute keys. */
export function qualify(uri: string, local: string): string {
  if (uri === TEI_NS || uri === '') return local;
  if (FRUS_NS.has(uri)) return `frus:${local}`;
  if (uri === XML_NS) return `xml:${local}`;
  if (uri === XI_NS) return `xi:${local}`;
  return `{${uri}}${local}`;
}

export function isElement(node: XmlNode): node is XmlElement {
  return typeof node !== 'string';
}

export function attr(el: XmlElement, name: string): string | undefined {
  const value = el.attrs[name];
  return value === undefined ? undefined : value;
}

export function childElements(el: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) if (isElement(c) && (name === undefined || c.name === name)) out.push(c);
  return out;
}

export function firstChild(el: XmlElement, name: string): XmlElement | undefined {
  for (const c of el.children) if (isElement(c) && c.name === name) return c;
  return undefined;
}

/** Depth-first search; `stop` prunes subtrees (e.g. attachments when looking for the document's own dateline). */
export function findFirst(
  el: XmlElement,
  match: (e: XmlElement) => boolean,
  stop: (e: XmlElement) => boolean = () => false,
): XmlElement | undefined {
  for (const c of el.children) {
    if (!isElement(c)) continue;
    if (match(c)) return c;
    if (stop(c)) continue;
    const found = findFirst(c, match, stop);
    if (found) return found;
  }
  return undefined;
}

export function findAll(el: XmlElement, match: (e: XmlElement) => boolean, out: XmlElement[] = []): XmlElement[] {
  for (const c of el.children) {
    if (!isElement(c)) continue;
    if (match(c)) out.push(c);
    findAll(c, match, out);
  }
  return out;
}

/** Concatenated text, optionally leaving out subtrees (notes in a head). */
export function textContent(node: XmlNode, skip?: (e: XmlElement) => boolean): string {
  if (typeof node === 'string') return node;
  if (skip?.(node)) return '';
  let out = '';
  for (const c of node.children) out += textContent(c, skip);
  return out;
}

/** XML whitespace (the pretty-printed source wraps lines mid-sentence) collapsed to single spaces. */
export function normalizeSpace(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}
