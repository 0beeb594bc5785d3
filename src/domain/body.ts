/**
 * The display structure of a document's text, kept from the source (TEI paragraphs, lists,
 * tables, closers, page breaks, footnote anchors, links to other documents and entities).
 * `text` stays the plain-text form used for search and the JSON API; `body` is what the reading
 * page renders when present.
 */
export type Inline =
  | string
  | { kind: 'em' | 'strong' | 'sup' | 'sub' | 'smallcaps' | 'underline'; children: Inline[] }
  /**
   * An edition's reading of the manuscript: text the editors supply (shown in brackets), text the
   * writer struck out (shown struck, not searched) and text the writer added.
   */
  | { kind: 'supplied' | 'del' | 'add'; children: Inline[] }
  /**
   * How a manuscript's words look where an edition records it: in Latin script amid German
   * Kurrent (`latin`), in roman type (`antiqua`), printed on the paper or form the writer filled
   * in (`printed`), stamped (`stamp`), in capitals (`capitals`).
   */
  | { kind: 'written'; as: WrittenAs; children: Inline[] }
  | { kind: 'noteRef'; n: string }
  /** An abbreviation and what it stands for ("ACDA": "Arms Control and Disarmament Agency"), from an edition's list of terms. */
  | { kind: 'abbr'; expansion: string; children: Inline[] }
  | { kind: 'link'; href: string; children: Inline[] }
  /**
   * `href`: the document's page elsewhere, linked while the archive does not hold it (a FRUS volume not ingested).
   * `fill`: the source leaves the words to the document cited, its title or its date (an edition's
   * website fills them in: "am <ref subtype="date-only" target="L00494"/>" reads "am 25. 9. 1895");
   * `children` stand in while the reader cannot open it.
   */
  | { kind: 'docRef'; id: string; href?: string; fill?: 'title' | 'date'; children: Inline[] }
  | { kind: 'entity'; type: 'person' | 'place' | 'topic'; id: string; children: Inline[] }
  | { kind: 'lb' }
  | { kind: 'pb'; n?: string; facs?: string };

export const WRITTEN_AS = ['latin', 'antiqua', 'printed', 'stamp', 'capitals'] as const;
export type WrittenAs = (typeof WRITTEN_AS)[number];

export interface TableCell {
  children: Inline[];
  header?: boolean;
  colspan?: number;
  rowspan?: number;
}

export type Block =
  | { kind: 'p'; children: Inline[]; rend?: string }
  | { kind: 'heading'; level: 2 | 3 | 4; children: Inline[] }
  /** `start`: an ordered list's first number, when it is not 1 (Markdown's `1963. …`). */
  | { kind: 'list'; ordered: boolean; start?: number; items: Block[][] }
  | { kind: 'table'; rows: TableCell[][] }
  | { kind: 'quote'; children: Block[] }
  | { kind: 'closer'; children: Block[] }
  | { kind: 'attachment'; title?: Inline[]; children: Block[] }
  | { kind: 'pb'; n?: string; facs?: string };

export interface Footnote {
  /**
   * The note's marker, unique within the document: `noteRef` links by it. It is the marker as
   * printed ("1", "*") unless another note of the document printed the same one.
   */
  n: string;
  /**
   * The marker as printed, when `n` had to differ from it: a table's or an attachment's notes
   * restart at "a" or "1", and the second "b" of a document is stored as n "b-2", mark "b".
   */
  mark?: string;
  text: string;
  /** Structured form of the note, when the source has markup (links, emphasis). */
  body?: Inline[];
}

/** Plain text of inline content, as search indexes and snippets see it. */
export function inlineText(nodes: Inline[]): string {
  // Pieces joined once: `+=` builds a rope that every later regex must first flatten.
  const pieces: string[] = [];
  collectInlineText(nodes, pieces);
  return pieces.join('');
}

function collectInlineText(nodes: Inline[], pieces: string[]): void {
  for (const node of nodes) {
    if (typeof node === 'string') pieces.push(node);
    else if (node.kind === 'lb') pieces.push('\n');
    else if (node.kind === 'noteRef' || node.kind === 'pb' || node.kind === 'del') continue;
    else collectInlineText(node.children, pieces);
  }
}

/**
 * Whether a run shows the reader anything: text, struck text included, or a note's marker. A
 * paragraph of struck words only ("K. u. K. Director …" crossed out on a letterhead) is kept,
 * though none of it is searchable text.
 */
export function showsAnything(nodes: Inline[]): boolean {
  for (const node of nodes) {
    if (typeof node === 'string') {
      if (node.trim() !== '') return true;
    } else if (node.kind === 'noteRef') return true;
    else if (node.kind !== 'lb' && node.kind !== 'pb' && showsAnything(node.children)) return true;
  }
  return false;
}

/**
 * Each run of inline content of a body, in reading order: a paragraph or heading, a table row
 * (its cells a space apart), an attachment's title, at every depth.
 */
export function* inlineRuns(blocks: Block[]): Generator<Inline[]> {
  for (const block of blocks) {
    switch (block.kind) {
      case 'p':
      case 'heading':
        yield block.children;
        break;
      case 'list':
        for (const item of block.items) yield* inlineRuns(item);
        break;
      case 'table':
        for (const row of block.rows) yield row.flatMap((cell, i) => (i ? [' ', ...cell.children] : cell.children));
        break;
      case 'quote':
      case 'closer':
        yield* inlineRuns(block.children);
        break;
      case 'attachment':
        if (block.title) yield block.title;
        yield* inlineRuns(block.children);
        break;
      case 'pb':
        break;
    }
  }
}

/** The documents a body and its notes link to (`docRef`), in order of appearance. */
export function linkedDocumentIds(blocks: Block[] | undefined, footnotes: Footnote[]): string[] {
  const ids = new Set<string>();
  const visit = (nodes: Inline[]): void => {
    for (const node of nodes) {
      if (typeof node === 'string') continue;
      if (node.kind === 'docRef') ids.add(node.id);
      if ('children' in node) visit(node.children);
    }
  };
  for (const run of inlineRuns(blocks ?? [])) visit(run);
  for (const note of footnotes) visit(note.body ?? []);
  return [...ids];
}

/** An ordered list item's number as text ("1963. "): a reader sees it, and searches for it. */
export function listItemMark(list: Extract<Block, { kind: 'list' }>, index: number): string {
  return list.ordered ? `${(list.start ?? 1) + index}. ` : '';
}

/** What needs collapsing into one space: a tab, or two spaces. */
const RUN_OF_BLANKS = /\t| {2}/;

/** Plain text of a body: blocks separated by blank lines. */
export function bodyText(blocks: Block[]): string {
  const parts: string[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case 'p':
      case 'heading':
        parts.push(inlineText(block.children));
        break;
      case 'list':
        block.items.forEach((item, i) => parts.push(listItemMark(block, i) + bodyText(item)));
        break;
      case 'table':
        for (const row of block.rows) parts.push(row.map((c) => inlineText(c.children)).join('\t'));
        break;
      case 'quote':
      case 'closer':
        parts.push(bodyText(block.children));
        break;
      case 'attachment':
        if (block.title) parts.push(inlineText(block.title));
        parts.push(bodyText(block.children));
        break;
      case 'pb':
        break;
    }
  }
  const kept: string[] = [];
  for (const part of parts) {
    const text = (RUN_OF_BLANKS.test(part) ? part.replace(/[ \t]+/g, ' ') : part).trim();
    if (text !== '') kept.push(text);
  }
  return kept.join('\n\n');
}
