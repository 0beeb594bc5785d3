import type { DocumentView } from '../../domain/index.js';
import type { SiteLinks } from '../../export/site.js';
import { pageImages } from '../page-images.js';

/**
 * A canvas needs a size. When the source gives none, the page is taken to be portrait A4
 * (1:√2), the shape of most typescript and letters; viewers fit the image to it.
 */
export const DEFAULT_CANVAS = { width: 1000, height: 1414 };

type LanguageMap = Record<string, string[]>;

interface MetadataEntry {
  label: LanguageMap;
  value: LanguageMap;
}

export interface IiifManifest {
  '@context': 'http://iiif.io/api/presentation/3/context.json';
  id: string;
  type: 'Manifest';
  label: LanguageMap;
  summary?: LanguageMap;
  metadata: MetadataEntry[];
  requiredStatement?: MetadataEntry;
  homepage: { id: string; type: 'Text'; label: LanguageMap; format: 'text/html' }[];
  seeAlso: { id: string; type: 'Dataset'; format: 'application/json'; label: LanguageMap }[];
  items: Canvas[];
}

interface Canvas {
  id: string;
  type: 'Canvas';
  label: LanguageMap;
  width: number;
  height: number;
  items: {
    id: string;
    type: 'AnnotationPage';
    items: { id: string; type: 'Annotation'; motivation: 'painting'; body: ImageBody; target: string }[];
  }[];
}

interface ImageBody {
  id: string;
  type: 'Image';
  format?: string;
  width?: number;
  height?: number;
}

const IMAGE_FORMATS: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  jp2: 'image/jp2',
};

/**
 * A IIIF Presentation 3 manifest for a document with page images: a canvas per image, in order,
 * with the document's description as metadata, so any IIIF viewer (Mirador, Universal Viewer)
 * shows the scans beside what the archive knows of them. Null when the document has no image.
 */
export function iiifManifest(doc: DocumentView, links: SiteLinks): IiifManifest | null {
  const images = pageImages(doc).map((image) => ({ ...image, url: new URL(image.href, links.root).href }));
  if (images.length === 0) return null;
  const base = `${links.root}iiif/${encodeURIComponent(doc.id)}`;
  const manifestUrl = `${base}/manifest.json`;
  const text = (value: string): LanguageMap => ({ none: [value] });
  const english = (value: string): LanguageMap => ({ en: [value] });
  const entry = (label: string, values: (string | undefined)[]): MetadataEntry[] => {
    const present = values.filter((v): v is string => !!v && v.trim() !== '');
    return present.length ? [{ label: english(label), value: { none: present } }] : [];
  };
  const manifest: IiifManifest = {
    '@context': 'http://iiif.io/api/presentation/3/context.json',
    id: manifestUrl,
    type: 'Manifest',
    label: text(doc.title),
    metadata: [
      ...entry('Date', [doc.date.display]),
      ...entry('Type', [doc.type]),
      ...entry('Author', doc.authors.map((a) => a.name)),
      ...entry('Recipient', doc.recipients.map((r) => r.name)),
      ...entry('Place written', [doc.placeWritten?.name]),
      ...entry('Classification', [doc.classification]),
      ...entry('Language', [doc.language]),
      ...entry('Original language', [doc.originalLanguage]),
      ...entry('Source', [[doc.source.archive, doc.source.collection, doc.source.reference].filter(Boolean).join(', ')]),
      ...entry('Collection', doc.collections.map((c) => c.title)),
      ...entry('Record ID', [doc.recordId]),
    ],
    homepage: [{ id: links.document(doc.id), type: 'Text', label: text(doc.title), format: 'text/html' }],
    seeAlso: [{ id: `${links.root}api/documents/${encodeURIComponent(doc.id)}`, type: 'Dataset', format: 'application/json', label: english('The document as JSON') }],
    items: images.map((image, i) => {
      const n = i + 1;
      const canvasId = `${base}/canvas/${n}`;
      const size = image.width && image.height ? { width: image.width, height: image.height } : DEFAULT_CANVAS;
      const body: ImageBody = { id: image.url, type: 'Image' };
      const format = IMAGE_FORMATS[/\.([a-z0-9]+)$/i.exec(new URL(image.url).pathname)?.[1]?.toLowerCase() ?? ''];
      if (format) body.format = format;
      if (image.width && image.height) Object.assign(body, { width: image.width, height: image.height });
      return {
        id: canvasId,
        type: 'Canvas' as const,
        label: text(image.label ? `${image.label} ${n}` : `Page ${n}`),
        ...size,
        items: [
          {
            id: `${base}/page/${n}`,
            type: 'AnnotationPage' as const,
            items: [{ id: `${base}/annotation/${n}`, type: 'Annotation' as const, motivation: 'painting' as const, body, target: canvasId }],
          },
        ],
      };
    }),
  };
  const summary = doc.summary ?? doc.description;
  if (summary) manifest.summary = english(summary);
  if (doc.rights) manifest.requiredStatement = { label: english('Rights'), value: english(doc.rights) };
  return manifest;
}
