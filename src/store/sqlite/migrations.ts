import type { Database } from 'better-sqlite3';
import { foldLetters } from '../../search/fold.js';
import { datestampSql } from '../harvest.js';

/** SQL name of search/fold.ts's foldLetters (registerIndexFunctions). */
export const FOLD_LETTERS_FN = 'archivum_fold_letters';

/** The full-text columns as migration 4 found them (a migration's text never changes). */
const V4_COLUMNS = ['title', 'authors', 'recipients', 'people', 'places', 'topics', 'type', 'collections', 'summary', 'text', 'notes'];

/**
 * A schema step that also needs every document indexed again (links, facets, full text) from the
 * stored documents: what is indexed changed (store/index-entry.ts), not only the tables.
 */
interface RebuildingMigration {
  sql: string;
  rebuildSearch: true;
}

/**
 * Versioned schema. Each entry runs once, in order, and bumps PRAGMA user_version; a store
 * opened by newer code upgrades itself on open, all pending steps in one transaction.
 */
export const MIGRATIONS: readonly (string | RebuildingMigration)[] = [
  /* 1: documents, authorities, links, facets, full text */ `
  CREATE TABLE documents (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    source_id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    type TEXT,
    date_start TEXT,
    date_end TEXT,
    status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'embargoed')),
    -- NULL: never public (draft); '': always; else the first day it is public (embargo end).
    public_from TEXT,
    uploaded_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    checksum TEXT NOT NULL,
    data TEXT NOT NULL
  );
  CREATE INDEX documents_by_date ON documents (date_start, id);
  CREATE INDEX documents_by_public_from ON documents (public_from);
  CREATE INDEX documents_by_upload ON documents (uploaded_at, created_at);

  CREATE TABLE people (id TEXT PRIMARY KEY, name TEXT NOT NULL, data TEXT NOT NULL);
  CREATE TABLE places (id TEXT PRIMARY KEY, name TEXT NOT NULL, lat REAL, lon REAL, data TEXT NOT NULL);
  CREATE TABLE topics (id TEXT PRIMARY KEY, name TEXT NOT NULL);
  CREATE TABLE collections (
    slug TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    parent TEXT,
    position REAL,
    data TEXT NOT NULL
  );
  CREATE INDEX collections_by_parent ON collections (parent, position);

  -- What a document cites: role is author, recipient, person, place, topic, collection or reference.
  CREATE TABLE document_links (
    doc INTEGER NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,
    role TEXT NOT NULL,
    target TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (doc, role, target)
  ) WITHOUT ROWID;
  CREATE INDEX document_links_by_target ON document_links (target, role, doc);

  CREATE TABLE document_facets (
    doc INTEGER NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,
    facet TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    folded TEXT NOT NULL,
    PRIMARY KEY (doc, facet, key)
  ) WITHOUT ROWID;
  CREATE INDEX document_facets_by_key ON document_facets (facet, key, doc);
  CREATE INDEX document_facets_by_folded ON document_facets (facet, folded, doc);

  CREATE VIRTUAL TABLE documents_fts USING fts5 (
    title, authors, recipients, people, places, topics, type, collections, summary, text, notes,
    tokenize = 'porter unicode61 remove_diacritics 2'
  );
  `,
  /*
   * 2: an unstemmed twin of the full-text index. Quoted phrases match exact words here
   * ("missiles" does not find "missile"), and its vocabulary holds real words for spelling
   * suggestions. Contentless: the text is already stored once.
   */ `
  CREATE VIRTUAL TABLE documents_exact USING fts5 (
    title, authors, recipients, people, places, topics, type, collections, summary, text, notes,
    tokenize = 'unicode61 remove_diacritics 2', content = '', contentless_delete = 1
  );
  CREATE VIRTUAL TABLE documents_exact_vocab USING fts5vocab (documents_exact, 'row');
  INSERT INTO documents_exact (rowid, title, authors, recipients, people, places, topics, type, collections, summary, text, notes)
    SELECT rowid, title, authors, recipients, people, places, topics, type, collections, summary, text, notes FROM documents_fts;

  -- Every spelling of every person and place: a query word that names one in another spelling
  -- also asks for the documents that cite it (see search/names.ts).
  CREATE VIRTUAL TABLE entity_names USING fts5 (
    kind UNINDEXED, id UNINDEXED, names, tokenize = 'unicode61 remove_diacritics 2'
  );
  INSERT INTO entity_names (rowid, kind, id, names)
    SELECT rowid * 2, 'person', id, name || coalesce(' ; ' || (SELECT group_concat(value, ' ; ') FROM json_each(data, '$.altNames')), '') FROM people;
  INSERT INTO entity_names (rowid, kind, id, names)
    SELECT rowid * 2 + 1, 'place', id, name || coalesce(' ; ' || (SELECT group_concat(value, ' ; ') FROM json_each(data, '$.altNames')), '') FROM places;
  `,
  /*
   * 3: what a search needs of each matching document — visibility, dates, id — in narrow
   * indexes. A document's row holds its whole JSON, a few rows to a page: looking up 65,000
   * matches there read most of the table; in an index they sit densely. documents_scope is keyed
   * by rowid (matches of the full-text index, search.ts); documents_by_public_from now covers a
   * search without words (browsing: the visible documents in date order).
   */ `
  CREATE INDEX documents_scope ON documents (rowid, public_from, date_start, date_end, id);
  DROP INDEX documents_by_public_from;
  CREATE INDEX documents_by_public_from ON documents (public_from, date_start, date_end, id);
  `,
  /*
   * 4: the indexes are given the text with the Latin letters their tokenizer cannot fold spelled
   * in plain letters (search/fold.ts: "dass" finds "daß"), while snippets are still cut from the
   * text as written. So the stemmed index keeps its text in a table of its own (external
   * content), and FTS5 highlights there by word position, which folding does not move. Its rows
   * are removed with the 'delete' command and the folded text they were indexed with (write.ts).
   * Never run FTS5's 'rebuild' on documents_fts: it would index the unfolded text, and every later
   * 'delete' would then remove words that are not there. Build it as below instead.
   */ `
  CREATE TABLE documents_text (
    doc INTEGER PRIMARY KEY,
    title TEXT, authors TEXT, recipients TEXT, people TEXT, places TEXT, topics TEXT, type TEXT,
    collections TEXT, summary TEXT, text TEXT, notes TEXT
  );
  INSERT INTO documents_text (doc, ${V4_COLUMNS.join(', ')}) SELECT rowid, ${V4_COLUMNS.join(', ')} FROM documents_fts;
  DROP TABLE documents_fts;
  CREATE VIRTUAL TABLE documents_fts USING fts5 (
    title, authors, recipients, people, places, topics, type, collections, summary, text, notes,
    tokenize = 'porter unicode61 remove_diacritics 2', content = 'documents_text', content_rowid = 'doc'
  );
  INSERT INTO documents_exact (documents_exact) VALUES ('delete-all');
  ${['documents_fts', 'documents_exact']
    .map((index) => `INSERT INTO ${index} (rowid, ${V4_COLUMNS.join(', ')}) SELECT doc, ${V4_COLUMNS.map((c) => `${FOLD_LETTERS_FN}(${c})`).join(', ')} FROM documents_text;`)
    .join('\n  ')}
  UPDATE entity_names SET names = ${FOLD_LETTERS_FN}(names) WHERE names <> ${FOLD_LETTERS_FN}(names);
  `,
  /*
   * 5: a document's number in its edition, and the edition (its first collection), in columns:
   * a collection lists numbered documents in that order (store/edition-order.ts), and reading
   * them from each document's JSON cost a parse of the whole document per row.
   */ `
  ALTER TABLE documents ADD COLUMN edition_number TEXT;
  ALTER TABLE documents ADD COLUMN edition_slug TEXT;
  UPDATE documents SET edition_number = json_extract(data, '$.number'), edition_slug = json_extract(data, '$.collections[0]')
    WHERE json_extract(data, '$.number') IS NOT NULL;
  `,
  /*
   * 6: the identifiers the public has lost (store/harvest.ts): a document made private again or
   * given another id. OAI-PMH reports each as deleted from then on, with the collections it was
   * public in, so a harvester that copied it takes it down.
   */ `
  CREATE TABLE withdrawals (
    id TEXT PRIMARY KEY,
    withdrawn_at TEXT NOT NULL,
    collections TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX withdrawals_by_datestamp ON withdrawals (withdrawn_at, id);
  -- A harvest pages through documents in datestamp order: derived, and indexed.
  ALTER TABLE documents ADD COLUMN datestamp TEXT GENERATED ALWAYS AS (${datestampSql('max')}) VIRTUAL;
  CREATE INDEX documents_by_datestamp ON documents (datestamp, id);
  `,
  /* 7: the accounts of the people who run the archive (archivum user …; domain/account.ts). */ `
  CREATE TABLE users (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('admin', 'editor')),
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    password_changed_at TEXT NOT NULL
  ) WITHOUT ROWID;
  `,
  /*
   * 8: what a document not yet public says of the people, places and collections it describes,
   * kept from their shared records until it is public (store/withheld.ts); the key that seals
   * search cursors.
   */ `
  CREATE TABLE withheld_descriptions (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    doc INTEGER NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,
    data TEXT NOT NULL,
    PRIMARY KEY (kind, id, doc)
  ) WITHOUT ROWID;
  CREATE INDEX withheld_descriptions_by_doc ON withheld_descriptions (doc);
  -- The archive's own key for what it hands out sealed (search cursors: result-shape.ts). Not
  -- an archive row: a copy of the archive makes its own.
  CREATE TABLE archive_secrets (name TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;
  INSERT INTO archive_secrets (name, value) VALUES ('cursor', randomblob(32));
  `,
  /*
   * 9: a reference or classification a footnote already holds is no longer indexed a second
   * time in the notes column (index-entry.ts noteTexts): a FRUS source note printed as note 1
   * counted each of its words twice. The rows of an archive written before are derived again.
   */ { sql: '', rebuildSearch: true },
  /*
   * 10: a collection's own texts (a FRUS volume's preface, sources, lists of names), as one JSON
   * text beside its description: collections are listed on every home page, and these run to
   * 150 KB a volume, read only on the collection's own pages.
   */ `
  ALTER TABLE collections ADD COLUMN sections TEXT;
  `,
];

/** Registers the SQL functions migrations and the writer rely on. */
export function registerIndexFunctions(db: Database): void {
  db.function(FOLD_LETTERS_FN, { deterministic: true }, (value: unknown) => (typeof value === 'string' ? foldLetters(value) : value));
}

/**
 * Brings the archive to this version's schema. `rebuildSearch` indexes every document again when
 * a pending step asks for it; it runs once, after the last step, so that it writes the
 * tables as this version knows them, and in the same transaction: an upgrade that fails midway
 * leaves the archive as it was.
 */
export function applyMigrations(db: Database, rebuildSearch: (db: Database) => void): number {
  registerIndexFunctions(db);
  const schemaNow = () => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > MIGRATIONS.length) {
      throw new Error(`This archive was written by a newer Archivum (schema ${version}; this version knows ${MIGRATIONS.length}).`);
    }
    return version;
  };
  if (schemaNow() === MIGRATIONS.length) return MIGRATIONS.length;
  // Another process may be upgrading the archive, which can take minutes: wait for it rather
  // than give up after the few seconds a commit normally takes.
  const busyTimeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma(`busy_timeout = ${UPGRADE_WAIT_MS}`);
  try {
    upgrade(db, schemaNow, rebuildSearch);
  } finally {
    db.pragma(`busy_timeout = ${busyTimeout}`);
  }
  return MIGRATIONS.length;
}

/** How long opening an archive that needs upgrading waits for another process's write lock. */
const UPGRADE_WAIT_MS = 30 * 60 * 1000;

function upgrade(db: Database, schemaNow: () => number, rebuildSearch: (db: Database) => void): void {
  db.transaction(() => {
    // Read again under the write lock: another process may have upgraded it while this one waited.
    const current = schemaNow();
    let rebuild = false;
    for (let version = current; version < MIGRATIONS.length; version++) {
      const migration = MIGRATIONS[version]!;
      db.exec(typeof migration === 'string' ? migration : migration.sql);
      if (typeof migration !== 'string') rebuild = true;
      db.pragma(`user_version = ${version + 1}`);
    }
    if (rebuild) rebuildSearch(db);
  }).immediate();
}
