import type { DocumentMedia, DocumentView, PlaceRef } from '../domain/index.js';

type Nullable<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: Exclude<T[P], undefined> | null };

/** Document keys CONTRACT.md lists that a document may have no value for. */
type OptionalContractKey = 'type' | 'description' | 'summary' | 'text' | 'classification' | 'language' | 'originalLanguage' | 'rights' | 'recordId' | 'uploadedAt';

export type PlaceJson = Nullable<PlaceRef, 'lat' | 'lon'>;
export type MediaJson = Nullable<DocumentMedia, 'pages'>;

/** `GET /api/documents/{id}`: the document view with every contract key present. */
export type DocumentJson = Nullable<Omit<DocumentView, 'date' | 'places' | 'source' | 'media'>, OptionalContractKey> & {
  date: Nullable<DocumentView['date'], 'start' | 'end'>;
  places: PlaceJson[];
  source: Nullable<DocumentView['source'], 'archive' | 'reference' | 'collection'>;
  media: MediaJson[];
};

/**
 * The document as the API gives it. CONTRACT.md fixes the shape key by key, so a key it lists
 * is always there, null where the document has no value (an undated document's `date.start`,
 * the seed letter's empty record id): a client reads one shape, whatever the record holds. Keys
 * beyond the contract (README) are left out when empty, as before.
 */
export function documentJson(doc: DocumentView): DocumentJson {
  return {
    ...doc,
    date: { ...doc.date, start: doc.date.start ?? null, end: doc.date.end ?? null },
    type: doc.type ?? null,
    description: doc.description ?? null,
    summary: doc.summary ?? null,
    text: doc.text ?? null,
    places: doc.places.map(placeJson),
    source: { ...doc.source, archive: doc.source.archive ?? null, reference: doc.source.reference ?? null, collection: doc.source.collection ?? null },
    classification: doc.classification ?? null,
    language: doc.language ?? null,
    originalLanguage: doc.originalLanguage ?? null,
    rights: doc.rights ?? null,
    media: doc.media.map((m) => ({ ...m, pages: m.pages ?? null })),
    recordId: doc.recordId ?? null,
    uploadedAt: doc.uploadedAt ?? null,
  };
}

function placeJson(place: PlaceRef): PlaceJson {
  return { ...place, lat: place.lat ?? null, lon: place.lon ?? null };
}
