import type { Inline } from '../../domain/index.js';

/**
 * A deliberately small subset of Markdown inlines: `*em*`/`_em_`, `**strong**`, `[text](url)`,
 * footnote references `[^n]` (only for labels that have a definition) and backslash escapes.
 * Anything else stays literal text, so historical text with stray symbols survives unchanged.
 */
export function parseInlines(source: string, noteLabels: ReadonlySet<string>): Inline[] {
  const out: Inline[] = [];
  const deadEnds: DeadEnds = new Map();
  let text = '';
  const flush = (): void => {
    if (text) out.push(text);
    text = '';
  };
  let i = 0;
  while (i < source.length) {
    // Plain text up to the next character that may start markup, taken in one piece: appending
    // it a character at a time built a string of millions of parts for a long paragraph.
    SPECIAL.lastIndex = i;
    const next = SPECIAL.exec(source)?.index ?? source.length;
    if (next > i) {
      text += source.slice(i, next);
      i = next;
      continue;
    }
    const ch = source[i]!;
    if (ch === '\\' && i + 1 < source.length && /[!-/:-@[-`{-~]/.test(source[i + 1]!)) {
      text += source[i + 1];
      i += 2;
      continue;
    }
    if (ch === '[') {
      NOTE_REF.lastIndex = i;
      const note = NOTE_REF.exec(source);
      if (note && noteLabels.has(note[1]!)) {
        flush();
        out.push({ kind: 'noteRef', n: note[1]! });
        i += note[0].length;
        continue;
      }
      const link = matchLink(source, i);
      if (link) {
        flush();
        out.push({ kind: 'link', href: link.href, children: parseInlines(link.label, noteLabels) });
        i = link.end;
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
      text += delim;
      i += delim.length;
      continue;
    }
    text += ch;
    i++;
  }
  flush();
  return out;
}

const SPECIAL = /[\\[*_]/g;

const isSpace = (c: string | undefined): boolean => c === undefined || /\s/.test(c);
const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/*
 * Labels are bounded as CommonMark bounds link labels (999 characters), so a line of thousands
 * of "[" costs each of them a bounded look, not a scan to the end of the paragraph.
 */
const NOTE_REF = /\[\^([^\]\s]{1,999})\]/y;
const LINK = /\[([^\]]{1,999})\]\(([^()\s]{1,2048})\)/y;

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

function matchLink(source: string, open: number): { label: string; href: string; end: number } | null {
  LINK.lastIndex = open;
  const m = LINK.exec(source);
  if (!m) return null;
  return { label: m[1]!, href: m[2]!, end: open + m[0].length };
}
