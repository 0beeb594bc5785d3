import type { Database, Statement } from 'better-sqlite3';
import type { ArchiveDocument, Collection, Person, Place, Topic } from '../../domain/index.js';
import type { WithheldDescription } from '../withheld.js';
import { type ArchiveRow, collectionRow, COUNT_OF, type DocumentRow, emptyCounts, type RowCounts, type RowKind, ROW_KINDS, RowOrderCheck } from '../archive-rows.js';
import { type ResolvedEntities, SEARCH_COLUMNS } from '../index-entry.js';
import { FOLD_LETTERS_FN } from './migrations.js';
import { editionOrder } from '../edition-order.js';
import { RecordWriter } from './write.js';

/** Each kind's rows, in id order (BINARY collation: byte order, as PostgreSQL's "C"). */
const SELECT: Record<RowKind, string> = {
  person: 'SELECT id, name, data FROM {s}.people ORDER BY id',
  place: 'SELECT id, name, lat, lon, data FROM {s}.places ORDER BY id',
  topic: 'SELECT id, name FROM {s}.topics ORDER BY id',
  collection: 'SELECT slug, title, parent, position, data, sections FROM {s}.collections ORDER BY slug',
  document: `SELECT id, source_id AS sourceId, title, type, date_start AS dateStart, date_end AS dateEnd, status,
    public_from AS publicFrom, uploaded_at AS uploadedAt, created_at AS createdAt, updated_at AS updatedAt, checksum, data,
    rowid AS withheldOf FROM {s}.documents ORDER BY id`,
};

/**
 * Every row of the archive in `schema` (main, or an attached backup), in transfer order. The
 * caller holds the read transaction that makes it one snapshot.
 */
export function* sqliteRows(db: Database, schema = 'main'): Generator<ArchiveRow> {
  const withheld = db.prepare(`SELECT kind, id, data FROM ${schema}.withheld_descriptions WHERE doc = ? ORDER BY kind, id`);
  for (const kind of ROW_KINDS) {
    for (const row of db.prepare(SELECT[kind].replace('{s}', schema)).iterate()) {
      if (kind === 'collection') {
        yield collectionRow(row as Parameters<typeof collectionRow>[0]);
        continue;
      }
      if (kind !== 'document') {
        yield { kind, ...(row as object) } as ArchiveRow;
        continue;
      }
      const { withheldOf, ...document } = row as DocumentRow & { withheldOf: number };
      const descriptions = withheld.all(withheldOf) as WithheldDescription[];
      yield { ...document, kind, ...(descriptions.length ? { withheld: descriptions } : {}) };
    }
  }
}

/** Tables holding archive rows or what is derived from them, children first. */
const TABLES = ['withheld_descriptions', 'document_links', 'document_facets', 'documents', 'people', 'places', 'topics', 'collections', 'documents_text', 'entity_names'] as const;

/** Whether `schema` holds any row at all (any status, any kind). */
export function holdsAnything(db: Database, schema = 'main'): boolean {
  return ['documents', 'people', 'places', 'topics', 'collections'].some((t) => db.prepare(`SELECT 1 FROM ${schema}.${t} LIMIT 1`).get() !== undefined);
}

/** Empties the archive in main, indexes included; the caller holds the write transaction. */
export function clearArchive(db: Database): void {
  for (const t of TABLES) db.prepare(`DELETE FROM main.${t}`).run();
  // Indexes without their own text cannot list their rows to delete them one by one; they can drop them all.
  for (const index of ['documents_fts', 'documents_exact']) db.prepare(`INSERT INTO main.${index} (${index}) VALUES ('delete-all')`).run();
}

/**
 * Writes rows into main as they are and indexes each document the way the writer does
 * (RecordWriter.indexDocument), with the authority records loaded before it. The caller holds
 * the write transaction.
 */
export class SqliteRowLoader {
  readonly counts: RowCounts = emptyCounts();
  private readonly order = new RowOrderCheck();
  private readonly writer: RecordWriter;
  private readonly s: Record<RowKind | 'withheld', Statement>;
  private readonly entities: ResolvedEntities = { people: new Map(), places: new Map(), topics: new Map(), collections: new Map() };

  constructor(db: Database) {
    this.writer = new RecordWriter(db);
    this.s = {
      person: db.prepare('INSERT INTO people (id, name, data) VALUES (@id, @name, @data)'),
      place: db.prepare('INSERT INTO places (id, name, lat, lon, data) VALUES (@id, @name, @lat, @lon, @data)'),
      topic: db.prepare('INSERT INTO topics (id, name) VALUES (@id, @name)'),
      collection: db.prepare('INSERT INTO collections (slug, title, parent, position, data, sections) VALUES (@slug, @title, @parent, @position, @data, @sections)'),
      withheld: db.prepare('INSERT INTO withheld_descriptions (kind, id, doc, data) VALUES (?, ?, ?, ?)'),
      document: db.prepare(`INSERT INTO documents
        (id, source_id, title, type, date_start, date_end, status, public_from, uploaded_at, created_at, updated_at, checksum, data, edition_number, edition_slug)
        VALUES (@id, @sourceId, @title, @type, @dateStart, @dateEnd, @status, @publicFrom, @uploadedAt, @createdAt, @updatedAt, @checksum, @data, @editionNumber, @editionSlug)`),
    };
  }

  add(row: ArchiveRow): void {
    this.order.check(row);
    const { kind, ...values } = row;
    switch (row.kind) {
      case 'person': {
        const person = JSON.parse(row.data) as Person;
        this.writer.indexNames('person', Number(this.s.person.run(values).lastInsertRowid), person);
        this.entities.people.set(row.id, person);
        break;
      }
      case 'place': {
        const place = JSON.parse(row.data) as Place;
        this.writer.indexNames('place', Number(this.s.place.run(values).lastInsertRowid), place);
        this.entities.places.set(row.id, place);
        break;
      }
      case 'topic':
        this.s.topic.run(values);
        this.entities.topics.set(row.id, { id: row.id, name: row.name } satisfies Topic);
        break;
      case 'collection':
        this.s.collection.run({ sections: null, ...values });
        this.entities.collections.set(row.slug, JSON.parse(row.data) as Collection);
        break;
      case 'document': {
        const doc = JSON.parse(row.data) as ArchiveDocument;
        const { withheld, ...columns } = values as Omit<DocumentRow, 'kind'>;
        const rowid = Number(this.s.document.run({ ...columns, ...editionOrder(doc) }).lastInsertRowid);
        for (const w of withheld ?? []) this.s.withheld.run(w.kind, w.id, rowid, w.data);
        this.writer.indexDocument(rowid, doc, this.entities);
        break;
      }
    }
    this.counts[COUNT_OF[kind]]++;
  }
}

/**
 * Copies the archive of an attached SQLite file (same schema version) into main, table by table,
 * rowids and all: the searchable text and the names index are copied, and both full-text
 * indexes are built from that text (as migration 4 built them). The caller holds the write
 * transaction and has emptied main.
 */
export function copyAttachedArchive(db: Database, schema: string): RowCounts {
  const copy = (table: string, columns: string) => db.prepare(`INSERT INTO main.${table} (${columns}) SELECT ${columns} FROM ${schema}.${table}`).run().changes;
  const counts: RowCounts = {
    people: copy('people', 'rowid, id, name, data'),
    places: copy('places', 'rowid, id, name, lat, lon, data'),
    topics: copy('topics', 'rowid, id, name'),
    collections: copy('collections', 'rowid, slug, title, parent, position, data, sections'),
    documents: copy(
      'documents',
      'rowid, id, source_id, title, type, date_start, date_end, status, public_from, uploaded_at, created_at, updated_at, checksum, data, edition_number, edition_slug',
    ),
  };
  copy('document_links', 'doc, role, target, position');
  copy('withheld_descriptions', 'kind, id, doc, data');
  copy('document_facets', 'doc, facet, key, value, folded');
  const columns = SEARCH_COLUMNS.join(', ');
  copy('documents_text', `doc, ${columns}`);
  copy('entity_names', 'rowid, kind, id, names');
  const folded = SEARCH_COLUMNS.map((c) => `${FOLD_LETTERS_FN}(${c})`).join(', ');
  for (const index of ['documents_fts', 'documents_exact']) {
    db.prepare(`INSERT INTO main.${index} (rowid, ${columns}) SELECT doc, ${folded} FROM main.documents_text`).run();
  }
  return counts;
}
