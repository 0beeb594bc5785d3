import { isoDatePart, parsePartialIso } from '../../domain/index.js';
import { attr, findAll, normalizeSpace, type XmlElement } from './xml.js';
import { spacedText } from './text.js';
import { trimTrailing } from '../../domain/trim.js';

/** The loose date shape buildIngestRecord accepts; it validates and rejects impossible dates. */
export interface DateValue {
  start?: string;
  end?: string;
  display: string;
  certainty?: 'conjecture' | 'approximate' | 'inferred';
}

/**
 * A FRUS document's date, in order of preference:
 * 1. `frus:doc-dateTime-min` / `-max` on the document div (the current upstream encoding; none
 *    of the 2015 files has them yet), reduced to the day;
 * 2. the first `dateline//date` that carries `@when`, `@from`/`@to` or `@notBefore`/`@notAfter`
 *    (datelines can hold a mis-tagged `<date>Washington</date>` before the real one, and the
 *    date can sit inside `hi`);
 * 3. a dateline date with no attributes: "undated" → undated, else the printed text is parsed;
 * 4. nothing: undated.
 * `display` is the date as printed in the dateline ("November 9, 1960") whenever there is one.
 */
export function documentDate(div: XmlElement, dateline: XmlElement | undefined): DateValue | undefined {
  const dates = dateline ? findAll(dateline, (e) => e.name === 'date') : [];
  const min = attr(div, 'frus:doc-dateTime-min');
  const max = attr(div, 'frus:doc-dateTime-max');
  if (min || max) {
    const printed = dates.map(dateText).find(Boolean);
    return withDisplay(min ? isoDatePart(min) : undefined, max ? isoDatePart(max) : undefined, printed);
  }
  for (const date of dates) {
    const when = attr(date, 'when');
    const from = attr(date, 'from') ?? attr(date, 'notBefore');
    const to = attr(date, 'to') ?? attr(date, 'notAfter');
    if (!when && !from && !to) continue;
    const start = when ? isoDatePart(when) : from ? isoDatePart(from) : undefined;
    const end = when ? isoDatePart(when) : to ? isoDatePart(to) : undefined;
    return withDisplay(start, end, dateText(date));
  }
  const first = dates[0];
  if (!first) return undefined;
  const printed = dateText(first);
  if (!printed || /\bundated\b/i.test(printed)) return { display: '[undated]' };
  return parseEnglishDate(printed)?.date;
}

function dateText(date: XmlElement): string {
  // The sentence's period is usually outside <date>; a period after a digit is one that is not.
  return trimTrailing(normalizeSpace(spacedText(date)), ',;:').replace(/(\d)\.$/, '$1');
}

/** An empty display lets buildIngestRecord format the range itself ("9 November 1960"). */
function withDisplay(start: string | undefined, end: string | undefined, printed: string | undefined): DateValue {
  const value: DateValue = { display: printed ?? '' };
  if (start) value.start = start;
  if (end) value.end = end;
  return value;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December)';
/** "February 9, 1961", "January 12", "October 23–24, 1962", "August 8 and 9, 1961". */
const DAY_DATE = new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:\\s*(?:[-–—]|and|to)\\s*(?:${MONTH}\\s+)?(\\d{1,2}))?(?:,?\\s+(\\d{4}))?\\b`);
/** "September 1962", "January, 1961". */
const MONTH_DATE = new RegExp(`\\b${MONTH},?\\s+(\\d{4})\\b`);

export interface FoundDate {
  date: DateValue;
  /** Where the printed date sits in the text, so a caller can cut a title there. */
  index: number;
  length: number;
}

/**
 * Reads an English date as FRUS prints it. A date without a year takes `contextYear` (a
 * supplement entry "January 12" filed under the chapter "January 1962"), is displayed with the
 * year in brackets and marked `certainty: 'inferred'`; without any year it keeps only its display.
 */
export function parseEnglishDate(text: string, contextYear?: number): FoundDate | undefined {
  const day = DAY_DATE.exec(text);
  if (day) {
    const [matched, month1, d1, month2, d2, yearText] = day;
    const year = yearText ? Number(yearText) : contextYear;
    const printed = matched.trim();
    if (year === undefined) return { date: { display: printed }, index: day.index, length: matched.length };
    const start = iso(year, month1!, d1!);
    const end = d2 ? iso(year, month2 ?? month1!, d2) : start;
    if (!start || !end) return undefined;
    const date: DateValue = { start, end, display: yearText ? printed : `${printed} [${year}]` };
    if (!yearText) date.certainty = 'inferred';
    return { date, index: day.index, length: matched.length };
  }
  const month = MONTH_DATE.exec(text);
  if (month) {
    const [matched, name, yearText] = month;
    const m = String(MONTHS.indexOf(name!.toLowerCase()) + 1).padStart(2, '0');
    const value = `${yearText}-${m}`;
    return { date: { start: value, end: value, display: matched.trim() }, index: month.index, length: matched.length };
  }
  return undefined;
}

function iso(year: number, monthName: string, day: string): string | undefined {
  const m = MONTHS.indexOf(monthName.toLowerCase()) + 1;
  const value = `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${day.padStart(2, '0')}`;
  return parsePartialIso(value) ? value : undefined;
}

/** The one year a chapter heading names ("January 1962", "October 23, 1962"), if exactly one. */
export function yearOf(heading: string): number | undefined {
  const years = [...new Set(heading.match(/\b(1[89]\d\d|20\d\d)\b/g) ?? [])];
  return years.length === 1 ? Number(years[0]) : undefined;
}
