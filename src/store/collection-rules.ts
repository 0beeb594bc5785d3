import type { Viewer } from './types.js';

/**
 * Which collections a viewer is shown, in both stores. The public sees a collection only while it
 * holds a document they may read (itself or inside it), so an empty collection does not reveal
 * that private documents, or none, are filed there. Staff see the archive's whole structure,
 * empty collections included: OAI-PMH names the set of a record withdrawn from a collection
 * that is now empty by it (web/oai/sets.ts).
 */
export function showsCollection(viewer: Viewer, documentsInTree: number): boolean {
  return viewer.kind === 'staff' || documentsInTree > 0;
}
