import type { Database } from 'better-sqlite3';
import { citedDocuments, sectionCitedDocuments, type ArchiveDocument, type SectionHeading, type Collection, type DocumentView, type EntityRef, type Person, type Place, type PlaceRef, type Topic } from '../../domain/index.js';
import type { ArchiveStats, CollectionSectionPage, CollectionView, DocumentReadOptions, DocumentSummary, EntityPage, PersonPage, Viewer } from '../types.js';
import { type PlaceCitation, withPlaceRoles } from '../place-roles.js';
import { toDocumentView, toPlaceRef, type ViewLookups } from '../view.js';
import { findSection, sectionPage } from '../collection-sections.js';
import { listingSources, visibleClause, withVisibleWithheld } from './visibility.js';
import { personAsSeen, sourcesOfListings } from '../person-listings.js';
import { showsCollection } from '../collection-rules.js';

const RELATED_LIMIT = 5;
const PERSON_ROLES = ['author', 'recipient', 'person'];

interface SummaryRow {
  id: string;
  title: string;
  type: string | null;
  date: string;
}

export function toSummary(row: SummaryRow): DocumentSummary {
  const summary: DocumentSummary = { id: row.id, title: row.title, date: JSON.parse(row.date) as DocumentSummary['date'] };
  if (row.type) summary.type = row.type;
  return summary;
}

const SUMMARY_COLUMNS = "d.id, d.title, d.type, json_extract(d.data, '$.date') AS date";

/** Documents about a person, place or topic: dated ones by start date, undated last, then id. */
const DATE_ORDER = 'd.date_start IS NULL, d.date_start, d.id';

/** The leading digits of a document's number in its edition, as a number (postgres/read.ts orders alike). */
const NUMBER_VALUE = "CASE WHEN d.edition_number GLOB '[0-9]*' THEN CAST(substr(d.edition_number, 1, 9) AS INTEGER) END";

/**
 * A collection lists its numbered documents first, edition by edition, as each edition numbers
 * them (FRUS Document 1, 2, 2A …, an editorial note in its place among them); then the others,
 * by date. A collection of several volumes reads as the volumes do, one after the other.
 */
export const COLLECTION_ORDER = `d.edition_number IS NULL, d.edition_slug, ${NUMBER_VALUE} IS NULL, ${NUMBER_VALUE}, d.edition_number, ${DATE_ORDER}`;

function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

/** Reads for pages and the API; every query here applies the viewer's visibility. */
export class RecordReader {
  constructor(private readonly db: Database) {}

  getDocument(id: string, viewer: Viewer, options: DocumentReadOptions = {}): DocumentView | null {
    const vis = visibleClause(viewer);
    const row = this.db
      .prepare(`SELECT d.rowid AS rowid, d.data AS data, d.updated_at AS updatedAt FROM documents d WHERE d.id = ? AND ${vis.sql}`)
      .get(id, ...vis.params) as { rowid: number; data: string; updatedAt: string } | undefined;
    if (!row) return null;
    const doc = JSON.parse(row.data) as ArchiveDocument;
    const personIds = [...new Set([...doc.authors, ...doc.recipients, ...doc.people])];
    return toDocumentView(doc, {
      people: this.names('people', 'id', 'name', personIds),
      places: this.placeRefs(doc.places),
      topics: this.names('topics', 'id', 'name', doc.topics),
      collections: new Map(
        [...this.names('collections', 'slug', 'title', doc.collections)].map(([slug, ref]) => [slug, { slug, title: ref.name }]),
      ),
      references: this.citedAsSeen(citedDocuments(doc), viewer),
      related: options.related === false ? [] : this.related(row.rowid, viewer),
      updatedAt: row.updatedAt,
    });
  }

  private names(table: string, key: string, label: string, ids: string[]): Map<string, EntityRef> {
    if (ids.length === 0) return new Map();
    const rows = this.db
      .prepare(`SELECT ${key} AS id, ${label} AS name FROM ${table} WHERE ${key} IN (${placeholders(ids.length)})`)
      .all(...ids) as EntityRef[];
    return new Map(rows.map((r) => [r.id, r]));
  }

  private placeRefs(ids: string[]): Map<string, PlaceRef> {
    if (ids.length === 0) return new Map();
    const rows = this.db
      .prepare(`SELECT id, name, lat, lon FROM places WHERE id IN (${placeholders(ids.length)})`)
      .all(...ids) as { id: string; name: string; lat: number | null; lon: number | null }[];
    return new Map(
      rows.map((r) => [r.id, toPlaceRef(r)]),
    );
  }

  /** For cited ids: the title and date when visible; null for the rest, private or not in the archive alike. */
  private citedAsSeen(ids: string[], viewer: Viewer): ViewLookups['references'] {
    if (ids.length === 0) return new Map();
    const vis = visibleClause(viewer);
    const rows = this.db
      .prepare(
        `SELECT d.id AS id, d.title AS title, json_extract(d.data, '$.date.display') AS date FROM documents d
         WHERE d.id IN (${placeholders(ids.length)}) AND ${vis.sql}`,
      )
      .all(...ids, ...vis.params) as { id: string; title: string; date: string | null }[];
    const out: ViewLookups['references'] = new Map(ids.map((id) => [id, null]));
    for (const r of rows) out.set(r.id, r.date ? { title: r.title, date: r.date } : { title: r.title });
    return out;
  }

  /**
   * Documents sharing the most people, places and topics with this one, replies in the same
   * correspondence first (an addressee writing back to the author). Weighed on the links alone,
   * then checked and ordered in the narrow documents_scope index; only the few it keeps are read
   * for their titles. A FRUS document shares its place with thousands ("Washington"), and reading
   * each of their wide rows made this 2.5 times slower, most of a JSON export's time.
   */
  private related(rowid: number, viewer: Viewer): { id: string; title: string }[] {
    const vis = visibleClause(viewer);
    const rows = this.db
      .prepare(
        `WITH weights AS (
           SELECT b.doc AS doc,
             sum(CASE WHEN (a.role = 'author' AND b.role = 'recipient') OR (a.role = 'recipient' AND b.role = 'author') THEN 3 ELSE 1 END) AS weight
           FROM document_links a
           JOIN document_links b ON b.target = a.target AND b.doc <> a.doc
             AND b.role IN ('author', 'recipient', 'person', 'place', 'topic')
           WHERE a.doc = ? AND a.role IN ('author', 'recipient', 'person', 'place', 'topic')
           GROUP BY b.doc
         ), best AS (
           SELECT d.rowid AS doc, w.weight AS weight, d.date_start AS date_start, d.id AS id
           FROM weights w JOIN documents d INDEXED BY documents_scope ON d.rowid = w.doc
           WHERE ${vis.sql}
           ORDER BY w.weight DESC, d.date_start, d.id LIMIT ${RELATED_LIMIT}
         )
         SELECT best.id AS id, d.title AS title FROM best JOIN documents d ON d.rowid = best.doc
         ORDER BY best.weight DESC, best.date_start, best.id`,
      )
      .all(rowid, ...vis.params) as { id: string; title: string }[];
    return rows.map((r) => ({ id: r.id, title: r.title }));
  }

  entityDocuments(target: string, roles: string[], viewer: Viewer, page: { offset: number; limit: number }, order = DATE_ORDER) {
    const vis = visibleClause(viewer);
    const where = `l.target = ? AND l.role IN (${placeholders(roles.length)}) AND ${vis.sql}`;
    const params = [target, ...roles, ...vis.params];
    const total = (
      this.db.prepare(`SELECT count(DISTINCT l.doc) AS n FROM document_links l JOIN documents d ON d.rowid = l.doc WHERE ${where}`).get(...params) as {
        n: number;
      }
    ).n;
    const rows = this.db
      .prepare(
        `SELECT ${SUMMARY_COLUMNS}, group_concat(l.role) AS roles FROM document_links l JOIN documents d ON d.rowid = l.doc
         WHERE ${where} GROUP BY d.rowid ORDER BY ${order} LIMIT ? OFFSET ?`,
      )
      .all(...params, page.limit, page.offset) as (SummaryRow & { roles: string })[];
    return { total, documents: rows.map((r) => ({ ...toSummary(r), roles: r.roles.split(',') })) };
  }

  getPerson(id: string, viewer: Viewer, page: { offset: number; limit: number }): PersonPage | null {
    const row = this.db.prepare('SELECT data FROM people WHERE id = ?').get(id) as { data: string } | undefined;
    if (!row) return null;
    const docs = this.entityDocuments(id, PERSON_ROLES, viewer, page);
    // A person known only from documents the viewer may not see is not shown either.
    if (docs.total === 0) return null;
    const person = withVisibleWithheld(this.db, 'person', [JSON.parse(row.data) as Person], viewer)[0]!;
    return { ...personAsSeen(person, listingSources(this.db, sourcesOfListings([person]), viewer)), ...docs };
  }

  getPlace(id: string, viewer: Viewer, page: { offset: number; limit: number }): EntityPage<Place> | null {
    const row = this.db.prepare('SELECT data FROM places WHERE id = ?').get(id) as { data: string } | undefined;
    if (!row) return null;
    const docs = this.entityDocuments(id, ['place'], viewer, page);
    if (docs.total === 0) return null;
    // Only the page's documents are read for how they cite the place: a place may have thousands.
    const cited = this.db
      .prepare(
        `SELECT id, json_extract(data, '$.placeWritten') AS written, json_extract(data, '$.received.place') AS received
         FROM documents WHERE id IN (${placeholders(docs.documents.length)})`,
      )
      .all(...docs.documents.map((d) => d.id)) as PlaceCitation[];
    const documents = withPlaceRoles(id, docs.documents, cited);
    const place = withVisibleWithheld(this.db, 'place', [JSON.parse(row.data) as Place], viewer)[0]!;
    return { entity: place, total: docs.total, documents };
  }

  getTopic(id: string, viewer: Viewer, page: { offset: number; limit: number }): EntityPage<Topic> | null {
    const row = this.db.prepare('SELECT id, name FROM topics WHERE id = ?').get(id) as Topic | undefined;
    if (!row) return null;
    const docs = this.entityDocuments(id, ['topic'], viewer, page);
    if (docs.total === 0) return null;
    return { entity: { id: row.id, name: row.name }, ...docs };
  }

  getCollection(slug: string, viewer: Viewer, page: { offset: number; limit: number }) {
    const shown = this.shownCollection(slug, viewer);
    if (!shown) return null;
    const { collection, view } = shown;
    // Only the headings: SQLite reads them out of the stored JSON without building the texts.
    const headings = this.db
      .prepare("SELECT json_extract(s.value, '$.id') AS id, json_extract(s.value, '$.title') AS title FROM collections c, json_each(c.sections) s WHERE c.slug = ? ORDER BY s.key")
      .all(slug) as SectionHeading[];
    if (headings.length) view.sections = headings;
    return { entity: collection, collection: view, ...this.entityDocuments(slug, ['collection'], viewer, page, COLLECTION_ORDER) };
  }

  getCollectionSection(slug: string, id: string, viewer: Viewer): CollectionSectionPage | null {
    const shown = this.shownCollection(slug, viewer);
    const stored = shown && (this.db.prepare('SELECT sections FROM collections WHERE slug = ?').pluck().get(slug) as string | null);
    const found = shown && findSection(stored ?? null, id);
    return found ? sectionPage(shown.collection, found, this.citedAsSeen(sectionCitedDocuments(found.section), viewer)) : null;
  }

  /** The collection as the viewer may see it, or null when it is not shown to them (collection-rules.ts). */
  private shownCollection(slug: string, viewer: Viewer): { collection: Collection; view: CollectionView } | null {
    const row = this.db.prepare('SELECT data FROM collections WHERE slug = ?').get(slug) as { data: string } | undefined;
    if (!row) return null;
    const collection = withVisibleWithheld(this.db, 'collection', [JSON.parse(row.data) as Collection], viewer)[0]!;
    const view = this.collectionView(collection, viewer);
    if (!showsCollection(viewer, view.documentCount + view.children.length)) return null;
    return { collection, view };
  }

  private collectionView(collection: Collection, viewer: Viewer): CollectionView {
    const vis = visibleClause(viewer);
    const span = this.db
      .prepare(
        `SELECT count(*) AS n, min(d.date_start) AS start, max(d.date_end) AS end FROM document_links l
         JOIN documents d ON d.rowid = l.doc WHERE l.target = ? AND l.role = 'collection' AND ${vis.sql}`,
      )
      .get(collection.slug, ...vis.params) as { n: number; start: string | null; end: string | null };
    const counts = this.childCounts(collection.slug, viewer);
    const children = (
      this.db.prepare('SELECT slug, title FROM collections WHERE parent = ? ORDER BY position, slug').all(collection.slug) as {
        slug: string;
        title: string;
      }[]
    )
      .map((c) => ({ ...c, documentCount: counts.get(c.slug) ?? 0 }))
      .filter((c) => showsCollection(viewer, c.documentCount));
    const view: CollectionView = { ...collection, documentCount: span.n, children };
    if (span.start && span.end) view.dateSpan = { start: span.start, end: span.end };
    return view;
  }

  /**
   * For each collection inside `parent`, its visible documents and those of the collections
   * inside it, each once: a FRUS compilation holds no document itself, only its chapters do, and
   * is still worth listing. One query for all the children (a volume has hundreds of chapters).
   */
  private childCounts(parent: string, viewer: Viewer): Map<string, number> {
    const vis = visibleClause(viewer);
    const rows = this.db
      .prepare(
        `WITH RECURSIVE tree(root, slug) AS (
           SELECT slug, slug FROM collections WHERE parent = ?
           UNION SELECT t.root, c.slug FROM collections c JOIN tree t ON c.parent = t.slug)
         SELECT t.root AS slug, count(DISTINCT l.doc) AS n FROM tree t
           JOIN document_links l ON l.target = t.slug AND l.role = 'collection'
           JOIN documents d ON d.rowid = l.doc
         WHERE ${vis.sql} GROUP BY t.root`,
      )
      .all(parent, ...vis.params) as { slug: string; n: number }[];
    return new Map(rows.map((r) => [r.slug, r.n]));
  }

  listCollections(viewer: Viewer): CollectionView[] {
    const rows = this.db
      .prepare('SELECT data FROM collections c WHERE parent IS NULL OR parent NOT IN (SELECT slug FROM collections) ORDER BY position, title')
      .all() as { data: string }[];
    return withVisibleWithheld(this.db, 'collection', rows.map((r) => JSON.parse(r.data) as Collection), viewer)
      .map((c) => this.collectionView(c, viewer))
      .filter((c) => showsCollection(viewer, c.documentCount + c.children.length));
  }

  recentDocuments(viewer: Viewer, limit: number): DocumentSummary[] {
    const vis = visibleClause(viewer);
    const rows = this.db
      .prepare(`SELECT ${SUMMARY_COLUMNS} FROM documents d WHERE ${vis.sql} ORDER BY coalesce(d.uploaded_at, d.created_at) DESC, d.id LIMIT ?`)
      .all(...vis.params, limit) as SummaryRow[];
    return rows.map(toSummary);
  }

  stats(viewer: Viewer): ArchiveStats {
    const vis = visibleClause(viewer);
    const docs = this.db
      .prepare(`SELECT count(*) AS n, min(d.date_start) AS earliest, max(d.date_end) AS latest FROM documents d WHERE ${vis.sql}`)
      .get(...vis.params) as { n: number; earliest: string | null; latest: string | null };
    const distinct = (roles: string[]) =>
      (
        this.db
          .prepare(
            `SELECT count(DISTINCT l.target) AS n FROM document_links l JOIN documents d ON d.rowid = l.doc
             WHERE l.role IN (${placeholders(roles.length)}) AND ${vis.sql}`,
          )
          .get(...roles, ...vis.params) as { n: number }
      ).n;
    const stats: ArchiveStats = {
      documents: docs.n,
      people: distinct(PERSON_ROLES),
      places: distinct(['place']),
      collections: distinct(['collection']),
    };
    if (docs.earliest) stats.earliest = docs.earliest;
    if (docs.latest) stats.latest = docs.latest;
    return stats;
  }

  visibleIds(viewer: Viewer, afterId: string, limit: number): string[] {
    const vis = visibleClause(viewer);
    return (
      this.db.prepare(`SELECT d.id AS id FROM documents d WHERE d.id > ? AND ${vis.sql} ORDER BY d.id LIMIT ?`).all(afterId, ...vis.params, limit) as {
        id: string;
      }[]
    ).map((r) => r.id);
  }
}
