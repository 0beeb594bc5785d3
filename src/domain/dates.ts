import { z } from 'zod';

/**
 * A document's date is a range with a display form. `start`/`end` are ISO 8601 at day, month or
 * year precision ("1963-01-31", "1963-01", "1963"); an undated document has neither and keeps
 * its display ("[undated]"). Approximate dates keep the wording ("circa 1963") and a best range.
 */
export interface DocumentDate {
  start?: string;
  end?: string;
  display: string;
  /** Kept from sources that say how a date was established ("conjecture"). */
  certainty?: 'conjecture' | 'approximate' | 'inferred';
}

const PARTIAL_ISO = /^(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export const partialIsoDate = z.string().refine((value) => parsePartialIso(value) !== null, {
  message: 'must be an ISO 8601 date: YYYY, YYYY-MM or YYYY-MM-DD',
});

export const documentDateSchema = z
  .object({
    start: partialIsoDate.optional(),
    end: partialIsoDate.optional(),
    display: z.string().min(1, 'display must not be empty'),
    certainty: z.enum(['conjecture', 'approximate', 'inferred']).optional(),
  })
  .refine((d) => !endsBeforeStart(d), {
    message: 'start must not be after end',
  });

/** Whether a date's range ends before it starts ("1963-01-31..1963-01-15"). */
export function endsBeforeStart(date: { start?: string | undefined; end?: string | undefined }): boolean {
  return Boolean(date.start && date.end && dayBounds(date.start)!.first > dayBounds(date.end)!.last);
}

export interface PartialIso {
  year: number;
  month?: number;
  day?: number;
}

export function parsePartialIso(value: string): PartialIso | null {
  const m = PARTIAL_ISO.exec(value.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = m[2] === undefined ? undefined : Number(m[2]);
  const day = m[3] === undefined ? undefined : Number(m[3]);
  if (month !== undefined && (month < 1 || month > 12)) return null;
  if (day !== undefined && month !== undefined && (day < 1 || day > daysInMonth(year, month))) return null;
  return { year, month, day };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number, width = 2): string {
  const s = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? `-${s}` : s;
}

/** First and last day (YYYY-MM-DD) covered by a partial ISO date; used for range comparisons. */
export function dayBounds(value: string): { first: string; last: string } | null {
  const p = parsePartialIso(value);
  if (!p) return null;
  const y = pad(p.year, 4);
  if (p.month === undefined) return { first: `${y}-01-01`, last: `${y}-12-31` };
  const m = pad(p.month);
  if (p.day === undefined) return { first: `${y}-${m}-01`, last: `${y}-${m}-${pad(daysInMonth(p.year, p.month))}` };
  const d = pad(p.day);
  return { first: `${y}-${m}-${d}`, last: `${y}-${m}-${d}` };
}

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** "31 January 1963", "January 1963", "1963" — the form the Wilson Center and FRUS print. */
export function formatPartialIso(value: string): string {
  const p = parsePartialIso(value);
  if (!p) return value;
  if (p.month === undefined) return String(p.year);
  const month = MONTHS[p.month - 1];
  if (p.day === undefined) return `${month} ${p.year}`;
  return `${p.day} ${month} ${p.year}`;
}

export function formatDateRange(start?: string, end?: string): string {
  if (!start && !end) return '[undated]';
  if (start && (!end || start === end)) return formatPartialIso(start);
  if (!start) return `before ${formatPartialIso(end!)}`;
  return `${formatPartialIso(start)} – ${formatPartialIso(end!)}`;
}

/** Reduces an ISO date-time ("1961-01-21T18:34:00") to its date part. */
export function isoDatePart(value: string): string {
  const m = /^(-?\d{4}(?:-\d{2}(?:-\d{2})?)?)/.exec(value.trim());
  return m ? m[1]! : value;
}

const APPROXIMATE = /^(?:circa|ca\.?|c\.|about|approx(?:imately)?\.?)\s*/i;

/**
 * Reads the loose date forms people write in front matter and spreadsheets:
 * "1963-01-31", "1963-01", "1963", "1962-10..1962-11", "1962-10/1962-11" (EDTF interval),
 * "circa 1963", "1963?" / "1963~" (EDTF uncertain/approximate), "[undated]".
 * Returns null when the text names no date it can read, so callers can report it.
 */
/** Longer than any date is written: "circa 1 January 1963 – 31 December 1963" is 40 characters. */
export const MAX_DATE_TEXT = 100;

/** A value quoted in a message, shortened: a hostile 40,000-character "date" need not be repeated. */
export function quoteValue(value: string, max = 60): string {
  return `"${value.length > max ? `${value.slice(0, max)}…` : value}"`;
}

export function parseDateText(text: string): DocumentDate | null {
  const display = text.trim();
  // No date is written in more than a few dozen characters; a longer text is refused before
  // the range pattern below, which takes n² on a long run of "/" or ".".
  if (display === '' || display.length > MAX_DATE_TEXT) return null;
  if (/^\[?(undated|n\.\s?d\.|no date|s\.\s?d\.)\]?$/i.test(display)) return { display: '[undated]' };
  let core = display;
  let certainty: DocumentDate['certainty'];
  if (APPROXIMATE.test(core)) {
    core = core.replace(APPROXIMATE, '');
    certainty = 'approximate';
  }
  if (/[?~%]$/.test(core)) {
    core = core.slice(0, -1);
    certainty = 'approximate';
  }
  const range = /^(\S*?)\s*(?:\.\.|\/)\s*(\S*)$/.exec(core);
  if (range) {
    const [, a, b] = range;
    const start = a && a !== '..' ? isoDatePart(a.replace(/[?~%]$/, '')) : undefined;
    const end = b && b !== '..' ? isoDatePart(b.replace(/[?~%]$/, '')) : undefined;
    if ((start && !parsePartialIso(start)) || (end && !parsePartialIso(end)) || (!start && !end)) return null;
    return withCertainty({ start, end, display: certainty ? display : formatDateRange(start, end) }, certainty);
  }
  const single = isoDatePart(core);
  if (single !== core.trim() && !/^\d{4}-\d{2}-\d{2}T/.test(core.trim())) return null;
  if (!parsePartialIso(single)) return null;
  return withCertainty(
    { start: single, end: single, display: certainty ? display : formatPartialIso(single) },
    certainty,
  );
}

function withCertainty(date: DocumentDate, certainty: DocumentDate['certainty']): DocumentDate {
  return canonicalDate({ ...date, ...(certainty ? { certainty } : {}) });
}

/**
 * The one key order a stored date has (start, end, display, certainty), whichever way it was
 * written, so equal dates serialize — and checksum — equally.
 */
export function canonicalDate(date: DocumentDate): DocumentDate {
  const clean = {} as DocumentDate;
  if (date.start) clean.start = date.start;
  if (date.end) clean.end = date.end;
  clean.display = date.display;
  if (date.certainty) clean.certainty = date.certainty;
  return clean;
}

/** The periods documents are counted by on a timeline. */
export type DateUnit = 'decade' | 'year' | 'month' | 'day';

/** First and last day of a period key ("1960" decade, "1962", "1962-10", "1962-10-27"). */
export function periodBounds(key: string, unit: DateUnit): { start: string; end: string } | null {
  if (unit === 'decade') {
    const first = dayBounds(key);
    const last = dayBounds(String(Number(key) + 9).padStart(4, '0'));
    return first && last ? { start: first.first, end: last.last } : null;
  }
  const bounds = dayBounds(key);
  return bounds ? { start: bounds.first, end: bounds.last } : null;
}
