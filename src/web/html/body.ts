import { inlineText, isWordChar, type Block, type CitedDocument, type Footnote, type Inline, type TableCell } from '../../domain/index.js';
import { html, joinHtml, safeHref, type SafeHtml } from './escape.js';
import { urls } from './format.js';

/**
 * Renders a document's display structure (domain/body.ts) to HTML. Footnote anchors become
 * superscript links to the notes list and each note links back to every place that cites it,
 * so the context that connects the two is shared by the text and the notes.
 */
export class NoteContext {
  /** Footnote marker → id of its list item. */
  private readonly noteIds = new Map<string, string>();
  /** Footnote marker → ids of the anchors rendered so far, in order. */
  private readonly refs = new Map<string, string[]>();
  /** Footnote marker → the marker as printed, where the two differ. */
  private readonly marks = new Map<string, string>();
  /** What the reader may see of each cited document: the words a `fill` reference takes. */
  private readonly cited = new Map<string, CitedDocument>();

  /**
   * `linkable`: the cited documents this reader may open (all, when not given). A link to any
   * other — not in the archive, or private, alike, so a page never tells the two apart — shows
   * its page elsewhere when the source gave one, else its text: a reader never follows a link
   * to a 404. `cited`: the cited documents as this reader sees them (DocumentView.references).
   */
  constructor(
    readonly footnotes: Footnote[],
    private readonly linkable?: ReadonlySet<string>,
    cited: readonly CitedDocument[] = [],
  ) {
    for (const doc of cited) this.cited.set(doc.id, doc);
    footnotes.forEach((note, i) => {
      // Markers can be "*" or repeated; ids are by position so they are always valid and unique.
      if (!this.noteIds.has(note.n)) this.noteIds.set(note.n, `fn-${i + 1}`);
      if (note.mark !== undefined && !this.marks.has(note.n)) this.marks.set(note.n, note.mark);
    });
  }

  /** What a reader sees for note `n`: its marker as printed ("b" for the second note b). */
  mark(n: string): string {
    return this.marks.get(n) ?? n;
  }

  canLink(documentId: string): boolean {
    return this.linkable === undefined || this.linkable.has(documentId);
  }

  /** The title or date a reference leaves to the document it cites, when the reader may open it. */
  filling(id: string, fill: 'title' | 'date'): string | undefined {
    return this.canLink(id) ? this.cited.get(id)?.[fill] : undefined;
  }

  noteId(index: number): string {
    return `fn-${index + 1}`;
  }

  /** Registers an anchor for marker `n`; returns its ids, or null when there is no such note. */
  anchor(n: string): { refId: string; noteId: string } | null {
    const noteId = this.noteIds.get(n);
    if (!noteId) return null;
    const list = this.refs.get(n) ?? [];
    const refId = list.length === 0 ? `${noteId}-ref` : `${noteId}-ref-${list.length + 1}`;
    list.push(refId);
    this.refs.set(n, list);
    return { refId, noteId };
  }

  /** Anchors that cite note `index` (empty when the text never marks it). */
  backRefs(index: number): string[] {
    const note = this.footnotes[index];
    if (!note || this.noteIds.get(note.n) !== this.noteId(index)) return [];
    return this.refs.get(note.n) ?? [];
  }
}

export interface InlineOptions {
  /** The marker of the footnote being rendered: its own marker inside it is shown, not linked. */
  inNote?: string;
}

export function renderInlines(nodes: Inline[], ctx: NoteContext, options: InlineOptions = {}): SafeHtml {
  return joinHtml(
    nodes.map((node, i) => (typeof node === 'object' && node.kind === 'pb' && isBreakInWord(nodes, i) ? breakInWord(node.n) : renderInline(node, ctx, options))),
  );
}

/**
 * A page break inside a word ("Liebens<pb/>würdigkeit", "Presi<pb/>dent’s": 210 documents) keeps
 * the word whole in the page's text, as in the searched text: its label is drawn by the style
 * sheet from `data-label`, so find-in-page and a copied quotation read "Liebenswürdigkeit".
 */
function isBreakInWord(nodes: Inline[], i: number): boolean {
  if (i === 0 || i === nodes.length - 1) return false;
  return isWordChar(edgeText(nodes[i - 1]!).slice(-1)) && isWordChar(edgeText(nodes[i + 1]!).charAt(0));
}

function edgeText(node: Inline): string {
  return typeof node === 'string' ? node : 'children' in node ? inlineText(node.children) : '';
}

function breakInWord(n: string | undefined): SafeHtml {
  return html`<span class="pb pb-in-word" data-label="${pageLabel(n)}"></span>`;
}

function renderInline(node: Inline, ctx: NoteContext, options: InlineOptions): SafeHtml {
  if (typeof node === 'string') return html`${node}`;
  switch (node.kind) {
    case 'em':
      return html`<em>${renderInlines(node.children, ctx, options)}</em>`;
    case 'strong':
      return html`<strong>${renderInlines(node.children, ctx, options)}</strong>`;
    case 'sup':
      return html`<sup>${renderInlines(node.children, ctx, options)}</sup>`;
    case 'sub':
      return html`<sub>${renderInlines(node.children, ctx, options)}</sub>`;
    case 'smallcaps':
      return html`<span class="smallcaps">${renderInlines(node.children, ctx, options)}</span>`;
    case 'underline':
      return html`<u>${renderInlines(node.children, ctx, options)}</u>`;
    case 'written':
      return html`<span class="${`written-${node.as}`}">${renderInlines(node.children, ctx, options)}</span>`;
    case 'supplied':
      return html`<span class="supplied">[${renderInlines(node.children, ctx, options)}]</span>`;
    case 'del':
      return html`<del>${renderInlines(node.children, ctx, options)}</del>`;
    case 'add':
      return html`<ins class="add">${renderInlines(node.children, ctx, options)}</ins>`;
    case 'abbr':
      return html`<abbr title="${node.expansion}">${renderInlines(node.children, ctx, options)}</abbr>`;
    case 'lb':
      return html`<br>`;
    case 'pb':
      // Spaced on both sides: the source often has no space after the break ("each of <pb/>which").
      return html` <span class="pb">${pageLabel(node.n)}</span> `;
    case 'noteRef': {
      // A note's marker inside a note links too (FRUS: "See footnote 3 below.³"), but not to itself.
      const anchor = options.inNote === node.n ? null : ctx.anchor(node.n);
      const mark = ctx.mark(node.n);
      if (!anchor) return html`<sup class="note-ref">${mark}</sup>`;
      return html`<sup class="note-ref"><a href="#${anchor.noteId}" id="${anchor.refId}" aria-label="${`Footnote ${mark}`}">${mark}</a></sup>`;
    }
    case 'link': {
      const href = safeHref(node.href);
      const inner = renderInlines(node.children, ctx, options);
      return href ? html`<a href="${href}">${inner}</a>` : html`<span class="link-refused">${inner}</span>`;
    }
    case 'docRef': {
      const filled = node.fill ? ctx.filling(node.id, node.fill) : undefined;
      const inner = filled !== undefined ? html`${filled}` : renderInlines(node.children, ctx, options);
      if (ctx.canLink(node.id)) return html`<a href="${urls.document(node.id)}" class="doc-ref">${inner}</a>`;
      const elsewhere = node.href ? safeHref(node.href) : null;
      return elsewhere ? html`<a href="${elsewhere}" class="doc-ref-elsewhere">${inner}</a>` : inner;
    }
    case 'entity': {
      const href = node.type === 'person' ? urls.person(node.id) : node.type === 'place' ? urls.place(node.id) : urls.topic(node.id);
      return html`<a href="${href}" class="${`entity entity-${node.type}`}">${renderInlines(node.children, ctx, options)}</a>`;
    }
  }
}

function pageLabel(n: string | undefined): string {
  return n ? `[Page ${n}]` : '[Page break]';
}

/** Body headings sit under the page's "Text" h2, so source levels 2–4 become h3–h5. */
export function renderBlocks(blocks: Block[], ctx: NoteContext): SafeHtml {
  return joinHtml(blocks.map((block) => renderBlock(block, ctx)), '\n');
}

function renderBlock(block: Block, ctx: NoteContext): SafeHtml {
  switch (block.kind) {
    case 'p': {
      const rend = block.rend ? rendClass(block.rend) : undefined;
      return rend
        ? html`<p class="${rend}">${renderInlines(block.children, ctx)}</p>`
        : html`<p>${renderInlines(block.children, ctx)}</p>`;
    }
    case 'heading': {
      const inner = renderInlines(block.children, ctx);
      if (block.level === 2) return html`<h3>${inner}</h3>`;
      if (block.level === 3) return html`<h4>${inner}</h4>`;
      return html`<h5>${inner}</h5>`;
    }
    case 'list': {
      const items = block.items.map((item) => html`<li>${renderBlocks(item, ctx)}</li>`);
      if (!block.ordered) return html`<ul>${items}</ul>`;
      return block.start === undefined ? html`<ol>${items}</ol>` : html`<ol start="${String(block.start)}">${items}</ol>`;
    }
    case 'table':
      return html`<div class="table-wrap"><table>${block.rows.map((row) => html`<tr>${row.map((cell) => renderCell(cell, ctx))}</tr>`)}</table></div>`;
    case 'quote':
      return html`<blockquote>${renderBlocks(block.children, ctx)}</blockquote>`;
    case 'closer':
      return html`<div class="closer">${renderBlocks(block.children, ctx)}</div>`;
    case 'attachment':
      return html`<section class="attachment">${block.title ? html`<h3 class="attachment-title">${renderInlines(block.title, ctx)}</h3>` : ''}${renderBlocks(block.children, ctx)}</section>`;
    case 'pb':
      return html`<p class="pb">${pageLabel(block.n)}</p>`;
  }
}

function renderCell(cell: TableCell, ctx: NoteContext): SafeHtml {
  const span = html`${cell.colspan && cell.colspan > 1 ? html` colspan="${cell.colspan}"` : ''}${cell.rowspan && cell.rowspan > 1 ? html` rowspan="${cell.rowspan}"` : ''}`;
  const inner = renderInlines(cell.children, ctx);
  return cell.header ? html`<th${span}>${inner}</th>` : html`<td${span}>${inner}</td>`;
}

/** Source rendition hints ("center", "right", "indent") become classes; anything odd is dropped. */
function rendClass(rend: string): string | undefined {
  const words = rend.toLowerCase().split(/\s+/).filter((w) => /^[a-z][a-z0-9-]{0,30}$/.test(w));
  return words.length ? words.map((w) => `rend-${w}`).join(' ') : undefined;
}

/**
 * Plain text without structure: paragraphs on blank lines, single newlines kept as line breaks
 * (letters put salutations, datelines and signatures on lines of their own).
 */
export function renderPlainText(text: string): SafeHtml {
  return joinHtml(
    plainParagraphs(text).map((p) => html`<p>${joinHtml(p.split('\n').map((line) => line.trim()), html`<br>`)}</p>`),
    '\n',
  );
}

/** The paragraphs of plain text: parts between blank lines, trimmed, empty ones dropped. */
export function plainParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** The notes list; call after the text so back-links know which anchors exist. */
export function renderFootnotes(ctx: NoteContext): SafeHtml {
  return html`<ol class="footnotes">${ctx.footnotes.map((note, i) => {
    const back = ctx.backRefs(i);
    const content = note.body ? renderInlines(note.body, ctx, { inNote: note.n }) : renderPlainInline(note.text);
    const mark = note.mark ?? note.n;
    return html`<li id="${ctx.noteId(i)}" class="footnote"><span class="footnote-marker">${mark}</span> <span class="footnote-text">${content}</span>${back.map((refId, k) => html` <a href="${`#${refId}`}" class="footnote-back" aria-label="${back.length > 1 ? `Back to reference ${k + 1} of footnote ${mark}` : `Back to footnote ${mark} in the text`}">↩</a>`)}</li>`;
  })}</ol>`;
}

function renderPlainInline(text: string): SafeHtml {
  return joinHtml(text.split(/\r?\n/), html`<br>`);
}
