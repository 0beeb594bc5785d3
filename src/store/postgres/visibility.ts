import type { Viewer } from '../types.js';
import type { Collection, Person, Place } from '../../domain/index.js';
import { describedId, type DescribedKind, withWithheld } from '../withheld.js';
import { type Db, Params } from './sql.js';
import { type ListingSources, sortListingSources } from '../person-listings.js';

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

/** What a viewer may see of the sources a person's listings name (person-listings.ts). */
export async function listingSources(db: Db, slugs: readonly string[], viewer: Viewer): Promise<ListingSources> {
  if (slugs.length === 0) return sortListingSources([], viewer);
  const p = new Params();
  const list = p.add(slugs);
  const rows = await db.query<{ slug: string; title: string; shown: boolean }>(
    `WITH RECURSIVE tree(root, slug) AS (
       SELECT slug, slug FROM collections WHERE slug = ANY(${list}::text[])
       UNION SELECT t.root, k.slug FROM collections k JOIN tree t ON k.parent = t.slug)
     SELECT c.slug, c.title,
       EXISTS (SELECT 1 FROM tree t JOIN document_links l ON l.target = t.slug AND l.role = 'collection' JOIN documents d ON d.rowid = l.doc
         WHERE t.root = c.slug AND ${visibleClause(viewer, p)}) AS shown
     FROM collections c WHERE c.slug = ANY(${list}::text[])`,
    p.values,
  );
  return sortListingSources(rows.rows, viewer);
}

/**
 * People, places or collections with what documents the viewer may see withhold from their
 * shared records merged in (store/withheld.ts), as sqlite/visibility.ts does.
 */
export async function withVisibleWithheld<E extends Person | Place | Collection>(db: Db, kind: DescribedKind, entities: E[], viewer: Viewer): Promise<E[]> {
  if (entities.length === 0) return entities;
  const p = new Params();
  const { rows } = await db.query<{ id: string; data: string }>(
    `SELECT w.id, w.data FROM withheld_descriptions w JOIN documents d ON d.rowid = w.doc
     WHERE w.kind = ${p.add(kind)} AND w.id = ANY(${p.add(entities.map(describedId))}::text[]) AND ${visibleClause(viewer, p)} ORDER BY d.created_at, d.id`,
    p.values,
  );
  if (rows.length === 0) return entities;
  return entities.map((e) => withWithheld(kind, e, rows.filter((r) => r.id === describedId(e))));
}
