import { Hono } from 'hono';
import { isValidId } from '../../domain/index.js';
import { QuerySyntaxError } from '../../search/ast.js';
import { parseSearchParams } from '../../search/params.js';
import { FACET_NAMES, type FacetName, type FacetValue, type SearchResult } from '../../search/request.js';
import type { WebDeps } from '../context.js';

/** Public JSON API (CONTRACT.md "HTTP"). Errors are always `{"error": message}`. */
export function apiRoutes(deps: WebDeps): Hono {
  const api = new Hono();

  api.get('/documents/:id', async (c) => {
    const id = c.req.param('id');
    // Not found and not public answer identically, so the API does not reveal drafts exist.
    const doc = isValidId(id) ? await deps.store.getDocument(id, deps.viewer()) : null;
    if (!doc) return c.json({ error: `No public document with id "${id}".` }, 404);
    return c.json(doc);
  });

  api.get('/search', async (c) => {
    const params = new URL(c.req.url).searchParams;
    try {
      const request = parseSearchParams(params);
      const result = await deps.store.search(request, deps.viewer());
      return c.json(contractShape(result));
    } catch (err) {
      if (err instanceof QuerySyntaxError) return c.json({ error: err.message }, 400);
      throw err;
    }
  });

  return api;
}

/**
 * Copies exactly the fields CONTRACT.md promises, so whatever else a store attaches to its
 * results (scores, internal ids) does not become public API by accident.
 */
export function contractShape(result: SearchResult): SearchResult {
  const facets = {} as Record<FacetName, FacetValue[]>;
  for (const name of FACET_NAMES) {
    facets[name] = (result.facets[name] ?? []).map((f) => (f.id === undefined ? { value: f.value, count: f.count } : { value: f.value, count: f.count, id: f.id }));
  }
  return {
    total: result.total,
    page: result.page,
    size: result.size,
    hits: result.hits.map((h) => ({
      id: h.id,
      title: h.title,
      date: h.date,
      ...(h.type === undefined ? {} : { type: h.type }),
      snippet: h.snippet,
    })),
    facets,
  };
}
