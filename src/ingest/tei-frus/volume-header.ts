import type { Collection } from '../../domain/index.js';
import { attr, findAll, findFirst, normalizeSpace, textContent, type XmlElement } from './xml.js';

export const FRUS_CREDIT = 'Foreign Relations of the United States, Office of the Historian (public domain)';

/** What the rest of the importer needs to know about the volume, taken from the TEI header. */
export interface VolumeInfo {
  /** As the source writes it ("frus1917-72PubDip"): used in sourceIds and page links. */
  id: string;
  /** Lower-cased {@link id}: the volume's collection slug and the prefix of every document id. */
  slug: string;
  title: string;
  editors: string[];
  /** The volume's summary from the series catalogue, when it is beside the volumes (bibliography.ts). */
  summary?: string;
}

/** FRUS volume ids are short ASCII tokens; anything else would not make a safe URL or id prefix. */
const VOLUME_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function isValidVolumeId(id: string): boolean {
  return VOLUME_ID.test(id) && id.length <= 120;
}

/**
 * Reads the volume id (root `@xml:id` when present, else `idno[@type="frus"]` — only 1948v01p1
 * carries the former), the complete title and the editors.
 */
export function readVolumeHeader(teiHeader: XmlElement | undefined, rootId: string | undefined): Partial<VolumeInfo> {
  const idno = teiHeader ? findFirst(teiHeader, (e) => e.name === 'idno' && attr(e, 'type') === 'frus') : undefined;
  const id = normalizeSpace(rootId ?? '') || (idno ? normalizeSpace(textContent(idno)) : '');
  const titleEl = teiHeader ? findFirst(teiHeader, (e) => e.name === 'title' && attr(e, 'type') === 'complete') : undefined;
  let title = titleEl ? normalizeSpace(textContent(titleEl)) : '';
  if (!title && teiHeader) {
    // Fall back to the parts the header always has: "Foreign Relations …, 1961–1963, Volume VI".
    const part = (type: string): string => {
      const el = findFirst(teiHeader, (e) => e.name === 'title' && attr(e, 'type') === type);
      return el ? normalizeSpace(textContent(el)) : '';
    };
    title = [part('series'), part('subseries'), part('volumenumber'), part('volume')].filter(Boolean).join(', ');
  }
  const titleStmt = teiHeader ? findFirst(teiHeader, (e) => e.name === 'titleStmt') : undefined;
  const editors = titleStmt
    ? [...new Set(findAll(titleStmt, (e) => e.name === 'editor').map((e) => normalizeSpace(textContent(e))).filter(Boolean))]
    : [];
  const info: Partial<VolumeInfo> = { editors };
  if (id) {
    info.id = id;
    info.slug = id.toLowerCase();
  }
  info.title = title || id;
  return info;
}

export function volumeCollection(volume: VolumeInfo): Collection {
  const collection: Collection = { slug: volume.slug, title: volume.title, credit: FRUS_CREDIT };
  if (volume.editors.length) collection.editors = volume.editors;
  if (volume.summary) collection.description = volume.summary;
  return collection;
}
