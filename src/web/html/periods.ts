import { periodBounds } from '../../domain/dates.js';
import type { DateBucket, DateUnit } from '../../store/types.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const UNITS: DateUnit[] = ['decade', 'year', 'month', 'day'];
/** The most bars a chart draws; a finer unit over a longer span falls back to a coarser one. */
export const MAX_PERIODS = 400;

/** The period key containing a day ("1962-10-27" → "1960" / "1962" / "1962-10" / "1962-10-27"). */
export function periodKey(day: string, unit: DateUnit): string {
  if (unit === 'decade') return `${day.slice(0, 3)}0`;
  return day.slice(0, unit === 'year' ? 4 : unit === 'month' ? 7 : 10);
}

export function periodStart(key: string, unit: DateUnit): string {
  return periodBounds(key, unit)!.start;
}

export function periodEnd(key: string, unit: DateUnit): string {
  return periodBounds(key, unit)!.end;
}

function nextKey(key: string, unit: DateUnit): string {
  if (unit === 'decade') return String(Number(key) + 10).padStart(4, '0');
  if (unit === 'year') return String(Number(key) + 1).padStart(4, '0');
  const d = new Date(`${unit === 'month' ? `${key}-01` : key}T00:00:00Z`);
  if (unit === 'month') d.setUTCMonth(d.getUTCMonth() + 1);
  else d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, unit === 'month' ? 7 : 10);
}

/** Every period key from the one containing `from` to the one containing `to`, at most `limit + 1`. */
export function periodKeys(from: string, to: string, unit: DateUnit, limit = MAX_PERIODS): string[] {
  const last = periodKey(to, unit);
  const keys: string[] = [];
  for (let key = periodKey(from, unit); key <= last && keys.length <= limit; key = nextKey(key, unit)) keys.push(key);
  return keys;
}

/** The finest unit that shows a span in a readable number of bars (about 12 to 120). */
export function chooseUnit(from: string, to: string): DateUnit {
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
  if (days > 365.25 * 60) return 'decade';
  if (days > 365.25 * 4) return 'year';
  if (days > 124) return 'month';
  return 'day';
}

/** Periods of the window with their counts, empty ones included (a gap is information too). */
export function fillPeriods(buckets: DateBucket[], from: string, to: string, unit: DateUnit): DateBucket[] {
  const counts = new Map(buckets.map((b) => [b.key, b.count]));
  return periodKeys(from, to, unit).map((key) => ({ key, start: periodStart(key, unit), end: periodEnd(key, unit), count: counts.get(key) ?? 0 }));
}

/** "1960s", "1962", "October 1962", "27 October 1962". */
export function periodLabel(key: string, unit: DateUnit): string {
  if (unit === 'decade') return `${key}s`;
  if (unit === 'year') return key;
  const month = MONTHS[Number(key.slice(5, 7)) - 1]!;
  if (unit === 'month') return `${month} ${key.slice(0, 4)}`;
  return `${Number(key.slice(8, 10))} ${month} ${key.slice(0, 4)}`;
}

/** The short tick label under a bar: "1960s", "1962", "Oct", "27". */
export function tickLabel(key: string, unit: DateUnit): string {
  if (unit === 'decade' || unit === 'year') return unit === 'decade' ? `${key}s` : key;
  if (unit === 'month') return `${MONTHS[Number(key.slice(5, 7)) - 1]!.slice(0, 3)}${key.endsWith('-01') ? ` ${key.slice(0, 4)}` : ''}`;
  return String(Number(key.slice(8, 10)));
}

export function coarser(unit: DateUnit): DateUnit | undefined {
  return UNITS[UNITS.indexOf(unit) - 1];
}

export function finer(unit: DateUnit): DateUnit | undefined {
  return UNITS[UNITS.indexOf(unit) + 1];
}

export function isDateUnit(value: string | null | undefined): value is DateUnit {
  return value === 'decade' || value === 'year' || value === 'month' || value === 'day';
}
