import type { DocumentView } from '../domain/index.js';
import { chicagoDate, listJoin } from './html/format.js';

/** Name of the site as citations give it. */
export const SITE_NAME = 'Archivum';

/**
 * A Chicago-style (17th ed., notes) citation for an archival document, as plain text:
 *   Author to Recipient, "Title," Date, Reference, Collection, Archive, Archivum, URL.
 * Unpublished letters are cited specific-to-general (item, date, file, collection, repository).
 * Names are kept in the order the record gives them: inverting "Mao Zedong" would be wrong, and
 * note form does not invert names anyway. `accessed` is added for the online copy.
 */
export function chicagoCitation(doc: DocumentView, url: string, accessed?: Date): string {
  const parts: string[] = [];
  const authors = listJoin(doc.authors.map((a) => a.name));
  const recipients = listJoin(doc.recipients.map((r) => r.name));
  if (authors && recipients) parts.push(`${authors} to ${recipients}`);
  else if (authors) parts.push(authors);

  const title = doc.title.trim();
  // A comma goes inside the closing quote unless the title ends with its own punctuation.
  const titleLead = /[?!.]$/.test(title) ? `“${title}”` : `“${title},”`;

  const date = doc.date.start && (!doc.date.end || doc.date.end === doc.date.start) ? chicagoDate(doc.date.start) : undefined;
  const rest: string[] = [];
  rest.push(date ?? doc.date.display);
  for (const value of [doc.source.reference, doc.source.collection, doc.source.archive]) {
    if (value && value.trim()) rest.push(value.trim().replace(/[.,;]+$/, ''));
  }
  rest.push(SITE_NAME);
  if (accessed) {
    const day = chicagoDate(accessed.toISOString().slice(0, 10));
    if (day) rest.push(`accessed ${day}`);
  }
  rest.push(url);

  const head = parts.length ? `${parts[0]}, ` : '';
  return `${head}${titleLead} ${rest.join(', ')}.`;
}
