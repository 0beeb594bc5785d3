import { Hono } from 'hono';
import type { WebDeps } from '../context.js';
import { iiifManifest } from '../iiif/manifest.js';

/**
 * `GET /iiif/{id}/manifest.json`: the IIIF Presentation 3 manifest of a visible document with
 * page images; 404 JSON otherwise, as for the API. Viewers load manifests from other sites,
 * so the answer may be read from any origin (it holds only what the public page shows).
 */
export function iiifRoutes(deps: WebDeps): Hono {
  const app = new Hono();
  app.get('/iiif/:id/manifest.json', async (c) => {
    c.header('Access-Control-Allow-Origin', '*');
    const doc = await deps.store.getDocument(c.req.param('id'), deps.viewer());
    const manifest = doc && iiifManifest(doc, deps.siteLinks(c.req.url));
    if (!manifest) return c.json({ error: doc ? 'This document has no page images.' : 'No such document.' }, 404);
    return c.body(JSON.stringify(manifest), 200, { 'Content-Type': 'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"' });
  });
  return app;
}
