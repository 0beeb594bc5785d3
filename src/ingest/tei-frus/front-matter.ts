import { isValidId, type CollectionSection } from '../../domain/index.js';
import { blocksOf, FootnoteCollector, type BodyContext } from './body.js';
import type { TermIndex } from './terms.js';
import { spacedText } from './text.js';
import type { VolumeInfo } from './volume-header.js';
import { attr, childElements, firstChild, normalizeSpace, type XmlElement } from './xml.js';

/**
 * Front-matter divisions that are not shown as sections: the table of contents is the
 * collection's own listing, and a printed index points to page numbers.
 */
const NOT_SECTIONS = new Set(['toc', 'index']);

/** Whether a division of `<front>` is one of the volume's sections (preface, sources, persons …). */
export function isFrontSection(div: XmlElement): boolean {
  const id = attr(div, 'xml:id')?.trim().toLowerCase() ?? '';
  return !NOT_SECTIONS.has(id) && attr(div, 'type') !== 'toc';
}

/**
 * Converts a front-matter division into a section, or null when it holds nothing to read (the
 * preview editions' empty "Front Matter"). `taken` holds the ids given so far in the volume.
 *
 * Names in it are not linked to people: a persons list names many who are in no document here,
 * and their pages would not exist. Cross-references to documents are kept as links.
 */
export function convertFrontSection(div: XmlElement, volume: VolumeInfo, terms: TermIndex, taken: ReadonlySet<string>): CollectionSection | null {
  const head = firstChild(div, 'head');
  const ctx: BodyContext = {
    volume,
    docId: '',
    persons: new Map(),
    terms,
    footnotes: new FootnoteCollector(),
    references: new Set(),
    mentioned: new Map(),
    skip: new Set(head ? [head] : []),
  };
  // A note on the heading ("Preface¹") comes first among the notes; the title itself is plain text.
  for (const note of head ? childElements(head, 'note') : []) ctx.footnotes.register(note, ctx);
  const body = blocksOf(div.children, ctx);
  if (body.length === 0 && ctx.footnotes.notes.length === 0) return null;
  const id = sectionId(attr(div, 'xml:id'), taken);
  const title = head ? normalizeSpace(spacedText(head, (e) => e.name === 'note')) : '';
  return { id, title: title || fallbackTitle(id), body, footnotes: ctx.footnotes.notes };
}

function sectionId(xmlId: string | undefined, taken: ReadonlySet<string>): string {
  const given = xmlId?.trim().toLowerCase() ?? '';
  const base = isValidId(given) ? given : 'section';
  if (!taken.has(base) && base !== 'section') return base;
  let k = 1;
  while (taken.has(`${base}-${k}`)) k++;
  return `${base}-${k}`;
}

function fallbackTitle(id: string): string {
  return `${id.charAt(0).toUpperCase()}${id.slice(1).replace(/[-_]/g, ' ')}`;
}
