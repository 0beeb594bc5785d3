import type { Database, Statement, Transaction } from 'better-sqlite3';
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
import { buildIndexEntry, type IndexEntry, LINK_ROLES, type ResolvedEntities, SEARCH_COLUMNS, undescribedReferences } from '../index-entry.js';
import { canonicalJson } from '../canonical-json.js';
import { documentJson } from '../document-json.js';
import { TransactionMemo } from '../transaction-memo.js';
import { StoreConflictError } from '../errors.js';
import type { BatchOutcome, TransferProgress, UpsertOutcome } from '../types.js';
import { publicFrom } from './visibility.js';
import { editionOrder } from '../edition-order.js';
import { isPublicOn, lostPublicId } from '../harvest.js';
import { foldLetters } from '../../search/fold.js';
import { spellingsText } from '../../search/names.js';
import { sectionsToSave } from '../collection-sections.js';
import { bareDescription, CITING_ROLES, withheldDescriptions, withheldKey } from '../withheld.js';

/** Prepared statements for writing records; one instance per open database. */
export class RecordWriter {
  private readonly s: Record<string, Statement>;
  /** Documents written since the last takeTouched() (whether or not their transaction held). */
  private touched: number[] = [];
  private readonly memo = new TransactionMemo();
  private readonly upsertTx: Transaction<(record: IngestRecord) => UpsertOutcome>;
  private readonly batchTx: Transaction<(records: IngestRecord[]) => BatchOutcome[]>;
  private readonly citedInPublicBy: Partial<Record<keyof typeof CITING_ROLES, Statement>> = {};

  constructor(private readonly db: Database) {
    const columns = SEARCH_COLUMNS.join(', ');
    const marks = SEARCH_COLUMNS.map(() => '?').join(', ');
    this.s = {
      personGet: db.prepare('SELECT rowid, data FROM people WHERE id = ?'),
      personExists: db.prepare('SELECT 1 FROM people WHERE id = ?'),
      placeExists: db.prepare('SELECT 1 FROM places WHERE id = ?'),
      topicExists: db.prepare('SELECT 1 FROM topics WHERE id = ?'),
      collectionExists: db.prepare('SELECT 1 FROM collections WHERE slug = ?'),
      // A record keeps its rowid when updated: it also keys the record's row in entity_names.
      // Plain INSERT and UPDATE-by-rowid rather than an upsert: an upsert opens a statement
      // savepoint, and every savepoint makes FTS5 flush the batch's pending index data (this
      // alone cost a third of the FRUS ingest).
      personInsert: db.prepare('INSERT INTO people (id, name, data) VALUES (?, ?, ?)'),
      personUpdate: db.prepare('UPDATE people SET name = ?, data = ? WHERE rowid = ?'),
      placeGet: db.prepare('SELECT rowid, data FROM places WHERE id = ?'),
      placeInsert: db.prepare('INSERT INTO places (id, name, lat, lon, data) VALUES (?, ?, ?, ?, ?)'),
      placeUpdate: db.prepare('UPDATE places SET name = ?, lat = ?, lon = ?, data = ? WHERE rowid = ?'),
      topicPut: db.prepare('INSERT INTO topics (id, name) VALUES (?, ?) ON CONFLICT (id) DO NOTHING'),
      topicGet: db.prepare('SELECT id, name FROM topics WHERE id = ?'),
      topicRename: db.prepare('UPDATE topics SET name = @name WHERE id = @id AND name <> @name'),
      collectionGet: db.prepare('SELECT data FROM collections WHERE slug = ?'),
      // The collection's sections are kept: REPLACE deletes the row, and they are written apart (saveSections).
      collectionPut: db.prepare(
        'INSERT OR REPLACE INTO collections (slug, title, parent, position, data, sections) VALUES (?, ?, ?, ?, ?, (SELECT sections FROM collections WHERE slug = ?))',
      ),
      collectionSectionsPut: db.prepare('UPDATE collections SET sections = ? WHERE slug = ? AND sections IS NOT ?'),
      docBySource: db.prepare('SELECT rowid, id, checksum, public_from FROM documents WHERE source_id = ?'),
      collectionsOf: db.prepare("SELECT target FROM document_links WHERE doc = ? AND role = 'collection' ORDER BY position").pluck(),
      withdrawalPut: db.prepare('INSERT OR REPLACE INTO withdrawals (id, withdrawn_at, collections) VALUES (?, ?, ?)'),
      withdrawalDelete: db.prepare('DELETE FROM withdrawals WHERE id = ?'),
      withheldOf: db.prepare('SELECT kind, id, data FROM withheld_descriptions WHERE doc = ? ORDER BY kind, id'),
      withheldDelete: db.prepare('DELETE FROM withheld_descriptions WHERE doc = ?'),
      withheldInsert: db.prepare('INSERT INTO withheld_descriptions (kind, id, doc, data) VALUES (?, ?, ?, ?)'),
      citing: db.prepare(`SELECT d.rowid AS rowid, d.data AS data FROM documents d
          WHERE d.rowid IN (SELECT l.doc FROM document_links l WHERE l.target = ? AND l.role IN (SELECT value FROM json_each(?)))`),
      docById: db.prepare('SELECT rowid, source_id FROM documents WHERE id = ?'),
      docInsert: db.prepare(`INSERT INTO documents
        (id, source_id, title, type, date_start, date_end, status, public_from, uploaded_at, created_at, updated_at, checksum, data, edition_number, edition_slug)
        VALUES (@id, @sourceId, @title, @type, @dateStart, @dateEnd, @status, @publicFrom, @uploadedAt, @now, @now, @checksum, @data, @editionNumber, @editionSlug)`),
      docUpdate: db.prepare(`UPDATE documents SET id = @id, title = @title, type = @type, date_start = @dateStart,
        date_end = @dateEnd, status = @status, public_from = @publicFrom, uploaded_at = @uploadedAt, updated_at = @now,
        checksum = @checksum, data = @data, edition_number = @editionNumber, edition_slug = @editionSlug WHERE rowid = @rowid`),
      linksDelete: db.prepare('DELETE FROM document_links WHERE doc = ?'),
      namesDelete: db.prepare('DELETE FROM entity_names WHERE rowid = ?'),
      namesInsert: db.prepare('INSERT INTO entity_names (rowid, kind, id, names) VALUES (?, ?, ?, ?)'),
      linkInsert: db.prepare('INSERT OR IGNORE INTO document_links (doc, role, target, position) VALUES (?, ?, ?, ?)'),
      facetsDelete: db.prepare('DELETE FROM document_facets WHERE doc = ?'),
      facetInsert: db.prepare('INSERT OR IGNORE INTO document_facets (doc, facet, key, value, folded) VALUES (?, ?, ?, ?, ?)'),
      textGet: db.prepare(`SELECT ${columns} FROM documents_text WHERE doc = ?`).raw(),
      textDelete: db.prepare('DELETE FROM documents_text WHERE doc = ?'),
      textInsert: db.prepare(`INSERT INTO documents_text (doc, ${columns}) VALUES (?, ${marks})`),
      // An external-content index forgets a row by being told the text it indexed (migration 4).
      ftsDelete: db.prepare(`INSERT INTO documents_fts (documents_fts, rowid, ${columns}) VALUES ('delete', ?, ${marks})`),
      exactDelete: db.prepare('DELETE FROM documents_exact WHERE rowid = ?'),
      exactInsert: db.prepare(`INSERT INTO documents_exact (rowid, ${columns}) VALUES (?, ${marks})`),
      ftsInsert: db.prepare(`INSERT INTO documents_fts (rowid, ${columns}) VALUES (?, ${marks})`),
    };
    this.upsertTx = db.transaction((record: IngestRecord) => {
      this.memo.clear();
      return this.write(record);
    });
    // No savepoint per record: FTS5 flushes its buffers at every savepoint, which costs more than
    // the record. Instead every reason to refuse a record is checked before it writes anything
    // (see checkRecord), so a refused record leaves nothing behind; an unexpected error aborts
    // the batch, and upsertMany retries its records one transaction each.
    this.batchTx = db.transaction((records: IngestRecord[]) => {
      this.memo.clear();
      return records.map((record): BatchOutcome => {
        try {
          return { ok: true, outcome: this.write(record) };
        } catch (error) {
          if (error instanceof StoreConflictError) return { ok: false, error };
          throw error;
        }
      });
    });
  }

  /** The documents written since the last call: what in-memory indexes must read again. */
  takeTouched(): number[] {
    const out = this.touched;
    this.touched = [];
    return out;
  }

  /** One record, one transaction: if anything fails, nothing of the record is kept. */
  upsert(record: IngestRecord): UpsertOutcome {
    return this.upsertTx.immediate(record);
  }

  /** Many records, one commit; each record is still kept or refused whole. */
  upsertMany(records: IngestRecord[]): BatchOutcome[] {
    try {
      return this.batchTx.immediate(records);
    } catch {
      return records.map((record): BatchOutcome => {
        try {
          return { ok: true, outcome: this.upsert(record) };
        } catch (error) {
          return { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
        }
      });
    }
  }

  /** Everything that can refuse a record, checked before the record writes anything. */
  private checkRecord(record: IngestRecord): void {
    const doc = record.document;
    const holder = this.s.docById!.get(doc.id) as { rowid: number; source_id: string } | undefined;
    if (holder && holder.source_id !== doc.sourceId) {
      throw new StoreConflictError(`id "${doc.id}" already belongs to another source (${holder.source_id})`);
    }
    for (const [kind, ids] of undescribedReferences(record)) {
      const unknown = ids.find((id) => !this.s[`${kind}Exists`]!.get(id));
      if (unknown !== undefined) throw new StoreConflictError(`${kind} "${unknown}" is not known`);
    }
  }

  private write(record: IngestRecord): UpsertOutcome {
    this.checkRecord(record);
    const doc = record.document;
    const now = new Date().toISOString();
    const visibleFrom = publicFrom(doc.status, doc.embargoUntil ? dayBounds(doc.embargoUntil)!.first : undefined);
    const isPublic = isPublicOn(visibleFrom, now.slice(0, 10));
    const withheld = isPublic ? [] : withheldDescriptions(record);
    const sections = sectionsToSave(record, isPublic);
    const { entities, changed } = this.saveEntities(record, !isPublic);
    if (sections) this.saveSections(sections);
    const { data, checksum } = documentJson(doc);
    const existing = this.s.docBySource!.get(doc.sourceId) as
      | { rowid: number; id: string; checksum: string; public_from: string | null }
      | undefined;
    // Unchanged: the same document, and nothing new about the people, places … it cites or withholds.
    const withholdsTheSame = () => withheldKey(this.s.withheldOf!.all(existing!.rowid) as { kind: string; id: string; data: string }[]) === withheldKey(withheld);
    if (existing && existing.checksum === checksum && !changed && withholdsTheSame()) return 'unchanged';

    const row = {
      id: doc.id,
      sourceId: doc.sourceId,
      title: doc.title,
      type: doc.type ?? null,
      dateStart: doc.date.start ? dayBounds(doc.date.start)!.first : null,
      dateEnd: doc.date.end ? dayBounds(doc.date.end)!.last : doc.date.start ? dayBounds(doc.date.start)!.last : null,
      status: doc.status,
      publicFrom: visibleFrom,
      uploadedAt: doc.uploadedAt ?? null,
      now,
      checksum,
      data,
      ...editionOrder(doc),
    };
    this.noteWithdrawal(existing && { rowid: existing.rowid, id: existing.id, publicFrom: existing.public_from }, { id: doc.id, publicFrom: visibleFrom }, now);
    let rowid: number;
    if (existing) {
      rowid = existing.rowid;
      this.s.docUpdate!.run({ ...row, rowid });
      this.s.linksDelete!.run(rowid);
      this.s.facetsDelete!.run(rowid);
      this.removeText(rowid);
    } else {
      rowid = Number(this.s.docInsert!.run(row).lastInsertRowid);
    }
    if (existing) this.s.withheldDelete!.run(rowid);
    for (const w of withheld) this.s.withheldInsert!.run(w.kind, w.id, rowid, w.data);
    this.touched.push(rowid);
    this.indexDocument(rowid, doc, entities);
    return existing ? 'updated' : 'new';
  }

  /** Keeps the identifier the public loses, with the collections it was public in; forgets one public again. */
  private noteWithdrawal(previous: { rowid: number; id: string; publicFrom: string | null } | undefined, next: { id: string; publicFrom: string | null }, now: string): void {
    const day = now.slice(0, 10);
    const lost = previous ? lostPublicId(previous, next, day) : null;
    if (lost !== null) this.s.withdrawalPut!.run(lost, now, JSON.stringify(this.s.collectionsOf!.all(previous!.rowid)));
    if (isPublicOn(next.publicFrom, day)) this.s.withdrawalDelete!.run(next.id);
  }

  /** What the document at `rowid` cites, its facets and its full text (also how a restore rebuilds them). */
  indexDocument(rowid: number, doc: ArchiveDocument, entities: ResolvedEntities): void {
    for (const [field, role] of LINK_ROLES) {
      doc[field].forEach((target, position) => this.s.linkInsert!.run(rowid, role, target, position));
    }
    const entry = buildIndexEntry(doc, entities);
    for (const f of entry.facets) this.s.facetInsert!.run(rowid, f.facet, f.key, f.value, f.folded);
    this.writeText(rowid, entry.columns);
  }

  /**
   * Both full-text indexes hold the same columns, stemmed for ranking and exact for phrases,
   * with letters folded (search/fold.ts); the text as written is kept for snippets.
   */
  private writeText(rowid: number, columns: IndexEntry['columns']): void {
    const values = SEARCH_COLUMNS.map((c) => columns[c]);
    this.s.textInsert!.run(rowid, ...values);
    const folded = values.map(foldLetters);
    this.s.ftsInsert!.run(rowid, ...folded);
    this.s.exactInsert!.run(rowid, ...folded);
  }

  private removeText(rowid: number): void {
    const written = this.s.textGet!.get(rowid) as string[] | undefined;
    if (written) {
      this.s.ftsDelete!.run(rowid, ...written.map(foldLetters));
      this.s.textDelete!.run(rowid);
    }
    this.s.exactDelete!.run(rowid);
  }

  /**
   * Upserts the record's people, places, topics and collections, merging with what is known.
   * A record not yet public (`withholding`) only adds the ones nobody knew, bare (withheld.ts).
   */
  private saveEntities(record: IngestRecord, withholding: boolean): { entities: ResolvedEntities; changed: boolean } {
    let changed = false;
    const people = new Map<string, Person>();
    for (const incoming of record.people) {
      if (withholding && this.s.personExists!.get(incoming.id)) continue;
      const merged = this.saveEntity('person', withholding ? bareDescription('person', incoming) : incoming, () => (changed = true));
      people.set(merged.id, merged);
    }
    const places = new Map<string, Place>();
    for (const incoming of record.places) {
      if (withholding && this.s.placeExists!.get(incoming.id)) continue;
      const merged = this.saveEntity('place', withholding ? bareDescription('place', incoming) : incoming, () => (changed = true));
      places.set(merged.id, merged);
    }
    const topics = new Map<string, Topic>();
    for (const topic of record.topics) {
      if (this.s.topicPut!.run(topic.id, topic.name).changes > 0) changed = true;
      else if (!withholding && !this.citedInPublic('topic', topic.id) && this.s.topicRename!.run(topic).changes > 0) {
        // A topic only documents not yet public cite takes the name a public record gives it.
        this.reindexCiting('topic', topic.id);
        changed = true;
      }
      topics.set(topic.id, this.s.topicGet!.get(topic.id) as Topic);
    }
    const collections = new Map<string, Collection>();
    for (const incoming of record.collections) {
      if (withholding && this.s.collectionExists!.get(incoming.slug)) continue;
      const merged = this.saveCollection(withholding ? bareDescription('collection', incoming) : incoming, () => (changed = true));
      collections.set(merged.slug, merged);
    }
    return { entities: this.resolveEntities(record.document, { people, places, topics, collections }), changed };
  }

  /** Saves a person or place merged with what is known; `onChange` when the stored row changed. */
  private saveEntity<E extends Person | Place>(kind: 'person' | 'place', incoming: E, onChange: () => void): E {
    return this.memo.once(`${kind}:${incoming.id}`, incoming, () => {
      const row = this.s[kind === 'person' ? 'personGet' : 'placeGet']!.get(incoming.id) as { rowid: number; data: string } | undefined;
      const stored = row ? (JSON.parse(row.data) as E) : undefined;
      // What only documents not yet public say of a person or place (the name a draft gave) is
      // not the public's: while no public document cites it, a public description replaces it whole (withheld.ts).
      const known = stored && this.citedInPublic(kind, incoming.id) ? stored : undefined;
      const merged = (known ? (kind === 'person' ? mergePerson(known as Person, incoming as Person) : mergePlace(known as Place, incoming as Place)) : incoming) as E;
      if (stored && canonicalJson(stored) === canonicalJson(merged)) return merged;
      const data = JSON.stringify(merged);
      let rowid: number;
      if (kind === 'person') {
        rowid = row ? (this.s.personUpdate!.run(merged.name, data, row.rowid), row.rowid) : Number(this.s.personInsert!.run(merged.id, merged.name, data).lastInsertRowid);
      } else {
        const [lat, lon] = [(merged as Place).lat ?? null, (merged as Place).lon ?? null];
        rowid = row ? (this.s.placeUpdate!.run(merged.name, lat, lon, data, row.rowid), row.rowid) : Number(this.s.placeInsert!.run(merged.id, merged.name, lat, lon, data).lastInsertRowid);
      }
      if (!stored || nameKey(stored) !== nameKey(merged)) this.indexNames(kind, rowid, merged);
      // The documents citing it (none public) were indexed under the old name.
      if (stored && stored.name !== merged.name) this.reindexCiting(kind, merged.id);
      onChange();
      return merged;
    });
  }

  /** Whether a document public today cites the person, place or topic. */
  private citedInPublic(kind: keyof typeof CITING_ROLES, id: string): boolean {
    // One statement per kind, its roles written in: the look-up runs for every person a batch describes.
    this.citedInPublicBy[kind] ??= this.db
      .prepare(
        `SELECT EXISTS (SELECT 1 FROM document_links l JOIN documents d ON d.rowid = l.doc
           WHERE l.target = ? AND l.role IN (${CITING_ROLES[kind].map((r) => `'${r}'`).join(', ')}) AND d.public_from IS NOT NULL AND d.public_from <= ?)`,
      )
      .pluck();
    return this.citedInPublicBy[kind].get(id, new Date().toISOString().slice(0, 10)) === 1;
  }

  /** Indexes again the documents citing a person, place or topic whose name has changed. */
  private reindexCiting(kind: 'person' | 'place' | 'topic', id: string): void {
    for (const row of this.s.citing!.all(id, JSON.stringify(CITING_ROLES[kind])) as { rowid: number; data: string }[]) {
      const doc = JSON.parse(row.data) as ArchiveDocument;
      this.reindexDocument(row.rowid, doc, this.resolveEntities(doc, { people: new Map(), places: new Map(), topics: new Map(), collections: new Map() }));
      this.touched.push(row.rowid);
    }
  }

  /** Replaces what a stored document cites, its facets and its full text with what it derives now. */
  private reindexDocument(rowid: number, doc: ArchiveDocument, entities: ResolvedEntities): void {
    this.s.linksDelete!.run(rowid);
    this.s.facetsDelete!.run(rowid);
    this.removeText(rowid);
    this.indexDocument(rowid, doc, entities);
  }

  /**
   * Derives every document's links, facets and full-text rows, and every person's and place's
   * names row, again from what is stored: a migration's work when what is indexed changes
   * (migrations.ts; the PostgreSQL store's rebuildSearchRows). The caller holds the write transaction.
   */
  rebuildSearchRows(progress: TransferProgress = {}): void {
    const entities: ResolvedEntities = { people: new Map(), places: new Map(), topics: new Map(), collections: new Map() };
    progress.onTotal?.(this.db.prepare('SELECT count(*) FROM documents').pluck().get() as number);
    const page = this.db.prepare('SELECT rowid, data FROM documents WHERE rowid > ? ORDER BY rowid LIMIT 500');
    for (let after = 0; ; ) {
      const rows = page.all(after) as { rowid: number; data: string }[];
      if (rows.length === 0) break;
      for (const row of rows) {
        const doc = JSON.parse(row.data) as ArchiveDocument;
        this.reindexDocument(row.rowid, doc, this.resolveEntities(doc, entities));
        progress.onDocument?.();
      }
      after = rows.at(-1)!.rowid;
    }
    for (const kind of ['person', 'place'] as const) {
      for (const row of this.db.prepare(`SELECT rowid, data FROM ${kind === 'person' ? 'people' : 'places'}`).all() as { rowid: number; data: string }[]) {
        this.indexNames(kind, row.rowid, JSON.parse(row.data) as Person | Place);
      }
    }
  }

  /** Replaces a collection's sections. They are the collection's, not the document's: the document is unchanged by them. */
  private saveSections(given: CollectionSections): void {
    const json = JSON.stringify(given.sections);
    this.s.collectionSectionsPut!.run(json, given.collection, json);
  }

  /** Saves a collection over what is known; `onChange` when the stored row changed. */
  private saveCollection(incoming: Collection, onChange: () => void): Collection {
    return this.memo.once(`collection:${incoming.slug}`, incoming, () => {
      const row = this.s.collectionGet!.get(incoming.slug) as { data: string } | undefined;
      const known = row ? (JSON.parse(row.data) as Collection) : undefined;
      const merged = mergeCollection(known, incoming);
      const data = JSON.stringify(merged);
      if (!row || row.data !== data) {
        this.s.collectionPut!.run(merged.slug, merged.title, merged.parent ?? null, merged.position ?? null, data, merged.slug);
        onChange();
      }
      return merged;
    });
  }

  /** Every spelling of a person or place, searchable: how a query finds its other names. */
  indexNames(kind: 'person' | 'place', rowid: number, entity: Person | Place): void {
    // People take even rows and places odd ones, so each record has one row found by its rowid.
    const row = kind === 'person' ? rowid * 2 : rowid * 2 + 1;
    this.s.namesDelete!.run(row);
    // Folded as the documents' text is: the index stores what it matches, and spellings are only compared.
    this.s.namesInsert!.run(row, kind, entity.id, foldLetters(spellingsText(entity)));
  }

  /** Adds what the document cites but the record did not describe; it must already be known. */
  private resolveEntities(doc: ArchiveDocument, known: ResolvedEntities): ResolvedEntities {
    const { people, places, topics, collections } = known;
    for (const id of [...doc.authors, ...doc.recipients, ...doc.people]) {
      if (people.has(id)) continue;
      const row = this.s.personGet!.get(id) as { data: string } | undefined;
      if (!row) throw new StoreConflictError(`person "${id}" is not known`);
      people.set(id, JSON.parse(row.data) as Person);
    }
    for (const id of doc.places) {
      if (places.has(id)) continue;
      const row = this.s.placeGet!.get(id) as { data: string } | undefined;
      if (!row) throw new StoreConflictError(`place "${id}" is not known`);
      places.set(id, JSON.parse(row.data) as Place);
    }
    for (const id of doc.topics) {
      if (topics.has(id)) continue;
      const row = this.s.topicGet!.get(id) as Topic | undefined;
      if (!row) throw new StoreConflictError(`topic "${id}" is not known`);
      topics.set(id, row);
    }
    for (const slug of doc.collections) {
      if (collections.has(slug)) continue;
      const row = this.s.collectionGet!.get(slug) as { data: string } | undefined;
      if (!row) throw new StoreConflictError(`collection "${slug}" is not known`);
      collections.set(slug, JSON.parse(row.data) as Collection);
    }
    return known;
  }
}


