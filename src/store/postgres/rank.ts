import { COLUMN_WEIGHTS, SEARCH_COLUMNS, type SearchColumn } from '../index-entry.js';
import type { RankTerm } from '../rank-terms.js';
import { fts5Stems } from './fts5-stems.js';
import { type Db, Params } from './sql.js';
import { compileStemmed, stemmedCondition } from './tsquery.js';

/**
 * FTS5's bm25, computed by PostgreSQL from the same numbers FTS5 keeps: the CONTRACT wants the
 * same order from both stores, and ts_rank is another function altogether. For each phrase i of
 * the query, over every row of the index (drafts too, as in FTS5):
 *
 *   idf_i  = ln((N - hits_i + 0.5) / (hits_i + 0.5)), or 1e-6 when that is not positive
 *   f_i    = Σ over the row's occurrences of the phrase of its column's weight
 *   score  = -1 × Σ_i idf_i × (f_i × (k1 + 1)) / (f_i + k1 × (1 - b + b × D / avgdl))
 *
 * with D the row's length in tokens and avgdl the mean length (sqlite/ext/fts5/fts5_aux.c).
 * Every operation runs in float8 in the order FTS5's C code runs it, and ln is the same libm
 * log, so equal inputs give bit-equal scores and the sort never depends on the store.
 */
const K1 = 1.2;
const B = 0.75;

export interface TermStatistics {
  /** Tokens in all columns. */
  length: number;
  /** Per stem, its weighted count over all columns (f of an unfielded word). */
  terms: Record<string, number>;
  /** Per column, per stem, its count (f of a fielded word is a weighted sum of these). */
  columnTerms: Partial<Record<SearchColumn, Record<string, number>>>;
}

/** The statistics of a row from its stems, column by column in SEARCH_COLUMNS order. */
export function termStatistics(stems: string[][]): TermStatistics {
  const stats: TermStatistics = { length: 0, terms: Object.create(null) as Record<string, number>, columnTerms: {} };
  SEARCH_COLUMNS.forEach((column, i) => {
    const tokens = stems[i]!;
    if (!tokens.length) return;
    const counts = Object.create(null) as Record<string, number>;
    for (const t of tokens) {
      counts[t] = (counts[t] ?? 0) + 1;
      stats.terms[t] = (stats.terms[t] ?? 0) + COLUMN_WEIGHTS[column];
    }
    stats.columnTerms[column] = counts;
    stats.length += tokens.length;
  });
  return stats;
}

/**
 * The bm25 expression of a search over alias `s`, parameters in `q`; null when there is nothing
 * to score by.
 */
export async function bm25Expression(db: Db, terms: RankTerm[], q: Params): Promise<string | null> {
  if (terms.length === 0) return null;
  const totals = (await db.query<{ n: string; total: string }>('SELECT count(*) AS n, coalesce(sum(length), 0) AS total FROM document_search')).rows[0]!;
  const rows = Number(totals.n);
  if (rows === 0) return null;
  const avgdl = Number(totals.total) / rows;
  const addends: string[] = [];
  for (const term of terms) {
    const h = new Params();
    // The rows holding the word, as FTS5 matches it: what its hit count counts.
    const condition = stemmedCondition([term.word], term.prefix, term.columns, h);
    const n = h.add(rows);
    const idf = (
      await db.query<{ idf: number }>(
        `SELECT CASE WHEN x <= 0 THEN 1e-6::float8 ELSE x END AS idf
         FROM (SELECT ln((((${n})::bigint - count(*))::float8 + 0.5::float8) / (count(*)::float8 + 0.5::float8)) AS x FROM document_search s WHERE ${condition}) t`,
        h.values,
      )
    ).rows[0]!.idf;
    const counted = frequency(term, q);
    if (!counted) continue;
    const f = term.within.length ? `(CASE WHEN ${term.within.map((group) => compileStemmed(group, q)).join(' AND ')} THEN ${counted} ELSE 0::float8 END)` : counted;
    addends.push(
      `${q.add(idf)}::float8 * ((${f} * ${q.add(K1 + 1.0)}::float8) / (${f} + ${q.add(K1)}::float8 * (${q.add(1 - B)}::float8 + ${q.add(B)}::float8 * s.length::float8 / ${q.add(avgdl)}::float8)))`,
    );
  }
  if (!addends.length) return null;
  return `(-1::float8 * (0::float8 + ${addends.join(' + ')}))`;
}

/** f of a word (or prefix) in the current row, from its statistics; null when it has no token. */
function frequency(term: RankTerm, q: Params): string | null {
  const stems = fts5Stems([term.word]);
  if (!stems.length) return null;
  // A query word FTS5 splits in two ("u.s") is a phrase to it, which these statistics do not
  // count; the rarer part bounds it.
  if (stems.length > 1) return `least(${stems.map((stem) => wordFrequency(stem, false, term.columns, q)).join(', ')})`;
  return wordFrequency(stems[0]!, term.prefix, term.columns, q);
}

function wordFrequency(stem: string, prefix: boolean, columns: readonly SearchColumn[] | null, q: Params): string {
  const key = q.add(stem);
  const count = (map: string): string =>
    prefix
      ? `(SELECT coalesce(sum(e.value::float8), 0::float8) FROM jsonb_each_text(${map}) e WHERE starts_with(e.key, ${key}))`
      : `coalesce((${map} ->> ${key})::float8, 0::float8)`;
  if (!columns) return count('s.terms');
  return `(${columns.map((c) => `${count(`(s.column_terms -> '${c}')`)} * ${COLUMN_WEIGHTS[c]}::float8`).join(' + ')})`;
}
