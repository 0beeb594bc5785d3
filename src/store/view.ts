import type { ArchiveDocument, CitedDocument, CorrespondentRef, DocumentView, EntityRef, PlaceRef } from '../domain/index.js';
import { stripUndefined } from '../domain/input.js';

export interface ViewLookups {
  people: Map<string, EntityRef>;
  places: Map<string, PlaceRef>;
  topics: Map<string, EntityRef>;
  collections: Map<string, { slug: string; title: string }>;
  /**
   * Cited documents (domain `citedDocuments`, in that order): the title and date as written of
   * each the viewer may see, null for the others. A private document and one not in this archive
   * (another volume, not yet ingested) read alike, so no answer tells whether a private document
   * exists; the id is the citing document's own text.
   */
  references: Map<string, { title: string; date?: string } | null>;
  related: { id: string; title: string }[];
  updatedAt: string;
}

/** Turns a stored document and the names a store looked up into the public JSON shape. */
export function toDocumentView(doc: ArchiveDocument, l: ViewLookups): DocumentView {
  const refs = <T>(ids: string[], map: Map<string, T>, fallback: (id: string) => T): T[] =>
    ids.map((id) => map.get(id) ?? fallback(id));
  const placeRef = (id: string): PlaceRef => l.places.get(id) ?? { id, name: id };
  const correspondents = (ids: string[]): CorrespondentRef[] =>
    refs(ids, l.people, (id) => ({ id, name: id })).map((ref) => {
      const certainty = doc.agentCertainty?.[ref.id];
      return certainty ? { ...ref, certainty } : ref;
    });
  return stripUndefined({
    id: doc.id,
    title: doc.title,
    date: doc.date,
    type: doc.type,
    description: doc.description,
    summary: doc.summary,
    text: doc.text,
    body: doc.body,
    footnotes: doc.footnotes,
    texts: doc.texts,
    authors: correspondents(doc.authors),
    recipients: correspondents(doc.recipients),
    people: refs(doc.people, l.people, (id) => ({ id, name: id })),
    places: refs(doc.places, l.places, (id) => ({ id, name: id })),
    placeWritten: doc.placeWritten ? placeRef(doc.placeWritten) : undefined,
    placeWrittenCertainty: doc.placeWrittenCertainty,
    received: doc.received
      ? stripUndefined({ date: doc.received.date, place: doc.received.place ? placeRef(doc.received.place) : undefined, placeCertainty: doc.received.placeCertainty })
      : undefined,
    topics: refs(doc.topics, l.topics, (id) => ({ id, name: id })),
    collections: refs(doc.collections, l.collections, (slug) => ({ slug, title: slug })),
    source: doc.source,
    classification: doc.classification,
    language: doc.language,
    originalLanguage: doc.originalLanguage,
    rights: doc.rights,
    funders: doc.funders,
    related: l.related,
    // The store looked up every cited document, in order: its map is the list, not walked again.
    references: citedAsList(l.references),
    media: doc.media,
    recordId: doc.recordId,
    number: doc.number,
    uploadedAt: doc.uploadedAt,
    updatedAt: l.updatedAt,
    status: doc.status,
    embargoUntil: doc.embargoUntil,
    credit: doc.credit,
    sourceId: doc.sourceId,
  });
}

/** A place as documents cite it; coordinates only when the record has both. */
export function toPlaceRef(row: { id: string; name: string; lat: number | null; lon: number | null }): PlaceRef {
  const ref: PlaceRef = { id: row.id, name: row.name };
  if (row.lat !== null && row.lon !== null) {
    ref.lat = row.lat;
    ref.lon = row.lon;
  }
  return ref;
}

/** Cited documents as a reader gets them: each id, with its title and date when the reader may see it. */
export function citedAsList(references: ViewLookups['references']): CitedDocument[] {
  return [...references].map(([id, seen]) => (seen === null ? { id } : stripUndefined({ id, title: seen.title, date: seen.date })));
}
