import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { buildIngestRecord, type DocumentInput } from '../../src/domain/index.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import type { ArchiveStore } from '../../src/store/types.js';
import { createApp } from '../../src/web/app.js';
import { FIXTURES } from './fixtures.js';

/** The clock the tests run at: embargoes before it have ended, after it have not. */
export const NOW = new Date('2025-06-01T12:00:00Z');

export interface TestServer {
  base: string;
  store: ArchiveStore;
  get(path: string): Promise<{ status: number; headers: Headers; text: string }>;
  json(path: string): Promise<{ status: number; headers: Headers; body: unknown }>;
  close(): Promise<void>;
}

/** A real SQLite file with the fixture documents, inserted through the ingest path. */
export async function fixtureStore(extra: DocumentInput[] = []): Promise<{ store: ArchiveStore; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'archivum-web-'));
  const store = openSqliteStore(join(dir, 'archive.db'));
  for (const input of [...FIXTURES, ...extra]) await store.upsertRecord(buildIngestRecord(input));
  return { store, dir };
}

/** A real HTTP server on an ephemeral port in front of `createApp`. */
export async function startServer(options: { store?: ArchiveStore; wrap?: (s: ArchiveStore) => ArchiveStore; extra?: DocumentInput[] } = {}): Promise<TestServer> {
  const made = options.store ? { store: options.store, dir: undefined } : await fixtureStore(options.extra);
  const store = made.store;
  const app = createApp({ store: options.wrap ? options.wrap(store) : store, now: () => NOW });
  const server: Server = createServer(getRequestListener(app.fetch));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    store,
    async get(path) {
      const res = await fetch(base + path);
      return { status: res.status, headers: res.headers, text: await res.text() };
    },
    async json(path) {
      const res = await fetch(base + path);
      const text = await res.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new Error(`${path} did not answer JSON (status ${res.status}): ${text.slice(0, 200)}`);
      }
      return { status: res.status, headers: res.headers, body };
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      if (made.dir) rmSync(made.dir, { recursive: true, force: true });
    },
  };
}

/** Structural checks every HTML page must pass (accessibility bar of docs/web.md). */
export function landmarkProblems(page: string): string[] {
  const problems: string[] = [];
  if (!/^<!doctype html>/i.test(page)) problems.push('no doctype');
  if (!/<html lang="en">/.test(page)) problems.push('no <html lang="en">');
  if (!/<meta name="viewport" content="width=device-width, initial-scale=1">/.test(page)) problems.push('no viewport meta');
  if (!/<title>[^<]+<\/title>/.test(page)) problems.push('no title');
  const body = page.slice(page.indexOf('<body'));
  const firstFocusable = /<(a|button|input|select|textarea)\b[^>]*>/.exec(body);
  if (!firstFocusable || !/class="skip-link" href="#main"/.test(firstFocusable[0])) problems.push(`first focusable is not the skip link: ${firstFocusable?.[0]}`);
  if (!/>Skip to content</.test(body)) problems.push('skip link text');
  for (const tag of ['<header', '<nav', '<main id="main"', '<footer']) if (!body.includes(tag)) problems.push(`missing ${tag}`);
  const h1s = body.match(/<h1[\s>]/g) ?? [];
  if (h1s.length !== 1) problems.push(`${h1s.length} h1 elements`);
  // Every input/select that is not hidden has a label pointing at its id.
  for (const m of body.matchAll(/<(input|select|textarea)\b([^>]*)>/g)) {
    const attrs = m[2]!;
    if (/type="hidden"/.test(attrs)) continue;
    const id = /id="([^"]+)"/.exec(attrs)?.[1];
    if (!id || !body.includes(`<label for="${id}"`)) problems.push(`unlabelled control ${m[0]}`);
  }
  if (/\sstyle="/.test(body)) problems.push('inline style attribute (blocked by the CSP)');
  if (/<script/i.test(body)) problems.push('a <script> element');
  return problems;
}

/**
 * Whether a page holds a <script> other than the site's own enhancement modules
 * (`<script type="module" src="/assets/NAME.js?v=HASH"></script>` in the head).
 */
export function hasForeignScript(page: string): boolean {
  return /<script(?! type="module" src="\/assets\/[a-z]+\.js\?v=[0-9a-f]{12}"><\/script>)/i.test(page);
}
