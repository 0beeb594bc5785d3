import { datestampSql, type HarvestHeader, type HarvestRequest, toHeaders } from '../harvest.js';
import type { Viewer } from '../types.js';
import { type Db, Params } from './sql.js';
import { visibleClause } from './visibility.js';

/**
 * The harvestable records the request selects, in (datestamp, id) order, as sqlite/harvest.ts:
 * each arm reads its (datestamp, id) index in order, merged under the LIMIT.
 */
export async function harvestHeaders(db: Db, request: HarvestRequest, viewer: Viewer): Promise<HarvestHeader[]> {
  const p = new Params();
  const order = request.newestFirst ? 'DESC' : 'ASC';
  // The expression of the documents_by_datestamp index, so that the index serves the order.
  const datestamp = datestampSql('GREATEST', 'd');
  const documents = armFilters(request, p, datestamp, 'd.id', (slugs) => `d.rowid IN (SELECT l.doc FROM document_links l WHERE l.role = 'collection' AND l.target = ANY(${slugs}::text[]))`);
  const arms = [`(SELECT d.rowid AS doc, d.id AS id, ${datestamp} AS ds, NULL::text AS gone_from FROM documents d WHERE ${[visibleClause(viewer, p), ...documents].join(' AND ')}
    ORDER BY ${datestamp} ${order}, d.id ${order} LIMIT ${p.add(request.limit)})`];
  if (!request.withoutWithdrawn && viewer.kind === 'public') {
    const lost = armFilters(request, p, 'w.withdrawn_at', 'w.id', (slugs) => `w.collections::jsonb ?| ${slugs}::text[]`);
    arms.push(`(SELECT NULL, w.id, w.withdrawn_at, w.collections FROM withdrawals w
      WHERE ${[`NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = w.id AND ${visibleClause(viewer, p)})`, ...lost].join(' AND ')}
      ORDER BY w.withdrawn_at ${order}, w.id ${order} LIMIT ${p.add(request.limit)})`);
  }
  const rows = (
    await db.query<{ doc: number | null; id: string; ds: string; gone_from: string | null }>(
      `SELECT * FROM (${arms.join(' UNION ALL ')}) h ORDER BY ds COLLATE "C" ${order}, id COLLATE "C" ${order} LIMIT ${p.add(request.limit)}`,
      p.values,
    )
  ).rows;
  const docs = rows.flatMap((r) => (r.doc === null ? [] : [r.doc]));
  const links = docs.length
    ? (await db.query<{ doc: number; target: string }>(`SELECT doc, target FROM document_links WHERE role = 'collection' AND doc = ANY($1::integer[]) ORDER BY doc, position`, [docs])).rows
    : [];
  return toHeaders(rows.map((r) => ({ doc: r.doc, id: r.id, ds: r.ds, goneFrom: r.gone_from })), links);
}

/** The request's conditions on one arm, whose datestamp and id are the columns named. */
function armFilters(request: HarvestRequest, p: Params, ds: string, id: string, inCollections: (slugs: string) => string): string[] {
  const where: string[] = [];
  if (request.from !== undefined) where.push(`${ds} >= ${p.add(request.from)}`);
  if (request.until !== undefined) where.push(`${ds} <= ${p.add(request.until)}`);
  if (request.ids) where.push(`${id} = ANY(${p.add(request.ids)}::text[])`);
  if (request.collections) where.push(inCollections(p.add(request.collections)));
  if (request.after) {
    const after = { ds: p.add(request.after.datestamp), id: p.add(request.after.id) };
    where.push(request.newestFirst ? `(${ds} < ${after.ds} OR (${ds} = ${after.ds} AND ${id} < ${after.id}))` : `(${ds} > ${after.ds} OR (${ds} = ${after.ds} AND ${id} > ${after.id}))`);
  }
  return where;
}
