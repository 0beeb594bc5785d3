import type { Viewer } from '../types.js';
import { type Db, Params } from './sql.js';

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

/** Of these collections, those holding a document the viewer may see. */
export async function visibleCollections(db: Db, slugs: readonly string[], viewer: Viewer): Promise<Set<string>> {
  if (slugs.length === 0) return new Set();
  const p = new Params();
  const list = p.add(slugs);
  const rows = await db.query<{ slug: string }>(
    `SELECT s.slug FROM unnest(${list}::text[]) AS s(slug)
     WHERE EXISTS (SELECT 1 FROM document_links l JOIN documents d ON d.rowid = l.doc WHERE l.target = s.slug AND l.role = 'collection' AND ${visibleClause(viewer, p)})`,
    p.values,
  );
  return new Set(rows.rows.map((r) => r.slug));
}
