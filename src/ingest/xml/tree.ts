/**
 * A minimal element tree for the parts of an XML file an importer keeps (one CMIF correspDesc,
 * one letter). Names are local names; the namespace URI is kept so TEI elements can be told from
 * others. Attributes are keyed by their qualified name as written ("xml:id", "ref").
 */
export interface XElement {
  name: string;
  ns: string;
  attrs: Record<string, string>;
  children: XNode[];
  /** Line of the start tag, for error messages. */
  line: number;
}

export type XNode = XElement | string;

export const TEI_NS = 'http://www.tei-c.org/ns/1.0';

export function isElement(node: XNode | undefined): node is XElement {
  return typeof node === 'object' && node !== null;
}

export function attr(el: XElement | undefined, name: string): string | undefined {
  if (!el) return undefined;
  const value = el.attrs[name];
  return value === undefined ? undefined : value;
}

/** Element children with the given local name (all element children when no name). */
export function childElements(el: XElement | undefined, name?: string): XElement[] {
  if (!el) return [];
  const out: XElement[] = [];
  for (const c of el.children) if (isElement(c) && (name === undefined || c.name === name)) out.push(c);
  return out;
}

export function firstChild(el: XElement | undefined, name: string): XElement | undefined {
  if (!el) return undefined;
  for (const c of el.children) if (isElement(c) && c.name === name) return c;
  return undefined;
}

/** Follows a path of child names ("fileDesc", "titleStmt", "title"), taking the first match each step. */
export function childPath(el: XElement | undefined, ...names: string[]): XElement | undefined {
  let cur = el;
  for (const n of names) cur = firstChild(cur, n);
  return cur;
}

/** All descendants (document order) with the given local name. */
export function descendants(el: XElement | undefined, name: string): XElement[] {
  const out: XElement[] = [];
  const walk = (e: XElement): void => {
    for (const c of e.children) {
      if (!isElement(c)) continue;
      if (c.name === name) out.push(c);
      walk(c);
    }
  };
  if (el) walk(el);
  return out;
}

export function firstDescendant(el: XElement | undefined, name: string): XElement | undefined {
  if (!el) return undefined;
  for (const c of el.children) {
    if (!isElement(c)) continue;
    if (c.name === name) return c;
    const found = firstDescendant(c, name);
    if (found) return found;
  }
  return undefined;
}

/** Concatenated text of an element, as written (no whitespace changes). */
export function rawText(node: XNode | undefined): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node;
  let out = '';
  for (const c of node.children) out += rawText(c);
  return out;
}

/** XML whitespace rules for display: runs of whitespace (line breaks, indentation, NBSP) become one space. */
export function collapseSpace(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** Text of an element with whitespace collapsed and trimmed; "" when absent. */
export function text(node: XNode | undefined): string {
  return collapseSpace(rawText(node)).trim();
}
