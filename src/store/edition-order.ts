import type { ArchiveDocument } from '../domain/index.js';

/**
 * What orders a numbered document among its collection's documents: its number in its edition,
 * and the edition it is numbered in (its first collection: a FRUS volume). Kept in columns of
 * their own, beside `date_start`, so listing a collection reads no document JSON. PostgreSQL
 * derives the same two values from the JSON (migrations.ts, generated columns).
 */
export function editionOrder(doc: Pick<ArchiveDocument, 'number' | 'collections'>): { editionNumber: string | null; editionSlug: string | null } {
  if (doc.number === undefined) return { editionNumber: null, editionSlug: null };
  return { editionNumber: doc.number, editionSlug: doc.collections[0] ?? null };
}
