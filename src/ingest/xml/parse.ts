import type { SaxesTagNS } from 'saxes';
import { MAX_ELEMENTS_PER_RECORD, SourceFileError } from '../format.js';
import { createGuardedParser, cutOffError } from './guarded-parser.js';
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
 * Safety: see {@link createGuardedParser} (no entity declarations, bounded nesting); files must
 * be UTF-8 (see {@link readUtf8Chunks}). Every problem is a {@link SourceFileError} that names
 * the line.
 */
export async function* streamXmlElements(
  path: string,
  select: CaptureSelect,
  options: XmlReadOptions = {},
): AsyncGenerator<XElement> {
  const ready: XElement[] = [];
  const stack: string[] = [];
  // The open elements of the subtree being captured, outermost first; empty when not capturing.
  const open: XElement[] = [];
  let sawRoot = false;
  // Elements in the subtree being captured, and how deep its root is (0: the whole file).
  let captured = 0;
  let captureDepth = 0;
  const addText = (t: string): void => {
    const parent = open[open.length - 1];
    if (!parent || t === '') return;
    const last = parent.children[parent.children.length - 1];
    if (typeof last === 'string') parent.children[parent.children.length - 1] = last + t;
    else parent.children.push(t);
  };
  const parser = createGuardedParser<XElement>(path, {
    opentag: (tag: SaxesTagNS) => {
      sawRoot = true;
      const name = tag.local;
      const parent = open[open.length - 1];
      if (parent || select(name, tag.uri, stack)) {
        if (!parent) captureDepth = stack.length;
        captured = parent ? captured + 1 : 1;
        if (captured > MAX_ELEMENTS_PER_RECORD) {
          throw new SourceFileError(
            path,
            `line ${parser.line}: the <${open[0]!.name}> from line ${open[0]!.line} holds more than ${MAX_ELEMENTS_PER_RECORD.toLocaleString('en')} elements; refused`,
          );
        }
        const attrs: Record<string, string> = {};
        for (const a of Object.values(tag.attributes)) attrs[a.name] = a.value;
        const el: XElement = { name, ns: tag.uri, attrs, children: [], line: parser.line };
        if (parent) parent.children.push(el);
        open.push(el);
      }
      stack.push(name);
    },
    closetag: () => {
      stack.pop();
      if (open.length > 0) {
        const el = open.pop()!;
        // Ready once parsing goes on without an error: a stray close tag cuts it short.
        if (open.length === 0) parser.whenWhole(el, (whole) => ready.push(whole));
      }
    },
    text: addText,
  });

  try {
    for await (const chunk of readUtf8Chunks(path, options)) {
      parser.write(chunk);
      while (ready.length > 0) yield ready.shift()!;
    }
    parser.close();
  } catch (error) {
    // Elements completed before the break are whole: hand them over, then say which one the
    // break cut off (XML allows no reading past it).
    while (ready.length > 0) yield ready.shift()!;
    const cut = open[0] ?? parser.held;
    if (error instanceof SourceFileError && cut && captureDepth > 0) {
      throw cutOffError(error, `the <${cut.name}> from line ${cut.line}`);
    }
    throw error;
  }
  if (!sawRoot) throw new SourceFileError(path, 'not well-formed XML: the file has no root element');
  while (ready.length > 0) yield ready.shift()!;
}

/** Parses a whole (small) XML file into one tree: for single-letter TEI files. */
export async function parseXmlFile(path: string, options: XmlReadOptions = {}): Promise<XElement> {
  let root: XElement | undefined;
  for await (const el of streamXmlElements(path, (_n, _ns, stack) => stack.length === 0, options)) root = el;
  if (!root) throw new SourceFileError(path, 'not well-formed XML: the file has no root element');
  return root;
}
