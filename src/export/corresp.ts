import type { CorrespondentRef, DocumentView, EditorialCertainty, PlaceRef } from '../domain/index.js';
import type { ExportLookups } from './lookups.js';
import type { SiteLinks } from './site.js';
import { xmlElement, xmlText, type XmlAttributes } from './xml.js';

/** A letter, for correspondence metadata: a document with a sender or an addressee. */
export function isCorrespondence(doc: DocumentView): boolean {
  return doc.authors.length > 0 || doc.recipients.length > 0;
}

/**
 * A document's `<correspDesc>` as CMIF 1.1 has it (and TEI P5 allows): who sent it from where
 * and when, who received it where and when. People and places are named by their authority URI
 * (GND, GeoNames …) when the archive has one, else by their page in the archive, so an
 * aggregator such as correspSearch can tell them apart. What the editors only suppose is
 * `cert="low"`, the one value CMIF allows.
 */
export async function correspDescXml(doc: DocumentView, lookups: ExportLookups, links: SiteLinks, attributes: XmlAttributes): Promise<string> {
  const sent =
    (await people(doc.authors, lookups, links)) +
    (doc.placeWritten ? await place(doc.placeWritten, doc.placeWrittenCertainty, lookups, links) : '') +
    dateXml(doc.date);
  const received =
    (await people(doc.recipients, lookups, links)) +
    (doc.received?.place ? await place(doc.received.place, doc.received.placeCertainty, lookups, links) : '') +
    (doc.received?.date ? dateXml(doc.received.date) : '');
  const actions = (sent ? xmlElement('correspAction', { type: 'sent' }, sent) : '') + (received ? xmlElement('correspAction', { type: 'received' }, received) : '');
  return actions ? xmlElement('correspDesc', attributes, actions) : '';
}

async function people(refs: readonly CorrespondentRef[], lookups: ExportLookups, links: SiteLinks): Promise<string> {
  let out = '';
  for (const ref of refs) {
    const uri = (await lookups.personAuthority(ref.id)) ?? links.person(ref.id);
    out += xmlElement('persName', { ref: uri, cert: lowWhenSupposed(ref.certainty) }, xmlText(ref.name));
  }
  return out;
}

async function place(ref: PlaceRef, certainty: EditorialCertainty | undefined, lookups: ExportLookups, links: SiteLinks): Promise<string> {
  const uri = (await lookups.placeAuthority(ref.id)) ?? links.place(ref.id);
  return xmlElement('placeName', { ref: uri, cert: lowWhenSupposed(certainty) }, xmlText(ref.name));
}

/**
 * `when` for one day, month or year; `notBefore`/`notAfter` for a range or an open end. The
 * text is the date as the archive shows it. Undated: no element.
 */
export function dateXml(date: DocumentView['date'], name = 'date'): string {
  const { start, end } = date;
  if (!start && !end) return '';
  const attributes: XmlAttributes = start && start === end ? { when: start } : { notBefore: start, notAfter: end };
  attributes.cert = date.certainty === 'conjecture' || date.certainty === 'approximate' ? 'low' : undefined;
  return xmlElement(name, attributes, xmlText(date.display));
}

function lowWhenSupposed(certainty: string | undefined): string | undefined {
  return certainty === 'conjecture' ? 'low' : undefined;
}
