import { inlineText, listItemMark, RecordValidationError, trimEdges, trimTrailing, type Block, type Footnote, type Inline } from '../../domain/index.js';
import { normalizeNewlines } from '../encoding.js';
import { MAX_ELEMENTS_PER_RECORD } from '../format.js';
import { parseInlines } from './inline.js';

export interface MarkdownBody {
  blocks: Block[];
  footnotes: Footnote[];
  /** Plain text: blocks separated by a blank line, inner whitespace kept as written. */
  text: string;
  /** The leading `# Heading`, when the caller asked for it to serve as the title. */
  heading?: string;
}

type Chunk = { kind: 'p' | 'heading' | 'list'; lines: string[]; level?: number } | { kind: 'notes'; lines: string[] };

const NOTE_DEF = /^\[\^([^\]\s]+)\]:[ \t]?(.*)$/;
const HEADING_START = /^(#{1,6})[ \t]+/;
const LIST_ITEM = /^[ \t]{0,3}(?:[-+*]|(\d{1,9})[.)])[ \t]+(.*)$/;
const INDENTED = /^(?: {4}|\t)/;

/**
 * Blank-line-separated paragraphs become `p` blocks (single newlines inside become spaces),
 * ATX headings become headings, runs of `-`/`1.` lines become lists, and `[^n]: note`
 * definitions (with indented continuation paragraphs) become footnotes in the order the text
 * first cites them.
 */
export function parseMarkdownBody(source: string, options: { headingAsTitle: boolean }): MarkdownBody {
  const chunks = chunk(source);
  const definitions = new Map<string, string[]>();
  let lastNote: string[] | null = null;
  const content: Chunk[] = [];
  for (const c of chunks) {
    if (c.kind === 'notes') {
      for (const line of c.lines) {
        const def = NOTE_DEF.exec(line);
        if (def) {
          lastNote = [def[2]!.trim()];
          if (!definitions.has(def[1]!)) definitions.set(def[1]!, lastNote);
        } else lastNote?.push(trimLine(line));
      }
    } else if (lastNote && INDENTED.test(c.lines[0] ?? '')) {
      // A further paragraph of the previous footnote: keep the break as a blank line.
      lastNote.push('\n\n' + c.lines.map(trimLine).join(' '));
    } else {
      lastNote = null;
      content.push(c);
    }
  }

  const labels = new Set(definitions.keys());
  let heading: string | undefined;
  if (options.headingAsTitle && content[0]?.kind === 'heading' && content[0].level === 1) {
    heading = inlineText(parseInlines(content[0].lines.join(' '), labels)).trim();
    content.shift();
  }
  const blocks = content.map((c) => toBlock(c, labels));
  return { blocks, footnotes: orderFootnotes(blocks, definitions, labels), text: blocks.map(blockText).filter((t) => t !== '').join('\n\n'), heading };
}

function chunk(source: string): Chunk[] {
  const out: Chunk[] = [];
  let current: string[] = [];
  const close = (): void => {
    if (current.length) out.push(classify(current));
    current = [];
    if (out.length > MAX_ELEMENTS_PER_RECORD) {
      throw new RecordValidationError(`the text has more than ${MAX_ELEMENTS_PER_RECORD.toLocaleString('en')} blocks (paragraphs, headings, lists, notes); refused`, ['body']);
    }
  };
  for (const line of normalizeNewlines(source).split('\n')) {
    if (/^[ \t]*$/.test(line)) close();
    else if (NOTE_DEF.test(line) && current.length > 0 && !NOTE_DEF.test(current[0]!)) {
      // Definitions may follow text without a blank line; they never belong to a paragraph.
      close();
      current = [line];
    } else if (HEADING_START.test(line) && !INDENTED.test(line)) {
      // A heading is a block of its own even without blank lines around it.
      close();
      current = [line];
      close();
    } else current.push(line);
  }
  close();
  return out;
}

function classify(lines: string[]): Chunk {
  const first = lines[0]!;
  const heading = headingOf(first);
  if (heading && lines.length === 1 && !INDENTED.test(first)) return { kind: 'heading', lines: [heading.text], level: heading.level };
  if (NOTE_DEF.test(first)) return { kind: 'notes', lines };
  if (LIST_ITEM.test(first)) return { kind: 'list', lines };
  return { kind: 'p', lines };
}

/**
 * An ATX heading's level and text, without the optional closing `#`s. Scanned by hand: the regex
 * `(.*?)(?:[ \t]+#+)?[ \t]*$` retried at every character of a long run of blanks.
 */
function headingOf(line: string): { level: number; text: string } | null {
  const start = HEADING_START.exec(line);
  if (!start) return null;
  let text = trimTrailing(line.slice(start[0].length), ' \t');
  let hashes = text.length;
  while (hashes > 0 && text[hashes - 1] === '#') hashes--;
  if (hashes > 0 && hashes < text.length && (text[hashes - 1] === ' ' || text[hashes - 1] === '\t')) text = trimTrailing(text.slice(0, hashes), ' \t');
  return { level: start[1]!.length, text };
}

/**
 * A break the writer asked for: two spaces or a backslash at the end of a line (CommonMark's hard
 * line break). An even run of backslashes is escaped backslashes (`C:\\`), not a break.
 */
const HARD_BREAK = /(?: {2,}|(?<!\\)(?:\\\\)*\\)$/;
/** Stands for a hard break while the lines are parsed as one; NUL never reaches here (it fails the file's decoding). */
const BREAK_MARK = '\0';

/**
 * A paragraph's lines as inline content: joined by spaces, as CommonMark joins soft breaks, and
 * split at hard breaks, which an address or a signature needs ("Herrn Dr. Müller  ⏎ Wien").
 */
function linesInlines(lines: string[], labels: ReadonlySet<string>): Inline[] {
  let breaks = false;
  const joined = lines
    .map((line, i) => {
      if (i === lines.length - 1 || !HARD_BREAK.test(line)) return trimLine(line);
      breaks = true;
      return trimLine(line.endsWith('\\') ? line.slice(0, -1) : line) + BREAK_MARK;
    })
    .join(' ');
  const inlines = parseInlines(joined, labels);
  return breaks ? withLineBreaks(inlines) : inlines;
}

function withLineBreaks(nodes: Inline[]): Inline[] {
  return nodes.flatMap((node): Inline[] => {
    if (typeof node !== 'string') return 'children' in node ? [{ ...node, children: withLineBreaks(node.children) }] : [node];
    if (!node.includes(BREAK_MARK)) return [node];
    return node.split(`${BREAK_MARK} `).flatMap((piece, i): Inline[] => [...(i > 0 ? [{ kind: 'lb' } as const] : []), ...(piece ? [piece] : [])]);
  });
}

function toBlock(c: Chunk, labels: ReadonlySet<string>): Block {
  const inl = (s: string): Inline[] => parseInlines(s, labels);
  if (c.kind === 'heading') return { kind: 'heading', level: Math.min(4, Math.max(2, c.level ?? 2)) as 2 | 3 | 4, children: inl(c.lines[0]!) };
  if (c.kind === 'list') {
    const items: string[][] = [];
    let start: number | undefined;
    for (const line of c.lines) {
      const item = LIST_ITEM.exec(line);
      if (item) {
        // The first item's number starts the list, as in CommonMark: "1963. The year …" keeps 1963.
        if (items.length === 0 && item[1] !== undefined) start = Number(item[1]);
        items.push([item[2]!]);
      } else items[items.length - 1]!.push(line);
    }
    const blocks = items.map((lines): Block[] => [{ kind: 'p', children: linesInlines(lines, labels) }]);
    if (start === undefined) return { kind: 'list', ordered: false, items: blocks };
    return start === 1 ? { kind: 'list', ordered: true, items: blocks } : { kind: 'list', ordered: true, start, items: blocks };
  }
  return { kind: 'p', children: linesInlines(c.lines, labels) };
}

/** Trims spaces and tabs only: a no-break space at a line's edge is content. */
function trimLine(line: string): string {
  return trimEdges(line, ' \t');
}

function blockText(block: Block): string {
  switch (block.kind) {
    case 'p':
    case 'heading':
      return inlineText(block.children);
    case 'list':
      return block.items.map((item, i) => listItemMark(block, i) + item.map(blockText).join(' ')).join('\n');
    default:
      return '';
  }
}

function orderFootnotes(blocks: Block[], definitions: Map<string, string[]>, labels: ReadonlySet<string>): Footnote[] {
  const cited = new Set<string>();
  const visit = (nodes: Inline[]): void => {
    for (const node of nodes) {
      if (typeof node === 'string') continue;
      if (node.kind === 'noteRef') cited.add(node.n);
      else if ('children' in node) visit(node.children);
    }
  };
  const visitBlock = (b: Block): void => {
    if (b.kind === 'p' || b.kind === 'heading') visit(b.children);
    else if (b.kind === 'list') b.items.forEach((item) => item.forEach(visitBlock));
  };
  blocks.forEach(visitBlock);
  const order = [...cited, ...[...definitions.keys()].filter((n) => !cited.has(n))];
  return order.map((n) => {
    const raw = definitions.get(n)!.reduce((acc, part) => (part.startsWith('\n\n') || acc === '' ? acc + part : `${acc} ${part}`), '');
    const body = parseInlines(raw, labels);
    const text = inlineText(body);
    const plain = body.every((node) => typeof node === 'string');
    return plain ? { n, text } : { n, text, body };
  });
}
