import { datestampSql, type HarvestHeader, type HarvestRequest, toHeaders } from '../harvest.js';
import type { Viewer } from '../types.js';
import { type Db, Params } from './sql.js';
import { visibleClause } from './visibility.js';

/** The harvestable records the request selects, in (datestamp, id) order, as sqlite/harvest.ts. */
export async function harvestHeaders(db: Db, request: HarvestRequest, viewer: Viewer): Promise<HarvestHeader[]> {
  const p = new Params();
  const arms = [`SELECT d.rowid AS doc, d.id AS id, ${datestampSql('d', 'GREATEST')} AS ds, NULL::text AS gone_from FROM documents d WHERE ${visibleClause(viewer, p)}`];
  if (!request.withoutWithdrawn && viewer.kind === 'public') {
    arms.push(`SELECT NULL, w.id, w.withdrawn_at, w.collections FROM withdrawals w WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = w.id AND ${visibleClause(viewer, p)})`);
  }
  const where: string[] = [];
  if (request.from !== undefined) where.push(`ds >= ${p.add(request.from)}`);
  if (request.until !== undefined) where.push(`ds <= ${p.add(request.until)}`);
  if (request.ids) where.push(`id = ANY(${p.add(request.ids)}::text[])`);
  if (request.collections) {
    const slugs = p.add(request.collections);
    where.push(`(doc IN (SELECT l.doc FROM document_links l WHERE l.role = 'collection' AND l.target = ANY(${slugs}::text[]))
      OR (gone_from IS NOT NULL AND gone_from::jsonb ?| ${slugs}::text[]))`);
  }
  const order = request.newestFirst ? 'DESC' : 'ASC';
  if (request.after) {
    const ds = p.add(request.after.datestamp);
    const id = p.add(request.after.id);
    where.push(request.newestFirst ? `(ds < ${ds} OR (ds = ${ds} AND id < ${id}))` : `(ds > ${ds} OR (ds = ${ds} AND id > ${id}))`);
  }
  const rows = (
    await db.query<{ doc: number | null; id: string; ds: string; gone_from: string | null }>(
      `SELECT doc, id, ds, gone_from FROM (${arms.join(' UNION ALL ')}) h
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY ds COLLATE "C" ${order}, id COLLATE "C" ${order} LIMIT ${p.add(request.limit)}`,
      p.values,
    )
  ).rows;
  const docs = rows.flatMap((r) => (r.doc === null ? [] : [r.doc]));
  const links = docs.length
    ? (await db.query<{ doc: number; target: string }>(`SELECT doc, target FROM document_links WHERE role = 'collection' AND doc = ANY($1::integer[]) ORDER BY doc, position`, [docs])).rows
    : [];
  return toHeaders(rows.map((r) => ({ doc: r.doc, id: r.id, ds: r.ds, goneFrom: r.gone_from })), links);
}
