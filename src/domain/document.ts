import { linkedDocumentIds, type Block, type Footnote } from './body.js';
import { isValidId } from './ids.js';
import type { DocumentDate } from './dates.js';
import type { CollectionSections } from './collection-section.js';
import type { Collection, EntityRef, Person, Place, Topic } from './entities.js';

export const DOCUMENT_STATUSES = ['draft', 'published', 'embargoed'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export const TEXT_ROLES = ['original', 'translation', 'transcription'] as const;
export type TextRole = (typeof TEXT_ROLES)[number];

export interface TextVersion {
  role: TextRole;
  language?: string;
  translator?: string;
  text: string;
}

export interface DocumentSource {
  /** The holding archive ("Archive of Foreign Policy, Russian Federation (AVP RF)"). */
  archive?: string;
  /** Fond, file, box, or the whole source note as printed. */
  reference?: string;
  /** The archive's own collection ("Cold War International History Project"). */
  collection?: string;
  /** Where the record was taken from (a catalogue page, a repository). */
  url?: string;
}

/** How an edition says it knows what it gives (a place, a date): supposed (`conjecture`), or worked out from the sources (`inferred`). */
export const EDITORIAL_CERTAINTIES = ['conjecture', 'inferred'] as const;
export type EditorialCertainty = (typeof EDITORIAL_CERTAINTIES)[number];

export interface DocumentMedia {
  kind: 'image' | 'pdf' | 'audio' | 'video';
  url: string;
  pages?: number;
  label?: string;
  /** An image's size in pixels, where the source gives it: the IIIF canvas takes its shape. */
  width?: number;
  height?: number;
}

/**
 * A document as stored: references to people, places, topics and collections by id. The store
 * resolves them to names when it reads ({@link DocumentView}).
 */
export interface ArchiveDocument {
  id: string;
  /** What makes re-ingesting the same source an update, not a duplicate. */
  sourceId: string;
  title: string;
  date: DocumentDate;
  type?: string;
  description?: string;
  summary?: string;
  /** The text a reader sees first (for the seed, the English translation), as plain text. */
  text?: string;
  /** Display structure of `text`, when the source has one. */
  body?: Block[];
  footnotes: Footnote[];
  texts: TextVersion[];
  authors: string[];
  recipients: string[];
  /** Authors and recipients the edition only supposes (`conjecture`) or worked out (`inferred`), by person id. */
  agentCertainty?: Record<string, EditorialCertainty>;
  people: string[];
  places: string[];
  /** Where the document was written, when the source says (a FRUS dateline). */
  placeWritten?: string;
  /** How the editors know the place written, when they say ("[Wien]": a conjecture). */
  placeWrittenCertainty?: EditorialCertainty;
  /** When and where a letter arrived, when the source says (a correspDesc's "received" action). */
  received?: { date?: DocumentDate; place?: string; placeCertainty?: EditorialCertainty };
  topics: string[];
  collections: string[];
  /** Documents this one cites (FRUS cross-references), by id. */
  references: string[];
  source: DocumentSource;
  classification?: string;
  language?: string;
  originalLanguage?: string;
  rights?: string;
  funders: string[];
  media: DocumentMedia[];
  recordId?: string;
  /**
   * The document's number in its edition, as printed ("69", "12A": FRUS 1961–63 vol. V, Document
   * 69). A collection lists numbered documents in this order.
   */
  number?: string;
  uploadedAt?: string;
  status: DocumentStatus;
  /** For embargoed documents: the day from which the public may see it. */
  embargoUntil?: string;
  /** Credit line for the edition or data set the record came from. */
  credit?: string;
}

/** Everything one source record brings: the document and the authority records it cites. */
export interface IngestRecord {
  document: ArchiveDocument;
  people: Person[];
  places: Place[];
  topics: Topic[];
  collections: Collection[];
  /** A collection's own texts, which the record brings along (a FRUS volume's front matter). */
  sections?: CollectionSections;
}

export interface PlaceRef extends EntityRef {
  lat?: number;
  lon?: number;
}

/** An author or recipient as a document shows it: `certainty` when the edition only supposes it. */
export type CorrespondentRef = EntityRef & { certainty?: EditorialCertainty };

/** The public JSON shape of a document (CONTRACT.md "Document JSON"), plus a few additions. */
export interface DocumentView {
  id: string;
  title: string;
  date: { start?: string; end?: string; display: string; certainty?: string };
  type?: string;
  description?: string;
  summary?: string;
  text?: string;
  body?: Block[];
  footnotes: Footnote[];
  texts: TextVersion[];
  authors: CorrespondentRef[];
  recipients: CorrespondentRef[];
  people: EntityRef[];
  places: PlaceRef[];
  placeWritten?: PlaceRef;
  placeWrittenCertainty?: EditorialCertainty;
  received?: { date?: DocumentView['date']; place?: PlaceRef; placeCertainty?: EditorialCertainty };
  topics: EntityRef[];
  collections: { slug: string; title: string }[];
  source: DocumentSource;
  classification?: string;
  language?: string;
  originalLanguage?: string;
  rights?: string;
  funders: string[];
  related: { id: string; title: string }[];
  /**
   * Documents this one cites; `title` and `date` (as written) are absent for one the reader may
   * not open, or that is not in this archive.
   */
  references: CitedDocument[];
  media: DocumentMedia[];
  recordId?: string;
  number?: string;
  uploadedAt?: string;
  updatedAt: string;
  status: DocumentStatus;
  embargoUntil?: string;
  credit?: string;
  sourceId: string;
}

/** A document another cites, as its reader sees it (see {@link DocumentView.references}). */
export interface CitedDocument {
  id: string;
  title?: string;
  date?: string;
}

/**
 * The documents a document cites: its references, and every document its text or notes link to,
 * whichever importer made the link or when it was stored (a reference must be a valid id).
 */
export function citedDocuments(doc: Pick<ArchiveDocument, 'id' | 'references' | 'body' | 'footnotes'>): string[] {
  const linked = linkedDocumentIds(doc.body, doc.footnotes).filter(isValidId);
  return [...new Set([...doc.references, ...linked])].filter((ref) => ref !== doc.id);
}

/** Whether two versions of a text are the same text, however their lines were broken. */
export function sameText(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  return singleSpaced(a) === singleSpaced(b);
}

/** The text with each run of white space one space, and none at its ends. */
export function singleSpaced(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Whether `outer` holds `inner` as whole words, both single-spaced: "Secretary of State" does not
 * hold the classification "Secret", nor "Delo 904" the reference "Delo 90".
 */
export function holdsText(outer: string, inner: string): boolean {
  if (!inner) return false;
  for (let at = outer.indexOf(inner); at >= 0; at = outer.indexOf(inner, at + 1)) {
    if (!isWordChar(outer.charAt(at - 1)) && !isWordChar(outer.charAt(at + inner.length))) return true;
  }
  return false;
}

/** Whether `c` is one character of a word: a letter or a digit, in any script. */
export function isWordChar(c: string): boolean {
  return WORD_CHAR.test(c);
}

const WORD_CHAR = /^[\p{L}\p{N}]$/u;

/**
 * The documents a reader of `doc` may open from its text and notes: the document itself, and the
 * documents it cites that the reader may see (a cited document has a title exactly then). A
 * collection's section is read the same way, without a document of its own.
 */
export function openableDocuments(doc: Pick<DocumentView, 'references'> & { id?: string }): Set<string> {
  const cited = doc.references.filter((r) => r.title !== undefined).map((r) => r.id);
  return new Set(doc.id === undefined ? cited : [doc.id, ...cited]);
}
