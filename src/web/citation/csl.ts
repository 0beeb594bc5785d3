import type { DocumentView } from '../../domain/index.js';
import { isoDatePart, parsePartialIso } from '../../domain/dates.js';

/** Name of the site as citations give it. */
export const SITE_NAME = 'Archivum';

export type CslName = { family: string; given?: string } | { literal: string };
export type CslDate = { 'date-parts': number[][] } | { literal: string };

/** A CSL-JSON item (https://citationstyles.org/), the fields Archivum fills. */
export interface CslItem {
  id: string;
  type: 'manuscript' | 'letter';
  title: string;
  author?: CslName[];
  recipient?: CslName[];
  issued?: CslDate;
  genre?: string;
  archive?: string;
  archive_location?: string;
  archive_collection?: string;
  language?: string;
  abstract?: string;
  source?: string;
  URL: string;
  accessed?: CslDate;
  note?: string;
}

/**
 * The document as CSL-JSON. Archival documents are unpublished, so the type is `manuscript`
 * (Chicago, MLA and APA then quote the title and keep the full date, as they do for a letter in
 * an archive); `genre` says what it is ("Letter"), `recipient` whom it was sent to. The holding
 * archive and its reference are `archive`/`archive_location`, never `publisher`: Archivum is
 * where the copy was read, named by the URL and the access date.
 */
export function toCslItem(doc: DocumentView, url: string, accessed?: Date): CslItem {
  const item: CslItem = { id: doc.id, type: 'manuscript', title: doc.title, URL: url, source: SITE_NAME };
  if (doc.authors.length) item.author = doc.authors.map((a) => cslName(a.name));
  if (doc.recipients.length) item.recipient = doc.recipients.map((r) => cslName(r.name));
  const issued = cslDate(doc.date);
  if (issued) item.issued = issued;
  if (doc.type) item.genre = doc.type;
  if (doc.source.archive) item.archive = doc.source.archive;
  if (doc.source.reference) item.archive_location = doc.source.reference;
  if (doc.source.collection) item.archive_collection = doc.source.collection;
  if (doc.language) item.language = doc.language;
  if (doc.summary ?? doc.description) item.abstract = (doc.summary ?? doc.description)!;
  if (accessed) item.accessed = { 'date-parts': [[accessed.getUTCFullYear(), accessed.getUTCMonth() + 1, accessed.getUTCDate()]] };
  return item;
}

/**
 * "Khrushchev, Nikita S." (FRUS lists) is family, given; any other form is kept whole as a
 * literal, since guessing which word of "Mao Zedong" is the family name would get it wrong.
 */
export function cslName(name: string): CslName {
  const m = /^([^,]+),\s*([^,]+)$/.exec(name.trim());
  return m ? { family: m[1]!.trim(), given: m[2]!.trim() } : { literal: name.trim() };
}

function datePart(value: string): number[] | undefined {
  const p = parsePartialIso(isoDatePart(value));
  if (!p) return undefined;
  return [p.year, ...(p.month !== undefined ? [p.month] : []), ...(p.day !== undefined ? [p.day] : [])];
}

/** A single day or a range from start/end; an undated document keeps its display form as a literal. */
export function cslDate(date: DocumentView['date']): CslDate | undefined {
  const start = date.start ? datePart(date.start) : undefined;
  if (!start) return date.display && !/undated/i.test(date.display) ? { literal: date.display } : undefined;
  const end = date.end && date.end !== date.start ? datePart(date.end) : undefined;
  return { 'date-parts': end ? [start, end] : [start] };
}
