import type { DocumentView } from '../../domain/index.js';
import { xmlTextElement } from '../../export/xml.js';

const OAI_DC_OPEN =
  '<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
  'xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd">';

/**
 * A document as simple Dublin Core (`oai_dc`), the one format every harvester reads. The
 * recipients of a letter are its contributors, as letter catalogues that harvest into DC have
 * them; the places it names are its coverage; the holding archive and its reference, its source.
 */
export function oaiDublinCore(doc: DocumentView, pageUrl: string, publisher: string): string {
  const dc = (name: string, value: string | undefined) => xmlTextElement(`dc:${name}`, value);
  const parts = [
    dc('title', doc.title),
    ...doc.authors.map((a) => dc('creator', a.name)),
    ...doc.recipients.map((r) => dc('contributor', r.name)),
    ...doc.texts.flatMap((t) => (t.translator ? [dc('contributor', t.translator)] : [])),
    ...doc.topics.map((t) => dc('subject', t.name)),
    dc('description', doc.description),
    dc('description', doc.summary),
    dc('publisher', publisher),
    dc('date', dcDate(doc.date)),
    dc('type', 'Text'),
    dc('type', doc.type),
    dc('format', 'text/html'),
    dc('identifier', pageUrl),
    dc('identifier', doc.recordId),
    dc('source', [doc.source.archive, doc.source.collection, doc.source.reference].filter(Boolean).join(', ')),
    dc('language', doc.language),
    ...(doc.originalLanguage && doc.originalLanguage !== doc.language ? [dc('language', doc.originalLanguage)] : []),
    ...doc.places.map((p) => dc('coverage', p.name)),
    ...doc.collections.map((c) => dc('relation', c.title)),
    dc('rights', doc.rights),
  ];
  return oaiDcElement(parts.join(''));
}

/** The `oai_dc:dc` container around Dublin Core elements (a record's metadata, a set's description). */
export function oaiDcElement(content: string): string {
  return `${OAI_DC_OPEN}${content}</oai_dc:dc>`;
}

/** W3CDTF, as DC recommends: the day, month or year, a range as an ISO 8601 interval; nothing when undated. */
function dcDate(date: DocumentView['date']): string | undefined {
  if (date.start && date.end && date.end !== date.start) return `${date.start}/${date.end}`;
  return date.start ?? date.end;
}

