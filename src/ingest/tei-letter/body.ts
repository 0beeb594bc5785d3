import { type Block, type Footnote, type Inline, inlineText, showsAnything, type TableCell, type WrittenAs } from '../../domain/index.js';
import { attr, childElements, collapseSpace, type XElement, type XNode } from '../xml/tree.js';

/**
 * Turns a TEI letter body into the archive's display structure. What a reader of the edition
 * sees is kept (paragraphs, letterheads, datelines, salutations, closers, postscripts, addresses,
 * verse, tables, line and page breaks, emphasis, links to people and places, editorial notes as
 * footnotes); what only the diplomatic view needs is reduced to the reading text: deletions are
 * dropped (the added reading stays), long s and gemination marks are their letters, `<space/>`
 * is a space, supplied text is bracketed, gaps are "[…]".
 */
export interface BodyContext {
  /** The entity a `ref` points to (and records the mention), or undefined to leave plain text. */
  entity(el: XElement, type: string | undefined): { id: string; type: 'person' | 'place' } | undefined;
  /** The archive id of another letter of the same edition ("L00123" → "schnitzler-briefe-l00123"). */
  letterId(target: string): string;
  footnotes: Footnote[];
  /** Notes given so far: the edition's commentary is numbered, its textual notes lettered apart. */
  notesGiven: { commentary: number; textual: number };
}

export function convertBody(body: XElement, ctx: BodyContext): Block[] {
  return containerBlocks(body, ctx);
}

// Elements whose children are blocks in their own right; everything else in a container is inline.
const CONTAINERS = new Set(['body', 'div', 'opener', 'postscript', 'div1', 'div2', 'floatingText', 'group', 'text']);

function containerBlocks(el: XElement, ctx: BodyContext): Block[] {
  const out: Block[] = [];
  let run: Inline[] = [];
  const flush = (): void => {
    out.push(...paragraph(run));
    run = [];
  };
  for (const child of el.children) {
    if (typeof child === 'string') {
      run.push(collapseSpace(child));
      continue;
    }
    const blocks = blockFor(child, ctx);
    if (blocks === null) run.push(...inlines(child, ctx));
    else {
      flush();
      out.push(...blocks);
    }
  }
  flush();
  return out;
}

/** A paragraph from loose inline content; a run with only page breaks becomes page-break blocks. */
function paragraph(run: Inline[], rend?: string): Block[] {
  const children = tidy(run);
  if (showsAnything(children)) return [rend ? { kind: 'p', children, rend } : { kind: 'p', children }];
  const breaks: Block[] = [];
  for (const node of children) {
    if (typeof node === 'object' && node.kind === 'pb') breaks.push(node.facs || node.n ? { ...node } : { kind: 'pb' });
  }
  return breaks;
}

function rendOf(base: string, el: XElement): string {
  const rend = attr(el, 'rend');
  return rend ? `${base} ${rend}` : base;
}

function blockFor(el: XElement, ctx: BodyContext): Block[] | null {
  switch (el.name) {
    case 'p':
    case 'ab':
      return paragraph(inlines(el, ctx, true), attr(el, 'rend'));
    case 'seg':
      return attr(el, 'type') === 'letterhead' ? paragraph(inlines(el, ctx, true), rendOf('letterhead', el)) : null;
    case 'dateline':
      return paragraph(inlines(el, ctx, true), rendOf('dateline', el));
    case 'salute':
      return paragraph(inlines(el, ctx, true), rendOf('salute', el));
    case 'signed':
      return paragraph(inlines(el, ctx, true), rendOf('signed', el));
    case 'address':
      return paragraph(lines(el, 'addrLine', ctx), 'address');
    case 'lg':
      return childElements(el, 'lg').length ? containerBlocks(el, ctx) : paragraph(lines(el, 'l', ctx), 'verse');
    case 'closer':
      return [{ kind: 'closer', children: closerBlocks(el, ctx) }];
    case 'head':
      return [{ kind: 'heading', level: 3, children: tidy(inlines(el, ctx, true)) }];
    case 'table':
      return [{ kind: 'table', rows: childElements(el, 'row').map((row) => childElements(row, 'cell').map((cell) => tableCell(cell, ctx))) }];
    case 'list':
      return [{ kind: 'list', ordered: attr(el, 'type') === 'ordered', items: childElements(el, 'item').map((item) => containerBlocks(item, ctx)) }];
    case 'quote':
      return childElements(el).some((c) => c.name === 'p' || c.name === 'lg') ? [{ kind: 'quote', children: containerBlocks(el, ctx) }] : null;
    case 'figure':
    case 'facsimile':
      return [];
    default:
      return CONTAINERS.has(el.name) ? containerBlocks(el, ctx) : null;
  }
}

/** In a closer the salutation and signature run on in one block, the signature on its own line. */
function closerBlocks(el: XElement, ctx: BodyContext): Block[] {
  const out: Block[] = [];
  let run: Inline[] = [];
  // Whether the run holds any text yet, kept up as it grows: asking the whole run again at
  // every salute or signature made a closer of many of them cost n².
  let runHasText = false;
  const add = (nodes: Inline[]): void => {
    for (const node of nodes) run.push(node);
    runHasText ||= showsAnything(nodes);
  };
  for (const child of el.children) {
    if (typeof child === 'string') {
      add([collapseSpace(child)]);
      continue;
    }
    if (child.name === 'signed' || child.name === 'salute') {
      if (runHasText && !endsWithBreak(run)) run.push({ kind: 'lb' });
      add(inlines(child, ctx, true));
      continue;
    }
    const blocks = child.name === 'dateline' || child.name === 'p' || child.name === 'address' ? blockFor(child, ctx) : null;
    if (blocks === null) add(inlines(child, ctx));
    else {
      out.push(...paragraph(run));
      run = [];
      runHasText = false;
      out.push(...blocks);
    }
  }
  out.push(...paragraph(run));
  return out;
}

function lines(el: XElement, lineTag: string, ctx: BodyContext): Inline[] {
  const out: Inline[] = [];
  for (const child of el.children) {
    if (typeof child === 'string') continue; // indentation between lines
    if (child.name === lineTag) {
      if (out.length) out.push({ kind: 'lb' });
      out.push(...inlines(child, ctx, true));
    } else out.push(...inlines(child, ctx));
  }
  return out;
}

function tableCell(cell: XElement, ctx: BodyContext): TableCell {
  const out: TableCell = { children: tidy(inlines(cell, ctx, true)) };
  if (attr(cell, 'role') === 'label') out.header = true;
  const cols = Number(attr(cell, 'cols'));
  const rows = Number(attr(cell, 'rows'));
  if (Number.isInteger(cols) && cols > 1) out.colspan = cols;
  if (Number.isInteger(rows) && rows > 1) out.rowspan = rows;
  return out;
}

const HI: Record<string, 'em' | 'strong' | 'sup' | 'sub' | 'smallcaps' | 'underline'> = {
  underline: 'underline',
  superscript: 'sup',
  sup: 'sup',
  subscript: 'sub',
  sub: 'sub',
  bold: 'strong',
  italics: 'em',
  italic: 'em',
  // Letter-spacing is how German print and handwriting emphasise.
  'spaced-out': 'em',
  'small-caps': 'smallcaps',
  smallcaps: 'smallcaps',
};

/** How the edition says the writing looks (`hi/@rend`), where the reading page shows it too. */
const WRITTEN: Record<string, WrittenAs> = {
  latintype: 'latin',
  antiqua: 'antiqua',
  'pre-print': 'printed',
  stamp: 'stamp',
  capitals: 'capitals',
};

/** Inline content of an element: its children (`own`), or the element itself as an inline. */
function inlines(el: XElement, ctx: BodyContext, own = false): Inline[] {
  if (own) return childInlines(el.children, ctx);
  switch (el.name) {
    case 'lb':
      return [{ kind: 'lb' }];
    case 'pb': {
      const pb: Inline = { kind: 'pb' };
      const facs = attr(el, 'facs');
      const n = attr(el, 'n');
      if (n) pb.n = n;
      if (facs) pb.facs = facs;
      return [pb];
    }
    case 'space':
      return [' '];
    case 'del':
      return [{ kind: 'del', children: childInlines(el.children, ctx) }];
    case 'add':
      return [{ kind: 'add', children: childInlines(el.children, ctx) }];
    case 'anchor':
      // Empty by the schema, but the edition's labels wrap the words they label.
      return childInlines(el.children, ctx);
    case 'handShift':
    case 'milestone':
    case 'figure':
    case 'graphic':
    case 'index':
    case 'fw':
      return [];
    case 'gap':
      return ['[…]'];
    case 'supplied':
      return [{ kind: 'supplied', children: childInlines(el.children, ctx) }];
    case 'c':
      return el.children.length ? childInlines(el.children, ctx) : [GLYPHS[attr(el, 'rendition') ?? ''] ?? ''];
    case 'hi': {
      let out = childInlines(el.children, ctx);
      const rends = (attr(el, 'rend') ?? '').split(/\s+/);
      const as = rends.map((r) => WRITTEN[r]).find((w) => w !== undefined);
      if (as) out = [{ kind: 'written', as, children: out }];
      const kind = rends.map((r) => HI[r]).find((k) => k !== undefined);
      return kind ? [{ kind, children: out }] : out;
    }
    case 'rs':
    case 'persName':
    case 'placeName':
    case 'orgName':
    case 'name': {
      const children = childInlines(el.children, ctx);
      const kind = el.name === 'rs' ? attr(el, 'type') : el.name === 'placeName' ? 'place' : el.name === 'orgName' ? 'org' : 'person';
      const target = ctx.entity(el, kind);
      return target ? [{ kind: 'entity', type: target.type, id: target.id, children }] : children;
    }
    case 'note':
      return [noteRef(el, ctx)];
    case 'ref':
      return refInlines(el, ctx);
    case 'choice': {
      const preferred = childElements(el).find((c) => c.name === 'corr' || c.name === 'expan' || c.name === 'reg') ?? childElements(el)[0];
      return preferred ? childInlines(preferred.children, ctx) : [];
    }
    case 'seg':
      // Letterhead columns (rend="left"/"right") sit side by side: keep a space between them.
      return attr(el, 'rend') ? [' ', ...childInlines(el.children, ctx), ' '] : childInlines(el.children, ctx);
    case 'addrLine':
    case 'l':
    case 'p':
    case 'dateline':
    case 'salute':
      return [...childInlines(el.children, ctx), { kind: 'lb' }];
    case 'signed':
      // A signature inside a paragraph starts a line of its own ("Ihr<signed>Arthur</signed>").
      return [{ kind: 'lb' }, ...childInlines(el.children, ctx), { kind: 'lb' }];
    default:
      return childInlines(el.children, ctx);
  }
}

function childInlines(nodes: XNode[], ctx: BodyContext): Inline[] {
  const out: Inline[] = [];
  for (const node of nodes) {
    if (typeof node === 'string') out.push(collapseSpace(node));
    else {
      const converted = inlines(node, ctx);
      // A signature after an explicit <lb/> already starts its line.
      if (node.name === 'signed' && endsWithBreak(out)) converted.shift();
      out.push(...converted);
    }
  }
  return out;
}

/**
 * An editorial note becomes a footnote; its place in the text a note marker. As a printed
 * critical edition does, notes on the manuscript itself (`textConst`: "quer am linken Rand",
 * "korrigiert aus »durfte«") are lettered a, b, c …, and the commentary on its content numbered
 * 1, 2, 3 …, so a reader tells them apart by their markers.
 */
function noteRef(el: XElement, ctx: BodyContext): Inline {
  const n = attr(el, 'type') === 'textConst' ? letterMarker(ctx.notesGiven.textual++) : String(++ctx.notesGiven.commentary);
  // Reserve the number before converting: notes can nest references to further notes.
  const footnote: Footnote = { n, text: '' };
  ctx.footnotes.push(footnote);
  const body = tidy(childInlines(el.children, ctx));
  footnote.text = inlineText(body).replace(/\s+/g, ' ').trim();
  footnote.body = body;
  return { kind: 'noteRef', n };
}

/** a, b, … z, aa, ab, …: the marker of the (i+1)th textual note. */
function letterMarker(i: number): string {
  const letter = String.fromCharCode(97 + (i % 26));
  return i < 26 ? letter : letterMarker(Math.floor(i / 26) - 1) + letter;
}

const REF_PREFIX: Record<string, string> = { see: 'Siehe ', cf: 'Vgl. ' };

/** Characters the edition writes as an empty `<c rendition="#…"/>`, named in its header. */
const GLYPHS: Record<string, string> = {
  '#dots': '…',
  '#kaufmannsund': '&',
  '#prozent': '%',
  '#tilde': '~',
  '#geschwungene-klammer-auf': '{',
  '#geschwungene-klammer-zu': '}',
};

/**
 * The edition's cross-references are empty elements that its website fills in: diary entries
 * by date, other letters by id, external sites. They are spelled out here so notes stay readable;
 * a letter's title or date is left to the reading page, which knows the letter.
 */
function refInlines(el: XElement, ctx: BodyContext): Inline[] {
  const children = childInlines(el.children, ctx);
  const target = attr(el, 'target')?.trim() ?? '';
  const type = attr(el, 'type') ?? '';
  const subtype = attr(el, 'subtype') ?? '';
  const prefix = REF_PREFIX[subtype.toLowerCase()] ?? '';
  if (type === 'schnitzler-tagebuch' && /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(target)) {
    const [y, m, d] = target.split('-').map(Number);
    const day = `${d}. ${m}. ${y}`;
    return [prefix, subtype === 'date-only' ? day : `A. S.: Tagebuch, ${day}`];
  }
  if (type === 'schnitzler-briefe' && /^L[0-9]+$/.test(target)) {
    const id = ctx.letterId(target);
    if (hasText(children)) return [{ kind: 'docRef', id, children }];
    // The edition's site writes the letter's title here, or with "date-only" its date: so does the
    // reading page, from the letter as the reader may see it (docRef `fill`).
    const ref: Inline = { kind: 'docRef', id, fill: subtype === 'date-only' ? 'date' : 'title', children: [`Brief ${target}`] };
    return prefix ? [prefix, ref] : [ref];
  }
  if (/^https?:\/\//.test(target)) return [{ kind: 'link', href: target, children: hasText(children) ? children : [target] }];
  if (hasText(children)) return children;
  return target ? [`${prefix}${type ? `${type} ` : ''}${target}`] : [];
}

function endsWithBreak(run: Inline[]): boolean {
  for (let i = run.length - 1; i >= 0; i--) {
    const node = run[i]!;
    if (typeof node === 'string') {
      if (node.trim() === '') continue;
      return false;
    }
    return node.kind === 'lb';
  }
  return false;
}

function hasText(nodes: Inline[]): boolean {
  return inlineText(nodes).trim() !== '';
}

/**
 * Normalizes whitespace the way a reader expects: adjacent text merged, runs of spaces single,
 * no spaces at the edges of a paragraph or around a line break.
 */
export function tidy(nodes: Inline[]): Inline[] {
  const merged = mergeText(nodes);
  for (let i = 0; i < merged.length; i++) {
    const node = merged[i];
    if (typeof node === 'object' && node.kind === 'lb') {
      const before = merged[i - 1];
      const after = merged[i + 1];
      if (typeof before === 'string') merged[i - 1] = before.trimEnd();
      if (typeof after === 'string') merged[i + 1] = after.trimStart();
    }
  }
  trimEdge(merged, 'start');
  trimEdge(merged, 'end');
  // A line break at either end of a block (from a final addrLine, or a signature) adds nothing.
  const isBreak = (n: Inline | undefined): boolean => typeof n === 'object' && n.kind === 'lb';
  while (isBreak(merged[merged.length - 1])) merged.pop();
  const kept = merged.filter((n) => n !== '');
  let start = 0;
  while (isBreak(kept[start])) start++;
  return start ? kept.slice(start) : kept;
}

/**
 * Joins adjacent text ("Nußdorfer" + "s" + "traße", split by `<c>`) at every depth. A run of
 * strings is joined once: collapsing spaces again after every join made long runs cost n².
 */
function mergeText(nodes: Inline[]): Inline[] {
  const merged: Inline[] = [];
  let run: string[] = [];
  const flush = (): void => {
    if (run.length) merged.push(run.join('').replace(/ {2,}/g, ' '));
    run = [];
  };
  for (const node of nodes) {
    if (typeof node === 'string') {
      run.push(node);
      continue;
    }
    flush();
    if ('children' in node) merged.push({ ...node, children: mergeText(node.children).filter((n) => n !== '') });
    else merged.push(node);
  }
  flush();
  return merged;
}

function trimEdge(nodes: Inline[], edge: 'start' | 'end'): void {
  const indexes = edge === 'start' ? [...nodes.keys()] : [...nodes.keys()].reverse();
  for (const i of indexes) {
    const node = nodes[i]!;
    if (typeof node === 'string') {
      const trimmed = edge === 'start' ? node.trimStart() : node.trimEnd();
      nodes[i] = trimmed;
      if (trimmed !== '') return;
      continue;
    }
    if (node.kind === 'pb' || node.kind === 'noteRef') continue;
    if (node.kind === 'lb') return;
    trimEdge(node.children, edge);
    if (inlineText(node.children).trim() !== '') return;
  }
}
