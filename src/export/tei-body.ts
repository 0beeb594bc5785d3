import { openableDocuments, type Block, type DocumentView, type Footnote, type Inline, type TableCell, type WrittenAs } from '../domain/index.js';
import { xmlAttributes, xmlElement, xmlText } from './xml.js';

/**
 * A document's display structure as TEI P5 (valid against TEI All) for `archivum export --format
 * tei`. The display model is looser than TEI: a heading may stand anywhere, a closer may be
 * followed by more text, a quote may hold a signature. Where TEI has a place for a thing only in
 * some positions, the TEI element is used where it fits and a plainer encoding where it does not
 * (each choice explained where it is made), so every document validates without dropping text.
 */

export interface TeiLinks {
  /** Absolute URL of a document page in this archive (docRef without href). */
  document(id: string): string;
  person(id: string): string;
  place(id: string): string;
  topic(id: string): string;
}

export interface TeiText {
  /** Content of <body> (without the <body> tags); never empty: at least `<p/>`. */
  body: string;
  /** Content of <back> (without the tags), or '' when there is nothing for it. */
  back: string;
}

/**
 * The TEI text of a document: its body blocks when it has them, else its plain text as paragraphs
 * (split on blank lines, single newlines → <lb/>); footnotes placed at their markers. A link to
 * another document goes where the reading page sends it: to its page here when the reader may
 * open it (it is among `references` with a title), else to its page elsewhere, else nowhere.
 */
export function teiText(doc: { body?: Block[]; text?: string; footnotes: Footnote[] } & Partial<Pick<DocumentView, 'id' | 'references'>>, links: TeiLinks): TeiText {
  const openable = doc.id !== undefined && doc.references ? openableDocuments({ id: doc.id, references: doc.references }) : undefined;
  const writer = new TeiWriter(doc.footnotes, links, openable);
  const body = doc.body && doc.body.length > 0 ? writer.divContent(doc.body, true) : plainTextParagraphs(doc.text ?? '');
  return { body: body || '<p/>', back: writer.back() };
}

/**
 * A pointer attribute's value as a URI reference. TEI's pointer lists are whitespace-separated,
 * so a facsimile file name or link with a space in it would read as two pointers: spaces and the
 * other characters a URI may not hold are percent-encoded (existing `%XX` escapes kept), not
 * dropped, so the reference still names the same resource.
 */
export function uriReference(value: string): string {
  // A fragment is one `#`: a second one, or brackets anywhere but around an IPv6 host, make the
  // value no URI.
  const trimmed = value.trim();
  const host = /^[a-z][a-z0-9+.-]*:\/\/\[[0-9a-f:.]*\]/i.exec(trimmed)?.[0] ?? '';
  const rest = trimmed.slice(host.length);
  const hash = rest.indexOf('#');
  const escape = (part: string): string => part.replace(/[\s"<>\\^`{|}[\]\u0000-\u001F\u007F]|%(?![0-9A-Fa-f]{2})/gu, (ch) => encodeURIComponent(ch));
  return host + (hash < 0 ? escape(rest) : `${escape(rest.slice(0, hash))}#${escape(rest.slice(hash + 1)).replaceAll('#', '%23')}`);
}

/** A `rend` as TEI's list of words: tokens cannot hold control or separator characters. */
function rendWords(rend: string | undefined): string | undefined {
  if (rend === undefined) return undefined;
  return rend.split(/[\p{C}\p{Z}\s]+/u).filter(Boolean).join(' ') || undefined;
}

function lines(text: string): string {
  return text
    .split('\n')
    .map((line) => xmlText(line))
    .join('<lb/>');
}

/** Plain text as TEI paragraphs: a blank line parts them, a line break inside one is `<lb/>`. */
export function plainTextParagraphs(text: string): string {
  let out = '';
  for (const para of text.replace(/\r\n?/g, '\n').split(/\n[^\S\n]*\n/)) {
    // Trimmed after escaping: a line holding only a form feed is an empty line.
    const kept = para
      .split('\n')
      .map((line) => xmlText(line).trim())
      .filter((line) => line !== '');
    if (kept.length > 0) out += `<p>${kept.join('<lb/>')}</p>`;
  }
  return out;
}

const HI: Record<'em' | 'strong' | 'sup' | 'sub' | 'smallcaps' | 'underline', string> = {
  em: 'italic',
  strong: 'bold',
  sup: 'superscript',
  sub: 'subscript',
  smallcaps: 'small-caps',
  underline: 'underline',
};

/** `written` as the Schnitzler edition's `hi/@rend` says it, so an export reads back the same. */
const WRITTEN_REND: Record<WrittenAs, string> = {
  latin: 'latintype',
  antiqua: 'antiqua',
  printed: 'pre-print',
  stamp: 'stamp',
  capitals: 'capitals',
};

/** The closer lines TEI has elements for; other lines stay running text of the closer. */
const CLOSER_PARTS = new Set(['signed', 'salute', 'dateline']);

type Heading = Extract<Block, { kind: 'heading' }>;
type Closer = Extract<Block, { kind: 'closer' }>;

/**
 * One piece of a division's content, sorted by where TEI lets it stand: `common` content
 * (paragraphs, lists, tables…) must come before a closer, `global` content (page breaks) may
 * stand anywhere, a closer only after common content and before nothing but closers,
 * postscripts and page breaks.
 */
type Piece = { role: 'common' | 'global'; xml: string } | { role: 'closer'; block: Closer };

class TeiWriter {
  private readonly byN = new Map<string, Footnote>();
  private readonly written = new Set<Footnote>();
  /** Notes being written, so a note whose text points back to itself does not recurse forever. */
  private readonly open = new Set<Footnote>();

  constructor(
    private readonly footnotes: Footnote[],
    private readonly links: TeiLinks,
    /** The documents the reader may open; all, when not given. */
    private readonly openable?: ReadonlySet<string>,
  ) {
    for (const note of footnotes) if (!this.byN.has(note.n)) this.byN.set(note.n, note);
  }

  /**
   * Content of a body, div or floating text's body. TEI allows `head` only at the start of a
   * division, so each heading opens a `<div>` that runs to the next heading of its level or a
   * higher one (levels nest); blocks before the first heading stay in the container itself.
   * `needsContent`: a body must hold at least one paragraph-like element; a div need not.
   */
  divContent(blocks: Block[], needsContent: boolean): string {
    const first = blocks.findIndex((b) => b.kind === 'heading');
    const lead = first < 0 ? blocks : blocks.slice(0, first);
    const divs: string[] = [];
    for (let i = first; i >= 0 && i < blocks.length; ) {
      const head = blocks[i] as Heading;
      let end = i + 1;
      while (end < blocks.length && !isHeadingAtOrAbove(blocks[end]!, head.level)) end++;
      divs.push(`<div>${xmlElement('head', {}, this.inlines(head.children))}${this.divContent(blocks.slice(i + 1, end), false)}</div>`);
      i = end;
    }
    const flow = this.flow(this.pieces(lead));
    if (divs.length === 0) return flow.hasContent || !needsContent ? flow.xml : `${flow.xml}<p/>`;
    // A closer ends its division: nothing but closers may follow it, certainly not the divs
    // of the headings after it. The text it closes becomes a division of its own (no head).
    return (flow.usedCloser ? `<div>${flow.xml}</div>` : flow.xml) + divs.join('');
  }

  private pieces(blocks: Block[]): Piece[] {
    const out: Piece[] = [];
    for (const block of blocks) {
      if (block.kind === 'closer') {
        if (block.children.length > 0) out.push({ role: 'closer', block });
        continue;
      }
      const xml = this.block(block);
      if (xml) out.push({ role: block.kind === 'pb' ? 'global' : 'common', xml });
    }
    return out;
  }

  /**
   * Content of a division without headings. TEI puts `<closer>` at the end of a division, after
   * some text, so a closer that opens a division is written as `<ab type="closer">`; what
   * follows a closer (a postscript, a dateline written below the signature, an enclosure) is
   * wrapped in `<postscript>`, the division-closing element TEI has for text after a letter's
   * signature, so the closer itself keeps its element.
   */
  private flow(pieces: Piece[]): { xml: string; hasContent: boolean; usedCloser: boolean } {
    const out: string[] = [];
    let hasContent = false;
    let usedCloser = false;
    let after: string[] = [];
    let afterHasContent = false;
    const flushAfter = (): void => {
      out.push(afterHasContent ? `<postscript>${after.join('')}</postscript>` : after.join(''));
      after = [];
      afterHasContent = false;
    };
    for (const piece of pieces) {
      if (piece.role === 'closer') {
        if (!hasContent) {
          out.push(this.closerBlock(piece.block));
          hasContent = true;
          continue;
        }
        flushAfter();
        out.push(this.closer(piece.block));
        usedCloser = true;
      } else if (!usedCloser) {
        out.push(piece.xml);
        hasContent ||= piece.role === 'common';
      } else {
        after.push(piece.xml);
        afterHasContent ||= piece.role === 'common';
      }
    }
    flushAfter();
    return { xml: out.join(''), hasContent, usedCloser };
  }

  /**
   * Content of a list item or a quote: paragraph-level blocks only. A heading there (TEI allows
   * `head` in neither) is an `<ab type="head">`, a closer an `<ab type="closer">`.
   */
  private paraContent(blocks: Block[]): string {
    let out = '';
    for (const block of blocks) out += this.block(block);
    return out;
  }

  /**
   * A block where paragraph-level content may stand. Headings and closers that are written
   * into a division's structure do not come here (`divContent`, `flow`); those that reach here
   * stand where TEI allows neither `head` nor `closer`.
   */
  private block(block: Block): string {
    switch (block.kind) {
      case 'heading':
        return xmlElement('ab', { type: 'head' }, this.inlines(block.children));
      case 'p':
        return xmlElement('p', { rend: rendWords(block.rend) }, this.inlines(block.children));
      case 'list':
        return this.list(block);
      case 'table':
        return this.table(block.rows);
      case 'quote':
        return xmlElement('quote', {}, this.paraContent(block.children));
      case 'closer':
        return block.children.length > 0 ? this.closerBlock(block) : '';
      case 'attachment': {
        // An attachment is a text of its own inside the document (an enclosure, an annex):
        // `floatingText` has a full body, so headings and closers inside it keep their
        // elements, and may stand wherever a paragraph may, inside quotes and list items too.
        const head = block.title ? xmlElement('head', {}, this.inlines(block.title)) : '';
        return xmlElement('floatingText', { type: 'attachment' }, xmlElement('body', {}, head + this.divContent(block.children, true)));
      }
      case 'pb':
        return this.pb(block);
    }
  }

  private list(list: Extract<Block, { kind: 'list' }>): string {
    // TEI's list needs at least one item; an empty list shows nothing, so it is left out.
    if (list.items.length === 0) return '';
    const start = list.start ?? 1;
    const items = list.items.map((item, i) => xmlElement('item', { n: list.ordered ? String(start + i) : undefined }, this.paraContent(item)));
    return xmlElement('list', { rend: list.ordered ? 'numbered' : 'bulleted' }, items.join(''));
  }

  private table(rows: TableCell[][]): string {
    // A TEI row needs a cell and a table a row; empty ones show nothing.
    const written = rows.filter((row) => row.length > 0).map((row) => xmlElement('row', {}, row.map((cell) => this.cell(cell)).join('')));
    return written.length > 0 ? xmlElement('table', {}, written.join('')) : '';
  }

  private cell(cell: TableCell): string {
    return xmlElement(
      'cell',
      {
        role: cell.header ? 'label' : undefined,
        cols: span(cell.colspan),
        rows: span(cell.rowspan),
      },
      this.inlines(cell.children),
    );
  }

  /**
   * A closer at the end of a division: its signature, salutation and dateline lines become
   * `<signed>`, `<salute>` and `<dateline>` (keeping the rest of their `rend`), other lines its
   * running text, a `<lb/>` between lines that have no element of their own. TEI's closer holds
   * no paragraphs, lists or tables: a closer with more than lines and page breaks is written
   * as a block (`closerBlock`) instead.
   */
  private closer(block: Closer): string {
    if (!block.children.every((child) => child.kind === 'p' || child.kind === 'pb')) return this.closerBlock(block);
    const parts: Line[] = [];
    for (const child of block.children) {
      if (child.kind === 'pb') {
        parts.push({ xml: this.pb(child), line: false, pb: true });
        continue;
      }
      if (child.kind !== 'p') continue;
      const words = rendWords(child.rend)?.split(' ') ?? [];
      const part = words[0] !== undefined && CLOSER_PARTS.has(words[0]) ? words[0] : undefined;
      const content = this.inlines(child.children);
      if (part !== undefined) parts.push({ xml: xmlElement(part, { rend: words.slice(1).join(' ') || undefined }, content), line: false });
      else parts.push({ xml: words.length > 0 ? xmlElement('seg', { rend: words.join(' ') }, content) : content, line: true });
    }
    return xmlElement('closer', {}, joinLines(parts));
  }

  /**
   * A closer where TEI's `<closer>` may not stand (at the start of a division, in a quote or a
   * list item) or holding what it may not (a list, a table): an anonymous block of type
   * "closer", its lines a `<lb/>` apart, a line's `rend` kept on a `<seg>`. `ab` may hold lists,
   * tables, quotes, floating texts and other `ab`s, so no content is lost.
   */
  private closerBlock(block: Closer): string {
    const parts: Line[] = [];
    for (const child of block.children) {
      if (child.kind === 'p') {
        const rend = rendWords(child.rend);
        const content = this.inlines(child.children);
        parts.push({ xml: rend ? xmlElement('seg', { rend }, content) : content, line: true });
      } else {
        const xml = this.block(child);
        if (xml) parts.push({ xml, line: true, pb: child.kind === 'pb' });
      }
    }
    return xmlElement('ab', { type: 'closer' }, joinLines(parts));
  }

  private pb(pb: { n?: string; facs?: string }): string {
    return `<pb${xmlAttributes({ n: pb.n, facs: pb.facs === undefined ? undefined : uriReference(pb.facs) })}/>`;
  }

  private inlines(nodes: Inline[]): string {
    let out = '';
    for (const node of nodes) out += this.inline(node);
    return out;
  }

  private inline(node: Inline): string {
    if (typeof node === 'string') return xmlText(node);
    switch (node.kind) {
      case 'em':
      case 'strong':
      case 'sup':
      case 'sub':
      case 'smallcaps':
      case 'underline':
        return xmlElement('hi', { rend: HI[node.kind] }, this.inlines(node.children));
      case 'written':
        return xmlElement('hi', { rend: WRITTEN_REND[node.as] }, this.inlines(node.children));
      case 'supplied':
      case 'del':
      case 'add':
        return xmlElement(node.kind, {}, this.inlines(node.children));
      case 'abbr':
        return `<choice>${xmlElement('abbr', {}, this.inlines(node.children))}${xmlElement('expan', {}, xmlText(node.expansion))}</choice>`;
      case 'link':
        return xmlElement('ref', { target: uriReference(node.href) }, this.inlines(node.children));
      case 'docRef': {
        const content = this.inlines(node.children);
        if (!this.openable || this.openable.has(node.id)) return xmlElement('ref', { type: 'document', target: uriReference(this.links.document(node.id)) }, content);
        return node.href ? xmlElement('ref', { type: 'document', target: uriReference(node.href) }, content) : content;
      }
      case 'entity': {
        const content = this.inlines(node.children);
        if (node.type === 'person') return xmlElement('persName', { ref: uriReference(this.links.person(node.id)) }, content);
        if (node.type === 'place') return xmlElement('placeName', { ref: uriReference(this.links.place(node.id)) }, content);
        return xmlElement('rs', { type: 'topic', ref: uriReference(this.links.topic(node.id)) }, content);
      }
      case 'noteRef':
        return this.noteAt(node.n);
      case 'lb':
        return '<lb/>';
      case 'pb':
        return this.pb(node);
    }
  }

  /**
   * The note a marker points to, written where the marker stands. A marker printed twice (FRUS
   * repeats a note on each name of a list it applies to) gets the whole note each time, as the
   * page printed it: TEI could point the second to the first by `xml:id`, but ids are unique per
   * file and an export file holds many documents. A marker with no note, or one met again
   * inside its own note, is an empty note: the marker stays, with nothing invented for it.
   */
  private noteAt(n: string): string {
    const note = this.byN.get(n);
    if (note === undefined || this.open.has(note)) return xmlElement('note', { n: note?.mark ?? n, place: 'foot' });
    this.written.add(note);
    return this.note(note);
  }

  private note(note: Footnote): string {
    this.open.add(note);
    const content = note.body ? this.inlines(note.body) : lines(note.text);
    this.open.delete(note);
    return xmlElement('note', { n: note.mark ?? note.n, place: 'foot' }, content);
  }

  /** Notes whose marker the text never shows (a note on the title, a plain-text document's notes). */
  back(): string {
    let notes = '';
    for (const note of this.footnotes) {
      if (this.written.has(note)) continue;
      this.written.add(note);
      notes += this.note(note);
    }
    return notes ? xmlElement('div', { type: 'notes' }, notes) : '';
  }
}

/**
 * A closer's lines in order: `line` when the line is running text, which needs a `<lb/>` to
 * stand on its own line (signed, salute and dateline are set on their own lines already); a
 * page break falls between lines and takes no line break of its own.
 */
interface Line {
  xml: string;
  line: boolean;
  pb?: boolean;
}

function joinLines(parts: Line[]): string {
  let out = '';
  let previous: boolean | undefined;
  for (const part of parts) {
    if (part.pb) {
      out += part.xml;
      continue;
    }
    if (previous !== undefined && (previous || part.line)) out += '<lb/>';
    out += part.xml;
    previous = part.line;
  }
  return out;
}

function isHeadingAtOrAbove(block: Block, level: number): boolean {
  return block.kind === 'heading' && block.level <= level;
}

function span(value: number | undefined): number | undefined {
  return value !== undefined && Number.isInteger(value) && value > 1 ? value : undefined;
}
