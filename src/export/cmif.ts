import { createHash } from 'node:crypto';
import type { DocumentView } from '../domain/index.js';
import type { ArchiveStore, Viewer } from '../store/types.js';
import { correspDescXml, isCorrespondence } from './corresp.js';
import { ExportLookups, WITHOUT_RELATED } from './lookups.js';
import { SiteLinks } from './site.js';
import { writeFileAtomically } from './writer.js';
import { xmlElement, xmlText, xmlTextElement } from './xml.js';

export interface CmifExportOptions {
  /** The archive's public address: letters, people and places without an authority are cited by their page there. */
  baseUrl: string;
  /** Where the file itself will be published (CMIF's `idno type="url"`); default: beside the archive, under the file's name. */
  fileUrl: string;
  /** Who compiled the file (CMIF's `editor`): a name, optionally with an e-mail address. */
  editor: string;
  editorEmail?: string;
  /** The licence of the metadata; correspSearch takes CC BY 4.0 or CC0. */
  licence: { url: string; label: string };
  /** Fixed for reproducible files in tests; default now. */
  now?: Date;
}

export const DEFAULT_CMIF_LICENCE = { url: 'https://creativecommons.org/licenses/by/4.0/', label: 'This file is licensed under the terms of the Creative-Commons-License CC-BY 4.0' };

/**
 * Writes the letters `viewer` may see (documents with a sender or an addressee) as one CMIF 1.1
 * file, the format correspSearch harvests: a TEI header whose `profileDesc` holds a
 * `correspDesc` per letter. Each edition (a letter's outermost collection) is a `bibl` in the
 * source description, and each letter points at its edition. Two passes over the documents: the
 * editions come first in the file, and memory stays that of one letter.
 */
export async function writeCmifExport(store: ArchiveStore, viewer: Viewer, out: string, options: CmifExportOptions): Promise<{ documents: number }> {
  const lookups = new ExportLookups(store, viewer);
  const links = new SiteLinks(options.baseUrl);
  const editions = new Map<string, Edition>();
  const archiveEdition: Edition = { id: biblId(links.root, ''), title: `Archivum: ${links.host}`, url: links.root };
  for await (const doc of store.exportDocuments(viewer, WITHOUT_RELATED)) {
    if (!isCorrespondence(doc)) continue;
    const slug = await editionSlug(doc, lookups);
    if (slug !== undefined && !editions.has(slug)) {
      const collection = await lookups.collection(slug);
      editions.set(slug, { id: biblId(links.root, slug), title: collection?.title ?? slug, url: links.collection(slug) });
    }
  }
  return writeFileAtomically(out, async (write) => {
    await write(header(options, links, [...editions.values(), archiveEdition]));
    let documents = 0;
    for await (const doc of store.exportDocuments(viewer, WITHOUT_RELATED)) {
      if (!isCorrespondence(doc)) continue;
      const slug = await editionSlug(doc, lookups);
      const edition = (slug !== undefined ? editions.get(slug) : undefined) ?? archiveEdition;
      await write(`\n      ${await correspDescXml(doc, lookups, links, { ref: links.document(doc.id), source: `#${edition.id}` })}`);
      documents++;
    }
    await write('\n    </profileDesc>\n  </teiHeader>\n  <text>\n    <body>\n      <p/>\n    </body>\n  </text>\n</TEI>\n');
    return { documents };
  });
}

interface Edition {
  id: string;
  title: string;
  url: string;
}

/** The letter's edition: the outermost collection above its first one (a correspondence sits in its edition). */
async function editionSlug(doc: DocumentView, lookups: ExportLookups): Promise<string | undefined> {
  const first = doc.collections[0];
  if (!first) return undefined;
  return (await lookups.outermostCollection(first.slug))?.slug ?? first.slug;
}

/**
 * CMIF asks for a UUID that stays the same when the file is made again; one derived from the
 * archive's address and the collection does, and differs between archives. An xml:id must start
 * with a letter, which a UUID need not.
 */
function biblId(root: string, slug: string): string {
  const hex = createHash('sha1').update(`${root}\n${slug}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `bibl-${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function header(options: CmifExportOptions, links: SiteLinks, editions: readonly Edition[]): string {
  const editor = xmlText(options.editor) + (options.editorEmail ? ` ${xmlTextElement('email', options.editorEmail)}` : '');
  const bibls = editions
    .map((e) => `\n        ${xmlElement('bibl', { type: 'online', 'xml:id': e.id }, `${xmlText(e.title)}, ${xmlElement('ref', { target: e.url }, xmlText(e.url))}`)}`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader>
    <fileDesc>
      <titleStmt>
        ${xmlTextElement('title', `Letters in the archive at ${links.host}`)}
        ${xmlElement('editor', {}, editor)}
      </titleStmt>
      <publicationStmt>
        ${links.publisherXml()}
        ${xmlTextElement('idno', options.fileUrl, { type: 'url' })}
        ${xmlElement('date', { when: (options.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z') })}
        <availability>
          ${xmlElement('licence', { target: options.licence.url }, xmlText(options.licence.label))}
        </availability>
      </publicationStmt>
      <sourceDesc>${bibls}
      </sourceDesc>
    </fileDesc>
    <profileDesc>`;
}
