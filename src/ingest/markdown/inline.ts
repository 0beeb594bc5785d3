import type { Inline } from '../../domain/index.js';

/**
 * A deliberately small subset of Markdown inlines: `*em*`/`_em_`, `**strong**`, `[text](url)`,
 * footnote references `[^n]` (only for labels that have a definition) and backslash escapes.
 * Anything else stays literal text, so historical text with stray symbols survives unchanged.
 */
export function parseInlines(source: string, noteLabels: ReadonlySet<string>): Inline[] {
  const out: Inline[] = [];
  const deadEnds: DeadEnds = new Map();
  const brackets = new BracketScanner(source);
  // Literal text in pieces, joined once: a run of markup characters that open nothing arrives
  // one character at a time.
  let text: string[] = [];
  const flush = (): void => {
    const joined = text.join('');
    if (joined) out.push(joined);
    text = [];
  };
  let i = 0;
  while (i < source.length) {
    // Plain text up to the next character that may start markup, taken in one piece: appending
    // it a character at a time built a string of millions of parts for a long paragraph.
    SPECIAL.lastIndex = i;
    const next = SPECIAL.exec(source)?.index ?? source.length;
    if (next > i) {
      text.push(source.slice(i, next));
      i = next;
      continue;
    }
    const ch = source[i]!;
    if (ch === '\\' && i + 1 < source.length && /[!-/:-@[-`{-~]/.test(source[i + 1]!)) {
      text.push(source[i + 1]!);
      i += 2;
      continue;
    }
    if (ch === '[') {
      const bracket = brackets.at(i);
      if (bracket?.note !== undefined && noteLabels.has(bracket.note)) {
        flush();
        out.push({ kind: 'noteRef', n: bracket.note });
        i = bracket.close + 1;
        continue;
      }
      if (bracket?.link) {
        flush();
        out.push({ kind: 'link', href: bracket.link.href, children: parseInlines(source.slice(i + 1, bracket.close), noteLabels) });
        i = bracket.link.end;
        continue;
      }
    }
    if (ch === '*' || ch === '_') {
      const strong = source[i + 1] === ch;
      const delim = strong ? ch + ch : ch;
      const close = findCloser(source, i, delim, deadEnds);
      if (close !== -1) {
        flush();
        const inner = source.slice(i + delim.length, close);
        out.push({ kind: strong ? 'strong' : 'em', children: parseInlines(inner, noteLabels) });
        i = close + delim.length;
        continue;
      }
      // An unmatched run is literal; consume all of it so "**" is not retried as "*".
      text.push(delim);
      i += delim.length;
      continue;
    }
    text.push(ch);
    i++;
  }
  flush();
  return out;
}

const SPECIAL = /[\\[*_]/g;

const isSpace = (c: string | undefined): boolean => c === undefined || /\s/.test(c);
const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** Link text and note labels are bounded as CommonMark bounds link labels. */
const MAX_LABEL = 999;
const MAX_HREF = 2048;

/**
 * What a `[` at some position can open: `[^label]` (a note, if the label is defined) or
 * `[text](href)`. Both end at the next `]`, so that index, whether `(href)` follows it, and the
 * next white space are found once and kept while the positions asked about move forward: a run
 * of thousands of `[` then costs each a constant look, not a scan of up to a thousand characters.
 */
class BracketScanner {
  private close = -2;
  private href: string | null = null;
  private space = -2;

  constructor(private readonly source: string) {}

  at(open: number): { close: number; note?: string; link?: { href: string; end: number } } | undefined {
    const close = this.nextClose(open + 1);
    if (close === -1) return undefined;
    const found: { close: number; note?: string; link?: { href: string; end: number } } = { close };
    const noteLength = close - (open + 2);
    if (this.source[open + 1] === '^' && noteLength >= 1 && noteLength <= MAX_LABEL) {
      const space = this.nextSpace(open + 2);
      if (space === -1 || space > close) found.note = this.source.slice(open + 2, close);
    }
    const labelLength = close - (open + 1);
    if (this.href !== null && labelLength >= 1 && labelLength <= MAX_LABEL) found.link = { href: this.href, end: close + this.href.length + 3 };
    return found;
  }

  private nextClose(from: number): number {
    if (this.close === -1 || this.close >= from) return this.close;
    this.close = this.source.indexOf(']', from);
    this.href = this.close === -1 ? null : this.hrefAfter(this.close);
    return this.close;
  }

  private nextSpace(from: number): number {
    if (this.space === -1 || this.space >= from) return this.space;
    const re = /\s/g;
    re.lastIndex = from;
    this.space = re.exec(this.source)?.index ?? -1;
    return this.space;
  }

  /** The href of `(href)` right after the `]` at `close`: no brackets or white space, 1–2,048 long. */
  private hrefAfter(close: number): string | null {
    const s = this.source;
    if (s[close + 1] !== '(') return null;
    const start = close + 2;
    let j = start;
    while (j < s.length && j - start < MAX_HREF && s[j] !== '(' && s[j] !== ')' && !/\s/.test(s[j]!)) j++;
    return j > start && s[j] === ')' ? s.slice(start, j) : null;
  }
}

/**
 * Per delimiter, the positions from which a search for a closer is known to fail. The search is
 * a walk whose every step depends only on where it stands, so a walk that reaches a position a
 * failed walk passed through fails too. Without this, a paragraph of unmatched openers
 * ("*a *a *a …") costs n² (100,000 of them: minutes).
 */
type DeadEnds = Map<string, Uint8Array>;

/** Index of the delimiter that closes the one opening at `open`, or -1 when it is literal. */
function findCloser(source: string, open: number, delim: string, deadEnds: DeadEnds): number {
  const ch = delim[0]!;
  const after = source[open + delim.length];
  if (isSpace(after) || after === ch) return -1;
  // "snake_case_names" and 2*3*4 are not emphasis.
  if (isWordChar(source[open - 1]) && (ch === '_' || isWordChar(after))) return -1;
  let dead = deadEnds.get(delim);
  if (!dead) deadEnds.set(delim, (dead = new Uint8Array(source.length)));
  const walked: number[] = [];
  let j = open + delim.length + 1;
  while (j < source.length && !dead[j]) {
    walked.push(j);
    if (source[j] === '\\') {
      j += 2;
      continue;
    }
    if (source.startsWith(delim, j) && !isSpace(source[j - 1])) {
      const next = source[j + delim.length];
      const closes = delim.length === 2 || next !== ch;
      if (closes && !(ch === '_' && isWordChar(next))) return j;
    }
    // Skip a nested strong run when looking for an em closer.
    j += delim.length === 1 && source[j] === ch && source[j + 1] === ch ? 2 : 1;
  }
  for (const k of walked) dead[k] = 1;
  return -1;
}
