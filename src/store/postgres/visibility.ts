import type { Viewer } from '../types.js';
import type { Params } from './sql.js';

/**
 * The single place that decides which documents a viewer may see. Every query of the
 * PostgreSQL store that touches documents includes this clause for the alias it uses.
 * public_from: NULL never public (draft); '' always; else the first day it is public.
 */
export function visibleClause(viewer: Viewer, p: Params, alias = 'd'): string {
  if (viewer.kind === 'staff') return 'TRUE';
  return `(${alias}.public_from IS NOT NULL AND ${alias}.public_from <= ${p.add(todayIso(viewer.now))})`;
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
