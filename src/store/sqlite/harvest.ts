import type { Database } from 'better-sqlite3';
import { datestampSql, type HarvestHeader, type HarvestRequest, toHeaders } from '../harvest.js';
import type { Viewer } from '../types.js';
import { visibleClause } from './visibility.js';

/**
 * The harvestable records the request selects, in (datestamp, id) order (store/harvest.ts):
 * visible documents, and the identifiers the public lost that no visible document holds again.
 */
export function harvestHeaders(db: Database, request: HarvestRequest, viewer: Viewer): HarvestHeader[] {
  const vis = visibleClause(viewer);
  const params: unknown[] = [...vis.params];
  const arms = [`SELECT d.rowid AS doc, d.id AS id, ${datestampSql('d', 'max')} AS ds, NULL AS gone_from FROM documents d WHERE ${vis.sql}`];
  if (!request.withoutWithdrawn && viewer.kind === 'public') {
    arms.push(`SELECT NULL, w.id, w.withdrawn_at, w.collections FROM withdrawals w WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = w.id AND ${vis.sql})`);
    params.push(...vis.params);
  }
  const where: string[] = [];
  if (request.from !== undefined) {
    where.push('ds >= ?');
    params.push(request.from);
  }
  if (request.until !== undefined) {
    where.push('ds <= ?');
    params.push(request.until);
  }
  if (request.ids) {
    where.push('id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(request.ids));
  }
  if (request.collections) {
    where.push(`(doc IN (SELECT l.doc FROM document_links l WHERE l.role = 'collection' AND l.target IN (SELECT value FROM json_each(?)))
      OR EXISTS (SELECT 1 FROM json_each(gone_from) g WHERE g.value IN (SELECT value FROM json_each(?))))`);
    params.push(JSON.stringify(request.collections), JSON.stringify(request.collections));
  }
  const order = request.newestFirst ? 'DESC' : 'ASC';
  if (request.after) {
    where.push(request.newestFirst ? '(ds < ? OR (ds = ? AND id < ?))' : '(ds > ? OR (ds = ? AND id > ?))');
    params.push(request.after.datestamp, request.after.datestamp, request.after.id);
  }
  const rows = db
    .prepare(
      `SELECT doc, id, ds, gone_from FROM (${arms.join(' UNION ALL ')})
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ds ${order}, id ${order} LIMIT ?`,
    )
    .all(...params, request.limit) as { doc: number | null; id: string; ds: string; gone_from: string | null }[];
  const docs = rows.flatMap((r) => (r.doc === null ? [] : [r.doc]));
  const links = docs.length
    ? (db
        .prepare(`SELECT doc, target FROM document_links WHERE role = 'collection' AND doc IN (SELECT value FROM json_each(?)) ORDER BY doc, position`)
        .all(JSON.stringify(docs)) as { doc: number; target: string }[])
    : [];
  return toHeaders(rows.map((r) => ({ doc: r.doc, id: r.id, ds: r.ds, goneFrom: r.gone_from })), links);
}
