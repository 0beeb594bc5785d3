import type { Block, Footnote, Inline, Person, TableCell } from '../../domain/index.js';
import { inlineText, isWordChar } from '../../domain/index.js';
import { firstChar, hasContent, lastChar, normalizeInlines, trimEnd, trimStart } from './inlines.js';
import type { PersonIndex } from './persons.js';
import { correspId } from './persons.js';
import type { TermIndex } from './terms.js';
import { resolveRef } from './refs.js';
import { CLOSING, OPENING, PUNCT_BEFORE_BOUNDARY, WORD_AFTER_ELEMENT_END, WORD_AFTER_ELEMENT_START } from './text.js';
import type { VolumeInfo } from './volume-header.js';
import { attr, childElements, isElement, type XmlElement, type XmlNode } from './xml.js';

/** Everything the conversion of one document collects on the way. */
export interface BodyContext {
  volume: VolumeInfo;
  docId: string;
  persons: PersonIndex;
  /** The volume's abbreviations: `gloss/@target` → what the abbreviation stands for. */
  terms: TermIndex;
  footnotes: FootnoteCollector;
  /** Other documents this one cites (ids), in order. */
  references: Set<string>;
  /** Persons linked from the text and notes (person id → record). */
  mentioned: Map<string, Person>;
  /** Elements handled elsewhere (the head, the source note). */
  skip: ReadonlySet<XmlElement>;
}

/** Encoder remarks and page-image bookkeeping: not part of the document as printed. */
const IGNORED = new Set([
  'frus:file',
  'frus:pdf',
  'frus:page-count-according-to-citation',
  'frus:problem',
  'uh-oh',
  'xi:include',
  'graphic',
  'figDesc',
]);

/** Elements whose content is a line of its own inside an opener or closer. */
const LINE_ELEMENTS = new Set(['signed', 'salute', 'affiliation', 'dateline', 'seg', 'address', 'docDate', 'byline']);

/** Containers that only group blocks. */
const TRANSPARENT_BLOCKS = new Set(['div', 'postscript', 'figure', 'body', 'front', 'back', 'group', 'text', 'lg', 'sp', 'floatingText']);

const MARKS: Record<string, 'em' | 'strong' | 'sup' | 'sub' | 'smallcaps' | 'underline'> = {
  italic: 'em',
  italics: 'em',
  i: 'em',
  strong: 'strong',
  bold: 'strong',
  b: 'strong',
  smallcaps: 'smallcaps',
  sc: 'smallcaps',
  superscript: 'sup',
  sup: 'sup',
  subscript: 'sub',
  sub: 'sub',
  underline: 'underline',
  u: 'underline',
};

/**
 * Footnotes of one document. The printed marker is kept as `n`; it must be unique within the
 * document because `noteRef` links by it. A repeated reference — the same number with the same
 * text, or a `<note target="d69fn2">` that is empty or repeats the note it points to — links to
 * the existing note. Anything else is a note of its own, even when it points at another: the
 * encoders used @target for second notes with the same printed number (1961–63 vol. IV d69 has
 * two different notes 4), and merging them lost the second one's text and links. A different note
 * with a marker already used (1948 numbers per page; table notes "a", "b" restart) gets "4-2",
 * and keeps "4" as the marker a reader sees.
 */
export class FootnoteCollector {
  readonly notes: Footnote[] = [];
  private readonly byN = new Map<string, Footnote>();
  /** The next suffix to try for a printed marker that is already taken. */
  private readonly nextSuffix = new Map<string, number>();
  /** Note xml:id → the marker its text was stored under. */
  private readonly byXmlId = new Map<string, string>();
  /** Printed marker and text → the marker stored: how a true repeat finds its note. */
  private readonly byText = new Map<string, string>();

  /** Registers a numbered note and returns the marker to link to, or undefined for an empty note. */
  register(note: XmlElement, ctx: BodyContext): string | undefined {
    const printed = (attr(note, 'n') ?? '').trim();
    const target = attr(note, 'target')?.trim().replace(/^#/, '');
    // The text is converted before deciding, so a note's refs and persons are linked either way.
    // Converting it registers the notes inside it; this note still comes before them in the list.
    const place = this.notes.length;
    const body = blocksToInlines(blocksOf(note.children, ctx));
    const text = inlineText(body).replace(/[ \t]+/g, ' ').replace(/ ?\n ?/g, '\n').trim();
    const n = this.repeatOf(printed, target, text) ?? (text ? this.add(printed, text, body, place) : undefined);
    const xmlId = attr(note, 'xml:id');
    if (xmlId && n !== undefined && !this.byXmlId.has(xmlId)) this.byXmlId.set(xmlId, n);
    // An empty note that points somewhere, or shares a printed marker, is a reference by number.
    if (n === undefined && (target || this.byN.has(printed))) return printed;
    return n;
  }

  /** The marker of the note this one repeats, if it is a repeat. */
  private repeatOf(printed: string, target: string | undefined, text: string): string | undefined {
    const pointed = target === undefined ? undefined : this.byXmlId.get(target);
    if (pointed !== undefined && (!text || this.byN.get(pointed)?.text === text)) return pointed;
    return text ? this.byText.get(`${printed}\n${text}`) : undefined;
  }

  private add(printed: string, text: string, body: Inline[], place: number): string {
    // Suffixes continue from the last one given for this marker, not from 2 each time: a
    // document of thousands of notes all marked "1" would otherwise cost n².
    let n = printed;
    for (let k = this.nextSuffix.get(printed) ?? 2; this.byN.has(n); k++) {
      n = `${printed}-${k}`;
      this.nextSuffix.set(printed, k + 1);
    }
    const footnote: Footnote = { n, text };
    if (n !== printed && printed !== '') footnote.mark = printed;
    if (body.some((node) => typeof node !== 'string')) footnote.body = body;
    this.notes.splice(place, 0, footnote);
    this.byN.set(n, footnote);
    this.byText.set(`${printed}\n${text}`, n);
    return n;
  }
}

/** Block content of a container: loose inline content is gathered into paragraphs. */
export function blocksOf(nodes: XmlNode[], ctx: BodyContext, lines = false): Block[] {
  const out: Block[] = [];
  // Loose inline nodes waiting to become a paragraph (no closures here: this runs per block).
  let pending: XmlNode[] = [];
  for (const node of nodes) {
    if (!isElement(node)) {
      pending.push(node);
      continue;
    }
    if (ctx.skip.has(node) || IGNORED.has(node.name)) continue;
    if (lines && LINE_ELEMENTS.has(node.name)) {
      pending = flushPending(out, pending, ctx);
      pushParagraph(out, node, ctx, node.name);
      continue;
    }
    switch (node.name) {
      case 'p':
      case 'ab':
        pending = flushPending(out, pending, ctx);
        pushParagraph(out, node, ctx);
        break;
      case 'list':
        pending = flushPending(out, pending, ctx);
        listBlocks(out, node, ctx);
        break;
      case 'table':
        pending = flushPending(out, pending, ctx);
        tableBlocks(out, node, ctx);
        break;
      case 'quote':
      case 'q': {
        pending = flushPending(out, pending, ctx);
        const children = blocksOf(node.children, ctx);
        if (children.length) out.push({ kind: 'quote', children });
        break;
      }
      case 'closer': {
        pending = flushPending(out, pending, ctx);
        const children = blocksOf(node.children, ctx, true);
        if (children.length) out.push({ kind: 'closer', children });
        break;
      }
      case 'opener':
        pending = flushPending(out, pending, ctx);
        out.push(...blocksOf(node.children, ctx, true));
        break;
      case 'dateline':
      case 'signed':
      case 'salute':
      case 'byline':
        pending = flushPending(out, pending, ctx);
        pushParagraph(out, node, ctx, node.name);
        break;
      case 'frus:attachment': {
        pending = flushPending(out, pending, ctx);
        const head = childElements(node, 'head')[0];
        const title = head ? normalizeInlines(inlinesOf(head.children, ctx)) : [];
        const children = blocksOf(node.children.filter((c) => c !== head), ctx);
        // Keys in the order of the input schema, which then takes the block as it is (domain/body-check.ts).
        out.push(hasContent(title) ? { kind: 'attachment', title, children } : { kind: 'attachment', children });
        break;
      }
      case 'pb':
        // Inside running text a page break stays inline; between blocks it is a block.
        if (hasLooseContent(pending)) pending.push(node);
        else {
          pending = flushPending(out, pending, ctx);
          out.push(pageBreak(node));
        }
        break;
      case 'note':
        if (attr(node, 'n') !== undefined) pending.push(node);
        else {
          // Unnumbered notes (table notes, "[Source: …]" lines) are printed where they stand.
          pending = flushPending(out, pending, ctx);
          out.push(...blocksOf(node.children, ctx));
        }
        break;
      case 'head': {
        pending = flushPending(out, pending, ctx);
        const children = normalizeInlines(inlinesOf(node.children, ctx));
        if (hasContent(children)) out.push({ kind: 'heading', level: 4, children });
        break;
      }
      default:
        if (TRANSPARENT_BLOCKS.has(node.name)) {
          pending = flushPending(out, pending, ctx);
          out.push(...blocksOf(node.children, ctx));
        } else pending.push(node);
    }
  }
  flushPending(out, pending, ctx);
  return out;
}

/** Turns pending loose inline nodes into a paragraph; returns the next (empty) pending list. */
function flushPending(out: Block[], pending: XmlNode[], ctx: BodyContext): XmlNode[] {
  if (pending.length === 0) return pending;
  if (hasLooseContent(pending)) {
    const children = normalizeInlines(inlinesOf(pending, ctx));
    if (hasContent(children)) out.push({ kind: 'p', children });
  }
  return [];
}

function hasLooseContent(nodes: XmlNode[]): boolean {
  for (const n of nodes) if (typeof n !== 'string' || /\S/.test(n)) return true;
  return false;
}

function pushParagraph(out: Block[], el: XmlElement, ctx: BodyContext, rend?: string): void {
  paragraphBlocks(out, el, ctx, attr(el, 'rend') ?? rend);
}

/** Elements that cannot live inside a paragraph of the display model and split it instead. */
function splitsParagraph(el: XmlElement): boolean {
  if (el.name === 'list' || el.name === 'table' || el.name === 'p') return true;
  if (el.name === 'quote') return el.children.some((c) => isElement(c) && (c.name === 'p' || c.name === 'list'));
  return false;
}

/** A `p`, split where it holds a list, table or block quote (which TEI allows and FRUS uses). */
function paragraphBlocks(out: Block[], p: XmlElement, ctx: BodyContext, rend: string | undefined): void {
  let start = 0;
  const children = p.children;
  for (let i = 0; i <= children.length; i++) {
    const child = children[i];
    const split = child !== undefined && isElement(child) && splitsParagraph(child);
    if (!split && i < children.length) continue;
    pushRun(out, start === 0 && i === children.length ? children : children.slice(start, i), ctx, rend);
    if (split) out.push(...blocksOf([child], ctx));
    start = i + 1;
  }
}

/** FRUS's rendition of a section title inside a document. */
const SECTION_TITLE = 'sectiontitleital';

function pushRun(out: Block[], run: XmlNode[], ctx: BodyContext, rend: string | undefined): void {
  if (run.length === 0) return;
  const children = normalizeInlines(inlinesOf(run, ctx));
  if (!hasContent(children)) return;
  if (rend === SECTION_TITLE) {
    // Printed as an italic subheading ("A. U.S. Objectives …"): a heading, so readers and screen
    // readers can move by it.
    out.push({ kind: 'heading', level: 4, children: [{ kind: 'em', children }] });
    return;
  }
  const block: Block = { kind: 'p', children };
  if (rend) block.rend = rend;
  out.push(block);
}

function listBlocks(out: Block[], list: XmlElement, ctx: BodyContext): void {
  const items: XmlNode[][] = [];
  let label: XmlNode[] = [];
  for (const child of list.children) {
    if (!isElement(child)) continue;
    if (child.name === 'head') {
      const children = normalizeInlines(inlinesOf(child.children, ctx));
      if (hasContent(children)) out.push({ kind: 'p', children, rend: 'list-head' });
    } else if (child.name === 'label') {
      label.push(child, ' ');
    } else if (child.name === 'item') {
      items.push([...label, ...child.children]);
      label = [];
    } else if (child.name !== 'lb' && !IGNORED.has(child.name)) {
      // A page break or note between items travels with the item before it.
      const last = items[items.length - 1];
      if (last) last.push(child);
      else label.push(child);
    }
  }
  if (label.length) items.push(label);
  const blocks = items.map((nodes) => blocksOf(nodes, ctx)).filter((b) => b.length > 0);
  if (blocks.length) out.push({ kind: 'list', ordered: false, items: blocks });
}

function tableBlocks(out: Block[], table: XmlElement, ctx: BodyContext): void {
  const after: Block[] = [];
  const rows: TableCell[][] = [];
  for (const child of childElements(table)) {
    if (child.name === 'head') {
      const children = normalizeInlines(inlinesOf(child.children, ctx));
      if (hasContent(children)) out.push({ kind: 'p', children, rend: 'table-head' });
    } else if (child.name === 'row') {
      const rowHeader = attr(child, 'role') === 'label';
      const cells: TableCell[] = [];
      for (const cellEl of childElements(child, 'cell')) {
        const cell: TableCell = { children: normalizeInlines(inlinesOf(cellEl.children, ctx)) };
        if (rowHeader || attr(cellEl, 'role') === 'label') cell.header = true;
        const cols = Number(attr(cellEl, 'cols'));
        const span = Number(attr(cellEl, 'rows'));
        if (Number.isInteger(cols) && cols > 1) cell.colspan = cols;
        if (Number.isInteger(span) && span > 1) cell.rowspan = span;
        cells.push(cell);
      }
      if (cells.length) rows.push(cells);
    } else if (child.name === 'pb') after.push(pageBreak(child));
  }
  if (rows.length) out.push({ kind: 'table', rows });
  out.push(...after);
}

type PageBreak = { kind: 'pb'; n?: string; facs?: string };

function pageBreak(pb: XmlElement): PageBreak {
  const out: PageBreak = { kind: 'pb' };
  const n = attr(pb, 'n');
  const facs = attr(pb, 'facs');
  if (n) out.n = n;
  if (facs) out.facs = facs;
  return out;
}

/** Inline content of a run of nodes, with the boundary spaces the source lost put back. */
export function inlinesOf(nodes: XmlNode[], ctx: BodyContext): Inline[] {
  const out: Inline[] = [];
  let afterElement = false;
  // The text just before a note's marker, when the last element was one: "plan<note/>just" is
  // printed "plan³ just", and must not be searched as "planjust".
  let beforeNote: string | undefined;
  for (const node of nodes) {
    if (!isElement(node)) {
      if (afterElement) {
        if (CLOSING.test(node)) trimEnd(out);
        else if (WORD_AFTER_ELEMENT_END.test(node) && PUNCT_BEFORE_BOUNDARY.test(lastChar(out))) out.push(' ');
        else if (beforeNote !== undefined && WORD_BEFORE_NOTE.test(beforeNote) && isWordChar(node.charAt(0))) out.push(' ');
      }
      out.push(node);
      afterElement = false;
      continue;
    }
    const inl = inlineOf(node, ctx);
    if (inl.length === 0) continue;
    const before = lastChar(out);
    if (OPENING.test(before)) trimStart(inl);
    else if (PUNCT_BEFORE_BOUNDARY.test(before) && WORD_AFTER_ELEMENT_START.test(firstChar(inl))) out.push(' ');
    out.push(...inl);
    // A run of markers and page breaks after a word is one gap: "plan<note/><note/>just" too.
    const only = inl.length === 1 ? inl[0] : undefined;
    const marker = typeof only === 'object' && (only.kind === 'noteRef' || only.kind === 'pb') ? only.kind : undefined;
    if (marker === 'noteRef') beforeNote = afterElement && beforeNote !== undefined ? beforeNote : before;
    else if (marker !== 'pb' || !afterElement) beforeNote = undefined;
    afterElement = true;
  }
  return out;
}

const WORD_BEFORE_NOTE = /[\p{L}\p{N}.,:;)”’"?!\]]$/u;

function inlineOf(el: XmlElement, ctx: BodyContext): Inline[] {
  if (ctx.skip.has(el) || IGNORED.has(el.name)) return [];
  switch (el.name) {
    case 'hi':
    case 'emph':
    case 'title':
    case 'foreign': {
      const children = inlinesOf(el.children, ctx);
      const rend = (attr(el, 'rend') ?? '').toLowerCase().split(/\s+/);
      const kind = el.name === 'hi' ? rend.map((r) => MARKS[r]).find(Boolean) : 'em';
      return kind ? [{ kind, children }] : children;
    }
    case 'persName': {
      const children = inlinesOf(el.children, ctx);
      const id = correspId(attr(el, 'corresp'));
      const person = id ? ctx.persons.get(id) : undefined;
      if (!person) return children;
      ctx.mentioned.set(person.id, person);
      return [{ kind: 'entity', type: 'person', id: person.id, children }];
    }
    case 'gloss': {
      const children = inlinesOf(el.children, ctx);
      const expansion = ctx.terms.get(correspId(attr(el, 'target')) ?? '');
      return expansion && children.length ? [{ kind: 'abbr', expansion, children }] : children;
    }
    case 'ref': {
      const children = inlinesOf(el.children, ctx);
      const target = resolveRef(attr(el, 'target') ?? '', ctx.volume);
      if (!target) return children;
      const shown = children.length ? children : [attr(el, 'target') ?? ''];
      if (target.kind === 'link') return [{ kind: 'link', href: target.href, children: shown }];
      if (target.id !== ctx.docId) ctx.references.add(target.id);
      return [target.href ? { kind: 'docRef', id: target.id, href: target.href, children: shown } : { kind: 'docRef', id: target.id, children: shown }];
    }
    case 'note': {
      if (attr(el, 'n') === undefined) return blocksToInlines(blocksOf(el.children, ctx));
      const n = ctx.footnotes.register(el, ctx);
      return n === undefined ? [] : [{ kind: 'noteRef', n }];
    }
    case 'lb':
      return [{ kind: 'lb' }];
    case 'pb':
      return [pageBreak(el)];
    case 'p':
    case 'ab':
    case 'list':
    case 'table':
    case 'closer':
    case 'opener':
    case 'frus:attachment':
      // Block content where only inline content fits (a paragraph in a table cell or a note).
      return blocksToInlines(blocksOf([el], ctx));
    case 'quote':
    case 'q':
      return splitsParagraph(el) ? blocksToInlines(blocksOf([el], ctx)) : inlinesOf(el.children, ctx);
    default:
      return inlinesOf(el.children, ctx);
  }
}

/** Flattens blocks into inline content, one line per block. */
export function blocksToInlines(blocks: Block[]): Inline[] {
  const out: Inline[] = [];
  flattenBlocks(blocks, out);
  return normalizeInlines(out);
}

function flattenBlocks(blocks: Block[], out: Inline[]): void {
  for (const b of blocks) {
    switch (b.kind) {
      case 'p':
      case 'heading':
        addLine(out, b.children);
        break;
      case 'list':
        for (const item of b.items) flattenBlocks(item, out);
        break;
      case 'table':
        for (const row of b.rows) {
          const cells: Inline[] = [];
          for (let i = 0; i < row.length; i++) {
            if (i > 0) cells.push(' ');
            cells.push(...row[i]!.children);
          }
          addLine(out, cells);
        }
        break;
      case 'quote':
      case 'closer':
        flattenBlocks(b.children, out);
        break;
      case 'attachment':
        if (b.title) addLine(out, b.title);
        flattenBlocks(b.children, out);
        break;
      case 'pb':
        out.push(b);
        break;
    }
  }
}

function addLine(out: Inline[], content: Inline[]): void {
  if (!hasContent(content)) return;
  if (out.length) out.push({ kind: 'lb' });
  out.push(...content);
}
