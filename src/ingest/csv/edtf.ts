import {
  dayBounds,
  type DocumentDate,
  endsBeforeStart,
  formatPartialIso,
  MAX_DATE_TEXT,
  parseDateText,
  parsePartialIso,
} from '../../domain/index.js';
import { certaintyOfWording, formatRange } from '../xml/tei-date.js';

/**
 * Reads the Extended Date/Time Format (EDTF, ISO 8601-2) forms that letter tables use, into a
 * date range:
 *
 * | written                     | start       | end         | certainty   |
 * |-----------------------------|-------------|-------------|-------------|
 * | `1547-05-22`, `1547-05`     | same        | same        |             |
 * | `1547?` / `1547~` / `1547%` | 1547        | 1547        | conjecture / approximate / conjecture |
 * | `1542-08-22/1542-08-25`     | 1542-08-22  | 1542-08-25  |             |
 * | `1541-09-26/` `…/..` `…/?`  | 1541-09-26  | (open)      | (`/?`: conjecture) |
 * | `/1541-07-18`, `../…`       | (open)      | 1541-07-18  |             |
 * | `[1542-05-05,1542-05-06]`   | 1542-05-05  | 1542-05-06  | (one of a set: the range spans it) |
 * | `[..1547-05-22]`            | (open)      | 1547-05-22  |             |
 * | `{1547,1548}`               | 1547        | 1548        |             |
 * | `154X`, `1547-XX`           | 1540        | 1549 / 1547 |             |
 * | `1548-21` … `1548-24`       | seasons: spring 03–05, summer 06–08, autumn 09–11, winter 12–02 |
 *
 * `?` marks an uncertain date (kept as `conjecture`, the editors' guess), `~` an approximate one.
 * Anything else falls back to {@link parseDateText} ("circa 1963", "1962-10..1962-11",
 * "[undated]"). Returns null when the text is no date this can read, so the caller reports the row.
 */
export interface EdtfDate {
  start?: string;
  end?: string;
  certainty?: DocumentDate['certainty'];
  /** How the value reads when the source gives no wording of its own. */
  display: string;
}

export function parseEdtf(value: string): EdtfDate | null {
  const raw = value.trim();
  if (raw === '' || raw.length > MAX_DATE_TEXT) return null;
  const set = /^([[{])(.*)([\]}])$/.exec(raw);
  if (set && ((set[1] === '[' && set[3] === ']') || (set[1] === '{' && set[3] === '}'))) {
    // Not a set of dates: the wording editors bracket ("[undated]", "[s.d.]").
    const parsed = parseSet(set[2]!, set[1] === '[');
    if (parsed) return parsed;
  } else {
    if (raw.includes('/')) return parseInterval(raw);
    const single = parseQualified(raw);
    if (single) {
      const range = checked(single.first, single.last, single.certainty);
      if (range) return { ...range, display: qualify(formatPoint(single), single.certainty) };
    }
  }
  const loose = parseDateText(raw);
  if (!loose || endsBeforeStart(loose)) return null;
  const out: EdtfDate = { display: loose.display };
  if (loose.start) out.start = loose.start;
  if (loose.end) out.end = loose.end;
  if (loose.certainty) out.certainty = loose.certainty;
  return out;
}

/**
 * The display and range as a DocumentDate, with the source's own wording when it has one. The
 * value's own qualifier (`?`, `~`) decides the certainty; without one, the wording follows the
 * editors' conventions as in TEI letters: "[1535-1537]" (supplied by the editors) is inferred,
 * a "?" conjecture. (Square brackets in the value itself are EDTF sets, not this convention.)
 */
export function toDocumentDate(parsed: EdtfDate, written?: string): DocumentDate {
  const wording = written?.trim();
  const date: DocumentDate = { display: wording || parsed.display };
  if (parsed.start) date.start = parsed.start;
  if (parsed.end) date.end = parsed.end;
  const certainty = parsed.certainty ?? certaintyOfWording(wording);
  if (certainty) date.certainty = certainty;
  return date;
}

interface Point {
  /** First and last partial ISO date the written value can mean ("154X" → 1540 … 1549). */
  first: string;
  last: string;
  certainty?: DocumentDate['certainty'];
  text: string;
}

const SEASONS: Record<string, [string, string, number]> = {
  '21': ['03', '05', 0],
  '22': ['06', '08', 0],
  '23': ['09', '11', 0],
  '24': ['12', '02', 1],
};

function parseQualified(input: string): Point | null {
  let text = input.trim();
  let certainty: DocumentDate['certainty'];
  // Qualifiers may follow any component ("1547-05?-22"); one uncertain part makes the date uncertain.
  if (/[?%]/.test(text)) certainty = 'conjecture';
  else if (text.includes('~')) certainty = 'approximate';
  text = text.replace(/[?~%]/g, '');
  // EDTF level 1 also allows a leading qualifier ("?1547"), already removed above.
  const m = /^(-?)(\d{3}[\dX]|\d{2}XX)(?:-(\d{2}|XX)(?:-(\d{2}|XX))?)?$/.exec(text);
  if (!m) return null;
  const [, sign, year, month, day] = m;
  const y0 = `${sign}${year!.replace(/X/g, '0')}`;
  const y1 = `${sign}${year!.replace(/X/g, '9')}`;
  if (month && SEASONS[month]) {
    if (day) return null;
    const [from, to, carry] = SEASONS[month]!;
    const endYear = String(Number(y1) + carry).padStart(4, '0');
    return { first: `${y0}-${from}`, last: `${endYear}-${to}`, certainty, text };
  }
  if (!month || month === 'XX' || year!.includes('X')) return { first: y0, last: y1, certainty, text };
  if (!day || day === 'XX') return { first: `${y0}-${month}`, last: `${y1}-${month}`, certainty, text };
  return { first: `${y0}-${month}-${day}`, last: `${y1}-${month}-${day}`, certainty, text };
}

function parseInterval(raw: string): EdtfDate | null {
  const parts = raw.split('/');
  if (parts.length !== 2) return null;
  const [a, b] = parts.map((p) => p.trim()) as [string, string];
  const open = (s: string): boolean => s === '' || s === '..' || s === '?';
  const from = open(a) ? null : parseQualified(a);
  const to = open(b) ? null : parseQualified(b);
  if ((!open(a) && !from) || (!open(b) && !to) || (!from && !to)) return null;
  let certainty = strongest(from?.certainty, to?.certainty);
  // "1548-10-27/?": the end is unknown, and the editors flag the date as uncertain.
  if (a === '?' || b === '?') certainty = strongest(certainty, 'conjecture');
  const range = checked(from?.first, to?.last, certainty);
  if (!range) return null;
  return { ...range, display: qualify(formatRange(range.start, range.end), certainty) };
}

function parseSet(inner: string, oneOf: boolean): EdtfDate | null {
  const items = inner.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (items.length === 0) return null;
  let first: string | undefined;
  let last: string | undefined;
  let openStart = false;
  let openEnd = false;
  let certainty: DocumentDate['certainty'];
  const texts: string[] = [];
  for (const item of items) {
    // Inside sets, "a..b" is a range and a leading/trailing ".." an open end ("[..1547-05-22]").
    const range = /^(.*?)\.\.(.*)$/.exec(item);
    const ends = range ? [range[1]!.trim(), range[2]!.trim()] : [item, item];
    const lo = ends[0] ? parseQualified(ends[0]) : null;
    const hi = ends[1] ? parseQualified(ends[1]) : null;
    if ((ends[0] && !lo) || (ends[1] && !hi)) return null;
    if (!lo) openStart = true;
    if (!hi) openEnd = true;
    if (lo && (!first || before(lo.first, first))) first = lo.first;
    if (hi && (!last || before(last, hi.last))) last = hi.last;
    certainty = strongest(certainty, strongest(lo?.certainty, hi?.certainty));
    texts.push(range ? formatRange(lo ? lo.first : undefined, hi ? hi.last : undefined) : formatPoint(lo!));
  }
  const range = checked(openStart ? undefined : first, openEnd ? undefined : last, certainty);
  if (!range) return null;
  return { ...range, display: qualify(texts.join(oneOf ? ' or ' : ' and '), certainty) };
}

function checked(start: string | undefined, end: string | undefined, certainty: DocumentDate['certainty']): Omit<EdtfDate, 'display'> | null {
  if (start !== undefined && !parsePartialIso(start)) return null;
  if (end !== undefined && !parsePartialIso(end)) return null;
  if (start && end && before(end, start, true)) return null;
  const out: Omit<EdtfDate, 'display'> = {};
  if (start) out.start = start;
  if (end) out.end = end;
  if (certainty) out.certainty = certainty;
  return out;
}

/** Whether a lies before b; with `strict` compares a's last day to b's first (so 1547-05 vs 1547 overlap). */
function before(a: string, b: string, strict = false): boolean {
  const ba = dayBounds(a);
  const bb = dayBounds(b);
  if (!ba || !bb) return false;
  return strict ? ba.last < bb.first : ba.first < bb.first;
}

function strongest(a: DocumentDate['certainty'], b: DocumentDate['certainty']): DocumentDate['certainty'] {
  if (a === 'conjecture' || b === 'conjecture') return 'conjecture';
  return a ?? b;
}

function formatPoint(p: Point): string {
  return p.first === p.last ? formatPartialIso(p.first) : formatRange(p.first, p.last);
}

function qualify(display: string, certainty: DocumentDate['certainty']): string {
  if (certainty === 'conjecture') return `${display}?`;
  if (certainty === 'approximate') return `circa ${display}`;
  return display;
}

/**
 * The EDTF value {@link parseEdtf} reads back as the same range and certainty: what a CSV export
 * writes, so a table round-trips. An `inferred` date has no EDTF qualifier; its wording ("[…]")
 * carries it, as it does on the way in. Undated: ''.
 */
export function formatEdtf(date: { start?: string; end?: string; certainty?: string }): string {
  const mark = date.certainty === 'conjecture' ? '?' : date.certainty === 'approximate' ? '~' : '';
  const { start, end } = date;
  if (!start && !end) return '';
  if (start && end === start) return start + mark;
  return `${start ? start + mark : ''}/${end ? end + mark : ''}`;
}
