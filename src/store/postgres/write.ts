import type { Pool, PoolClient } from 'pg';
import {
  type ArchiveDocument,
  type Collection,
  type CollectionSections,
  type IngestRecord,
  mergeCollection,
  mergePerson,
  mergePlace,
  nameKey,
  type Person,
  type Place,
  type Topic,
} from '../../domain/index.js';
import { dayBounds } from '../../domain/dates.js';
import { foldLetters, foldText, indexWords } from '../../search/fold.js';
import { canonicalJson } from '../canonical-json.js';
import { documentJson } from '../document-json.js';
import { TransactionMemo } from '../transaction-memo.js';
import { StoreConflictError } from '../errors.js';
import { buildIndexEntry, type IndexEntry, LINK_ROLES, type ResolvedEntities, SEARCH_COLUMNS, undescribedReferences } from '../index-entry.js';
import type { BatchOutcome, TransferProgress, UpsertOutcome } from '../types.js';
import { EXACT, exactColumn, stemmedColumn } from './migrations.js';
import { fts5ColumnTokens } from './fts5-stems.js';
import { termStatistics } from './rank.js';
import { shieldMarkup } from './snippet-text.js';
import { publicFrom } from './visibility.js';
import { isPublicOn, lostPublicId } from '../harvest.js';
import { spellingsText } from '../../search/names.js';
import { sectionsToSave } from '../collection-sections.js';
import { bareDescription, CITING_ROLES, type WithheldDescription, withheldDescriptions, withheldKey } from '../withheld.js';

const ENTITY_TABLES = { person: ['people', 'id'], place: ['places', 'id'], topic: ['topics', 'id'], collection: ['collections', 'slug'] } as const;

/**
 * The full-text row of a document. Its vectors hold exactly the tokens SQLite's two FTS5
 * indexes hold (fts5-stems.ts), given as tsvector values, so PostgreSQL's parser and dictionaries
 * never re-read them: per column the stems with their positions (fielded words, phrases in the
 * headline) and the exact words; over all columns the stems and the words. `length`, `terms` and
 * `column_terms` are what bm25 scores the row by (rank.ts); `words_text` is where quoted phrases
 * are checked (tsquery.ts).
 */
const SEARCH_INSERT = (() => {
  const vectors = SEARCH_COLUMNS.flatMap((c) => [stemmedColumn(c), exactColumn(c)]);
  const values = SEARCH_COLUMNS.flatMap((_, i) => [`$${2 * i + 2}::tsvector`, `array_to_tsvector($${2 * i + 3}::text[])`]);
  const n = 2 * SEARCH_COLUMNS.length + 2;
  return `INSERT INTO document_search (doc, ${vectors.join(', ')}, fts, exact, head_text, head_summary, head_other, words, length, terms, column_terms, words_text)
    VALUES ($1, ${values.join(', ')}, array_to_tsvector($${n}::text[]), array_to_tsvector($${n + 1}::text[]), $${n + 2}, $${n + 3}, $${n + 4}, $${n + 1}::text[], $${n + 5}, $${n + 6}::jsonb, $${n + 7}::jsonb, $${n + 8})`;
})();

/** PostgreSQL refuses longer lexemes; FTS5 has no limit, so a longer token is not indexed here. */
const MAX_LEXEME_BYTES = 2046;
const indexable = (token: string): boolean => token.length * 3 <= MAX_LEXEME_BYTES || Buffer.byteLength(token) <= MAX_LEXEME_BYTES;

/** A tsvector literal of tokens in order: each lexeme with its first 256 positions (PostgreSQL's limits). */
function tsvectorLiteral(tokens: string[]): string {
  const positions = new Map<string, number[]>();
  tokens.forEach((token, i) => {
    if (!indexable(token)) return;
    const list = positions.get(token) ?? [];
    const position = Math.min(i + 1, 16383);
    if (list.length < 256 && list.at(-1) !== position) list.push(position);
    positions.set(token, list);
  });
  return [...positions].map(([token, list]) => `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}':${list.join(',')}`).join(' ');
}

const distinctTokens = (tokens: string[]): string[] => [...new Set(tokens)].filter(indexable).sort();

/** Writes records; each record is one transaction, a batch one transaction for all. */
export class RecordWriter {
  constructor(private readonly pool: Pool) {}

  /** One record, one transaction: if anything fails, nothing of the record is kept. */
  async upsert(record: IngestRecord): Promise<UpsertOutcome> {
    return this.inTransaction((client, words, memo) => this.write(client, words, memo, record));
  }

  /**
   * Many records, one commit; each record is still kept or refused whole. Every reason to refuse
   * a record is checked before it writes anything (checkRecord), so a refused record leaves
   * nothing behind; an unexpected error aborts the batch (PostgreSQL aborts the transaction
   * anyway), and its records are retried one transaction each, as the SQLite store does.
   */
  async upsertMany(records: IngestRecord[]): Promise<BatchOutcome[]> {
    try {
      return await this.inTransaction(async (client, words, memo) => {
        const out: BatchOutcome[] = [];
        for (const record of records) {
          try {
            out.push({ ok: true, outcome: await this.write(client, words, memo, record) });
          } catch (error) {
            if (error instanceof StoreConflictError) out.push({ ok: false, error });
            else throw error;
          }
        }
        return out;
      });
    } catch {
      const out: BatchOutcome[] = [];
      for (const record of records) {
        try {
          out.push({ ok: true, outcome: await this.upsert(record) });
        } catch (error) {
          out.push({ ok: false, error: error instanceof Error ? error : new Error(String(error)) });
        }
      }
      return out;
    }
  }

  /**
   * Runs `work` in a transaction; the vocabulary changes it collects are applied once, at the
   * end: a batch of documents shares most of its words, so each word's row is
   * updated once per batch rather than once per document (the cost of a write, else). The
   * memo of saved people, places and collections is the transaction's own: transactions on
   * the pool's connections run side by side. A batch thus keeps the person it read first even
   * if another transaction commits a new spelling of him meanwhile; merges only add spellings
   * and authorities, and those reach documents through the names index, not the document rows.
   */
  private async inTransaction<T>(work: (client: PoolClient, words: WordCounts, memo: TransactionMemo) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      try {
        const words: WordCounts = new Map();
        const result = await work(client, words, new TransactionMemo());
        await applyWordCounts(client, words);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    } finally {
      client.release();
    }
  }

  /** Everything that can refuse a record, checked before the record writes anything. */
  private async checkRecord(client: PoolClient, record: IngestRecord): Promise<void> {
    const doc = record.document;
    const holder = (await client.query<{ source_id: string }>('SELECT source_id FROM documents WHERE id = $1', [doc.id])).rows[0];
    if (holder && holder.source_id !== doc.sourceId) {
      throw new StoreConflictError(`id "${doc.id}" already belongs to another source (${holder.source_id})`);
    }
    for (const [kind, missing] of undescribedReferences(record)) {
      const [table, key] = ENTITY_TABLES[kind];
      const known = new Set((await client.query<{ k: string }>(`SELECT ${key} AS k FROM ${table} WHERE ${key} = ANY($1::text[])`, [missing])).rows.map((r) => r.k));
      const unknown = missing.find((id) => !known.has(id));
      if (unknown !== undefined) throw new StoreConflictError(`${kind} "${unknown}" is not known`);
    }
  }

  private async write(client: PoolClient, words: WordCounts, memo: TransactionMemo, record: IngestRecord): Promise<UpsertOutcome> {
    await this.checkRecord(client, record);
    const doc = record.document;
    const now = new Date().toISOString();
    const visibleFrom = publicFrom(doc.status, doc.embargoUntil ? dayBounds(doc.embargoUntil)!.first : undefined);
    const isPublic = isPublicOn(visibleFrom, now.slice(0, 10));
    const withheld = isPublic ? [] : withheldDescriptions(record);
    const sections = sectionsToSave(record, isPublic);
    const { entities, changed } = await this.saveEntities(client, words, memo, record, !isPublic);
    if (sections) await saveSections(client, sections);
    const { data, checksum } = documentJson(doc);
    const existing = (
      await client.query<{ rowid: number; id: string; checksum: string; public_from: string | null }>(
        'SELECT rowid, id, checksum, public_from FROM documents WHERE source_id = $1',
        [doc.sourceId],
      )
    ).rows[0];
    // Unchanged: the same document, and nothing new about the people, places … it cites or withholds.
    if (existing && existing.checksum === checksum && !changed && (await this.withholdsTheSame(client, existing.rowid, withheld))) return 'unchanged';

    const values = [
      doc.id,
      doc.title,
      doc.type ?? null,
      doc.date.start ? dayBounds(doc.date.start)!.first : null,
      doc.date.end ? dayBounds(doc.date.end)!.last : doc.date.start ? dayBounds(doc.date.start)!.last : null,
      doc.status,
      visibleFrom,
      doc.uploadedAt ?? null,
      now,
      checksum,
      data,
    ];
    await noteWithdrawal(client, existing && { rowid: existing.rowid, id: existing.id, publicFrom: existing.public_from }, { id: doc.id, publicFrom: visibleFrom }, now);
    let rowid: number;
    if (existing) {
      rowid = existing.rowid;
      await client.query(
        `UPDATE documents SET id = $1, title = $2, type = $3, date_start = $4, date_end = $5, status = $6, public_from = $7,
           uploaded_at = $8, updated_at = $9, checksum = $10, data = $11 WHERE rowid = $12`,
        [...values, rowid],
      );
      await client.query('DELETE FROM document_links WHERE doc = $1', [rowid]);
      await client.query('DELETE FROM document_facets WHERE doc = $1', [rowid]);
      await this.removeText(client, words, rowid);
    } else {
      rowid = (
        await client.query<{ rowid: number }>(
          `INSERT INTO documents (id, title, type, date_start, date_end, status, public_from, uploaded_at, created_at, updated_at, checksum, data, source_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11, $12) RETURNING rowid`,
          [...values, doc.sourceId],
        )
      ).rows[0]!.rowid;
    }
    if (existing) await client.query('DELETE FROM withheld_descriptions WHERE doc = $1', [rowid]);
    for (const w of withheld) await client.query('INSERT INTO withheld_descriptions (kind, id, doc, data) VALUES ($1, $2, $3, $4)', [w.kind, w.id, rowid, w.data]);
    await indexDocument(client, words, rowid, doc, entities);
    return existing ? 'updated' : 'new';
  }

  private async withholdsTheSame(client: PoolClient, rowid: number, withheld: WithheldDescription[]): Promise<boolean> {
    const { rows } = await client.query<WithheldDescription>('SELECT kind, id, data FROM withheld_descriptions WHERE doc = $1 ORDER BY kind, id', [rowid]);
    return withheldKey(rows) === withheldKey(withheld);
  }

  /** Indexes again the documents citing a person, place or topic whose name has changed (as sqlite/write.ts). */
  private async reindexCiting(client: PoolClient, words: WordCounts, kind: keyof typeof CITING_ROLES, id: string): Promise<void> {
    const { rows } = await client.query<{ rowid: number; data: ArchiveDocument }>(
      'SELECT d.rowid, d.data FROM documents d WHERE d.rowid IN (SELECT l.doc FROM document_links l WHERE l.target = $1 AND l.role = ANY($2::text[]))',
      [id, CITING_ROLES[kind]],
    );
    for (const row of rows) {
      const entities = await this.resolveEntities(client, row.data, { people: new Map(), places: new Map(), topics: new Map(), collections: new Map() });
      await client.query('DELETE FROM document_links WHERE doc = $1', [row.rowid]);
      await client.query('DELETE FROM document_facets WHERE doc = $1', [row.rowid]);
      await this.removeText(client, words, row.rowid);
      await indexDocument(client, words, row.rowid, row.data, entities);
    }
  }

  private async removeText(client: PoolClient, counts: WordCounts, rowid: number): Promise<void> {
    const old = (await client.query<{ words: string[] }>('DELETE FROM document_search WHERE doc = $1 RETURNING words', [rowid])).rows[0];
    for (const w of old?.words ?? []) counts.set(w, (counts.get(w) ?? 0) - 1);
  }

  /**
   * Upserts the record's people, places, topics and collections, merging with what is known.
   * A record not yet public (`withholding`) only adds the ones nobody knew, bare (withheld.ts).
   */
  private async saveEntities(
    client: PoolClient,
    words: WordCounts,
    memo: TransactionMemo,
    record: IngestRecord,
    withholding: boolean,
  ): Promise<{ entities: ResolvedEntities; changed: boolean }> {
    let changed = false;
    const unknown = async (kind: keyof typeof ENTITY_TABLES, id: string) => {
      const [table, key] = ENTITY_TABLES[kind];
      return (await client.query(`SELECT 1 FROM ${table} WHERE ${key} = $1`, [id])).rowCount === 0;
    };
    const described = async <E extends Person | Place | Collection>(kind: 'person' | 'place' | 'collection', entity: E, id: string): Promise<E | undefined> =>
      !withholding ? entity : (await unknown(kind, id)) ? bareDescription(kind, entity) : undefined;
    const people = new Map<string, Person>();
    for (const given of record.people) {
      const incoming = await described('person', given, given.id);
      if (!incoming) continue;
      const merged = await memo.once(`person:${incoming.id}`, incoming, async () => {
        const stored = (await client.query<{ data: Person }>('SELECT data FROM people WHERE id = $1', [incoming.id])).rows[0]?.data;
        // What only documents not yet public say of it is not the public's (as sqlite/write.ts).
        const known = stored && (await citedInPublic(client, 'person', incoming.id)) ? stored : undefined;
        const merged = known ? mergePerson(known, incoming) : incoming;
        if (!stored || canonicalJson(stored) !== canonicalJson(merged)) {
          await client.query(
            `INSERT INTO people (id, name, name_folded, data) VALUES ($1, $2, $3, $4)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_folded = excluded.name_folded, data = excluded.data`,
            [merged.id, merged.name, foldText(merged.name), JSON.stringify(merged)],
          );
          if (!stored || nameKey(stored) !== nameKey(merged)) await indexEntityNames(client, 'person', merged);
          if (stored && stored.name !== merged.name) await this.reindexCiting(client, words, 'person', merged.id);
          changed = true;
        }
        return merged;
      });
      people.set(merged.id, merged);
    }
    const places = new Map<string, Place>();
    for (const given of record.places) {
      const incoming = await described('place', given, given.id);
      if (!incoming) continue;
      const merged = await memo.once(`place:${incoming.id}`, incoming, async () => {
        const stored = (await client.query<{ data: Place }>('SELECT data FROM places WHERE id = $1', [incoming.id])).rows[0]?.data;
        // What only documents not yet public say of it is not the public's (as sqlite/write.ts).
        const known = stored && (await citedInPublic(client, 'place', incoming.id)) ? stored : undefined;
        const merged = known ? mergePlace(known, incoming) : incoming;
        if (!stored || canonicalJson(stored) !== canonicalJson(merged)) {
          await client.query(
            `INSERT INTO places (id, name, name_folded, lat, lon, data) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_folded = excluded.name_folded, lat = excluded.lat, lon = excluded.lon, data = excluded.data`,
            [merged.id, merged.name, foldText(merged.name), merged.lat ?? null, merged.lon ?? null, JSON.stringify(merged)],
          );
          if (!stored || nameKey(stored) !== nameKey(merged)) await indexEntityNames(client, 'place', merged);
          if (stored && stored.name !== merged.name) await this.reindexCiting(client, words, 'place', merged.id);
          changed = true;
        }
        return merged;
      });
      places.set(merged.id, merged);
    }
    const topics = new Map<string, Topic>();
    for (const topic of record.topics) {
      const inserted = await client.query('INSERT INTO topics (id, name, name_folded) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING', [
        topic.id,
        topic.name,
        foldText(topic.name),
      ]);
      if ((inserted.rowCount ?? 0) > 0) changed = true;
      else if (!withholding && !(await citedInPublic(client, 'topic', topic.id))) {
        // A topic only documents not yet public cite takes the name a public record gives it.
        const renamed = await client.query('UPDATE topics SET name = $2, name_folded = $3 WHERE id = $1 AND name <> $2', [topic.id, topic.name, foldText(topic.name)]);
        if ((renamed.rowCount ?? 0) > 0) {
          await this.reindexCiting(client, words, 'topic', topic.id);
          changed = true;
        }
      }
      topics.set(topic.id, (await client.query<Topic>('SELECT id, name FROM topics WHERE id = $1', [topic.id])).rows[0]!);
    }
    const collections = new Map<string, Collection>();
    for (const given of record.collections) {
      const incoming = await described('collection', given, given.slug);
      if (!incoming) continue;
      const merged = await memo.once(`collection:${incoming.slug}`, incoming, async () => {
        const known = (await client.query<{ data: Collection }>('SELECT data FROM collections WHERE slug = $1', [incoming.slug])).rows[0]?.data;
        const merged = mergeCollection(known, incoming);
        // Compared as written, as SQLite compares its stored text (json keeps key order).
        if (!known || JSON.stringify(known) !== JSON.stringify(merged)) {
          await client.query(
            `INSERT INTO collections (slug, title, parent, position, data) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (slug) DO UPDATE SET title = excluded.title, parent = excluded.parent, position = excluded.position, data = excluded.data`,
            [merged.slug, merged.title, merged.parent ?? null, merged.position ?? null, JSON.stringify(merged)],
          );
          changed = true;
        }
        return merged;
      });
      collections.set(merged.slug, merged);
    }
    return { entities: await this.resolveEntities(client, record.document, { people, places, topics, collections }), changed };
  }

  /** Adds what the document cites but the record did not describe; it must already be known. */
  private async resolveEntities(client: PoolClient, doc: ArchiveDocument, known: ResolvedEntities): Promise<ResolvedEntities> {
    const load = async <T>(kind: keyof typeof ENTITY_TABLES, ids: string[], have: Map<string, T>, columns: string, read: (row: Record<string, unknown>) => T) => {
      const missing = [...new Set(ids.filter((id) => !have.has(id)))];
      if (missing.length === 0) return;
      const [table, key] = ENTITY_TABLES[kind];
      const rows = (await client.query<Record<string, unknown>>(`SELECT ${key} AS k, ${columns} FROM ${table} WHERE ${key} = ANY($1::text[])`, [missing])).rows;
      for (const row of rows) have.set(row.k as string, read(row));
      const unknown = missing.find((id) => !have.has(id));
      if (unknown !== undefined) throw new StoreConflictError(`${kind} "${unknown}" is not known`);
    };
    await load('person', [...doc.authors, ...doc.recipients, ...doc.people], known.people, 'data', (r) => r.data as Person);
    await load('place', doc.places, known.places, 'data', (r) => r.data as Place);
    await load('topic', doc.topics, known.topics, 'id, name', (r) => ({ id: r.id as string, name: r.name as string }));
    await load('collection', doc.collections, known.collections, 'data', (r) => r.data as Collection);
    return known;
  }
}

/** What the document at `rowid` cites, its facets and its full-text row (also how a restore rebuilds them). */
export async function indexDocument(client: PoolClient, words: WordCounts, rowid: number, doc: ArchiveDocument, entities: ResolvedEntities): Promise<void> {
  const links = LINK_ROLES.flatMap(([field, role]) => doc[field].map((target, position) => ({ role, target, position })));
  if (links.length) {
    await client.query(
      `INSERT INTO document_links (doc, role, target, position)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::int[]) ON CONFLICT DO NOTHING`,
      [rowid, links.map((l) => l.role), links.map((l) => l.target), links.map((l) => l.position)],
    );
  }
  const entry = buildIndexEntry(doc, entities);
  if (entry.facets.length) {
    await client.query(
      `INSERT INTO document_facets (doc, facet, key, value, folded)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) ON CONFLICT DO NOTHING`,
      [rowid, entry.facets.map((f) => f.facet), entry.facets.map((f) => f.key), entry.facets.map((f) => f.value), entry.facets.map((f) => f.folded)],
    );
  }
  await writeSearchRow(client, words, rowid, entry.columns);
}

/** The document's vectors, bm25 statistics, snippet texts and words; its words counted in the vocabulary. */
async function writeSearchRow(client: PoolClient, counts: WordCounts, rowid: number, columns: IndexEntry['columns']): Promise<void> {
  // Tokenized as SQLite's indexes are given the text: letters folded (search/fold.ts); snippets keep the text as written.
  const { stems, words } = fts5ColumnTokens(SEARCH_COLUMNS.map((c) => foldLetters(columns[c])));
  const distinct = distinctTokens(words.flat());
  const other = SEARCH_COLUMNS.filter((c) => c !== 'text' && c !== 'summary')
    .map((c) => columns[c])
    .filter(Boolean)
    .join('\n');
  const stats = termStatistics(stems);
  await client.query(SEARCH_INSERT, [
    rowid,
    ...SEARCH_COLUMNS.flatMap((_, i) => [tsvectorLiteral(stems[i]!), distinctTokens(words[i]!)]),
    distinctTokens(stems.flat()),
    distinct,
    shieldMarkup(columns.text),
    shieldMarkup(columns.summary),
    shieldMarkup(other),
    stats.length,
    JSON.stringify(stats.terms),
    JSON.stringify(stats.columnTerms),
    ` ${words.map((w) => w.join(' ')).join(' \n ')} `,
  ]);
  for (const w of distinct) counts.set(w, (counts.get(w) ?? 0) + 1);
}

const REBUILD_PAGE = 500;

/**
 * Rebuilds every document's links, facets and full-text row from the stored document, the vocabulary
 * from those rows' words and the names index (a change of what is indexed: a schema change of
 * the row, of the tokens, or of what buildIndexEntry derives).
 */
export async function rebuildSearchRows(client: PoolClient, progress: TransferProgress = {}): Promise<void> {
  const entities: ResolvedEntities = { people: new Map(), places: new Map(), topics: new Map(), collections: new Map() };
  for (const r of (await client.query<{ id: string; data: Person }>('SELECT id, data FROM people')).rows) entities.people.set(r.id, r.data);
  for (const r of (await client.query<{ id: string; data: Place }>('SELECT id, data FROM places')).rows) entities.places.set(r.id, r.data);
  for (const r of (await client.query<Topic>('SELECT id, name FROM topics')).rows) entities.topics.set(r.id, r);
  for (const r of (await client.query<{ slug: string; data: Collection }>('SELECT slug, data FROM collections')).rows) entities.collections.set(r.slug, r.data);
  const words: WordCounts = new Map();
  progress.onTotal?.((await client.query<{ n: number }>('SELECT count(*)::int AS n FROM documents')).rows[0]!.n);
  // A page of documents at a time: the whole archive's JSON at once took 350 MB for FRUS alone.
  for (let after = 0; ; ) {
    const docs = (
      await client.query<{ rowid: number; data: ArchiveDocument }>('SELECT rowid, data FROM documents WHERE rowid > $1 ORDER BY rowid LIMIT $2', [after, REBUILD_PAGE])
    ).rows;
    if (docs.length === 0) break;
    for (const { rowid, data } of docs) {
      // The vocabulary is counted afresh below: the rows go without taking their words off it.
      for (const table of ['document_links', 'document_facets', 'document_search']) await client.query(`DELETE FROM ${table} WHERE doc = $1`, [rowid]);
      await indexDocument(client, words, rowid, data, entities);
      progress.onDocument?.();
    }
    after = docs.at(-1)!.rowid;
  }
  await client.query('DELETE FROM vocabulary');
  await applyWordCounts(client, words);
  for (const person of entities.people.values()) await indexEntityNames(client, 'person', person);
  for (const place of entities.places.values()) await indexEntityNames(client, 'place', place);
}

/** Every spelling of a person or place, searchable: how a query finds its other names. */
export async function indexEntityNames(client: PoolClient, kind: 'person' | 'place', entity: Person | Place): Promise<void> {
  const names = spellingsText(entity);
  await client.query(
    `INSERT INTO entity_names (kind, id, names, tsv) VALUES ($1, $2, $3, to_tsvector('${EXACT}', $4))
     ON CONFLICT (kind, id) DO UPDATE SET names = excluded.names, tsv = excluded.tsv`,
    [kind, entity.id, names, indexWords(names).join(' ')],
  );
}

/** Documents gained (or lost) per word within one transaction. */
export type WordCounts = Map<string, number>;

/** Applies a transaction's vocabulary changes, in word order (two writers lock rows in the same order). */
export async function applyWordCounts(client: PoolClient, counts: WordCounts): Promise<void> {
  const changed = [...counts].filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (changed.length === 0) return;
  const words = changed.map(([w]) => w);
  await client.query(
    `INSERT INTO vocabulary (word, docs) SELECT * FROM unnest($1::text[], $2::int[])
     ON CONFLICT (word) DO UPDATE SET docs = vocabulary.docs + excluded.docs`,
    [words, changed.map(([, n]) => n)],
  );
  await client.query('DELETE FROM vocabulary WHERE word = ANY($1::text[]) AND docs <= 0', [words]);
}

/** Replaces a collection's sections with those the record brings, as sqlite/write.ts saveSections. */
async function saveSections(client: PoolClient, given: CollectionSections): Promise<void> {
  const json = JSON.stringify(given.sections);
  await client.query(
    'UPDATE collections SET sections = $1::text::json WHERE slug = $2 AND sections::text IS DISTINCT FROM $1::text',
    [json, given.collection],
  );
}

/** Keeps the identifier the public loses, with the collections it was public in; forgets one public again (as sqlite/write.ts). */
async function noteWithdrawal(
  client: PoolClient,
  previous: { rowid: number; id: string; publicFrom: string | null } | undefined,
  next: { id: string; publicFrom: string | null },
  now: string,
): Promise<void> {
  const day = now.slice(0, 10);
  const lost = previous ? lostPublicId(previous, next, day) : null;
  if (lost !== null) {
    await client.query(
      `INSERT INTO withdrawals (id, withdrawn_at, collections)
         SELECT $1, $2, coalesce(json_agg(target ORDER BY position)::text, '[]') FROM document_links WHERE doc = $3 AND role = 'collection'
       ON CONFLICT (id) DO UPDATE SET withdrawn_at = excluded.withdrawn_at, collections = excluded.collections`,
      [lost, now, previous!.rowid],
    );
  }
  if (isPublicOn(next.publicFrom, day)) await client.query('DELETE FROM withdrawals WHERE id = $1', [next.id]);
}

/** Whether a document public today cites the person, place or topic (as sqlite/write.ts). */
async function citedInPublic(client: PoolClient, kind: keyof typeof CITING_ROLES, id: string): Promise<boolean> {
  const { rows } = await client.query<{ cited: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM document_links l JOIN documents d ON d.rowid = l.doc
       WHERE l.target = $1 AND l.role = ANY($2::text[]) AND d.public_from IS NOT NULL AND d.public_from <= $3) AS cited`,
    [id, CITING_ROLES[kind], new Date().toISOString().slice(0, 10)],
  );
  return rows[0]!.cited;
}
