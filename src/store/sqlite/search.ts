import type { Database } from 'better-sqlite3';
import { type QueryNode, QuerySyntaxError } from '../../search/ast.js';
import { foldText } from '../../search/fold.js';
import { type FacetName, type SearchHit, type SearchRequest, type SearchResult } from '../../search/request.js';
import { MARK_END, MARK_START } from '../../search/snippet.js';
import { COLUMN_WEIGHTS, SEARCH_COLUMNS } from '../index-entry.js';
import type { Viewer } from '../types.js';
import { compileFtsQuery } from './fts-query.js';
import { holdsPhrase, stemmedParts } from '../rank-terms.js';
import { visibleClause } from './visibility.js';
import { type CursorCodec, cursorScope, emptyFacets, type SortValue, toSearchHit } from '../result-shape.js';
import type { FacetCounter } from './facet-counter.js';

const BM25 = `bm25(documents_fts, ${SEARCH_COLUMNS.map((c) => COLUMN_WEIGHTS[c]).join(', ')})`;
const snippetOf = (column: number) => `snippet(documents_fts, ${column}, '${MARK_START}', '${MARK_END}', '…', 28)`;
/**
 * Readers want to see the match in the document's own words: the text first, then the
 * description/summary, and only then whichever column matched (a name list, a title).
 */
const SNIPPET = `CASE
  WHEN instr(${snippetOf(SEARCH_COLUMNS.indexOf('text'))}, '${MARK_START}') > 0 THEN ${snippetOf(SEARCH_COLUMNS.indexOf('text'))}
  WHEN instr(${snippetOf(SEARCH_COLUMNS.indexOf('summary'))}, '${MARK_START}') > 0 THEN ${snippetOf(SEARCH_COLUMNS.indexOf('summary'))}
  ELSE ${snippetOf(-1)} END`;

interface HitRow {
  id: string;
  title: string;
  type: string | null;
  date: string;
  lead: string | null;
}

/** The documents a search selects: `FROM … WHERE …` and its parameters, usable as a subquery. */
export interface SearchScope {
  base: string;
  params: unknown[];
  /** Whether the scope joins the full-text table (so bm25() and snippet() are available). */
  ranked: boolean;
  /** The MATCH expression of a ranked scope, for the snippets of a page of hits. */
  match?: string;
}

/**
 * Builds the one WHERE clause of a search (full text, date ranges, facet filters, visibility).
 * The count, the page of hits, the facet counts — and anything else that summarizes a result
 * set, like a timeline or a network — all use it, so they always agree.
 */
export function searchScope(request: Pick<SearchRequest, 'query' | 'filters' | 'from' | 'to'>, viewer: Viewer): SearchScope {
  const vis = visibleClause(viewer);
  const where: string[] = [vis.sql];
  const params: unknown[] = [...vis.params];
  let from = 'documents d';
  let ranked = false;
  let match: string | undefined;

  if (request.query.root) {
    const parts = request.query.root.kind === 'and' ? request.query.root.children : [request.query.root];
    // Quoted words must match exactly: the unstemmed index decides; the stemmed one still ranks.
    for (const part of parts) {
      if (!holdsPhrase(part)) continue;
      where.push(exactCheck(part, params));
    }
    // Phrases count word by word in the stemmed match (the exact index has checked them whole),
    // so bm25 scores single words, which the PostgreSQL store can score identically.
    const stemmed = stemmedParts(request.query.root);
    const { positive, negative } =
      stemmed.length === 0 ? { positive: null, negative: null } : compileFtsQuery(stemmed.length === 1 ? stemmed[0]! : { kind: 'and', children: stemmed });
    if (positive) {
      // Through the narrow index (migration 3): the planner would read the wide rows.
      from = 'documents_fts JOIN documents d INDEXED BY documents_scope ON d.rowid = documents_fts.rowid';
      where.unshift('documents_fts MATCH ?');
      match = negative ? `(${positive}) NOT (${negative})` : positive;
      params.unshift(match);
      ranked = true;
    } else if (negative) {
      where.push('d.rowid NOT IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)');
      params.push(negative);
    }
  }

  const ranges = [...request.query.dateRanges, ...(request.from || request.to ? [{ from: request.from, to: request.to }] : [])];
  // A date known only by its end ("before 18 July 1541", "received 5 October 1895") stands at
  // that end: without it the letter would fall out of every date search.
  for (const range of ranges) {
    where.push('d.date_end IS NOT NULL');
    if (range.from) {
      where.push('d.date_end >= ?');
      params.push(range.from);
    }
    if (range.to) {
      where.push('coalesce(d.date_start, d.date_end) <= ?');
      params.push(range.to);
    }
  }

  for (const [facet, values] of Object.entries(request.filters) as [FacetName, string[]][]) {
    if (!values.length) continue;
    const list = values.map(() => '?').join(', ');
    where.push(
      `EXISTS (SELECT 1 FROM document_facets x WHERE x.doc = d.rowid AND x.facet = ? AND (x.key IN (${list}) OR x.folded IN (${list})))`,
    );
    params.push(facet, ...values, ...values.map(foldText));
  }
  const scope: SearchScope = { base: `FROM ${from} WHERE ${where.join(' AND ')}`, params, ranked };
  if (match) scope.match = match;
  return scope;
}

/**
 * A part of the query that holds a quoted phrase, as a condition on d.rowid: phrases on the
 * exact index, other words on the stemmed one, combined as the query combines them.
 */
function exactCheck(node: QueryNode, params: unknown[]): string {
  switch (node.kind) {
    case 'phrase':
      params.push(compileFtsQuery(node).positive);
      return 'd.rowid IN (SELECT rowid FROM documents_exact WHERE documents_exact MATCH ?)';
    case 'term':
      params.push(compileFtsQuery(node).positive);
      return 'd.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)';
    case 'not':
      return `NOT (${exactCheck(node.child, params)})`;
    case 'and':
    case 'or':
      return `(${node.children.map((c) => exactCheck(c, params)).join(node.kind === 'and' ? ' AND ' : ' OR ')})`;
  }
}

/** How much more a document counts when all the query's words are in its title or its correspondents. */
const HEADLINE_BOOST = 2;

/**
 * The query's positive words, all required in the title, authors or recipients. bm25 in FTS5
 * normalizes by the length of the whole document, so a long report titled with the very words
 * asked for loses to short memos that mention them; a document whose headline answers the whole
 * query is what a researcher expects first.
 */
function headlineBoost(request: Pick<SearchRequest, 'query'>): string | null {
  const root = request.query.root;
  if (!root) return null;
  const parts = (root.kind === 'and' ? root.children : [root]).filter((p) => p.kind !== 'not');
  if (parts.length === 0 || parts.some((p) => (p.kind === 'term' || p.kind === 'phrase') && p.field)) return null;
  const { positive } = compileFtsQuery(parts.length === 1 ? parts[0]! : { kind: 'and', children: parts });
  return positive ? `{title authors recipients} : (${positive})` : null;
}

/** Runs a search: total, one page of hits with snippets, and facet counts over the whole result. */
export function searchSqlite(db: Database, request: SearchRequest, viewer: Viewer, facetCounter: FacetCounter, cursors: CursorCodec): SearchResult {
  const scope = searchScope(request, viewer);
  const { base, params, ranked } = scope;
  const sort = request.sort === 'relevance' && !ranked ? 'date' : request.sort;
  const boost = sort === 'relevance' ? headlineBoost(request) : null;
  const keys: SortKey[] =
    sort === 'relevance'
      ? [
          { expr: `${BM25}${boost ? ` * (CASE WHEN documents_fts.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?) THEN ${HEADLINE_BOOST} ELSE 1 END)` : ''}`, descending: false },
          { expr: 'd.id', descending: false },
        ]
      : [
          // A date known only by its end sorts at that end, as it is found there (searchScope).
          { expr: '(coalesce(d.date_start, d.date_end) IS NULL)', descending: false },
          { expr: "coalesce(d.date_start, d.date_end, '')", descending: sort === '-date' },
          { expr: 'd.id', descending: false },
        ];

  try {
    // With facets, the matching rows are read once: their number is the total, and the facet
    // counter counts their values in memory. Without, a count is all that is needed.
    const matching = request.facetLimit > 0 ? (db.prepare(`SELECT d.rowid ${base}`).pluck().all(...params) as number[]) : null;
    const total = matching ? matching.length : (db.prepare(`SELECT count(*) AS n ${base}`).get(...params) as { n: number }).n;
    const after = request.cursor ? cursors.decode(cursorScope(request), request.cursor, sort, keys.length) : null;
    const offset = after ? 0 : (request.page - 1) * request.size;
    // First the order alone, over every match; only the page's rows then get titles and snippets
    // (computing snippets before sorting would make one for every match).
    const columns = keys.map((k, i) => `${k.expr} AS k${i}`).join(', ');
    const keyset = after ? `WHERE ${keysetCondition(keys)}` : '';
    const pageRows =
      request.size > 0 && offset < total
        ? (db
            .prepare(
              `SELECT rowid, ${keys.map((_, i) => `k${i}`).join(', ')} FROM (SELECT d.rowid AS rowid, ${columns} ${base}) ${keyset}
               ORDER BY ${keys.map((k, i) => `k${i}${k.descending ? ' DESC' : ''}`).join(', ')} LIMIT ? OFFSET ?`,
            )
            .all(...(boost ? [boost] : []), ...params, ...(after ? keysetParams(after) : []), request.size, offset) as ({ rowid: number } & Record<string, SortValue>)[])
        : [];
    const hits = hitsFor(db, pageRows.map((r) => r.rowid), scope.match);
    // facetLimit=0 asks for no facets at all: paging through results need not count them each time.
    const facets = matching && total > 0 ? facetCounter.count(matching, request.facetLimit, request.facetMatch) : emptyFacets();
    const result: SearchResult = { total, page: request.page, size: request.size, hits, facets };
    const last = pageRows.at(-1);
    if (last && pageRows.length === request.size && (after !== null || offset + pageRows.length < total)) {
      result.nextCursor = cursors.encode(cursorScope(request), sort, keys.map((_, i) => last[`k${i}`]!));
    }
    return result;
  } catch (error) {
    // The compiler quotes every word, so this is a query FTS5 still refuses (an engine limit):
    // the person gets a 400 with the reason rather than a 500.
    if (error instanceof Error && /fts5|MATCH/i.test(error.message)) {
      throw new QuerySyntaxError(`The search engine could not run this query: ${error.message}`);
    }
    throw error;
  }
}

interface SortKey {
  expr: string;
  descending: boolean;
}

/** Rows strictly after the cursor's, in the sort order: (k0 > a) OR (k0 = a AND (k1 > b OR …)). */
function keysetCondition(keys: SortKey[], i = 0): string {
  const op = keys[i]!.descending ? '<' : '>';
  if (i === keys.length - 1) return `k${i} ${op} ?`;
  return `(k${i} ${op} ? OR (k${i} = ? AND ${keysetCondition(keys, i + 1)}))`;
}

function keysetParams(values: SortValue[], i = 0): SortValue[] {
  if (i === values.length - 1) return [values[i]!];
  return [values[i]!, values[i]!, ...keysetParams(values, i + 1)];
}

/** Titles, dates and snippets for one page of hits, in the page's order. */
function hitsFor(db: Database, rowids: number[], match: string | undefined): SearchHit[] {
  if (rowids.length === 0) return [];
  const list = rowids.map(() => '?').join(', ');
  const rows = db
    .prepare(
      `SELECT d.rowid AS rowid, d.id AS id, d.title AS title, d.type AS type, json_extract(d.data, '$.date') AS date,
         coalesce(json_extract(d.data, '$.description'), json_extract(d.data, '$.summary'), substr(json_extract(d.data, '$.text'), 1, 400)) AS lead
       FROM documents d WHERE d.rowid IN (${list})`,
    )
    .all(...rowids) as (HitRow & { rowid: number })[];
  const snippets = new Map<number, string>();
  if (match) {
    for (const r of db
      .prepare(`SELECT rowid, ${SNIPPET} AS snippet FROM documents_fts WHERE documents_fts MATCH ? AND rowid IN (${list})`)
      .all(match, ...rowids) as { rowid: number; snippet: string | null }[]) {
      if (r.snippet) snippets.set(r.rowid, r.snippet);
    }
  }
  const byRowid = new Map(rows.map((r) => [r.rowid, r]));
  return rowids.map((rowid) => {
    const r = byRowid.get(rowid)!;
    const snippet = snippets.get(rowid);
    return toSearchHit({ ...r, date: JSON.parse(r.date) as SearchHit['date'] }, snippet?.includes(MARK_START) ? snippet : undefined);
  });
}


