import type { CorrespondentRef, DocumentView, EditorialCertainty, PlaceRef } from '../domain/index.js';
import type { ExportLookups } from './lookups.js';
import type { SiteLinks } from './site.js';
import { xmlElement, xmlText, type XmlAttributes } from './xml.js';

/** A letter, for correspondence metadata: a document with a sender or an addressee. */
export function isCorrespondence(doc: DocumentView): boolean {
  return doc.authors.length > 0 || doc.recipients.length > 0;
}

/**
 * A letter's `<correspDesc>` as CMIF 1.1 has it (and TEI P5 allows): who sent it from where
 * and when, who received it where and when. People and places are named by their authority URI
 * (GND, GeoNames …) when the archive has one, else by their page in the archive, so an
 * aggregator such as correspSearch can tell them apart. What the editors only suppose is
 * `cert="low"`, the one value CMIF allows.
 */
export async function correspDescXml(doc: DocumentView, lookups: ExportLookups, links: SiteLinks, attributes: XmlAttributes): Promise<string> {
  // CMIF 1.1 wants both actions (its rules E0001, E0002); a side nobody is known for names
  // correspSearch's "unknown", which the CMIF importer reads back as nobody.
  const sent =
    ((await people(doc.authors, lookups, links)) || UNKNOWN) +
    (doc.placeWritten ? await place(doc.placeWritten, doc.placeWrittenCertainty, lookups, links) : '') +
    dateXml(doc.date);
  const received =
    ((await people(doc.recipients, lookups, links)) || UNKNOWN) +
    (doc.received?.place ? await place(doc.received.place, doc.received.placeCertainty, lookups, links) : '') +
    (doc.received?.date ? dateXml(doc.received.date) : '');
  return xmlElement('correspDesc', attributes, xmlElement('correspAction', { type: 'sent' }, sent) + xmlElement('correspAction', { type: 'received' }, received));
}

const UNKNOWN = xmlElement('persName', { ref: 'https://correspSearch.net/unknown' }, 'Unbekannt');

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
export function dateXml(date: DocumentView['date']): string {
  const { start, end } = date;
  // XML Schema 1.0, which TEI's dates follow, has no year 0: such a date is left undated here.
  if ((!start && !end) || [start, end].some((d) => d?.startsWith('0000'))) return '';
  const attributes: XmlAttributes = start && start === end ? { when: start } : { notBefore: start, notAfter: end };
  attributes.cert = date.certainty === 'conjecture' || date.certainty === 'approximate' ? 'low' : undefined;
  return xmlElement('date', attributes, xmlText(date.display));
}

function lowWhenSupposed(certainty: EditorialCertainty | undefined): string | undefined {
  return certainty === 'conjecture' ? 'low' : undefined;
}
