import { sameText, type DocumentMedia, type DocumentView, type PlaceRef, type TextVersion } from '../domain/index.js';

type Nullable<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: Exclude<T[P], undefined> | null };

/** Document keys CONTRACT.md lists that a document may have no value for. */
type OptionalContractKey = 'type' | 'description' | 'summary' | 'text' | 'classification' | 'language' | 'originalLanguage' | 'rights' | 'recordId' | 'uploadedAt';

export type PlaceJson = Nullable<PlaceRef, 'lat' | 'lon'>;
export type MediaJson = Nullable<DocumentMedia, 'pages'>;
export type TextJson = Nullable<TextVersion, 'language' | 'translator'>;

/** `GET /api/documents/{id}`: the document view with every contract key present. */
export type DocumentJson = Nullable<Omit<DocumentView, 'date' | 'places' | 'source' | 'media' | 'texts'>, OptionalContractKey> & {
  texts: TextJson[];
  date: Nullable<DocumentView['date'], 'start' | 'end'>;
  places: PlaceJson[];
  source: Nullable<DocumentView['source'], 'archive' | 'reference' | 'collection'>;
  media: MediaJson[];
};

/**
 * The document as the API gives it. CONTRACT.md fixes the shape key by key, so a key it lists
 * is always there, null where the document has no value (an undated document's `date.start`,
 * the seed letter's empty record id): a client reads one shape, whatever the record holds. Keys
 * beyond the contract (README) are left out when empty, as before. `texts` holds every version
 * of the text, the one a reader sees first included.
 */
export function documentJson(doc: DocumentView): DocumentJson {
  return {
    ...doc,
    date: { ...doc.date, start: doc.date.start ?? null, end: doc.date.end ?? null },
    type: doc.type ?? null,
    description: doc.description ?? null,
    summary: doc.summary ?? null,
    text: doc.text ?? null,
    texts: textVersions(doc).map((t) => ({ ...t, language: t.language ?? null, translator: t.translator ?? null })),
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

/**
 * Every version of the text: the stored versions, and first the text a reader sees when it is
 * not one of them (a FRUS document's one text; an English text beside its Russian original) —
 * a translation when the document's language is not its original language.
 */
function textVersions(doc: DocumentView): TextVersion[] {
  const reading = doc.text;
  if (reading === undefined || doc.texts.some((t) => sameText(t.text, reading))) return doc.texts;
  const role = doc.language && doc.originalLanguage && doc.language !== doc.originalLanguage ? 'translation' : 'transcription';
  return [{ role, ...(doc.language === undefined ? {} : { language: doc.language }), text: reading }, ...doc.texts];
}
