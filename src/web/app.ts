import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { asset, isAssetName, stylesheet } from './assets.js';
import { makeDeps, type AppOptions } from './context.js';
import { errorPage } from './html/error-page.js';
import { apiRoutes } from './routes/api.js';
import { notFoundPage, pageRoutes } from './routes/pages.js';
import { visualRoutes } from './routes/visual.js';
import { oaiRoutes } from './routes/oai.js';
import { feedRoutes } from './routes/feeds.js';
import { iiifRoutes } from './routes/iiif.js';
import { repositoryInfo } from './oai/repository.js';
import { worldSvg } from './map/world.js';

export type { AppOptions } from './context.js';

/**
 * The public web application: JSON API under /api, HTML pages elsewhere. Serve it with
 * `serve({ fetch: app.fetch, port, hostname })` from @hono/node-server.
 */
export function createApp(options: AppOptions): Hono {
  const deps = makeDeps(options);
  const css = stylesheet();
  const app = new Hono();

  // Every response: no inline script or style and no foreign script can run (our few scripts
  // are files under /assets), and browsers must not guess content types (a JSON error echoing a
  // query is not HTML). Images are the exception: a record's page images are its media URLs,
  // and an archive often keeps its scans on another host (an image server, a repository).
  app.use('*', async (c, next) => {
    await next();
    c.res.headers.set('Content-Security-Policy', "default-src 'self'; img-src 'self' https: http:; base-uri 'none'; form-action 'self'; frame-ancestors 'self'");
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
  });

  // Pages are text and shrink five- to tenfold; the map's base SVG most of all.
  app.use('*', compress());

  app.get('/health', (c) => c.json({ status: 'ok', store: deps.store.kind, schema: deps.store.schemaVersion }));

  // Static files: only the current version (?v=hash) may be cached for a year; an old or missing
  // ?v= is revalidated. The world map is drawn from TopoJSON once, then served like a file.
  app.get('/assets/:name', (c) => {
    const name = c.req.param('name');
    const file = name === 'world.svg' ? { ...worldSvg(), body: worldSvg().svg, contentType: 'image/svg+xml' } : isAssetName(name) ? asset(name) : null;
    if (!file) return c.notFound();
    const current = c.req.query('v') === file.hash;
    c.header('Content-Type', file.contentType);
    c.header('Cache-Control', current ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
    c.header('ETag', `"${file.hash}"`);
    return c.body(file.body);
  });

  app.route('/api', apiRoutes(deps));
  app.route('/', pageRoutes(deps));
  app.route('/', visualRoutes(deps));
  app.route('/', oaiRoutes(deps, repositoryInfo(options.repository)));
  app.route('/', feedRoutes(deps));
  app.route('/', iiifRoutes(deps));

  app.notFound((c) => (isApi(c.req.path) ? c.json({ error: 'Not found.' }, 404) : notFoundPage(c)));

  app.onError((err, c) => {
    console.error(`[web] ${c.req.method} ${c.req.path} failed:`, err);
    if (isApi(c.req.path)) return c.json({ error: 'Internal server error.' }, 500);
    return c.html(errorPage(500, css.href).value, 500);
  });

  return app;
}

function isApi(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}
