import type { Database } from 'better-sqlite3';
import type { Viewer } from '../types.js';

/**
 * The single place that decides which documents a viewer may see. Every query of the SQLite
 * store that touches documents includes this clause for the alias it uses.
 */
export function visibleClause(viewer: Viewer, alias = 'd'): { sql: string; params: string[] } {
  if (viewer.kind === 'staff') return { sql: '1', params: [] };
  return { sql: `(${alias}.public_from IS NOT NULL AND ${alias}.public_from <= ?)`, params: [todayIso(viewer.now)] };
}

export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** public_from for a document's status: drafts never, published always, embargoed from the end date. */
export function publicFrom(status: string, embargoUntil: string | undefined): string | null {
  if (status === 'published') return '';
  if (status === 'embargoed') return embargoUntil ?? null;
  return null;
}

/** Of these collections, those holding a document the viewer may see. */
export function visibleCollections(db: Database, slugs: readonly string[], viewer: Viewer): Set<string> {
  if (slugs.length === 0) return new Set();
  const vis = visibleClause(viewer);
  const holds = db.prepare(
    `SELECT EXISTS (SELECT 1 FROM document_links l JOIN documents d ON d.rowid = l.doc WHERE l.target = ? AND l.role = 'collection' AND ${vis.sql}) AS v`,
  );
  return new Set(slugs.filter((slug) => (holds.get(slug, ...vis.params) as { v: number }).v === 1));
}
