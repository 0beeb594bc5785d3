import type { DocumentView } from '../../domain/index.js';
import { toBibtex } from './bibtex.js';
import { toCslItem } from './csl.js';
import { toRis } from './ris.js';
import { CSL_STYLES, renderCsl, type CslStyleName } from './styles.js';

export { cslName, SITE_NAME, toCslItem, type CslItem } from './csl.js';
export { CSL_STYLES, renderCsl, warmCitationEngines, type CslStyleName } from './styles.js';

/** `GET /api/documents/{id}/citation?format=…` (CONTRACT.md), with each format's content type. */
export const CITATION_FORMATS = {
  'csl-json': { type: 'application/vnd.citationstyles.csl+json; charset=utf-8', extension: 'json', label: 'CSL-JSON' },
  bibtex: { type: 'application/x-bibtex; charset=utf-8', extension: 'bib', label: 'BibTeX' },
  ris: { type: 'application/x-research-info-systems; charset=utf-8', extension: 'ris', label: 'RIS' },
  chicago: { type: 'text/plain; charset=utf-8', extension: 'txt', label: 'Chicago' },
  mla: { type: 'text/plain; charset=utf-8', extension: 'txt', label: 'MLA' },
  apa: { type: 'text/plain; charset=utf-8', extension: 'txt', label: 'APA' },
} as const;
export type CitationFormat = keyof typeof CITATION_FORMATS;

export function isCitationFormat(value: string): value is CitationFormat {
  return Object.hasOwn(CITATION_FORMATS, value);
}

/**
 * The one citation path: the document becomes a CSL-JSON item, which citeproc-js renders in the
 * Chicago, MLA and APA styles (for the API and the reading page's "Cite this" box alike) and our
 * small writers turn into BibTeX and RIS.
 */
export function citation(doc: DocumentView, format: CitationFormat, url: string, accessed?: Date): { contentType: string; body: string } {
  const item = toCslItem(doc, url, accessed);
  const contentType = CITATION_FORMATS[format].type;
  switch (format) {
    case 'csl-json':
      // CSL-JSON is an array of items.
      return { contentType, body: `${JSON.stringify([item], null, 2)}\n` };
    case 'bibtex':
      return { contentType, body: toBibtex(item) };
    case 'ris':
      return { contentType, body: toRis(item) };
    default:
      return { contentType, body: `${renderCsl(item, format, 'text')}\n` };
  }
}

/** A style's entry as HTML for the reading page (italics kept; see sanitizeCitationHtml). */
export function citationHtml(doc: DocumentView, style: CslStyleName, url: string, accessed?: Date): string {
  return renderCsl(toCslItem(doc, url, accessed), style, 'html');
}

export const STYLE_NAMES = Object.keys(CSL_STYLES) as CslStyleName[];
