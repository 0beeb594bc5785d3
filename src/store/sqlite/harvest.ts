import type { Database } from 'better-sqlite3';
import { datestampSql, type HarvestHeader, type HarvestRequest } from '../harvest.js';
import type { Viewer } from '../types.js';
import { visibleClause } from './visibility.js';

/** The harvestable records the request selects, in (datestamp, id) order (store/harvest.ts). */
export function harvestHeaders(db: Database, request: HarvestRequest, viewer: Viewer): HarvestHeader[] {
  const vis = visibleClause(viewer);
  const params: unknown[] = [...vis.params];
  const arms = [`SELECT d.rowid AS doc, d.id AS id, ${datestampSql('d', 'max')} AS ds, 0 AS withdrawn FROM documents d WHERE ${vis.sql}`];
  if (!request.withoutWithdrawn && viewer.kind === 'public') {
    arms.push(`SELECT d.rowid, d.id, d.withdrawn_at, 1 FROM documents d WHERE d.withdrawn_at IS NOT NULL AND NOT ${vis.sql}`);
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
  if (request.collections) {
    where.push(`doc IN (SELECT l.doc FROM document_links l WHERE l.role = 'collection' AND l.target IN (SELECT value FROM json_each(?)))`);
    params.push(JSON.stringify(request.collections));
  }
  if (request.ids) {
    where.push('id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(request.ids));
  }
  const order = request.newestFirst ? 'DESC' : 'ASC';
  if (request.after) {
    where.push(request.newestFirst ? '(ds < ? OR (ds = ? AND id < ?))' : '(ds > ? OR (ds = ? AND id > ?))');
    params.push(request.after.datestamp, request.after.datestamp, request.after.id);
  }
  const rows = db
    .prepare(
      `SELECT doc, id, ds, withdrawn FROM (${arms.join(' UNION ALL ')})
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ds ${order}, id ${order} LIMIT ?`,
    )
    .all(...params, request.limit) as { doc: number; id: string; ds: string; withdrawn: number }[];
  if (rows.length === 0) return [];
  const links = db
    .prepare(`SELECT doc, target FROM document_links WHERE role = 'collection' AND doc IN (SELECT value FROM json_each(?)) ORDER BY doc, position`)
    .all(JSON.stringify(rows.map((r) => r.doc))) as { doc: number; target: string }[];
  const collections = new Map<number, string[]>();
  for (const l of links) (collections.get(l.doc) ?? collections.set(l.doc, []).get(l.doc)!).push(l.target);
  return rows.map((r) => ({ id: r.id, datestamp: r.ds, withdrawn: r.withdrawn === 1, collections: collections.get(r.doc) ?? [] }));
}
