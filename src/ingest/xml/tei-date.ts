import {
  dayBounds,
  type DocumentDate,
  formatDateRange,
  formatPartialIso,
  isoDatePart,
  parsePartialIso,
  type EditorialCertainty,
} from '../../domain/index.js';
import { attr, text, type XElement } from './tree.js';

export type TeiDateResult = { ok: true; date: DocumentDate } | { ok: false; reason: string };

/**
 * How the editors say they know what an element gives (a date, a place): `@evidence="conjecture"`
 * or `@cert="low"`/`"unknown"` → conjecture, `@evidence="internal"`/`"external"` → inferred.
 */
export function certaintyOfAttributes(el: XElement): EditorialCertainty | undefined {
  const evidence = attr(el, 'evidence');
  const cert = attr(el, 'cert');
  if (evidence === 'conjecture' || cert === 'low' || cert === 'unknown') return 'conjecture';
  if (evidence === 'internal' || evidence === 'external') return 'inferred';
  return undefined;
}

/**
 * Reads a TEI `<date>` (CMIF and letter editions): `@when`, or a range from
 * `@notBefore`/`@from` … `@notAfter`/`@to` (either end may be missing: "after"/"before").
 * Date-times are cut to their day. How the date was established is kept as `certainty`:
 * `@evidence="conjecture"` or `@cert="low"` → conjecture, `@evidence="internal|external"` →
 * inferred; without attributes the editors' conventions in the written form decide ("[5. 10.
 * 1895]", "7. 9. [1892]" supplied → inferred, "?" → conjecture). The written form, when there is one, is the
 * display ("[3. 8. 1889 – 7. 8. 1889?]"); otherwise the range is formatted, bracketed when
 * conjectured ("[5 October 1895]"). Returns null when the element says nothing at all.
 */
export function readTeiDate(el: XElement | undefined): TeiDateResult | null {
  if (!el) return null;
  const written = text(el);
  const when = clean(attr(el, 'when') ?? attr(el, 'when-iso'));
  const start = when ?? clean(attr(el, 'notBefore') ?? attr(el, 'from'));
  const end = when ?? clean(attr(el, 'notAfter') ?? attr(el, 'to'));
  for (const [label, value] of [['start', start], ['end', end]] as const) {
    if (value !== undefined && !parsePartialIso(value)) {
      return { ok: false, reason: `date: ${label} "${value}" is not an ISO date (line ${el.line})` };
    }
  }
  if (start && end && dayBounds(start)!.first > dayBounds(end)!.last) {
    return { ok: false, reason: `date: ${start} is after ${end} (line ${el.line})` };
  }
  if (!start && !end && !written) return null;

  const evidence = attr(el, 'evidence');
  const cert = attr(el, 'cert');
  const certainty: DocumentDate['certainty'] = certaintyOfAttributes(el) ?? certaintyOfWording(written);

  let display = written;
  if (!display) {
    display = formatRange(start, end);
    if (cert === 'low' || cert === 'unknown') display += '?';
    if (evidence === 'conjecture' || evidence === 'internal' || evidence === 'external') display = `[${display}]`;
  }
  const date: DocumentDate = { display };
  if (start) date.start = start;
  if (end) date.end = end;
  if (certainty) date.certainty = certainty;
  return { ok: true, date };
}

/** "5 October 1895", "1 – 4 September 1914" style via the domain formatter, with open ends spelled out. */
export function formatRange(start: string | undefined, end: string | undefined): string {
  if (start && !end) return `after ${formatPartialIso(start)}`;
  return formatDateRange(start, end);
}

/**
 * An attribute's date: its day, month or year when the value is an ISO date, with a time or time
 * zone or without (XML Schema's date and dateTime). Anything else is kept whole, to be refused
 * as not an ISO date: "1800-3-15" or "1800-03-15/1800-03-20" cut to their start would silently
 * say another date.
 */
function clean(value: string | undefined): string | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  return /^-?\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?)?)?(?:Z|[+-]\d{2}:\d{2})?$/.test(v) ? isoDatePart(v) : v;
}

/**
 * What a date's wording says of its certainty, by the editors' conventions: a "?" is a
 * conjecture, square brackets ("[1535-1537]") mark a date the editors supplied (inferred).
 */
export function certaintyOfWording(written: string | undefined): DocumentDate['certainty'] {
  if (written?.includes('?')) return 'conjecture';
  if (written?.includes('[')) return 'inferred';
  return undefined;
}
