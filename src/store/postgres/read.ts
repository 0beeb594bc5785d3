import { citedDocuments, sectionCitedDocuments, type ArchiveDocument, type SectionHeading, type Collection, type DocumentView, type EntityRef, type Person, type Place, type PlaceRef, type Topic } from '../../domain/index.js';
import type { ArchiveStats, CollectionSectionPage, CollectionView, DocumentReadOptions, DocumentSummary, EntityPage, PersonPage, Viewer } from '../types.js';
import { type PlaceCitation, withPlaceRoles } from '../place-roles.js';
import { toDocumentView, toPlaceRef, type ViewLookups } from '../view.js';
import { findSection, sectionPage } from '../collection-sections.js';
import { type Db, Params } from './sql.js';
import { listingSources, visibleClause, withVisibleWithheld } from './visibility.js';
import { personAsSeen, sourcesOfListings } from '../person-listings.js';
import { showsCollection } from '../collection-rules.js';

const RELATED_LIMIT = 5;
const PERSON_ROLES = ['author', 'recipient', 'person'];

export interface SummaryRow {
  id: string;
  title: string;
  type: string | null;
  date: DocumentSummary['date'];
}

export function toSummary(row: SummaryRow): DocumentSummary {
  const summary: DocumentSummary = { id: row.id, title: row.title, date: row.date };
  if (row.type) summary.type = row.type;
  return summary;
}

export const SUMMARY_COLUMNS = "d.id AS id, d.title AS title, d.type AS type, d.data->'date' AS date";

/** Documents about a person, place or topic: dated ones by start date, undated last, then id. */
const DATE_ORDER = 'd.date_start IS NULL, d.date_start, d.id';

/** The leading digits of a document's number in its edition, as a number (as sqlite/read.ts orders). */
const NUMBER_VALUE = `substring(d.edition_number from '^[0-9]{1,9}')::int`;

/**
 * A collection lists its numbered documents first, edition by edition, as each edition numbers
 * them (FRUS Document 1, 2, 2A …, an editorial note in its place among them); then the others,
 * by date. A collection of several volumes reads as the volumes do, one after the other.
 */
export const COLLECTION_ORDER = `d.edition_number IS NULL, d.edition_slug, ${NUMBER_VALUE} IS NULL, ${NUMBER_VALUE}, d.edition_number, ${DATE_ORDER}`;

type Page = { offset: number; limit: number };

/**
 * Reads for pages and the API; every query here applies the viewer's visibility. Where SQLite
 * orders by a column that may be NULL, NULLS FIRST says what SQLite does by default.
 */
export class RecordReader {
  constructor(private readonly db: Db) {}

  async getDocument(id: string, viewer: Viewer, options: DocumentReadOptions = {}): Promise<DocumentView | null> {
    const p = new Params();
    const row = (
      await this.db.query<{ rowid: number; data: ArchiveDocument; updated_at: string }>(
        `SELECT d.rowid, d.data, d.updated_at FROM documents d WHERE d.id = ${p.add(id)} AND ${visibleClause(viewer, p)}`,
        p.values,
      )
    ).rows[0];
    if (!row) return null;
    const doc = row.data;
    const personIds = [...new Set([...doc.authors, ...doc.recipients, ...doc.people])];
    const collections = await this.names('collections', 'slug', 'title', doc.collections);
    return toDocumentView(doc, {
      people: await this.names('people', 'id', 'name', personIds),
      places: await this.placeRefs(doc.places),
      topics: await this.names('topics', 'id', 'name', doc.topics),
      collections: new Map([...collections].map(([slug, ref]) => [slug, { slug, title: ref.name }])),
      references: await this.citedAsSeen(citedDocuments(doc), viewer),
      related: options.related === false ? [] : await this.related(row.rowid, viewer),
      updatedAt: row.updated_at,
    });
  }

  private async names(table: 'people' | 'topics' | 'collections', key: string, label: string, ids: string[]): Promise<Map<string, EntityRef>> {
    if (ids.length === 0) return new Map();
    const rows = (await this.db.query<EntityRef>(`SELECT ${key} AS id, ${label} AS name FROM ${table} WHERE ${key} = ANY($1::text[])`, [ids])).rows;
    return new Map(rows.map((r) => [r.id, r]));
  }

  private async placeRefs(ids: string[]): Promise<Map<string, PlaceRef>> {
    if (ids.length === 0) return new Map();
    const rows = (
      await this.db.query<{ id: string; name: string; lat: number | null; lon: number | null }>('SELECT id, name, lat, lon FROM places WHERE id = ANY($1::text[])', [ids])
    ).rows;
    return new Map(
      rows.map((r) => [r.id, toPlaceRef(r)]),
    );
  }

  /** For cited ids: the title and date of each the viewer may see; null for the rest, private or not in the archive alike. */
  private async citedAsSeen(ids: string[], viewer: Viewer): Promise<ViewLookups['references']> {
    if (ids.length === 0) return new Map();
    const p = new Params();
    const rows = (
      await this.db.query<{ id: string; title: string; date: string | null }>(
        `SELECT d.id, d.title, d.data->'date'->>'display' AS date FROM documents d WHERE d.id = ANY(${p.add(ids)}::text[]) AND ${visibleClause(viewer, p)}`,
        p.values,
      )
    ).rows;
    const out: ViewLookups['references'] = new Map(ids.map((id) => [id, null]));
    for (const r of rows) out.set(r.id, r.date ? { title: r.title, date: r.date } : { title: r.title });
    return out;
  }

  /** Documents sharing the most people, places and topics with this one, replies in the same correspondence first. */
  private async related(rowid: number, viewer: Viewer): Promise<{ id: string; title: string }[]> {
    const p = new Params();
    const rows = (
      await this.db.query<{ id: string; title: string }>(
        `SELECT d.id, d.title,
           sum(CASE WHEN (a.role = 'author' AND b.role = 'recipient') OR (a.role = 'recipient' AND b.role = 'author') THEN 3 ELSE 1 END) AS weight
         FROM document_links a
         JOIN document_links b ON b.target = a.target AND b.doc <> a.doc
           AND b.role IN ('author', 'recipient', 'person', 'place', 'topic')
         JOIN documents d ON d.rowid = b.doc
         WHERE a.doc = ${p.add(rowid)} AND a.role IN ('author', 'recipient', 'person', 'place', 'topic') AND ${visibleClause(viewer, p)}
         GROUP BY d.rowid ORDER BY weight DESC, d.date_start NULLS FIRST, d.id LIMIT ${RELATED_LIMIT}`,
        p.values,
      )
    ).rows;
    return rows.map((r) => ({ id: r.id, title: r.title }));
  }

  async entityDocuments(target: string, roles: string[], viewer: Viewer, page: Page, order = DATE_ORDER) {
    const p = new Params();
    const where = `l.target = ${p.add(target)} AND l.role = ANY(${p.add(roles)}::text[]) AND ${visibleClause(viewer, p)}`;
    const total = (await this.db.query<{ n: number }>(`SELECT count(DISTINCT l.doc)::int AS n FROM document_links l JOIN documents d ON d.rowid = l.doc WHERE ${where}`, p.values))
      .rows[0]!.n;
    const rows = (
      await this.db.query<SummaryRow & { roles: string[] }>(
        `SELECT ${SUMMARY_COLUMNS}, array_agg(l.role ORDER BY l.role) AS roles FROM document_links l JOIN documents d ON d.rowid = l.doc
         WHERE ${where} GROUP BY d.rowid ORDER BY ${order} LIMIT ${p.add(page.limit)} OFFSET ${p.add(page.offset)}`,
        p.values,
      )
    ).rows;
    return { total, documents: rows.map((r) => ({ ...toSummary(r), roles: r.roles })) };
  }

  async getPerson(id: string, viewer: Viewer, page: Page): Promise<PersonPage | null> {
    const row = (await this.db.query<{ data: Person }>('SELECT data FROM people WHERE id = $1', [id])).rows[0];
    if (!row) return null;
    const docs = await this.entityDocuments(id, PERSON_ROLES, viewer, page);
    // A person known only from documents the viewer may not see is not shown either.
    if (docs.total === 0) return null;
    const person = (await withVisibleWithheld(this.db, 'person', [row.data], viewer))[0]!;
    return { ...personAsSeen(person, await listingSources(this.db, sourcesOfListings([person]), viewer)), ...docs };
  }

  async getPlace(id: string, viewer: Viewer, page: Page): Promise<EntityPage<Place> | null> {
    const row = (await this.db.query<{ data: Place }>('SELECT data FROM places WHERE id = $1', [id])).rows[0];
    if (!row) return null;
    const docs = await this.entityDocuments(id, ['place'], viewer, page);
    if (docs.total === 0) return null;
    // Only the page's documents are read for how they cite the place: a place may have thousands.
    const cited = (
      await this.db.query<PlaceCitation>(
        `SELECT id, data->>'placeWritten' AS written, data->'received'->>'place' AS received FROM documents WHERE id = ANY($1::text[])`,
        [docs.documents.map((d) => d.id)],
      )
    ).rows;
    const documents = withPlaceRoles(id, docs.documents, cited);
    const place = (await withVisibleWithheld(this.db, 'place', [row.data], viewer))[0]!;
    return { entity: place, total: docs.total, documents };
  }

  async getTopic(id: string, viewer: Viewer, page: Page): Promise<EntityPage<Topic> | null> {
    const row = (await this.db.query<Topic>('SELECT id, name FROM topics WHERE id = $1', [id])).rows[0];
    if (!row) return null;
    const docs = await this.entityDocuments(id, ['topic'], viewer, page);
    if (docs.total === 0) return null;
    return { entity: { id: row.id, name: row.name }, ...docs };
  }

  async getCollection(slug: string, viewer: Viewer, page: Page) {
    const shown = await this.shownCollection(slug, viewer);
    if (!shown) return null;
    const { collection, view } = shown;
    // Only the headings, read out of the stored JSON by the server.
    const headings = (
      await this.db.query<SectionHeading>(
        "SELECT s->>'id' AS id, s->>'title' AS title FROM collections c, json_array_elements(c.sections) WITH ORDINALITY AS e(s, n) WHERE c.slug = $1 ORDER BY n",
        [slug],
      )
    ).rows;
    if (headings.length) view.sections = headings;
    return { entity: collection, collection: view, ...(await this.entityDocuments(slug, ['collection'], viewer, page, COLLECTION_ORDER)) };
  }

  async getCollectionSection(slug: string, id: string, viewer: Viewer): Promise<CollectionSectionPage | null> {
    const shown = await this.shownCollection(slug, viewer);
    const stored = shown && (await this.db.query<{ sections: string | null }>('SELECT sections::text AS sections FROM collections WHERE slug = $1', [slug])).rows[0]?.sections;
    const found = shown && findSection(stored ?? null, id);
    return found ? sectionPage(shown.collection, found, await this.citedAsSeen(sectionCitedDocuments(found.section), viewer)) : null;
  }

  /** The collection as the viewer may see it, or null when it is not shown to them (collection-rules.ts). */
  private async shownCollection(slug: string, viewer: Viewer): Promise<{ collection: Collection; view: CollectionView } | null> {
    const row = (await this.db.query<{ data: Collection }>('SELECT data FROM collections WHERE slug = $1', [slug])).rows[0];
    if (!row) return null;
    const collection = (await withVisibleWithheld(this.db, 'collection', [row.data], viewer))[0]!;
    const view = await this.collectionView(collection, viewer);
    if (!showsCollection(viewer, view.documentCount + view.children.length)) return null;
    return { collection, view };
  }

  private async collectionView(collection: Collection, viewer: Viewer): Promise<CollectionView> {
    const p = new Params();
    const span = (
      await this.db.query<{ n: number; start: string | null; end: string | null }>(
        `SELECT count(*)::int AS n, min(d.date_start) AS start, max(d.date_end) AS end FROM document_links l
         JOIN documents d ON d.rowid = l.doc WHERE l.target = ${p.add(collection.slug)} AND l.role = 'collection' AND ${visibleClause(viewer, p)}`,
        p.values,
      )
    ).rows[0]!;
    const childRows = (
      await this.db.query<{ slug: string; title: string }>('SELECT slug, title FROM collections WHERE parent = $1 ORDER BY position NULLS FIRST, slug', [collection.slug])
    ).rows;
    const counts = await this.childCounts(collection.slug, viewer);
    const children = childRows.map((c) => ({ ...c, documentCount: counts.get(c.slug) ?? 0 })).filter((c) => showsCollection(viewer, c.documentCount));
    const view: CollectionView = { ...collection, documentCount: span.n, children };
    if (span.start && span.end) view.dateSpan = { start: span.start, end: span.end };
    return view;
  }

  /** For each collection inside `parent`, the visible documents of its whole tree, each once (as sqlite/read.ts). */
  private async childCounts(parent: string, viewer: Viewer): Promise<Map<string, number>> {
    const p = new Params();
    const rows = (
      await this.db.query<{ slug: string; n: number }>(
        `WITH RECURSIVE tree(root, slug) AS (
           SELECT slug, slug FROM collections WHERE parent = ${p.add(parent)}
           UNION SELECT t.root, c.slug FROM collections c JOIN tree t ON c.parent = t.slug)
         SELECT t.root AS slug, count(DISTINCT l.doc)::int AS n FROM tree t
           JOIN document_links l ON l.target = t.slug AND l.role = 'collection'
           JOIN documents d ON d.rowid = l.doc
         WHERE ${visibleClause(viewer, p)} GROUP BY t.root`,
        p.values,
      )
    ).rows;
    return new Map(rows.map((r) => [r.slug, r.n]));
  }

  async listCollections(viewer: Viewer): Promise<CollectionView[]> {
    const rows = (
      await this.db.query<{ data: Collection }>(
        'SELECT data FROM collections c WHERE parent IS NULL OR parent NOT IN (SELECT slug FROM collections) ORDER BY position NULLS FIRST, title',
      )
    ).rows;
    const out: CollectionView[] = [];
    for (const collection of await withVisibleWithheld(this.db, 'collection', rows.map((r) => r.data), viewer)) {
      const view = await this.collectionView(collection, viewer);
      if (showsCollection(viewer, view.documentCount + view.children.length)) out.push(view);
    }
    return out;
  }

  async recentDocuments(viewer: Viewer, limit: number): Promise<DocumentSummary[]> {
    const p = new Params();
    const rows = (
      await this.db.query<SummaryRow>(
        `SELECT ${SUMMARY_COLUMNS} FROM documents d WHERE ${visibleClause(viewer, p)} ORDER BY coalesce(d.uploaded_at, d.created_at) DESC, d.id LIMIT ${p.add(limit)}`,
        p.values,
      )
    ).rows;
    return rows.map(toSummary);
  }

  async stats(viewer: Viewer): Promise<ArchiveStats> {
    const p = new Params();
    const docs = (
      await this.db.query<{ n: number; earliest: string | null; latest: string | null }>(
        `SELECT count(*)::int AS n, min(d.date_start) AS earliest, max(d.date_end) AS latest FROM documents d WHERE ${visibleClause(viewer, p)}`,
        p.values,
      )
    ).rows[0]!;
    const distinct = async (roles: string[]) => {
      const q = new Params();
      return (
        await this.db.query<{ n: number }>(
          `SELECT count(DISTINCT l.target)::int AS n FROM document_links l JOIN documents d ON d.rowid = l.doc
           WHERE l.role = ANY(${q.add(roles)}::text[]) AND ${visibleClause(viewer, q)}`,
          q.values,
        )
      ).rows[0]!.n;
    };
    const stats: ArchiveStats = {
      documents: docs.n,
      people: await distinct(PERSON_ROLES),
      places: await distinct(['place']),
      collections: await distinct(['collection']),
    };
    if (docs.earliest) stats.earliest = docs.earliest;
    if (docs.latest) stats.latest = docs.latest;
    return stats;
  }

  async visibleIds(viewer: Viewer, afterId: string, limit: number): Promise<string[]> {
    const p = new Params();
    return (
      await this.db.query<{ id: string }>(
        `SELECT d.id FROM documents d WHERE d.id > ${p.add(afterId)} AND ${visibleClause(viewer, p)} ORDER BY d.id LIMIT ${p.add(limit)}`,
        p.values,
      )
    ).rows.map((r) => r.id);
  }
}
