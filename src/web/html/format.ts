import { formatPartialIso, isoDatePart, parsePartialIso } from '../../domain/index.js';
import { pathSegment } from './escape.js';

/** URLs of the public pages, built in one place so every id is percent-encoded. */
export const urls = {
  document: (id: string): string => `/documents/${pathSegment(id)}`,
  documentJson: (id: string): string => `/api/documents/${pathSegment(id)}`,
  iiifManifest: (id: string): string => `/iiif/${pathSegment(id)}/manifest.json`,
  person: (id: string): string => `/people/${pathSegment(id)}`,
  place: (id: string): string => `/places/${pathSegment(id)}`,
  topic: (id: string): string => `/topics/${pathSegment(id)}`,
  collection: (slug: string): string => `/collections/${pathSegment(slug)}`,
  collectionSection: (slug: string, id: string): string => `/collections/${pathSegment(slug)}/sections/${pathSegment(id)}`,
};

export { languageName, languageTag } from '../../domain/languages.js';

/** "1963-01-31T10:00:00Z" or "1963-01" → "31 January 1963" / "January 1963"; anything else as written. */
export function displayDate(value: string): string {
  const day = isoDatePart(value);
  return parsePartialIso(day) ? formatPartialIso(day) : value;
}

/** The machine-readable form for `<time datetime>`, or undefined when the value is not ISO. */
export function machineDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const day = isoDatePart(value);
  return parsePartialIso(day) ? day : undefined;
}

const US_MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** Chicago style writes dates "January 31, 1963". */
export function chicagoDate(value: string): string | undefined {
  const p = parsePartialIso(isoDatePart(value));
  if (!p) return undefined;
  if (p.month === undefined) return String(p.year);
  const month = US_MONTHS[p.month - 1];
  return p.day === undefined ? `${month} ${p.year}` : `${month} ${p.day}, ${p.year}`;
}

export function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** "A", "A and B", "A, B, and C". */
export function listJoin(items: string[]): string {
  if (items.length <= 1) return items.join('');
  if (items.length === 2) return `${items[0]} and ${items[1]}`;
  return `${items.slice(0, -1).join(', ')}, and ${items[items.length - 1]}`;
}
