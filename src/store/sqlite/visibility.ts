import type { Database } from 'better-sqlite3';
import { type ListingSources, sortListingSources } from '../person-listings.js';
import type { Viewer } from '../types.js';
import type { Collection, Person, Place } from '../../domain/index.js';
import { describedId, type DescribedKind, withWithheld } from '../withheld.js';

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

/** What a viewer may see of the sources a person's listings name (person-listings.ts). */
export function listingSources(db: Database, slugs: readonly string[], viewer: Viewer): ListingSources {
  if (slugs.length === 0) return sortListingSources([], viewer);
  const vis = visibleClause(viewer);
  // A collection shows while it, or a collection inside it, holds a document the viewer may see
  // (a FRUS volume's documents sit in its chapters), as its page does.
  const rows = db
    .prepare(
      `WITH RECURSIVE tree(root, slug) AS (
         SELECT slug, slug FROM collections WHERE slug IN (SELECT value FROM json_each(?))
         UNION SELECT t.root, k.slug FROM collections k JOIN tree t ON k.parent = t.slug)
       SELECT c.slug AS slug, c.title AS title,
         EXISTS (SELECT 1 FROM tree t JOIN document_links l ON l.target = t.slug AND l.role = 'collection' JOIN documents d ON d.rowid = l.doc
           WHERE t.root = c.slug AND ${vis.sql}) AS shown
       FROM collections c WHERE c.slug IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(slugs), ...vis.params, JSON.stringify(slugs)) as { slug: string; title: string; shown: number }[];
  return sortListingSources(rows, viewer);
}

/**
 * People, places or collections with what documents the viewer may see withhold from their
 * shared records merged in (store/withheld.ts). Archives that withhold nothing pay one look-up.
 */
export function withVisibleWithheld<E extends Person | Place | Collection>(db: Database, kind: DescribedKind, entities: E[], viewer: Viewer): E[] {
  if (entities.length === 0) return entities;
  const vis = visibleClause(viewer);
  const rows = db
    .prepare(
      `SELECT w.id AS id, w.data AS data FROM withheld_descriptions w JOIN documents d ON d.rowid = w.doc
       WHERE w.kind = ? AND w.id IN (SELECT value FROM json_each(?)) AND ${vis.sql} ORDER BY d.created_at, d.id`,
    )
    .all(kind, JSON.stringify(entities.map(describedId)), ...vis.params) as { id: string; data: string }[];
  if (rows.length === 0) return entities;
  return entities.map((e) => withWithheld(kind, e, rows.filter((r) => r.id === describedId(e))));
}
