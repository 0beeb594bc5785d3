import type { Database } from 'better-sqlite3';
import { type HarvestHeader, type HarvestRequest, toHeaders } from '../harvest.js';
import type { Viewer } from '../types.js';
import { visibleClause } from './visibility.js';

/**
 * The harvestable records the request selects, in (datestamp, id) order (store/harvest.ts):
 * visible documents, and the identifiers the public lost that no visible document holds again.
 * Each arm reads its own (datestamp, id) index in order and SQLite merges the two, so a page
 * costs its own rows, not a sort of the archive.
 */
export function harvestHeaders(db: Database, request: HarvestRequest, viewer: Viewer): HarvestHeader[] {
  const vis = visibleClause(viewer);
  const order = request.newestFirst ? 'DESC' : 'ASC';
  const documents = armFilters(request, 'd.datestamp', 'd.id', (slugs) => `d.rowid IN (SELECT l.doc FROM document_links l WHERE l.role = 'collection' AND l.target IN (SELECT value FROM json_each(${slugs})))`);
  const arms = [
    {
      // Told which index when paging: the planner otherwise takes the visibility one and sorts
      // every row. Records asked for by id are found by id.
      sql: `SELECT d.rowid AS doc, d.id AS id, d.datestamp AS ds, NULL AS gone_from FROM documents d ${request.ids ? '' : 'INDEXED BY documents_by_datestamp'} WHERE ${[vis.sql, ...documents.where].join(' AND ')}`,
      params: [...vis.params, ...documents.params],
    },
  ];
  if (!request.withoutWithdrawn && viewer.kind === 'public') {
    const lost = armFilters(request, 'w.withdrawn_at', 'w.id', (slugs) => `EXISTS (SELECT 1 FROM json_each(w.collections) g WHERE g.value IN (SELECT value FROM json_each(${slugs})))`);
    arms.push({
      sql: `SELECT NULL, w.id, w.withdrawn_at, w.collections FROM withdrawals w WHERE ${[`NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = w.id AND ${vis.sql})`, ...lost.where].join(' AND ')}`,
      params: [...vis.params, ...lost.params],
    });
  }
  const rows = db
    .prepare(`${arms.map((a) => a.sql).join(' UNION ALL ')} ORDER BY 3 ${order}, 2 ${order} LIMIT ?`)
    .all(...arms.flatMap((a) => a.params), request.limit) as { doc: number | null; id: string; ds: string; gone_from: string | null }[];
  const docs = rows.flatMap((r) => (r.doc === null ? [] : [r.doc]));
  const links = docs.length
    ? (db
        .prepare(`SELECT doc, target FROM document_links WHERE role = 'collection' AND doc IN (SELECT value FROM json_each(?)) ORDER BY doc, position`)
        .all(JSON.stringify(docs)) as { doc: number; target: string }[])
    : [];
  return toHeaders(rows.map((r) => ({ doc: r.doc, id: r.id, ds: r.ds, goneFrom: r.gone_from })), links);
}

/** The request's conditions on one arm, whose datestamp and id are the columns named. */
function armFilters(request: HarvestRequest, ds: string, id: string, inCollections: (slugs: string) => string): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (request.from !== undefined) {
    where.push(`${ds} >= ?`);
    params.push(request.from);
  }
  if (request.until !== undefined) {
    where.push(`${ds} <= ?`);
    params.push(request.until);
  }
  if (request.ids) {
    where.push(`${id} IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(request.ids));
  }
  if (request.collections) {
    where.push(inCollections('?'));
    params.push(JSON.stringify(request.collections));
  }
  if (request.after) {
    where.push(request.newestFirst ? `(${ds} < ? OR (${ds} = ? AND ${id} < ?))` : `(${ds} > ? OR (${ds} = ? AND ${id} > ?))`);
    params.push(request.after.datestamp, request.after.datestamp, request.after.id);
  }
  return { where, params };
}
