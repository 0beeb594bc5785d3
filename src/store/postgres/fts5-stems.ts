import Database, { type Statement } from 'better-sqlite3';
import { SEARCH_COLUMNS } from '../index-entry.js';

/**
 * The SQLite store's tokenizers, borrowed: in-memory FTS5 tables configured as the SQLite
 * index's two (stemmed, exact) tell which tokens a text is indexed as. PostgreSQL then indexes,
 * matches and ranks exactly the tokens SQLite does, so both stores find the same documents and
 * score them alike (CONTRACT.md: same hits, same order). PostgreSQL's own parser and snowball
 * stemmer differ from unicode61 and porter on many words ("generalization": gener / general;
 * "½"; ligatures), which no configuration removes.
 */
class Fts5Tokenizer {
  private readonly db = new Database(':memory:');
  private readonly cache = new Map<string, string[]>();
  private readonly insert: Statement;
  private readonly instances: Statement;
  private readonly clear: Statement;

  constructor(tokenize: string) {
    const columns = SEARCH_COLUMNS.join(', ');
    this.db.exec(`CREATE VIRTUAL TABLE t USING fts5 (${columns}, tokenize = '${tokenize}', content = '');
      CREATE VIRTUAL TABLE t_instances USING fts5vocab (t, 'instance');`);
    this.insert = this.db.prepare(`INSERT INTO t (rowid, ${columns}) VALUES (1, ${SEARCH_COLUMNS.map(() => '?').join(', ')})`);
    this.instances = this.db.prepare('SELECT col, "offset", term FROM t_instances').raw();
    this.clear = this.db.prepare(`INSERT INTO t (t) VALUES ('delete-all')`);
  }

  /** Each column's tokens in order, columns in SEARCH_COLUMNS order. */
  columns(values: readonly string[]): string[][] {
    this.insert.run(...values);
    const rows = this.instances.all() as [string, number, string][];
    this.clear.run();
    const out = SEARCH_COLUMNS.map((): string[] => []);
    const index = new Map<string, number>(SEARCH_COLUMNS.map((c, i) => [c, i]));
    for (const [col, offset, term] of rows) out[index.get(col)!]![offset] = term;
    return out;
  }

  /** The tokens of a query word or phrase (cached: a server meets the same words again and again). */
  tokens(text: string): string[] {
    let tokens = this.cache.get(text);
    if (!tokens) {
      if (this.cache.size > 100_000) this.cache.clear();
      tokens = this.columns([text, ...SEARCH_COLUMNS.slice(1).map(() => '')])[0]!;
      this.cache.set(text, tokens);
    }
    return tokens;
  }
}

let stemmed: Fts5Tokenizer | undefined;
let exact: Fts5Tokenizer | undefined;

/** One pair of tokenizers per process: the stemmed index's and the exact one's (sqlite/migrations.ts). */
function tokenizers(): { stemmed: Fts5Tokenizer; exact: Fts5Tokenizer } {
  stemmed ??= new Fts5Tokenizer('porter unicode61 remove_diacritics 2');
  exact ??= new Fts5Tokenizer('unicode61 remove_diacritics 2');
  return { stemmed, exact };
}

/** A document's tokens per column, as SQLite's stemmed and exact indexes hold them. */
export function fts5ColumnTokens(values: readonly string[]): { stems: string[][]; words: string[][] } {
  const t = tokenizers();
  return { stems: t.stemmed.columns(values), words: t.exact.columns(values) };
}

/** The stemmed tokens of query words (a prefix is stemmed too, as FTS5 does). */
export function fts5Stems(words: readonly string[]): string[] {
  const t = tokenizers();
  return words.flatMap((w) => t.stemmed.tokens(w));
}

/** The exact tokens of query words. */
export function fts5Words(words: readonly string[]): string[] {
  const t = tokenizers();
  return words.flatMap((w) => t.exact.tokens(w));
}
