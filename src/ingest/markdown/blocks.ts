import MarkdownIt, { type Token } from 'markdown-it';
import footnotePlugin from 'markdown-it-footnote';
import { bodyText, inlineRuns, inlineText, RecordValidationError, type Block, type Footnote, type Inline, type TableCell } from '../../domain/index.js';
import { normalizeNewlines } from '../encoding.js';
import { MAX_ELEMENTS_PER_RECORD } from '../format.js';

export interface MarkdownBody {
  blocks: Block[];
  footnotes: Footnote[];
  /** Plain text: blocks separated by a blank line (`bodyText`). */
  text: string;
  /** The leading `# Heading`, when the caller asked for it to serve as the title. */
  heading?: string;
}

/**
 * CommonMark, as the files' authors preview them (GitHub, editors), with the GitHub tables and
 * strikethrough and `[^n]` footnotes. Raw HTML is read only to drop comments and keep `<br>`;
 * any other tag stays literal text. Nesting deeper than markdown-it's limit (20) stays text too,
 * which also bounds the recursion below.
 */
const markdown = new MarkdownIt('commonmark', { html: true })
  .enable(['table', 'strikethrough'])
  .use(footnotePlugin)
  // A transcription indents paragraphs and verse: four spaces do not make code here (a fence does).
  .disable(['code', 'footnote_inline']);
// Definitions stay where they are written (footnote_reference_open … close) instead of being moved
// to a list of the cited ones: a definition the text never cites is still a note of the document.
// `^[inline notes]` stay text: they have no label to list them by.
markdown.core.ruler.disable('footnote_tail');

/**
 * Reads a Markdown body into the display structure: paragraphs, headings (levels 2–4), lists,
 * block quotes, tables, code as preformatted paragraphs (`rend: "pre"`), and footnotes listed in
 * the order the text first cites them, uncited ones after.
 */
export function parseMarkdownBody(source: string, options: { headingAsTitle: boolean }): MarkdownBody {
  const tokens = markdown.parse(normalizeNewlines(source), {});
  let blockCount = 0;
  // Every block opens once: a paragraph, list or quote with its opening token, a rule, fence or
  // HTML block as a token of its own.
  for (const token of tokens) if (token.block && token.nesting !== -1 && token.type !== 'inline') blockCount++;
  if (blockCount > MAX_ELEMENTS_PER_RECORD) {
    throw new RecordValidationError(`the text has more than ${MAX_ELEMENTS_PER_RECORD.toLocaleString('en')} blocks (paragraphs, headings, lists, notes); refused`, ['body']);
  }

  const reader = new BlockReader(tokens);
  let heading: string | undefined;
  if (options.headingAsTitle && tokens[0]?.type === 'heading_open' && tokens[0].tag === 'h1') {
    heading = inlineText(inlinesOf(tokens[1])).trim();
    reader.at = 3;
  }
  const blocks = reader.blocks();
  return { blocks, footnotes: reader.footnotes(), text: bodyText(blocks), heading };
}

class BlockReader {
  at = 0;
  /** Footnote labels in the order the text first cites them. */
  private readonly cited = new Set<string>();
  private readonly definitions = new Map<string, Block[]>();

  constructor(private readonly tokens: Token[]) {}

  /** Blocks up to the closing token `until` (consumed), or to the end. */
  blocks(until?: string): Block[] {
    const out: Block[] = [];
    while (this.at < this.tokens.length) {
      const token = this.tokens[this.at++]!;
      if (token.type === until) break;
      const block = this.block(token);
      if (block) out.push(block);
    }
    return out;
  }

  private block(token: Token): Block | undefined {
    switch (token.type) {
      case 'paragraph_open':
        return this.closedBy('paragraph_close', (children) => ({ kind: 'p', children }));
      case 'heading_open': {
        const level = Math.min(4, Math.max(2, Number(token.tag.slice(1)))) as 2 | 3 | 4;
        return this.closedBy('heading_close', (children) => ({ kind: 'heading', level, children }));
      }
      case 'bullet_list_open':
        return { kind: 'list', ordered: false, items: this.listItems('bullet_list_close') };
      case 'ordered_list_open': {
        const start = Number(token.attrGet('start') ?? 1);
        const items = this.listItems('ordered_list_close');
        // The first item's number starts the list, as in CommonMark: "1963. The year …" keeps 1963.
        return start === 1 ? { kind: 'list', ordered: true, items } : { kind: 'list', ordered: true, start, items };
      }
      case 'blockquote_open':
        return { kind: 'quote', children: this.blocks('blockquote_close') };
      case 'fence':
      case 'code_block':
        return preformatted(token.content);
      case 'hr':
        return { kind: 'p', rend: 'center', children: ['* * *'] };
      case 'table_open':
        return { kind: 'table', rows: this.tableRows() };
      case 'html_block': {
        const text = withoutComments(token.content).trim();
        return text ? { kind: 'p', children: [text] } : undefined;
      }
      case 'footnote_reference_open': {
        const label = (token.meta as { label: string }).label;
        const blocks = this.blocks('footnote_reference_close');
        if (!this.definitions.has(label)) this.definitions.set(label, blocks);
        return undefined;
      }
      default:
        return undefined;
    }
  }

  /** The inline token that follows, as content, and its closing token. */
  private closedBy(close: string, make: (children: Inline[]) => Block): Block | undefined {
    const inline = this.tokens[this.at]?.type === 'inline' ? this.tokens[this.at++] : undefined;
    if (this.tokens[this.at]?.type === close) this.at++;
    const children = this.inlines(inline);
    return children.length ? make(children) : undefined;
  }

  private listItems(close: string): Block[][] {
    const items: Block[][] = [];
    while (this.at < this.tokens.length) {
      const token = this.tokens[this.at++]!;
      if (token.type === close) break;
      if (token.type === 'list_item_open') items.push(this.blocks('list_item_close'));
    }
    return items;
  }

  private tableRows(): TableCell[][] {
    const rows: TableCell[][] = [];
    while (this.at < this.tokens.length) {
      const token = this.tokens[this.at++]!;
      if (token.type === 'table_close') break;
      if (token.type === 'tr_open') rows.push([]);
      else if (token.type === 'th_open' || token.type === 'td_open') {
        const inline = this.tokens[this.at]?.type === 'inline' ? this.tokens[this.at++] : undefined;
        const cell: TableCell = { children: this.inlines(inline) };
        if (token.type === 'th_open') cell.header = true;
        rows[rows.length - 1]?.push(cell);
      }
    }
    return rows;
  }

  private inlines(token: Token | undefined): Inline[] {
    const children = inlinesOf(token);
    for (const label of noteLabels(children)) this.cited.add(label);
    return children;
  }

  /** Cited notes first, in the order the text cites them; then the rest as defined. */
  footnotes(): Footnote[] {
    const order = [...[...this.cited].filter((n) => this.definitions.has(n)), ...[...this.definitions.keys()].filter((n) => !this.cited.has(n))];
    return order.map((n) => {
      const body = mergeText(flattenBlocks(this.definitions.get(n)!));
      const text = inlineText(body).trim();
      return body.every((node) => typeof node === 'string') ? { n, text } : { n, text, body };
    });
  }
}

/** An inline token's children as inline content: emphasis, links, breaks, note markers. */
function inlinesOf(token: Token | undefined): Inline[] {
  type Open = { kind: 'em' | 'strong' | 'del' | 'link'; href: string; children: Inline[] };
  const root: Inline[] = [];
  const stack: Open[] = [];
  const current = (): Inline[] => stack[stack.length - 1]?.children ?? root;
  const open = (kind: Open['kind'], href = ''): void => void stack.push({ kind, href, children: [] });
  const close = (): void => {
    const frame = stack.pop();
    if (!frame) return;
    const children = mergeText(frame.children);
    current().push(frame.kind === 'link' ? { kind: 'link', href: frame.href, children } : { kind: frame.kind, children });
  };
  for (const t of token?.children ?? []) {
    switch (t.type) {
      case 'text':
      case 'text_special':
      case 'code_inline':
        current().push(t.content);
        break;
      case 'softbreak':
        current().push(' ');
        break;
      case 'hardbreak':
        current().push({ kind: 'lb' });
        break;
      case 'em_open':
        open('em');
        break;
      case 'strong_open':
        open('strong');
        break;
      case 's_open':
        open('del');
        break;
      case 'link_open':
        open('link', t.attrGet('href') ?? '');
        break;
      case 'em_close':
      case 'strong_close':
      case 's_close':
      case 'link_close':
        close();
        break;
      case 'image': {
        // An image has no place in a document's text: its description stays, linked when the
        // picture is on the web (a relative path means nothing inside the archive).
        const src = t.attrGet('src') ?? '';
        const alt = t.content || src;
        current().push(/^https?:\/\//i.test(src) ? { kind: 'link', href: src, children: [alt] } : alt);
        break;
      }
      case 'footnote_ref':
        current().push({ kind: 'noteRef', n: (t.meta as { label: string }).label });
        break;
      case 'html_inline':
        if (/^<br\s*\/?>$/i.test(t.content)) current().push({ kind: 'lb' });
        else if (!t.content.startsWith('<!--')) current().push(t.content);
        break;
      default:
        if (t.content) current().push(t.content);
    }
  }
  while (stack.length) close();
  return mergeText(root);
}

/** A code block: its lines as written, kept apart by line breaks (`rend: "pre"` keeps their spaces on the page). */
function preformatted(content: string): Block | undefined {
  const lines = content.replace(/\n$/, '').split('\n');
  if (lines.every((line) => line.trim() === '')) return undefined;
  const children: Inline[] = [];
  lines.forEach((line, i) => {
    if (i > 0) children.push({ kind: 'lb' });
    if (line) children.push(line);
  });
  return { kind: 'p', rend: 'pre', children };
}

function withoutComments(html: string): string {
  let out = '';
  let from = 0;
  for (let start = html.indexOf('<!--'); start !== -1; start = html.indexOf('<!--', from)) {
    out += html.slice(from, start);
    const end = html.indexOf('-->', start + 4);
    from = end === -1 ? html.length : end + 3;
  }
  return out + html.slice(from);
}

/** A note's blocks as one run of inline content, paragraphs apart by a blank line. */
function flattenBlocks(blocks: Block[]): Inline[] {
  const out: Inline[] = [];
  for (const run of inlineRuns(blocks)) {
    if (!run.length) continue;
    if (out.length) out.push('\n\n');
    out.push(...run);
  }
  return out;
}

/** Adjacent text as one string, at every depth. */
function mergeText(nodes: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const node of nodes) {
    const last = out[out.length - 1];
    if (typeof node === 'string') {
      if (node === '') continue;
      if (typeof last === 'string') out[out.length - 1] = last + node;
      else out.push(node);
    } else out.push(node);
  }
  return out;
}

function noteLabels(nodes: Inline[]): string[] {
  const labels: string[] = [];
  const visit = (list: Inline[]): void => {
    for (const node of list) {
      if (typeof node === 'string') continue;
      if (node.kind === 'noteRef') labels.push(node.n);
      else if ('children' in node) visit(node.children);
    }
  };
  visit(nodes);
  return labels;
}
