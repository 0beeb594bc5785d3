import type { Database } from 'better-sqlite3';
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
import { COLLECTION_ORDER, toSummary } from './read.js';
import { searchScope } from './search.js';
import { listingSources, visibleClause, withVisibleWithheld } from './visibility.js';
import { personListItem, sourcesOfListings, withVisibleListings } from '../person-listings.js';

const SUMMARY_COLUMNS = "d.id AS id, d.title AS title, d.type AS type, json_extract(d.data, '$.date') AS date";
const DEFAULT_EDGE_LIMIT = 200;
/** Characters of date_start (YYYY-MM-DD) that name a period of each unit. */
const UNIT_LENGTH: Record<DateUnit, number> = { decade: 3, year: 4, month: 7, day: 10 };

/** SQL function folding names the way search does, for A–Z lists that ignore case and accents. */
const FOLD_FN = 'archivum_fold';

/**
 * Reads for browsing and the visualisations. Anything that summarizes a result set is built on
 * `searchScope` (so a timeline, a map or a network always agrees with the search list for the
 * same parameters); every other query applies `visibleClause`. Nothing counts, names or links a
 * document the viewer may not see: people, places and topics appear only through visible documents.
 */
export class BrowseReader {
  constructor(
    private readonly db: Database,
    private readonly gazetteer: Gazetteer = bundledGazetteer(),
  ) {
    db.function(FOLD_FN, { deterministic: true }, (value: unknown) => (typeof value === 'string' ? foldText(value) : null));
  }

  dateHistogram(request: ScopeRequest, viewer: Viewer, unit: DateUnit): DateBucket[] {
    const { base, params } = searchScope(request, viewer);
    const length = UNIT_LENGTH[unit];
    // A document counts in the period of its first day: a month-precision "1962-10" letter is
    // in October 1962, and at day zoom on 1 October (its range starts there). A date known only
    // by its end ("before 18 July 1541") counts there, where a date search finds it.
    const rows = this.db
      .prepare(
        `SELECT substr(coalesce(d.date_start, d.date_end), 1, ${length}) AS key, count(*) AS n FROM documents d
         WHERE coalesce(d.date_start, d.date_end) NOT LIKE '-%' AND d.rowid IN (SELECT d.rowid ${base})
         GROUP BY key ORDER BY key`,
      )
      .all(...params) as { key: string; n: number }[];
    return rows.flatMap((r) => {
      const key = unit === 'decade' ? `${r.key}0` : r.key;
      const bounds = periodBounds(key, unit);
      return bounds ? [{ key, start: bounds.start, end: bounds.end, count: r.n }] : [];
    });
  }

  correspondence(request: ScopeRequest, viewer: Viewer, options: { limit?: number } = {}): Correspondence {
    const { base, params } = searchScope(request, viewer);
    const limit = Math.max(1, Math.min(options.limit ?? DEFAULT_EDGE_LIMIT, 5000));
    const scope = `SELECT d.rowid ${base}`;
    const edges = this.db
      .prepare(
        `SELECT a.target AS "from", r.target AS "to", count(*) AS count, min(dd.date_start) AS first, max(dd.date_start) AS last
         FROM document_links a
         JOIN document_links r ON r.doc = a.doc AND r.role = 'recipient' AND r.target <> a.target
         JOIN documents dd ON dd.rowid = a.doc
         WHERE a.role = 'author' AND a.doc IN (${scope})
         GROUP BY a.target, r.target ORDER BY count DESC, a.target, r.target LIMIT ?`,
      )
      .all(...params, limit) as { from: string; to: string; count: number; first: string | null; last: string | null }[];
    const ids = [...new Set(edges.flatMap((e) => [e.from, e.to]))];
    if (ids.length === 0) return { nodes: [], edges: [] };
    const list = ids.map(() => '?').join(', ');
    const nodes = this.db
      .prepare(
        `SELECT p.id AS id, p.name AS name,
           (SELECT count(*) FROM document_links l WHERE l.target = p.id AND l.role = 'author' AND l.doc IN (${scope})
              AND EXISTS (SELECT 1 FROM document_links x WHERE x.doc = l.doc AND x.role = 'recipient')) AS sent,
           (SELECT count(*) FROM document_links l WHERE l.target = p.id AND l.role = 'recipient' AND l.doc IN (${scope})) AS received
         FROM people p WHERE p.id IN (${list}) ORDER BY p.name, p.id`,
      )
      .all(...params, ...params, ...ids) as { id: string; name: string; sent: number; received: number }[];
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

  mapPlaces(request: ScopeRequest, viewer: Viewer): MapPlace[] {
    const { base, params } = searchScope(request, viewer);
    const rows = this.db
      .prepare(
        `SELECT id, name, lat, lon, data, count(*) AS total, sum(written) AS written, sum(received AND NOT written) AS received
         FROM (
           SELECT p.id AS id, p.name AS name, p.lat AS lat, p.lon AS lon, p.data AS data,
             coalesce(json_extract(dd.data, '$.placeWritten') = p.id, 0) AS written,
             coalesce(json_extract(dd.data, '$.received.place') = p.id, 0) AS received
           FROM document_links l
           JOIN documents dd ON dd.rowid = l.doc
           JOIN places p ON p.id = l.target
           WHERE l.role = 'place' AND l.doc IN (SELECT d.rowid ${base})
         )
         GROUP BY id ORDER BY total DESC, name, id`,
      )
      .all(...params) as (PlaceCountRow & { data: string })[];
    return rows.map((r) => toMapPlace(r, () => JSON.parse(r.data) as Place, this.gazetteer));
  }

  listPeople(viewer: Viewer, options: ListOptions): EntityList<PersonListItem> {
    const vis = visibleClause(viewer);
    const roleCount = (role: string) =>
      `(SELECT count(*) FROM document_links x JOIN documents d ON d.rowid = x.doc WHERE x.target = e.id AND x.role = '${role}' AND ${vis.sql})`;
    const list = this.entityList(viewer, 'people', ['author', 'recipient', 'person'], options, `e.data AS data, ${roleCount('author')} AS sent, ${roleCount('recipient')} AS received`, [
      ...vis.params,
      ...vis.params,
    ]);
    const people = withVisibleWithheld(this.db, 'person', list.rows.map((r) => JSON.parse(r.data as string) as Person), viewer);
    const { hidden } = listingSources(this.db, sourcesOfListings(people), viewer);
    return {
      ...list,
      items: list.rows.map((r, i) => personListItem({ ...r, sent: r.sent as number, received: r.received as number }, withVisibleListings(people[i]!, hidden))),
    };
  }

  listPlaces(viewer: Viewer, options: ListOptions): EntityList<PlaceListItem> {
    const list = this.entityList(viewer, 'places', ['place'], options, 'e.lat AS lat, e.lon AS lon, e.data AS data', []);
    return {
      ...list,
      items: list.rows.map((r) => {
        const item: PlaceListItem = { id: r.id, name: r.name, count: r.count };
        const coords =
          r.lat !== null && r.lon !== null ? { lat: r.lat as number, lon: r.lon as number } : this.gazetteer.lookup(JSON.parse(r.data as string) as Place);
        if (coords) Object.assign(item, coords);
        return item;
      }),
    };
  }

  listTopics(viewer: Viewer, options: ListOptions): EntityList<EntityListItem> {
    const list = this.entityList(viewer, 'topics', ['topic'], options, '', []);
    return { ...list, items: list.rows.map((r) => ({ id: r.id, name: r.name, count: r.count })) };
  }

  /**
   * One A–Z list: entities cited by at least one visible document in one of `roles`, with that
   * count, sorted by folded name; `extra` adds columns (with their parameters, which come first).
   */
  private entityList(viewer: Viewer, table: 'people' | 'places' | 'topics', roles: string[], options: ListOptions, extra: string, extraParams: unknown[]) {
    const vis = visibleClause(viewer);
    const roleList = roles.map(() => '?').join(', ');
    const counted = `SELECT l.target AS id, count(DISTINCT l.doc) AS n FROM document_links l JOIN documents d ON d.rowid = l.doc
      WHERE l.role IN (${roleList}) AND ${vis.sql} GROUP BY l.target`;
    const countedParams = [...roles, ...vis.params];
    const prefix = options.prefix ? foldText(options.prefix.trim()) : '';
    const prefixSql = prefix ? `AND substr(${FOLD_FN}(e.name), 1, ?) = ?` : '';
    const prefixParams = prefix ? [prefix.length, prefix] : [];

    const total = (
      this.db
        .prepare(`SELECT count(*) AS n FROM ${table} e JOIN (${counted}) c ON c.id = e.id WHERE 1 ${prefixSql}`)
        .get(...countedParams, ...prefixParams) as { n: number }
    ).n;
    const rows = this.db
      .prepare(
        `SELECT e.id AS id, e.name AS name, c.n AS count${extra ? `, ${extra}` : ''}
         FROM ${table} e JOIN (${counted}) c ON c.id = e.id WHERE 1 ${prefixSql}
         ORDER BY ${FOLD_FN}(e.name), e.id LIMIT ? OFFSET ?`,
      )
      .all(...extraParams, ...countedParams, ...prefixParams, options.limit, options.offset) as ({ id: string; name: string; count: number } & Record<string, unknown>)[];
    const initials = (
      this.db
        .prepare(`SELECT upper(substr(${FOLD_FN}(e.name), 1, 1)) AS letter, count(*) AS n FROM ${table} e JOIN (${counted}) c ON c.id = e.id GROUP BY letter ORDER BY letter`)
        .all(...countedParams) as { letter: string; n: number }[]
    ).map((r) => ({ letter: r.letter, count: r.n }));
    return { total, rows, initials };
  }

  adjacentInCollection(id: string, slug: string, viewer: Viewer): AdjacentDocuments | null {
    const vis = visibleClause(viewer);
    // The collection page's order, worked out on the row's columns; only the three documents
    // shown are read for their summaries (each summary parses the document's JSON).
    const rows = this.db
      .prepare(
        `WITH ordered AS (
           SELECT d.rowid AS doc, d.id AS id, row_number() OVER (ORDER BY ${COLLECTION_ORDER}) AS pos, count(*) OVER () AS total
           FROM document_links l JOIN documents d ON d.rowid = l.doc
           WHERE l.target = ? AND l.role = 'collection' AND ${vis.sql})
         SELECT ${SUMMARY_COLUMNS}, o.pos AS pos, o.total AS total
         FROM ordered o JOIN documents d ON d.rowid = o.doc, (SELECT pos FROM ordered WHERE id = ?) me
         WHERE o.pos BETWEEN me.pos - 1 AND me.pos + 1 ORDER BY o.pos`,
      )
      .all(slug, ...vis.params, id) as { id: string; title: string; type: string | null; date: string; pos: number; total: number }[];
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
   * Featured documents: there is no curated "featured" flag in the model, so the archive's own
   * links decide. A document that other visible documents cite (FRUS cross-references) matters
   * to the collection; among equals, the richest record (most people, places and topics) wins,
   * then the earliest. Only visible citing documents count, so a draft cannot promote anything.
   */
  featuredDocuments(viewer: Viewer, limit: number): DocumentSummary[] {
    const vis = visibleClause(viewer);
    const citing = visibleClause(viewer, 'c');
    const rows = this.db
      .prepare(
        `SELECT ${SUMMARY_COLUMNS},
           (SELECT count(*) FROM document_links r JOIN documents c ON c.rowid = r.doc WHERE r.role = 'reference' AND r.target = d.id AND ${citing.sql}) AS cited,
           (SELECT count(*) FROM document_links x WHERE x.doc = d.rowid AND x.role IN ('author', 'recipient', 'person', 'place', 'topic')) AS links
         FROM documents d WHERE ${vis.sql}
         ORDER BY cited DESC, links DESC, d.date_start IS NULL, d.date_start, d.id LIMIT ?`,
      )
      .all(...citing.params, ...vis.params, Math.max(0, limit)) as { id: string; title: string; type: string | null; date: string }[];
    return rows.map(toSummary);
  }
}

