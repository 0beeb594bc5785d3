import { Hono } from 'hono';
import { isValidId } from '../../domain/index.js';
import { QuerySyntaxError } from '../../search/ast.js';
import { parseSearchParams } from '../../search/params.js';
import { searchResponseJson } from '../../search/response.js';
import { citation, CITATION_FORMATS, isCitationFormat } from '../citation/index.js';
import type { WebDeps } from '../context.js';
import { documentJson } from '../document-json.js';

/** Public JSON API (CONTRACT.md "HTTP"). Errors are always `{"error": message}`. */
export function apiRoutes(deps: WebDeps): Hono {
  const api = new Hono();

  api.get('/documents/:id', async (c) => {
    const id = c.req.param('id');
    // Not found and not public answer identically, so the API does not reveal drafts exist.
    const doc = isValidId(id) ? await deps.store.getDocument(id, deps.viewer()) : null;
    if (!doc) return c.json({ error: `No public document with id "${id}".` }, 404);
    return c.json(documentJson(doc));
  });

  api.get('/documents/:id/citation', async (c) => {
    const id = c.req.param('id');
    const format = c.req.query('format') ?? 'csl-json';
    if (!isCitationFormat(format)) {
      return c.json({ error: `"format" must be one of ${Object.keys(CITATION_FORMATS).join(', ')}.` }, 400);
    }
    const doc = isValidId(id) ? await deps.store.getDocument(id, deps.viewer()) : null;
    if (!doc) return c.json({ error: `No public document with id "${id}".` }, 404);
    const url = deps.siteLinks(c.req.url).document(doc.id);
    const { contentType, body } = citation(doc, format, url, deps.now());
    c.header('Content-Type', contentType);
    // Downloads (BibTeX, RIS, CSL-JSON) get a file name; the styles are shown in the browser.
    const ext = CITATION_FORMATS[format].extension;
    if (ext !== 'txt') c.header('Content-Disposition', `inline; filename="${doc.id}.${ext}"`);
    return c.body(body);
  });

  api.get('/search', async (c) => {
    const params = new URL(c.req.url).searchParams;
    try {
      const request = parseSearchParams(params);
      const result = await deps.store.search(request, deps.viewer());
      return c.json(searchResponseJson(result));
    } catch (err) {
      if (err instanceof QuerySyntaxError) return c.json({ error: err.message }, 400);
      throw err;
    }
  });

  return api;
}
