import { datestampSql, type HarvestHeader, type HarvestRequest } from '../harvest.js';
import type { Viewer } from '../types.js';
import { type Db, Params } from './sql.js';
import { visibleClause } from './visibility.js';

/** The harvestable records the request selects, in (datestamp, id) order, as sqlite/harvest.ts. */
export async function harvestHeaders(db: Db, request: HarvestRequest, viewer: Viewer): Promise<HarvestHeader[]> {
  const p = new Params();
  const arms = [`SELECT d.rowid AS doc, d.id AS id, ${datestampSql('d', 'GREATEST')} AS ds, false AS withdrawn FROM documents d WHERE ${visibleClause(viewer, p)}`];
  if (!request.withoutWithdrawn && viewer.kind === 'public') {
    arms.push(`SELECT d.rowid, d.id, d.withdrawn_at, true FROM documents d WHERE d.withdrawn_at IS NOT NULL AND NOT ${visibleClause(viewer, p)}`);
  }
  const where: string[] = [];
  if (request.from !== undefined) where.push(`ds >= ${p.add(request.from)}`);
  if (request.until !== undefined) where.push(`ds <= ${p.add(request.until)}`);
  if (request.collections) {
    where.push(`doc IN (SELECT l.doc FROM document_links l WHERE l.role = 'collection' AND l.target = ANY(${p.add(request.collections)}::text[]))`);
  }
  if (request.ids) where.push(`id = ANY(${p.add(request.ids)}::text[])`);
  const order = request.newestFirst ? 'DESC' : 'ASC';
  if (request.after) {
    const ds = p.add(request.after.datestamp);
    const id = p.add(request.after.id);
    where.push(request.newestFirst ? `(ds < ${ds} OR (ds = ${ds} AND id < ${id}))` : `(ds > ${ds} OR (ds = ${ds} AND id > ${id}))`);
  }
  const rows = (
    await db.query<{ doc: number; id: string; ds: string; withdrawn: boolean }>(
      `SELECT doc, id, ds, withdrawn FROM (${arms.join(' UNION ALL ')}) h
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY ds COLLATE "C" ${order}, id COLLATE "C" ${order} LIMIT ${p.add(request.limit)}`,
      p.values,
    )
  ).rows;
  if (rows.length === 0) return [];
  const links = (
    await db.query<{ doc: number; target: string }>(
      `SELECT doc, target FROM document_links WHERE role = 'collection' AND doc = ANY($1::integer[]) ORDER BY doc, position`,
      [rows.map((r) => r.doc)],
    )
  ).rows;
  const collections = new Map<number, string[]>();
  for (const l of links) (collections.get(l.doc) ?? collections.set(l.doc, []).get(l.doc)!).push(l.target);
  return rows.map((r) => ({ id: r.id, datestamp: r.ds, withdrawn: r.withdrawn, collections: collections.get(r.doc) ?? [] }));
}
