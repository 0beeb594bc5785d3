import { serve } from '@hono/node-server';
import { loadDemo } from '../../ingest/demo.js';
import { formatSummary } from '../../ingest/driver.js';
import { resolveDbSetting } from '../../store/open.js';
import { openArchive } from './open-archive.js';
import { baseUrlProblem } from '../../export/site.js';
import { createApp } from '../../web/app.js';
import { warmCitationEngines } from '../../web/citation/index.js';
import { CliUsageError, parseCommandArgs, positiveInt } from '../args.js';

export async function runServe(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    port: { type: 'string' },
    host: { type: 'string' },
    demo: { type: 'boolean' },
  });
  if (positionals.length) throw new CliUsageError(`serve takes no arguments (got "${positionals.join(' ')}")`);
  const port = values.port === '0' ? 0 : positiveInt(values.port, 'port', 8080);
  const host = values.host ?? '127.0.0.1';
  const baseUrl = process.env.ARCHIVUM_BASE_URL?.trim() || undefined;
  const baseProblem = baseUrl === undefined ? null : servedBaseUrlProblem(baseUrl);
  if (baseProblem) throw new CliUsageError(`ARCHIVUM_BASE_URL: ${baseProblem}`);
  const store = await openArchive(resolveDbSetting(values.db));
  if (values.demo && (await store.isEmpty())) {
    const summary = await loadDemo(store);
    process.stderr.write(`demo collection: ${formatSummary(summary)}\n`);
  }
  // The OAI-PMH repository's name and contact, and the public address (docs/harvesting.md).
  const app = createApp({ store, repository: { name: process.env.ARCHIVUM_NAME, adminEmail: process.env.ARCHIVUM_ADMIN_EMAIL }, ...(baseUrl ? { baseUrl } : {}) });
  return new Promise<number>((resolve) => {
    const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
      process.stdout.write(`Archivum is serving ${store.kind} archive at http://${host}:${info.port}/\n`);
      // Once listening, so start-up is not held up; the first reading page then need not wait.
      setTimeout(warmCitationEngines, 0);
    });
    server.on('error', (error: Error) => {
      process.stderr.write(`archivum serve: ${error.message}\n`);
      void store.close().then(() => resolve(2));
    });
    const stop = () => {
      server.close(() => void store.close().then(() => resolve(0)));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/**
 * The public address must be the site's root, as every page links from it (`/documents/…`),
 * and must not carry a user name or password, which every absolute link would publish.
 */
export function servedBaseUrlProblem(value: string): string | null {
  const problem = baseUrlProblem(value);
  if (problem) return problem;
  const url = new URL(value);
  if (url.username || url.password) return `"${url.host}": give the address without a user name or password`;
  if (url.pathname !== '/') return `give the site's root address (${url.origin}), without a path: the archive is served from the root`;
  return null;
}
