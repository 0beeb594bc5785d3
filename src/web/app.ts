import { Hono } from 'hono';
import { stylesheet } from './assets.js';
import { makeDeps, type AppOptions } from './context.js';
import { errorPage } from './html/error-page.js';
import { apiRoutes } from './routes/api.js';
import { notFoundPage, pageRoutes } from './routes/pages.js';

export type { AppOptions } from './context.js';

/**
 * The public web application: JSON API under /api, HTML pages elsewhere. Serve it with
 * `serve({ fetch: app.fetch, port, hostname })` from @hono/node-server.
 */
export function createApp(options: AppOptions): Hono {
  const deps = makeDeps(options);
  const css = stylesheet();
  const app = new Hono();

  // Every response: no inline script or foreign resource can run (we ship no JavaScript), and
  // browsers must not guess content types (a JSON error echoing a query is not HTML).
  app.use('*', async (c, next) => {
    await next();
    c.res.headers.set('Content-Security-Policy', "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'");
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
  });

  app.get('/health', (c) => c.json({ status: 'ok', store: deps.store.kind }));

  app.get('/assets/style.css', (c) => {
    // Only the current version may be cached for a year; an old or missing ?v= is revalidated.
    const current = c.req.query('v') === css.hash;
    c.header('Content-Type', 'text/css; charset=utf-8');
    c.header('Cache-Control', current ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
    c.header('ETag', `"${css.hash}"`);
    return c.body(css.css);
  });

  app.route('/api', apiRoutes(deps));
  app.route('/', pageRoutes(deps));

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
