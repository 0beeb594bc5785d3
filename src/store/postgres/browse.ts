import { periodBounds } from '../../domain/dates.js';
import { bundledGazetteer, type Gazetteer } from '../../domain/gazetteer.js';
import type { Person, Place } from '../../domain/index.js';
import { foldText } from '../../search/fold.js';
import type {
  AdjacentDocuments,
  Correspondence,
  DateBucket,
  DateUnit,
  DocumentSummary,
  EntityList,
  EntityListItem,
  ListOptions,
  MapPlace,
  PersonListItem,
  PlaceListItem,
  ScopeRequest,
  Viewer,
} from '../types.js';
import { type PlaceCountRow, toMapPlace } from '../place-roles.js';
import { COLLECTION_ORDER, SUMMARY_COLUMNS, toSummary, type SummaryRow } from './read.js';
import { searchScope } from './search.js';
import { type Db, Params } from './sql.js';
import { listingSources, visibleClause, withVisibleWithheld } from './visibility.js';
import { personListItem, sourcesOfListings, withVisibleListings } from '../person-listings.js';

const DEFAULT_EDGE_LIMIT = 200;
/** Characters of date_start (YYYY-MM-DD) that name a period of each unit. */
const UNIT_LENGTH: Record<DateUnit, number> = { decade: 3, year: 4, month: 7, day: 10 };

/**
 * Reads for browsing and the visualisations, as the SQLite store's BrowseReader: anything that
 * summarizes a result set is built on `searchScope`, everything else applies `visibleClause`;
 * people, places and topics appear only through visible documents. A–Z lists sort by the
 * folded name stored with each entity (fold.ts, at write time) in byte order.
 */
export class BrowseReader {
  constructor(
    private readonly db: Db,
    private readonly gazetteer: Gazetteer = bundledGazetteer(),
  ) {}

  async dateHistogram(request: ScopeRequest, viewer: Viewer, unit: DateUnit): Promise<DateBucket[]> {
    const p = new Params();
    const { base } = searchScope(request, viewer, p);
    const length = UNIT_LENGTH[unit];
    // A document counts in the period of its first day, or of its end when that is all it has
    // (as in the SQLite store).
    const rows = (
      await this.db.query<{ key: string; n: number }>(
        `SELECT substr(coalesce(dd.date_start, dd.date_end), 1, ${length}) AS key, count(*)::int AS n FROM documents dd
         WHERE coalesce(dd.date_start, dd.date_end) NOT LIKE '-%' AND dd.rowid IN (SELECT d.rowid ${base})
         GROUP BY key ORDER BY key`,
        p.values,
      )
    ).rows;
    return rows.flatMap((r) => {
      const key = unit === 'decade' ? `${r.key}0` : r.key;
      const bounds = periodBounds(key, unit);
      return bounds ? [{ key, start: bounds.start, end: bounds.end, count: r.n }] : [];
    });
  }

  async correspondence(request: ScopeRequest, viewer: Viewer, options: { limit?: number } = {}): Promise<Correspondence> {
    const p = new Params();
    const { base } = searchScope(request, viewer, p);
    const limit = Math.max(1, Math.min(options.limit ?? DEFAULT_EDGE_LIMIT, 5000));
    const scope = `SELECT d.rowid ${base}`;
    const edges = (
      await this.db.query<{ from: string; to: string; count: number; first: string | null; last: string | null }>(
        `SELECT a.target AS "from", r.target AS "to", count(*)::int AS count, min(dd.date_start) AS first, max(dd.date_start) AS last
         FROM document_links a
         JOIN document_links r ON r.doc = a.doc AND r.role = 'recipient' AND r.target <> a.target
         JOIN documents dd ON dd.rowid = a.doc
         WHERE a.role = 'author' AND a.doc IN (${scope})
         GROUP BY a.target, r.target ORDER BY count DESC, a.target, r.target LIMIT ${p.add(limit)}`,
        p.values,
      )
    ).rows;
    const ids = [...new Set(edges.flatMap((e) => [e.from, e.to]))];
    if (ids.length === 0) return { nodes: [], edges: [] };
    const q = new Params();
    const nodeScope = `SELECT d.rowid ${searchScope(request, viewer, q).base}`;
    const nodes = (
      await this.db.query<{ id: string; name: string; sent: number; received: number }>(
        `SELECT p.id, p.name,
           (SELECT count(*)::int FROM document_links l WHERE l.target = p.id AND l.role = 'author' AND l.doc IN (${nodeScope})
              AND EXISTS (SELECT 1 FROM document_links x WHERE x.doc = l.doc AND x.role = 'recipient')) AS sent,
           (SELECT count(*)::int FROM document_links l WHERE l.target = p.id AND l.role = 'recipient' AND l.doc IN (${nodeScope})) AS received
         FROM people p WHERE p.id = ANY(${q.add(ids)}::text[]) ORDER BY p.name COLLATE "C", p.id`,
        q.values,
      )
    ).rows;
    return {
      nodes,
      edges: edges.map((e) => ({
        from: e.from,
        to: e.to,
        count: e.count,
        ...(e.first ? { first: e.first } : {}),
        ...(e.last ? { last: e.last } : {}),
      })),
    };
  }

  async mapPlaces(request: ScopeRequest, viewer: Viewer): Promise<MapPlace[]> {
    const p = new Params();
    const { base } = searchScope(request, viewer, p);
    const rows = (
      await this.db.query<PlaceCountRow & { data: Place }>(
        `SELECT pl.id, pl.name, pl.lat, pl.lon, pl.data, count(*)::int AS total,
           count(*) FILTER (WHERE dd.data->>'placeWritten' = pl.id)::int AS written,
           count(*) FILTER (WHERE dd.data->'received'->>'place' = pl.id AND dd.data->>'placeWritten' IS DISTINCT FROM pl.id)::int AS received
         FROM document_links l
         JOIN documents dd ON dd.rowid = l.doc
         JOIN places pl ON pl.id = l.target
         WHERE l.role = 'place' AND l.doc IN (SELECT d.rowid ${base})
         GROUP BY pl.id ORDER BY total DESC, pl.name COLLATE "C", pl.id`,
        p.values,
      )
    ).rows;
    return rows.map((r) => toMapPlace(r, () => r.data, this.gazetteer));
  }

  async listPeople(viewer: Viewer, options: ListOptions): Promise<EntityList<PersonListItem>> {
    const list = await this.entityList(viewer, 'people', ['author', 'recipient', 'person'], options, (p) => {
      const roleCount = (role: string) =>
        `(SELECT count(*)::int FROM document_links x JOIN documents d ON d.rowid = x.doc WHERE x.target = e.id AND x.role = '${role}' AND ${visibleClause(viewer, p)})`;
      return `e.data AS data, ${roleCount('author')} AS sent, ${roleCount('recipient')} AS received`;
    });
    const people = await withVisibleWithheld(this.db, 'person', list.rows.map((r) => r.data as Person), viewer);
    const { hidden } = await listingSources(this.db, sourcesOfListings(people), viewer);
    return {
      ...list,
      items: list.rows.map((r, i) => personListItem({ ...r, sent: r.sent as number, received: r.received as number }, withVisibleListings(people[i]!, hidden))),
    };
  }

  async listPlaces(viewer: Viewer, options: ListOptions): Promise<EntityList<PlaceListItem>> {
    const list = await this.entityList(viewer, 'places', ['place'], options, () => 'e.lat AS lat, e.lon AS lon, e.data AS data');
    return {
      ...list,
      items: list.rows.map((r) => {
        const item: PlaceListItem = { id: r.id, name: r.name, count: r.count };
        const coords = r.lat !== null && r.lon !== null ? { lat: r.lat as number, lon: r.lon as number } : this.gazetteer.lookup(r.data as Place);
        if (coords) Object.assign(item, coords);
        return item;
      }),
    };
  }

  async listTopics(viewer: Viewer, options: ListOptions): Promise<EntityList<EntityListItem>> {
    const list = await this.entityList(viewer, 'topics', ['topic'], options, () => '');
    return { ...list, items: list.rows.map((r) => ({ id: r.id, name: r.name, count: r.count })) };
  }

  /** One A–Z list: entities cited by at least one visible document in one of `roles`, with that count, by folded name. */
  private async entityList(
    viewer: Viewer,
    table: 'people' | 'places' | 'topics',
    roles: string[],
    options: ListOptions,
    extra: (p: Params) => string,
  ) {
    const counted = (p: Params) => `SELECT l.target AS id, count(DISTINCT l.doc)::int AS n FROM document_links l JOIN documents d ON d.rowid = l.doc
      WHERE l.role = ANY(${p.add(roles)}::text[]) AND ${visibleClause(viewer, p)} GROUP BY l.target`;
    const prefix = options.prefix ? foldText(options.prefix.trim()) : '';
    const prefixSql = (p: Params) => (prefix ? `AND substr(e.name_folded, 1, ${p.add(prefix.length)}) = ${p.add(prefix)}` : '');

    const t = new Params();
    const total = (await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} e JOIN (${counted(t)}) c ON c.id = e.id WHERE TRUE ${prefixSql(t)}`, t.values))
      .rows[0]!.n;
    const r = new Params();
    const columns = extra(r);
    const rows = (
      await this.db.query<{ id: string; name: string; count: number } & Record<string, unknown>>(
        `SELECT e.id, e.name, c.n AS count${columns ? `, ${columns}` : ''}
         FROM ${table} e JOIN (${counted(r)}) c ON c.id = e.id WHERE TRUE ${prefixSql(r)}
         ORDER BY e.name_folded, e.id LIMIT ${r.add(options.limit)} OFFSET ${r.add(options.offset)}`,
        r.values,
      )
    ).rows;
    const i = new Params();
    const initials = (
      await this.db.query<{ letter: string; n: number }>(
        `SELECT upper(substr(e.name_folded, 1, 1)) AS letter, count(*)::int AS n FROM ${table} e JOIN (${counted(i)}) c ON c.id = e.id GROUP BY letter ORDER BY letter`,
        i.values,
      )
    ).rows.map((row) => ({ letter: row.letter, count: row.n }));
    return { total, rows, initials };
  }

  async adjacentInCollection(id: string, slug: string, viewer: Viewer): Promise<AdjacentDocuments | null> {
    const p = new Params();
    // The collection page's order, worked out on the row's columns; only the three documents
    // shown are read for their summaries.
    const rows = (
      await this.db.query<SummaryRow & { pos: number; total: number }>(
        `WITH ordered AS (
           SELECT d.rowid AS doc, d.id AS id, (row_number() OVER (ORDER BY ${COLLECTION_ORDER}))::int AS pos, (count(*) OVER ())::int AS total
           FROM document_links l JOIN documents d ON d.rowid = l.doc
           WHERE l.target = ${p.add(slug)} AND l.role = 'collection' AND ${visibleClause(viewer, p)})
         SELECT ${SUMMARY_COLUMNS}, o.pos AS pos, o.total AS total
         FROM ordered o JOIN documents d ON d.rowid = o.doc, (SELECT pos FROM ordered WHERE id = ${p.add(id)}) me
         WHERE o.pos BETWEEN me.pos - 1 AND me.pos + 1 ORDER BY o.pos`,
        p.values,
      )
    ).rows;
    const me = rows.find((r) => r.id === id);
    if (!me) return null;
    const result: AdjacentDocuments = { position: me.pos, total: me.total };
    const previous = rows.find((r) => r.pos === me.pos - 1);
    const next = rows.find((r) => r.pos === me.pos + 1);
    if (previous) result.previous = toSummary(previous);
    if (next) result.next = toSummary(next);
    return result;
  }

  /**
   * Featured documents: the most cited by other visible documents, then the richest records,
   * then the earliest. Only visible citing documents count, so a draft cannot promote anything.
   */
  async featuredDocuments(viewer: Viewer, limit: number): Promise<DocumentSummary[]> {
    const p = new Params();
    const rows = (
      await this.db.query<SummaryRow>(
        `SELECT ${SUMMARY_COLUMNS},
           (SELECT count(*) FROM document_links r JOIN documents c ON c.rowid = r.doc WHERE r.role = 'reference' AND r.target = d.id AND ${visibleClause(viewer, p, 'c')}) AS cited,
           (SELECT count(*) FROM document_links x WHERE x.doc = d.rowid AND x.role IN ('author', 'recipient', 'person', 'place', 'topic')) AS links
         FROM documents d WHERE ${visibleClause(viewer, p)}
         ORDER BY cited DESC, links DESC, d.date_start IS NULL, d.date_start, d.id LIMIT ${p.add(Math.max(0, limit))}`,
        p.values,
      )
    ).rows;
    return rows.map(toSummary);
  }
}

