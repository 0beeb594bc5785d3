import { languageTag, sameText, type DocumentView, type TextVersion } from '../domain/index.js';
import type { ArchiveStore, Viewer } from '../store/types.js';
import { correspDescXml, dateXml, isCorrespondence } from './corresp.js';
import { ExportLookups, WITHOUT_RELATED } from './lookups.js';
import { SiteLinks } from './site.js';
import { plainTextParagraphs, teiText, uriReference } from './tei-body.js';
import { writeFileAtomically } from './writer.js';
import { xmlElement, xmlText, xmlTextElement } from './xml.js';

export interface TeiExportOptions {
  /** The archive's public address: each document, person and place is cited by its page there. */
  baseUrl: string;
  /** Fixed for reproducible files in tests; default now. */
  now?: Date;
}

/**
 * Writes every document `viewer` may see as one TEI P5 `teiCorpus`: a corpus header, then a
 * `TEI` per document with its description in the header (title, authors, source, rights,
 * correspondence, dates, places, language, topics) and its text with the structure the reading
 * page shows (paragraphs, lists, tables, notes at their markers, links). Other versions of the
 * text (an original beside its translation) are further `text`s of a `group`. Valid against
 * TEI All; streamed, one document in memory at a time.
 */
export async function writeTeiExport(store: ArchiveStore, viewer: Viewer, out: string, options: TeiExportOptions): Promise<{ documents: number }> {
  const lookups = new ExportLookups(store, viewer);
  const links = new SiteLinks(options.baseUrl);
  return writeFileAtomically(out, async (write) => {
    await write(corpusHeader(links, options.now ?? new Date()));
    let documents = 0;
    for await (const doc of store.exportDocuments(viewer, WITHOUT_RELATED)) {
      await write(await documentTei(doc, lookups, links));
      documents++;
    }
    await write('</teiCorpus>\n');
    return { documents };
  });
}

function corpusHeader(links: SiteLinks, now: Date): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<teiCorpus xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader>
    <fileDesc>
      <titleStmt>
        ${xmlTextElement('title', `Documents in the archive at ${links.host}`)}
      </titleStmt>
      <publicationStmt>
        ${links.publisherXml()}
        ${xmlTextElement('date', now.toISOString().slice(0, 10), { when: now.toISOString().slice(0, 10) })}
      </publicationStmt>
      <sourceDesc>
        <p>Exported from Archivum. Each document's own header names its source.</p>
      </sourceDesc>
    </fileDesc>
  </teiHeader>
`;
}

async function documentTei(doc: DocumentView, lookups: ExportLookups, links: SiteLinks): Promise<string> {
  return `  <TEI>
    <teiHeader>
      <fileDesc>
        ${titleStmt(doc)}
        ${publicationStmt(doc, links)}${notesStmt(doc)}
        ${sourceDesc(doc)}
      </fileDesc>
      ${await profileDesc(doc, lookups, links)}
    </teiHeader>
    ${textXml(doc, links)}
  </TEI>
`;
}

function titleStmt(doc: DocumentView): string {
  const content =
    xmlTextElement('title', doc.title) +
    doc.authors.map((a) => xmlTextElement('author', a.name)).join('') +
    doc.funders.map((f) => xmlTextElement('funder', f)).join('');
  return xmlElement('titleStmt', {}, content);
}

function publicationStmt(doc: DocumentView, links: SiteLinks): string {
  const content =
    links.publisherXml() +
    xmlTextElement('idno', doc.id, { type: 'archivum' }) +
    xmlTextElement('idno', links.document(doc.id), { type: 'URI' }) +
    xmlTextElement('idno', doc.recordId, { type: 'record' }) +
    (doc.rights ? xmlElement('availability', {}, xmlTextElement('licence', doc.rights)) : '') +
    xmlTextElement('date', doc.updatedAt, { when: doc.updatedAt, type: 'updated' });
  return xmlElement('publicationStmt', {}, content);
}

function notesStmt(doc: DocumentView): string {
  const notes =
    xmlTextElement('note', doc.classification, { type: 'classification' }) +
    xmlTextElement('note', doc.credit, { type: 'credit' }) +
    (doc.number ? xmlTextElement('note', doc.number, { type: 'number' }) : '');
  return notes ? `\n        ${xmlElement('notesStmt', {}, notes)}` : '';
}

/** Where the document is kept: archive, collection, reference and address, as a citation. */
function sourceDesc(doc: DocumentView): string {
  const { archive, collection, reference, url } = doc.source;
  const parts = [
    xmlTextElement('orgName', archive, { role: 'archive' }),
    xmlTextElement('title', collection, { type: 'collection' }),
    xmlTextElement('idno', reference, { type: 'reference' }),
    url ? (URL.canParse(url.trim()) ? xmlElement('ref', { target: uriReference(url) }, xmlText(url)) : xmlText(url)) : '',
  ].filter(Boolean);
  return xmlElement('sourceDesc', {}, parts.length ? xmlElement('bibl', {}, parts.join(', ')) : '<p>No source is recorded for this document.</p>');
}

async function profileDesc(doc: DocumentView, lookups: ExportLookups, links: SiteLinks): Promise<string> {
  const creation = dateXml(doc.date) + (doc.placeWritten ? xmlElement('placeName', { ref: links.place(doc.placeWritten.id) }, xmlText(doc.placeWritten.name)) : '');
  const language = languageTag(doc.language);
  const terms =
    xmlTextElement('term', doc.type, { type: 'genre' }) +
    doc.topics.map((t) => xmlElement('term', { ref: links.topic(t.id) }, xmlText(t.name))).join('') +
    doc.collections.map((c) => xmlElement('term', { type: 'collection', ref: links.collection(c.slug) }, xmlText(c.title))).join('');
  const people = doc.people.map((p) => xmlElement('person', {}, xmlElement('persName', { ref: links.person(p.id) }, xmlText(p.name)))).join('');
  const places = doc.places.map((p) => xmlElement('place', {}, xmlElement('placeName', { ref: links.place(p.id) }, xmlText(p.name)))).join('');
  const content =
    abstract(doc.description, 'description') +
    abstract(doc.summary, 'summary') +
    (creation ? xmlElement('creation', {}, creation) : '') +
    (language ? xmlElement('langUsage', {}, xmlElement('language', { ident: language })) : '') +
    (terms ? xmlElement('textClass', {}, xmlElement('keywords', {}, terms)) : '') +
    (isCorrespondence(doc) ? await correspDescXml(doc, lookups, links, {}) : '') +
    (people ? xmlElement('particDesc', {}, xmlElement('listPerson', { type: 'mentioned' }, people)) : '') +
    (places ? xmlElement('settingDesc', {}, xmlElement('listPlace', { type: 'mentioned' }, places)) : '');
  return xmlElement('profileDesc', {}, content);
}

function abstract(text: string | undefined, kind: 'description' | 'summary'): string {
  if (!text?.trim()) return '';
  return xmlElement('abstract', { n: kind }, plainTextParagraphs(text));
}

/**
 * The reading text with its structure; other versions of it as further texts of a group, each
 * in its language. `texts` may or may not repeat the reading text; it is written once.
 */
function textXml(doc: DocumentView, links: SiteLinks): string {
  const reading = teiText(doc, links);
  const readingVersion = doc.texts.find((t) => sameText(t.text, doc.text));
  const others = doc.texts.filter((t) => t !== readingVersion && !sameText(t.text, doc.text));
  const readingText = (attributes: Record<string, string | undefined>): string =>
    xmlElement('text', attributes, xmlElement('body', {}, reading.body) + (reading.back ? xmlElement('back', {}, reading.back) : ''));
  const lang = languageTag(readingVersion?.language ?? doc.language);
  if (!others.length) return readingText({ 'xml:lang': lang });
  return xmlElement(
    'text',
    {},
    xmlElement('group', {}, readingText({ type: readingVersion?.role, 'xml:lang': lang }) + others.map((t) => versionText(t, links)).join('')),
  );
}

function versionText(version: TextVersion, links: SiteLinks): string {
  const { body } = teiText({ text: version.text, footnotes: [] }, links);
  const front = version.translator ? xmlElement('front', {}, xmlElement('docAuthor', {}, xmlText(`Translated by ${version.translator}`))) : '';
  return xmlElement('text', { type: version.role, 'xml:lang': languageTag(version.language) }, front + xmlElement('body', {}, body));
}
