import { foldText } from '../../search/fold.js';
import { type FacetName, type SearchHit, type SearchRequest, type SearchResult } from '../../search/request.js';
import { MARK_END, MARK_START } from '../../search/snippet.js';
import type { ScopeRequest, Viewer } from '../types.js';
import { STEMMED } from './migrations.js';
import { unshieldMarkup } from './snippet-text.js';
import type { Db } from './sql.js';
import { Params } from './sql.js';
import { compileCondition, compileStemmed, rankingQuery } from './tsquery.js';
import { bm25Expression } from './rank.js';
import { rankTerms, type RankTerm } from '../rank-terms.js';
import { visibleClause } from './visibility.js';
import { type CursorCodec, cursorScope, emptyFacets, type FacetCountRow, facetsFromCounts, type SortValue, toSearchHit } from '../result-shape.js';

/** How much more a document counts when all the query's words are in its title or its correspondents. */
const HEADLINE_BOOST = 2;
const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=35, MinWords=15, ShortWord=0, MaxFragments=1, FragmentDelimiter=" … "`;

/** The documents a search selects: `FROM … WHERE …` over alias d (and s when ranked), parameters in `p`. */
export interface SearchScope {
  base: string;
  /** The tsquery text of the words to highlight by (rankingQuery), when there are any. */
  words: string | null;
  /** The phrases bm25 scores by, as the SQLite store's stemmed MATCH holds them. */
  rank: RankTerm[];
}

/**
 * Builds the one WHERE clause of a search (full text, date ranges, facet filters, visibility).
 * The count, the page of hits, the facet counts, a timeline or a network all use it, so they
 * always agree.
 */
export function searchScope(request: ScopeRequest, viewer: Viewer, p: Params): SearchScope {
  const where: string[] = [visibleClause(viewer, p)];
  let from = 'documents d';
  let words: string | null = null;
  let rank: RankTerm[] = [];
  if (request.query.root) {
    from = 'documents d JOIN document_search s ON s.doc = d.rowid';
    where.push(compileCondition(request.query.root, p));
    words = rankingQuery(request.query.root);
    rank = rankTerms(request.query.root);
  }
  const ranges = [...request.query.dateRanges, ...(request.from || request.to ? [{ from: request.from, to: request.to }] : [])];
  // A date known only by its end stands at that end (as in the SQLite store's search).
  for (const range of ranges) {
    where.push('d.date_end IS NOT NULL');
    if (range.from) where.push(`d.date_end >= ${p.add(range.from)}`);
    if (range.to) where.push(`coalesce(d.date_start, d.date_end) <= ${p.add(range.to)}`);
  }
  for (const [facet, values] of Object.entries(request.filters) as [FacetName, string[]][]) {
    if (!values.length) continue;
    where.push(
      `EXISTS (SELECT 1 FROM document_facets x WHERE x.doc = d.rowid AND x.facet = ${p.add(facet)} AND (x.key = ANY(${p.add(values)}::text[]) OR x.folded = ANY(${p.add(values.map(foldText))}::text[])))`,
    );
  }
  // Only the scope's own parameters go into `p`: the count and the facets run `base` alone.
  return { base: `FROM ${from} WHERE ${where.join(' AND ')}`, words, rank };
}

/**
 * The query's positive words, all required in the title, authors or recipients: a document
 * whose headline answers the whole query is what a researcher expects first.
 */
function headlineCondition(request: Pick<SearchRequest, 'query'>, p: Params): string | null {
  const root = request.query.root;
  if (!root) return null;
  const parts = (root.kind === 'and' ? root.children : [root]).filter((n) => n.kind !== 'not');
  if (parts.length === 0 || parts.some((n) => (n.kind === 'term' || n.kind === 'phrase') && n.field)) return null;
  return compileStemmed(parts.length === 1 ? parts[0]! : { kind: 'and', children: parts }, p, ['title', 'authors', 'recipients']);
}

interface SortKey {
  expr: string;
  descending: boolean;
}

/** Runs a search: total, one page of hits with snippets, and facet counts over the whole result. */
export async function searchPostgres(db: Db, request: SearchRequest, viewer: Viewer, cursors: CursorCodec): Promise<SearchResult> {
  const p = new Params();
  const scope = searchScope(request, viewer, p);
  // The page query: the scope's parameters, then those of its sort keys and keyset.
  const q = new Params();
  q.values.push(...p.values);
  // Relevance needs something to score by; a query of exclusions only is sorted by date (as in SQLite).
  const bm25 = request.sort === 'relevance' && scope.rank.length ? await bm25Expression(db, scope.rank, q) : null;
  const sort = request.sort === 'relevance' && !bm25 ? 'date' : request.sort;
  const keys: SortKey[] = [];
  if (sort === 'relevance') {
    const boost = headlineCondition(request, q);
    // bm25 is negative, smaller first, as in SQLite; float8 so a cursor's value round-trips
    // exactly through JSON.
    keys.push({
      expr: `(${bm25}${boost ? ` * (CASE WHEN ${boost} THEN ${HEADLINE_BOOST}::float8 ELSE 1::float8 END)` : ''})`,
      descending: false,
    });
    keys.push({ expr: 'd.id', descending: false });
  } else {
    keys.push({ expr: '(CASE WHEN coalesce(d.date_start, d.date_end) IS NULL THEN 1 ELSE 0 END)', descending: false });
    keys.push({ expr: "coalesce(d.date_start, d.date_end, '')", descending: sort === '-date' });
    keys.push({ expr: 'd.id', descending: false });
  }

  const { base } = scope;
  const total = (await db.query<{ n: number }>(`SELECT count(*)::int AS n ${base}`, p.values)).rows[0]!.n;
  const after = request.cursor ? cursors.decode(cursorScope(request), request.cursor, sort, keys.length) : null;
  const offset = after ? 0 : (request.page - 1) * request.size;
  let pageRows: ({ rowid: number } & Record<string, SortValue>)[] = [];
  if (request.size > 0 && offset < total) {
    const keyset = after ? `WHERE ${keysetCondition(keys, after, q)}` : '';
    const columns = keys.map((k, i) => `${k.expr} AS k${i}`).join(', ');
    const sql = `SELECT rowid, ${keys.map((_, i) => `k${i}`).join(', ')} FROM (SELECT d.rowid AS rowid, ${columns} ${base}) page ${keyset}
      ORDER BY ${keys.map((k, i) => `k${i}${k.descending ? ' DESC' : ''}`).join(', ')} LIMIT ${q.add(request.size)} OFFSET ${q.add(offset)}`;
    pageRows = (await db.query<{ rowid: number } & Record<string, SortValue>>(sql, q.values)).rows;
  }
  const hits = await hitsFor(db, pageRows.map((r) => r.rowid), scope.words);
  // facetLimit=0 asks for no facets at all: paging through results need not count them each time.
  const facets = total > 0 && request.facetLimit > 0 ? await facetCounts(db, base, p.values, request.facetLimit, request.facetMatch) : emptyFacets();
  const result: SearchResult = { total, page: request.page, size: request.size, hits, facets };
  const last = pageRows.at(-1);
  if (last && pageRows.length === request.size && (after !== null || offset + pageRows.length < total)) {
    result.nextCursor = cursors.encode(cursorScope(request), sort, keys.map((_, i) => last[`k${i}`]!));
  }
  return result;
}

/** Rows strictly after the cursor's, in the sort order: (k0 > a) OR (k0 = a AND (k1 > b OR …)). */
function keysetCondition(keys: SortKey[], values: SortValue[], p: Params, i = 0): string {
  const op = keys[i]!.descending ? '<' : '>';
  if (i === keys.length - 1) return `k${i} ${op} ${p.add(values[i])}`;
  const value = p.add(values[i]);
  return `(k${i} ${op} ${value} OR (k${i} = ${value} AND ${keysetCondition(keys, values, p, i + 1)}))`;
}

interface HitRow {
  rowid: number;
  id: string;
  title: string;
  type: string | null;
  date: SearchHit['date'];
  lead: string | null;
}

/**
 * Titles, dates and snippets for one page of hits, in the page's order. Readers want the match
 * in the document's own words: the text first, then the description/summary, then the rest.
 */
async function hitsFor(db: Db, rowids: number[], words: string | null): Promise<SearchHit[]> {
  if (rowids.length === 0) return [];
  const rows = (
    await db.query<HitRow>(
      `SELECT d.rowid, d.id, d.title, d.type, d.data->'date' AS date,
         coalesce(d.data->>'description', d.data->>'summary', substr(d.data->>'text', 1, 400)) AS lead
       FROM documents d WHERE d.rowid = ANY($1::int[])`,
      [rowids],
    )
  ).rows;
  const snippets = new Map<number, string>();
  if (words) {
    const headline = (column: string) => `ts_headline('${STEMMED}', s.${column}, q.q, $3)`;
    const found = await db.query<{ doc: number; t: string; m: string; o: string }>(
      `SELECT s.doc, ${headline('head_text')} AS t, ${headline('head_summary')} AS m, ${headline('head_other')} AS o
       FROM document_search s, (SELECT to_tsquery('${STEMMED}', $2) AS q) q WHERE s.doc = ANY($1::int[])`,
      [rowids, words, HEADLINE_OPTIONS],
    );
    for (const r of found.rows) {
      const best = [r.t, r.m, r.o].find((t) => t && t.includes(MARK_START));
      if (best) snippets.set(r.doc, best);
    }
  }
  const byRowid = new Map(rows.map((r) => [r.rowid, r]));
  return rowids.map((rowid) => {
    const r = byRowid.get(rowid)!;
    const snippet = snippets.get(rowid);
    return toSearchHit(r, snippet ? unshieldMarkup(snippet) : undefined);
  });
}

async function facetCounts(db: Db, base: string, params: unknown[], limit: number, match: SearchRequest['facetMatch']): Promise<SearchResult['facets']> {
  const rows = (
    await db.query<FacetCountRow>(
      `SELECT x.facet, x.key, min(x.value) AS value, count(*)::int AS n FROM document_facets x
       WHERE x.doc IN (SELECT d.rowid ${base}) GROUP BY x.facet, x.key`,
      params,
    )
  ).rows;
  return facetsFromCounts(rows, limit, match);
}

