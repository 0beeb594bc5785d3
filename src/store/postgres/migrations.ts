import type { Pool, PoolClient } from 'pg';
import { SEARCH_COLUMNS, type SearchColumn } from '../index-entry.js';
import { datestampSql } from '../harvest.js';

/** Stemmed (English, accents folded, no stop words) and exact (unstemmed) text search configurations. */
export const STEMMED = 'archivum_english';
export const EXACT = 'archivum_simple';

/** tsvector columns of document_search: s_<column> stemmed, e_<column> exact, per SEARCH_COLUMNS. */
export const stemmedColumn = (c: SearchColumn) => `s_${c}`;
export const exactColumn = (c: SearchColumn) => `e_${c}`;


const TOKEN_TYPES = 'asciiword, word, numword, asciihword, hword, numhword, hword_asciipart, hword_part, hword_numpart';

/**
 * Versioned schema, applied in order on open; schema_migrations records what ran. Text columns
 * use the C collation so ids, dates and folded names sort byte by byte, as they do in SQLite.
 * Document and entity data are `json`, not `jsonb`: json keeps the text as written, so objects
 * come back with their keys in the order SQLite returns them (answers are identical, byte for
 * byte); nothing queries inside them beyond a key or two.
 */
export interface Migration {
  sql: string;
  /** Every document's links, facets and full-text row, the vocabulary and the names index must be built again (by the caller's rebuildSearchRows). */
  rebuildSearch?: boolean;
}

export const MIGRATIONS: readonly Migration[] = [
  /* 1: text search configurations, documents, authorities, links, facets, full text, vocabulary, names */ { sql: `
  CREATE EXTENSION IF NOT EXISTS unaccent;
  -- A snowball English stemmer without a stop word list: SQLite's porter index keeps "the" and
  -- "of", so a query of such words (or a phrase holding them) finds the same documents here.
  CREATE TEXT SEARCH DICTIONARY archivum_english_stem (TEMPLATE = snowball, Language = english);
  CREATE TEXT SEARCH CONFIGURATION ${STEMMED} (COPY = simple);
  ALTER TEXT SEARCH CONFIGURATION ${STEMMED} ALTER MAPPING FOR ${TOKEN_TYPES} WITH unaccent, archivum_english_stem;
  CREATE TEXT SEARCH CONFIGURATION ${EXACT} (COPY = simple);
  ALTER TEXT SEARCH CONFIGURATION ${EXACT} ALTER MAPPING FOR ${TOKEN_TYPES} WITH unaccent, simple;

  CREATE TABLE documents (
    rowid integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id text COLLATE "C" NOT NULL UNIQUE,
    source_id text COLLATE "C" NOT NULL UNIQUE,
    title text NOT NULL,
    type text,
    date_start text COLLATE "C",
    date_end text COLLATE "C",
    status text NOT NULL CHECK (status IN ('draft', 'published', 'embargoed')),
    -- NULL: never public (draft); '': always; else the first day it is public (embargo end).
    public_from text COLLATE "C",
    uploaded_at text COLLATE "C",
    created_at text COLLATE "C" NOT NULL,
    updated_at text COLLATE "C" NOT NULL,
    checksum text NOT NULL,
    data json NOT NULL
  );
  CREATE INDEX documents_by_date ON documents (date_start, id);
  CREATE INDEX documents_by_public_from ON documents (public_from);
  CREATE INDEX documents_by_upload ON documents (uploaded_at, created_at);

  CREATE TABLE people (id text COLLATE "C" PRIMARY KEY, name text NOT NULL, name_folded text COLLATE "C" NOT NULL, data json NOT NULL);
  CREATE TABLE places (id text COLLATE "C" PRIMARY KEY, name text NOT NULL, name_folded text COLLATE "C" NOT NULL, lat double precision, lon double precision, data json NOT NULL);
  CREATE TABLE topics (id text COLLATE "C" PRIMARY KEY, name text NOT NULL, name_folded text COLLATE "C" NOT NULL);
  CREATE TABLE collections (
    slug text COLLATE "C" PRIMARY KEY,
    title text COLLATE "C" NOT NULL,
    parent text COLLATE "C",
    position double precision,
    data json NOT NULL
  );
  CREATE INDEX collections_by_parent ON collections (parent, position);

  -- What a document cites: role is author, recipient, person, place, topic, collection or reference.
  CREATE TABLE document_links (
    doc integer NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,
    role text COLLATE "C" NOT NULL,
    target text COLLATE "C" NOT NULL,
    position integer NOT NULL,
    PRIMARY KEY (doc, role, target)
  );
  CREATE INDEX document_links_by_target ON document_links (target, role, doc);

  CREATE TABLE document_facets (
    doc integer NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,
    facet text COLLATE "C" NOT NULL,
    key text COLLATE "C" NOT NULL,
    value text COLLATE "C" NOT NULL,
    folded text COLLATE "C" NOT NULL,
    PRIMARY KEY (doc, facet, key)
  );
  CREATE INDEX document_facets_by_key ON document_facets (facet, key, doc);
  CREATE INDEX document_facets_by_folded ON document_facets (facet, folded, doc);

  -- Full text, one row per document: per column a stemmed vector (fielded words) and an exact
  -- one (quoted phrases, prefixes); fts, all stemmed columns weighted, for unfielded words and
  -- ranking; the texts snippets are cut from; the distinct words, for the vocabulary.
  CREATE TABLE document_search (
    doc integer PRIMARY KEY REFERENCES documents (rowid) ON DELETE CASCADE,
    ${SEARCH_COLUMNS.map((c) => `${stemmedColumn(c)} tsvector NOT NULL, ${exactColumn(c)} tsvector NOT NULL`).join(',\n    ')},
    fts tsvector NOT NULL,
    exact tsvector NOT NULL,
    head_text text NOT NULL,
    head_summary text NOT NULL,
    head_other text NOT NULL,
    words text[] NOT NULL
  );
  ${SEARCH_COLUMNS.map((c) => `CREATE INDEX document_search_${stemmedColumn(c)} ON document_search USING gin (${stemmedColumn(c)});
  CREATE INDEX document_search_${exactColumn(c)} ON document_search USING gin (${exactColumn(c)});`).join('\n  ')}
  CREATE INDEX document_search_fts ON document_search USING gin (fts);
  CREATE INDEX document_search_exact ON document_search USING gin (exact);

  -- Document frequency of every unstemmed word, kept up to date on write: spelling tolerance
  -- asks for a few hundred candidate words at once, which a primary-key lookup answers cheaply.
  CREATE TABLE vocabulary (word text COLLATE "C" PRIMARY KEY, docs integer NOT NULL);

  -- Every spelling of every person and place: a query word that names one in another spelling
  -- also asks for the documents that cite it (see search/names.ts).
  CREATE TABLE entity_names (
    kind text COLLATE "C" NOT NULL,
    id text COLLATE "C" NOT NULL,
    names text NOT NULL,
    tsv tsvector NOT NULL,
    PRIMARY KEY (kind, id)
  );
  CREATE INDEX entity_names_tsv ON entity_names USING gin (tsv);
  ` },
  /*
   * 2: the tokens and the statistics of SQLite's index. Vectors now hold FTS5's tokens
   * (fts5-stems.ts), each row the numbers bm25 scores it by (rank.ts) and its words in order
   * (phrases): both stores find and order the same documents.
   */ {
    sql: `
  ALTER TABLE document_search
    ADD COLUMN length integer NOT NULL DEFAULT 0,
    ADD COLUMN terms jsonb NOT NULL DEFAULT '{}',
    ADD COLUMN column_terms jsonb NOT NULL DEFAULT '{}',
    -- Each column's words in order, a line per column: where a quoted phrase is checked (tsquery.ts).
    ADD COLUMN words_text text NOT NULL DEFAULT '';
  `,
    rebuildSearch: true,
  },
  /*
   * 3: the tokens of the letters FTS5 cannot fold, spelled in plain letters (search/fold.ts:
   * "dass" finds "daß"), in the rows, the vocabulary and the names index, as SQLite's migration 4.
   */ {
    sql: '',
    rebuildSearch: true,
  },
  /*
   * 4: a document's number in its edition, and the edition (its first collection), as columns a
   * collection is listed by (store/edition-order.ts); derived from the JSON by PostgreSQL itself,
   * so every way a row is written fills them alike.
   */ {
    sql: `
  ALTER TABLE documents
    ADD COLUMN edition_number text COLLATE "C" GENERATED ALWAYS AS (data->>'number') STORED,
    ADD COLUMN edition_slug text COLLATE "C" GENERATED ALWAYS AS (CASE WHEN data->>'number' IS NOT NULL THEN data->'collections'->>0 END) STORED;
  `,
  },
  /* 5: the identifiers the public has lost, as SQLite's migration 6 (store/harvest.ts). */ {
    sql: `
  CREATE TABLE withdrawals (
    id text COLLATE "C" PRIMARY KEY,
    withdrawn_at text COLLATE "C" NOT NULL,
    collections text NOT NULL
  );
  CREATE INDEX withdrawals_by_datestamp ON withdrawals (withdrawn_at, id);
  CREATE INDEX documents_by_datestamp ON documents ((${datestampSql('GREATEST')}), id);
  `,
  },
  /* 6: accounts, as SQLite's migration 7. */ {
    sql: `
  CREATE TABLE users (
    name text COLLATE "C" PRIMARY KEY,
    role text NOT NULL CHECK (role IN ('admin', 'editor')),
    password_hash text NOT NULL,
    created_at text NOT NULL,
    password_changed_at text NOT NULL
  );
  `,
  },
  /* 7: withheld descriptions and the cursor key, as SQLite's migration 8. */ {
    sql: `
  CREATE TABLE withheld_descriptions (
    kind text COLLATE "C" NOT NULL,
    id text COLLATE "C" NOT NULL,
    doc integer NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,
    data text NOT NULL,
    PRIMARY KEY (kind, id, doc)
  );
  CREATE INDEX withheld_descriptions_by_doc ON withheld_descriptions (doc);
  -- 244 random bits from two version-4 UUIDs (built in since PostgreSQL 13; no extension needed).
  CREATE TABLE archive_secrets (name text COLLATE "C" PRIMARY KEY, value bytea NOT NULL);
  INSERT INTO archive_secrets (name, value) VALUES ('cursor', decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'));
  `,
  },
  /*
   * 8: a reference or classification a footnote already holds is indexed once, as SQLite's
   * migration 9: the rows of an archive written before are derived again.
   */ {
    sql: '',
    rebuildSearch: true,
  },
  /* 9: a collection's own texts, as SQLite's migration 10. */ {
    sql: `ALTER TABLE collections ADD COLUMN sections json;`,
  },
];

/** Any constant both instances agree on: the key of the advisory lock migrations run under. */
const MIGRATION_LOCK = 4_271_966_605;

/**
 * Applies what is missing under a session advisory lock, so two instances starting together
 * take turns: the second finds the first's versions recorded and applies nothing.
 */
export async function applyMigrations(pool: Pool, rebuildSearch: (client: PoolClient) => Promise<void>): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
      const current = rows[0]?.v ?? 0;
      if (current > MIGRATIONS.length) {
        throw new Error(`This archive was written by a newer Archivum (schema ${current}; this version knows ${MIGRATIONS.length}).`);
      }
      for (let version = current; version < MIGRATIONS.length; version++) {
        await client.query('BEGIN');
        try {
          const migration = MIGRATIONS[version]!;
          if (migration.sql) await client.query(migration.sql);
          if (migration.rebuildSearch) await rebuildSearch(client);
          await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version + 1]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
  return MIGRATIONS.length;
}
