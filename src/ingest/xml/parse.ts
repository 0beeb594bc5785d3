import { SaxesParser, type SaxesTagNS } from 'saxes';
import { SourceFileError } from '../format.js';
import type { XElement } from './tree.js';
import { readUtf8Chunks, type Utf8StreamOptions } from './utf8-stream.js';

/**
 * Decides, at each start tag outside an already captured element, whether to keep that element
 * with its whole subtree. `stack` holds the local names of the open ancestors, root first.
 */
export type CaptureSelect = (name: string, ns: string, stack: readonly string[]) => boolean;

export type XmlReadOptions = Utf8StreamOptions;

/**
 * Streams an XML file and yields each selected element, complete with its subtree, as soon as
 * its end tag is read: a CMIF file of 700 correspDesc never exists as one tree. Nothing outside
 * the selected elements is kept.
 *
 * Safety: saxes never fetches external entities or DTDs, and this reader additionally refuses
 * any DOCTYPE that declares entities (billion-laughs expansion, XXE file or network reads),
 * rather than hoping later stages cope. Files must be UTF-8 (see {@link readUtf8Chunks}).
 * Every problem is a {@link SourceFileError} that names the line.
 */
export async function* streamXmlElements(
  path: string,
  select: CaptureSelect,
  options: XmlReadOptions = {},
): AsyncGenerator<XElement> {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const ready: XElement[] = [];
  const stack: string[] = [];
  // The open elements of the subtree being captured, outermost first; empty when not capturing.
  const open: XElement[] = [];
  let sawRoot = false;

  const fail = (reason: string): never => {
    throw new SourceFileError(path, reason);
  };

  parser.on('error', (err) => fail(`not well-formed XML: ${err.message.replace(/^(\d+):(\d+): /, 'line $1, column $2: ')}`));
  parser.on('xmldecl', (decl) => {
    const enc = decl.encoding?.trim().toLowerCase();
    if (enc && enc !== 'utf-8' && enc !== 'utf8') {
      fail(`the XML declaration says encoding="${decl.encoding}"; only UTF-8 files are read (convert the file to UTF-8)`);
    }
  });
  parser.on('doctype', (doctype) => {
    if (/<!ENTITY/i.test(doctype)) {
      fail(
        `line ${parser.line}: the DOCTYPE declares entities; refused, because entity declarations can expand ` +
          'without bound (billion laughs) or read local files and URLs (XXE). Remove the internal DTD subset.',
      );
    }
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    sawRoot = true;
    const name = tag.local;
    const parent = open[open.length - 1];
    if (parent || select(name, tag.uri, stack)) {
      const attrs: Record<string, string> = {};
      for (const a of Object.values(tag.attributes)) attrs[a.name] = a.value;
      const el: XElement = { name, ns: tag.uri, attrs, children: [], line: parser.line };
      if (parent) parent.children.push(el);
      open.push(el);
    }
    stack.push(name);
  });
  const addText = (t: string): void => {
    const parent = open[open.length - 1];
    if (!parent || t === '') return;
    const last = parent.children[parent.children.length - 1];
    if (typeof last === 'string') parent.children[parent.children.length - 1] = last + t;
    else parent.children.push(t);
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    stack.pop();
    if (open.length > 0) {
      const el = open.pop()!;
      if (open.length === 0) ready.push(el);
    }
  });

  for await (const chunk of readUtf8Chunks(path, options)) {
    parser.write(chunk);
    while (ready.length > 0) yield ready.shift()!;
  }
  parser.close();
  if (!sawRoot) fail('not well-formed XML: the file has no root element');
  while (ready.length > 0) yield ready.shift()!;
}

/** Parses a whole (small) XML file into one tree: for single-letter TEI files. */
export async function parseXmlFile(path: string, options: XmlReadOptions = {}): Promise<XElement> {
  let root: XElement | undefined;
  for await (const el of streamXmlElements(path, (_n, _ns, stack) => stack.length === 0, options)) root = el;
  if (!root) throw new SourceFileError(path, 'not well-formed XML: the file has no root element');
  return root;
}
