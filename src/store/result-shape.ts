import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import { QuerySyntaxError } from '../search/ast.js';
import { canonicalJson } from './canonical-json.js';
import { foldName } from '../search/fold.js';
import { FACET_NAMES, type FacetName, type FacetValue, type SearchHit, type SearchRequest, type SearchResult } from '../search/request.js';
import { leadSnippet, markedSnippetToHtml } from '../search/snippet.js';

/**
 * What both stores do the same way with a result once their engine has answered: the cursor
 * format of deep paging and the order facet values are listed in, so the two answer alike.
 */

export type SortValue = string | number;

const NOT_OURS = '"cursor" is not one this archive gave out for this search; start again from the first page.';

/**
 * Search cursors, sealed (AES-256-GCM) with the archive's own key: a cursor carries the last
 * hit's sort keys, and a relevance score is worked out over every document, drafts included, so
 * a readable one would tell how many private documents hold a word. Sealed, it is opaque and
 * cannot be forged, and it is bound to its search (`search`: the words and filters), so a score
 * cannot be carried from one query to another either.
 */
export class CursorCodec {
  private readonly key: Buffer;
  private readonly nonceKey: Buffer;

  constructor(secret: Buffer) {
    if (secret.length !== 32) throw new Error(`a cursor key is 32 bytes, not ${secret.length}`);
    this.key = createHmac('sha256', secret).update('cursor encryption').digest();
    this.nonceKey = createHmac('sha256', secret).update('cursor nonce').digest();
  }

  encode(search: string, sort: string, values: SortValue[]): string {
    const plain = JSON.stringify({ s: sort, k: values });
    // The nonce is derived from the cursor itself (as in SIV): the same search gives the same
    // answer, cursor included, and distinct cursors never share a nonce.
    const iv = createHmac('sha256', this.nonceKey).update(plain).digest().subarray(0, 12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(search, 'utf8'));
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
  }

  decode(search: string, cursor: string, sort: string, length: number): SortValue[] {
    if (cursor.length > 16_384) throw new QuerySyntaxError(NOT_OURS);
    const bytes = Buffer.from(cursor, 'base64url');
    if (bytes.length < 12 + 16 + 1) throw new QuerySyntaxError(NOT_OURS);
    let parsed: unknown;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(bytes.length - 16));
      decipher.setAAD(Buffer.from(search, 'utf8'));
      parsed = JSON.parse(Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString('utf8'));
    } catch {
      throw new QuerySyntaxError(NOT_OURS);
    }
    const { s, k } = (parsed ?? {}) as { s?: unknown; k?: unknown };
    if (s !== sort || !Array.isArray(k) || k.length !== length || !k.every((v) => typeof v === 'string' || typeof v === 'number')) {
      throw new QuerySyntaxError('"cursor" does not belong to this search (its sort or query changed); start again from the first page.');
    }
    return k as SortValue[];
  }
}

/** What a cursor is bound to: the search's words, filters and dates, not its page or size. */
export function cursorScope(request: Pick<SearchRequest, 'q' | 'filters' | 'from' | 'to'>): string {
  return canonicalJson({ q: request.q, f: request.filters, from: request.from ?? null, to: request.to ?? null });
}

export function emptyFacets(): SearchResult['facets'] {
  return Object.fromEntries(FACET_NAMES.map((n) => [n, [] as FacetValue[]])) as unknown as SearchResult['facets'];
}

/** Facets listed in full, in order of their values (a histogram), rather than by count. */
const ORDERED_FACETS = new Set<FacetName>(['decade', 'year']);

export interface FacetCountRow {
  facet: FacetName;
  key: string;
  value: string;
  n: number;
}

/** Grouped counts → the response's facets: decades and years in order, the rest by count then name, up to `limit`. */
export function facetsFromCounts(rows: FacetCountRow[], limit: number, match: SearchRequest['facetMatch'] = {}): SearchResult['facets'] {
  const facets = emptyFacets();
  for (const r of rows) {
    const text = match[r.facet as FacetName];
    if (text && !foldName(r.value).includes(text) && !r.key.includes(text)) continue;
    const entry: FacetValue = { value: r.value, count: r.n };
    if (r.key !== r.value) entry.id = r.key;
    facets[r.facet]?.push(entry);
  }
  for (const name of FACET_NAMES) {
    if (ORDERED_FACETS.has(name)) {
      facets[name].sort((a, b) => Number(a.id ?? a.value) - Number(b.id ?? b.value));
    } else {
      // Two values can share a label (two people of one name): their keys decide, the same way in every store.
      facets[name].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value) || byKey(a, b));
      facets[name] = facets[name].slice(0, limit);
    }
  }
  return facets;
}

function byKey(a: FacetValue, b: FacetValue): number {
  const [x, y] = [a.id ?? a.value, b.id ?? b.value];
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * One hit as the API shows it: the engine's marked snippet when it has one, else the opening of
 * the document's description, summary or text.
 */
export function toSearchHit(
  row: { id: string; title: string; type: string | null; date: SearchHit['date']; lead: string | null },
  markedSnippet: string | undefined,
): SearchHit {
  const hit: SearchHit = {
    id: row.id,
    title: row.title,
    date: row.date,
    snippet: markedSnippet ? markedSnippetToHtml(markedSnippet) : leadSnippet(row.lead ?? undefined),
  };
  if (row.type) hit.type = row.type;
  return hit;
}
