import type { PoolClient } from 'pg';
import type { ArchiveDocument, Collection, Person, Place } from '../../domain/index.js';
import { foldText } from '../../search/fold.js';
import { type ArchiveRow, collectionRow, COUNT_OF, emptyCounts, type RowCounts, type RowKind, ROW_KINDS, RowOrderCheck } from '../archive-rows.js';
import type { ResolvedEntities } from '../index-entry.js';
import type { WithheldDescription } from '../withheld.js';
import { applyWordCounts, indexDocument, indexEntityNames, type WordCounts } from './write.js';

/** Each kind's rows in id order ("C" collation: byte order, as SQLite's BINARY); data as stored text. */
const SELECT: Record<RowKind, string> = {
  person: 'SELECT id, name, data::text AS data FROM people ORDER BY id',
  place: 'SELECT id, name, lat, lon, data::text AS data FROM places ORDER BY id',
  topic: 'SELECT id, name FROM topics ORDER BY id',
  collection: 'SELECT slug, title, parent, position, data::text AS data, sections::text AS sections FROM collections ORDER BY slug',
  document: `SELECT id, source_id AS "sourceId", title, type, date_start AS "dateStart", date_end AS "dateEnd", status,
    public_from AS "publicFrom", uploaded_at AS "uploadedAt", created_at AS "createdAt", updated_at AS "updatedAt", checksum, data::text AS data,
    (SELECT json_agg(json_build_object('kind', w.kind, 'id', w.id, 'data', w.data) ORDER BY w.kind, w.id)::text
     FROM withheld_descriptions w WHERE w.doc = documents.rowid) AS withheld
    FROM documents ORDER BY id`,
};

const FETCH_ROWS = 500;

/**
 * Every row of the archive in transfer order, fetched through a cursor a few hundred at a time.
 * The caller holds the transaction on `client` (a cursor lives in one), and so decides the
 * snapshot: REPEATABLE READ for a dump that others' writes must not split.
 */
export async function* postgresRows(client: PoolClient): AsyncGenerator<ArchiveRow> {
  for (const kind of ROW_KINDS) {
    await client.query(`DECLARE archivum_rows NO SCROLL CURSOR FOR ${SELECT[kind]}`);
    try {
      for (;;) {
        const { rows } = await client.query<Record<string, unknown>>(`FETCH ${FETCH_ROWS} FROM archivum_rows`);
        if (rows.length === 0) break;
        for (const row of rows) yield asRow(kind, row);
      }
    } finally {
      await client.query('CLOSE archivum_rows');
    }
  }
}

/** Tables holding archive rows or what is derived from them, children first. */
const TABLES = ['withheld_descriptions', 'document_search', 'document_links', 'document_facets', 'documents', 'vocabulary', 'entity_names', 'people', 'places', 'topics', 'collections'];

/**
 * Locks the archive against other writers until the transaction ends; readers go on reading the
 * committed archive (SHARE ROW EXCLUSIVE conflicts with INSERT/UPDATE/DELETE, not with SELECT).
 */
export async function lockArchive(client: PoolClient): Promise<void> {
  await client.query(`LOCK TABLE ${TABLES.join(', ')} IN SHARE ROW EXCLUSIVE MODE`);
}

export async function holdsAnything(client: PoolClient): Promise<boolean> {
  const { rows } = await client.query<{ any: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM documents) OR EXISTS (SELECT 1 FROM people) OR EXISTS (SELECT 1 FROM places)
       OR EXISTS (SELECT 1 FROM topics) OR EXISTS (SELECT 1 FROM collections) AS any`,
  );
  return rows[0]!.any;
}

/** A fetched row as an archive row: withheld descriptions as a list, and no key when there are none. */
function asRow(kind: RowKind, row: Record<string, unknown>): ArchiveRow {
  if (kind === 'collection') return collectionRow(row as Parameters<typeof collectionRow>[0]);
  if (kind !== 'document') return { kind, ...row } as ArchiveRow;
  const { withheld, ...document } = row;
  return { kind, ...document, ...(typeof withheld === 'string' ? { withheld: JSON.parse(withheld) as WithheldDescription[] } : {}) } as ArchiveRow;
}

/** Empties the archive, indexes included. DELETE rather than TRUNCATE: readers keep their snapshot. */
export async function clearArchive(client: PoolClient): Promise<void> {
  for (const table of TABLES) await client.query(`DELETE FROM ${table}`);
}

const VOCABULARY_EVERY = 500;

/**
 * Writes rows as they are and indexes each document the way the writer does (indexDocument),
 * with the authority records loaded before it. The caller holds the transaction on `client`.
 */
export class PostgresRowLoader {
  readonly counts: RowCounts = emptyCounts();
  private readonly order = new RowOrderCheck();
  private readonly entities: ResolvedEntities = { people: new Map(), places: new Map(), topics: new Map(), collections: new Map() };
  private words: WordCounts = new Map();
  private pending = 0;

  constructor(private readonly client: PoolClient) {}

  async add(row: ArchiveRow): Promise<void> {
    this.order.check(row);
    const client = this.client;
    switch (row.kind) {
      case 'person': {
        const person = JSON.parse(row.data) as Person;
        await client.query('INSERT INTO people (id, name, name_folded, data) VALUES ($1, $2, $3, $4::json)', [row.id, row.name, foldText(row.name), row.data]);
        await indexEntityNames(client, 'person', person);
        this.entities.people.set(row.id, person);
        break;
      }
      case 'place': {
        const place = JSON.parse(row.data) as Place;
        await client.query('INSERT INTO places (id, name, name_folded, lat, lon, data) VALUES ($1, $2, $3, $4, $5, $6::json)', [
          row.id,
          row.name,
          foldText(row.name),
          row.lat,
          row.lon,
          row.data,
        ]);
        await indexEntityNames(client, 'place', place);
        this.entities.places.set(row.id, place);
        break;
      }
      case 'topic':
        await client.query('INSERT INTO topics (id, name, name_folded) VALUES ($1, $2, $3)', [row.id, row.name, foldText(row.name)]);
        this.entities.topics.set(row.id, { id: row.id, name: row.name });
        break;
      case 'collection':
        await client.query('INSERT INTO collections (slug, title, parent, position, data, sections) VALUES ($1, $2, $3, $4, $5::json, $6::json)', [
          row.slug,
          row.title,
          row.parent,
          row.position,
          row.data,
          row.sections ?? null,
        ]);
        this.entities.collections.set(row.slug, JSON.parse(row.data) as Collection);
        break;
      case 'document': {
        const { rows } = await client.query<{ rowid: number }>(
          `INSERT INTO documents (id, source_id, title, type, date_start, date_end, status, public_from, uploaded_at, created_at, updated_at, checksum, data)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::json) RETURNING rowid`,
          [row.id, row.sourceId, row.title, row.type, row.dateStart, row.dateEnd, row.status, row.publicFrom, row.uploadedAt, row.createdAt, row.updatedAt, row.checksum, row.data],
        );
        for (const w of row.withheld ?? []) {
          await client.query('INSERT INTO withheld_descriptions (kind, id, doc, data) VALUES ($1, $2, $3, $4)', [w.kind, w.id, rows[0]!.rowid, w.data]);
        }
        await indexDocument(client, this.words, rows[0]!.rowid, JSON.parse(row.data) as ArchiveDocument, this.entities);
        // Word counts are summed over a few hundred documents, then added to the vocabulary.
        if (++this.pending >= VOCABULARY_EVERY) await this.flush();
        break;
      }
    }
    this.counts[COUNT_OF[row.kind]]++;
  }

  /** Adds the word counts not yet in the vocabulary. */
  async flush(): Promise<void> {
    await applyWordCounts(this.client, this.words);
    this.words = new Map();
    this.pending = 0;
  }
}
