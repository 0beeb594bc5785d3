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
