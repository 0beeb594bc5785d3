import type { DocumentView } from '../domain/index.js';
import { safeHref } from './html/escape.js';

export interface PageImage {
  /** As the reading page links it: an http(s) address, or a path on this site. */
  href: string;
  label?: string;
  width?: number;
  height?: number;
}

/**
 * A document's page images: its image media that are an http(s) address or a path on this site.
 * The reading page shows these and the IIIF manifest paints one canvas each, so "page 2 of 3"
 * is the same page in both.
 */
export function pageImages(doc: DocumentView): PageImage[] {
  return doc.media.flatMap((m) => {
    const href = m.kind === 'image' ? safeHref(m.url) : null;
    if (!href || !/^(?:https?:\/\/|\/)/i.test(href)) return [];
    const image: PageImage = { href };
    if (m.label) image.label = m.label;
    if (m.width && m.height) Object.assign(image, { width: m.width, height: m.height });
    return [image];
  });
}
