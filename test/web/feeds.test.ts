import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Hono } from 'hono';
import { SaxesParser } from 'saxes';
import { buildIngestRecord } from '../../src/domain/index.js';
import { parseSearchParams } from '../../src/search/params.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import type { ArchiveStore, Viewer } from '../../src/store/types.js';
import { makeDeps, type WebDeps } from '../../src/web/context.js';
import { feedRoutes, type FeedOptions } from '../../src/web/routes/feeds.js';
import { FIXTURE_INPUTS, PUBLIC_IDS } from '../fixtures/documents.js';

/** The test clock: the fixture's ended embargo (2000) is over, the running one (2999) is not. */
const NOW = new Date('2025-06-01T12:00:00Z');
const ORIGIN = 'https://archive.example.org';
const SECONDS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

const HOSTILE_ID = 'tariffs-memo';
const HOSTILE_TITLE = 'Tariffs <&> Treaties: a <b>bold</b> "memo"';
const WITHDRAWN_ID = 'withdrawn-wombat';
const WITHDRAWN_TITLE = 'Withdrawn Wombat Memorandum';
/** Everything a member of the public must never see, as ids and as text. */
const PRIVATE_IDS = ['draft-secret', 'embargoed-future', WITHDRAWN_ID];
const PRIVATE_TEXT = ['Draft: Secret Malinovsky assessment', 'Embargoed Malinovsky report', 'Zanzibar', WITHDRAWN_TITLE];
const EXPECTED_IDS = [...PUBLIC_IDS, HOSTILE_ID].sort();

let dir: string;
let store: ArchiveStore;
let deps: WebDeps;
let viewer: Viewer;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'archivum-feeds-'));
  store = openSqliteStore(join(dir, 'archive.db'));
  for (const input of FIXTURE_INPUTS) await store.upsertRecord(buildIngestRecord(input));
  // Public once, then a draft again: the store reports it withdrawn, and neither route may list it.
  await store.upsertRecord(buildIngestRecord({ id: WITHDRAWN_ID, title: WITHDRAWN_TITLE, date: '1962-05-05', text: 'Wombat.' }));
  await store.upsertRecord(buildIngestRecord({ id: WITHDRAWN_ID, title: WITHDRAWN_TITLE, date: '1962-05-05', text: 'Wombat.', status: 'draft' }));
  // Ingested last, after a pause so its datestamp is strictly the newest: the feed's first entry.
  await new Promise((resolve) => setTimeout(resolve, 20));
  await store.upsertRecord(buildIngestRecord({ id: HOSTILE_ID, title: HOSTILE_TITLE, date: '1964-04-04', description: 'Duties on <wheat> & "rye".' }));
  deps = makeDeps({ store, now: () => NOW });
  viewer = deps.viewer();
});

after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function appWith(options: FeedOptions = {}): Hono {
  const app = new Hono();
  app.route('/', feedRoutes(deps, options));
  return app;
}

async function get(app: Hono, path: string): Promise<{ status: number; type: string; text: string }> {
  const res = await app.request(ORIGIN + path);
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

/** A namespace-aware element tree; parsing fails the test on anything not well-formed. */
interface El {
  ns: string;
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

function parseXml(xml: string): El {
  const parser = new SaxesParser({ xmlns: true });
  const stack: El[] = [];
  let root: El | undefined;
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    for (const [name, attr] of Object.entries(tag.attributes)) attrs[name] = attr.value;
    const el: El = { ns: tag.uri, name: tag.local, attrs, children: [], text: '' };
    stack.at(-1)?.children.push(el);
    root ??= el;
    stack.push(el);
  });
  parser.on('text', (t) => {
    const top = stack.at(-1);
    if (top) top.text += t;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(xml).close();
  assert.ok(root, 'a root element');
  return root;
}

const kids = (el: El, name: string): El[] => el.children.filter((c) => c.name === name);
function kid(el: El, name: string): El {
  const found = kids(el, name);
  assert.equal(found.length, 1, `exactly one <${name}> in <${el.name}>`);
  return found[0]!;
}

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const ATOM_NS = 'http://www.w3.org/2005/Atom';
const docUrl = (id: string): string => `${ORIGIN}/documents/${id}`;
const idOf = (loc: string): string => {
  assert.ok(loc.startsWith(`${ORIGIN}/documents/`), `${loc} is a document URL`);
  return loc.slice(`${ORIGIN}/documents/`.length);
};

function urlset(text: string): { loc: string; lastmod?: string }[] {
  const root = parseXml(text);
  assert.equal(root.name, 'urlset');
  assert.equal(root.ns, SITEMAP_NS);
  return kids(root, 'url').map((u) => {
    const lastmod = kids(u, 'lastmod')[0]?.text;
    return { loc: kid(u, 'loc').text, ...(lastmod === undefined ? {} : { lastmod }) };
  });
}

/** The store's own datestamps for the public, to check lastmod and order against. */
async function datestamps(): Promise<Map<string, string>> {
  const headers = await store.harvest({ limit: 1000, withoutWithdrawn: true }, viewer);
  return new Map(headers.map((h) => [h.id, h.datestamp]));
}

describe('GET /sitemap.xml', () => {
  test('lists the home page and exactly the public documents, as the search sees them', async () => {
    const res = await get(appWith(), '/sitemap.xml');
    assert.equal(res.status, 200);
    assert.equal(res.type, 'application/xml; charset=utf-8');
    const urls = urlset(res.text);
    assert.equal(urls[0]?.loc, `${ORIGIN}/`);
    const ids = urls.slice(1).map((u) => idOf(u.loc));
    assert.deepEqual([...ids].sort(), EXPECTED_IDS);
    assert.equal(new Set(ids).size, ids.length, 'no document twice');
    const search = await store.search(parseSearchParams(new URLSearchParams({ size: '100' })), viewer);
    assert.deepEqual(search.hits.map((h) => h.id).sort(), EXPECTED_IDS);
  });

  test('never names a draft, a running embargo or a withdrawn document', async () => {
    const { text } = await get(appWith(), '/sitemap.xml');
    for (const id of PRIVATE_IDS) assert.ok(!text.includes(id), id);
    for (const words of PRIVATE_TEXT) assert.ok(!text.includes(words), words);
  });

  test('lastmod is each document datestamp to the second, in UTC', async () => {
    const stamps = await datestamps();
    const urls = urlset((await get(appWith(), '/sitemap.xml')).text).slice(1);
    assert.equal(urls.length, stamps.size);
    for (const u of urls) {
      assert.match(u.lastmod ?? '', SECONDS, u.loc);
      const ds = stamps.get(idOf(u.loc));
      assert.ok(ds, u.loc);
      assert.equal(u.lastmod, `${ds.slice(0, 19)}Z`, u.loc);
    }
    // Oldest first, as the store's cursor reads them.
    assert.deepEqual(urls.map((u) => idOf(u.loc)), [...stamps.keys()]);
  });

  test('reading the store in small cursor pages lists the same documents in the same order', async () => {
    const whole = (await get(appWith(), '/sitemap.xml')).text;
    for (const harvestPage of [1, 2, 3]) assert.equal((await get(appWith({ harvestPage }), '/sitemap.xml')).text, whole, `page ${harvestPage}`);
  });

  test('stays one urlset while the URLs fit the limit exactly', async () => {
    const res = await get(appWith({ sitemapLimit: EXPECTED_IDS.length + 1 }), '/sitemap.xml');
    assert.equal(urlset(res.text).length, EXPECTED_IDS.length + 1);
  });

  test('becomes an index of parts when one URL more than the limit', async () => {
    const res = await get(appWith({ sitemapLimit: EXPECTED_IDS.length }), '/sitemap.xml');
    const root = parseXml(res.text);
    assert.equal(root.name, 'sitemapindex');
    assert.deepEqual(kids(root, 'sitemap').map((s) => kid(s, 'loc').text), [`${ORIGIN}/sitemap.xml?part=1`, `${ORIGIN}/sitemap.xml?part=2`]);
  });

  test('with a lowered limit: every public document in exactly one part, in order, no part too large', async () => {
    const limit = 3;
    const app = appWith({ sitemapLimit: limit, harvestPage: 2 });
    const res = await get(app, '/sitemap.xml');
    assert.equal(res.status, 200);
    assert.equal(res.type, 'application/xml; charset=utf-8');
    const root = parseXml(res.text);
    assert.equal(root.name, 'sitemapindex');
    assert.equal(root.ns, SITEMAP_NS);
    const parts = kids(root, 'sitemap').map((s) => ({ loc: kid(s, 'loc').text, lastmod: kids(s, 'lastmod')[0]?.text }));
    const expectedParts = Math.ceil((EXPECTED_IDS.length + 1) / limit);
    assert.deepEqual(
      parts.map((p) => p.loc),
      Array.from({ length: expectedParts }, (_, i) => `${ORIGIN}/sitemap.xml?part=${i + 1}`),
    );

    const seen: string[] = [];
    for (const [i, part] of parts.entries()) {
      const r = await get(app, new URL(part.loc).pathname + new URL(part.loc).search);
      assert.equal(r.status, 200, part.loc);
      assert.equal(r.type, 'application/xml; charset=utf-8');
      const urls = urlset(r.text);
      assert.ok(urls.length >= 1 && urls.length <= limit, `${part.loc} has ${urls.length} URLs`);
      if (i < parts.length - 1) assert.equal(urls.length, limit, `${part.loc} is full`);
      const docs = i === 0 ? urls.slice(1) : urls;
      if (i === 0) assert.equal(urls[0]?.loc, `${ORIGIN}/`);
      seen.push(...docs.map((u) => idOf(u.loc)));
      // A part's lastmod is the newest of its documents: the last, as parts run oldest first.
      assert.equal(part.lastmod, docs.at(-1)?.lastmod, `${part.loc} lastmod`);
      for (const id of PRIVATE_IDS) assert.ok(!r.text.includes(id), `${id} in ${part.loc}`);
    }
    assert.deepEqual(seen, [...(await datestamps()).keys()], 'the parts together list every public document once, in order');
    assert.equal(seen.filter((id) => id === HOSTILE_ID).length, 1);
  });

  test('a part that does not exist, or is not a part number, is not found', async () => {
    const app = appWith({ sitemapLimit: 3 });
    const beyond = Math.ceil((EXPECTED_IDS.length + 1) / 3) + 1;
    for (const part of [String(beyond), '0', '01', '-1', '2x', 'abc', '']) {
      assert.equal((await get(app, `/sitemap.xml?part=${encodeURIComponent(part)}`)).status, 404, `part=${part}`);
    }
    assert.equal((await get(app, `/sitemap.xml?part=${beyond - 1}`)).status, 200);
  });
});

describe('GET /feed.atom', () => {
  let res: { status: number; type: string; text: string };
  let feed: El;
  before(async () => {
    res = await get(appWith(), '/feed.atom');
    feed = parseXml(res.text);
  });

  test('is a well-formed Atom feed with the Atom content type', () => {
    assert.equal(res.status, 200);
    assert.equal(res.type, 'application/atom+xml; charset=utf-8');
    assert.equal(feed.name, 'feed');
    assert.equal(feed.ns, ATOM_NS);
    assert.equal(kid(feed, 'id').text, `${ORIGIN}/feed.atom`);
    assert.match(kid(feed, 'title').text, /newest documents/);
    const links = kids(feed, 'link').map((l) => [l.attrs.rel, l.attrs.href]);
    assert.deepEqual(links, [
      ['self', `${ORIGIN}/feed.atom`],
      ['alternate', `${ORIGIN}/`],
    ]);
    assert.equal(kid(kid(feed, 'author'), 'name').text, 'archive.example.org');
  });

  test('lists every public document, newest first, the feed updated at the newest', async () => {
    const entries = kids(feed, 'entry');
    const ids = entries.map((e) => idOf(kid(e, 'id').text));
    assert.deepEqual([...ids].sort(), EXPECTED_IDS);
    assert.equal(ids[0], HOSTILE_ID, 'the document ingested last comes first');
    const stamps = await datestamps();
    assert.deepEqual(ids, [...stamps.keys()].reverse());
    const updated = entries.map((e) => kid(e, 'updated').text);
    for (const u of updated) assert.match(u, SECONDS);
    for (let i = 1; i < updated.length; i++) assert.ok(updated[i - 1]! >= updated[i]!, `${updated[i - 1]} before ${updated[i]}`);
    assert.equal(updated[0], `${stamps.get(HOSTILE_ID)!.slice(0, 19)}Z`);
    assert.equal(kid(feed, 'updated').text, updated[0]);
  });

  test('entries have absolute ids and links, a title, authors (or the feed author) and a summary', () => {
    for (const entry of kids(feed, 'entry')) {
      const id = kid(entry, 'id').text;
      assert.match(id, /^https:\/\/archive\.example\.org\/documents\/[a-z0-9][a-z0-9._-]*$/);
      const link = kid(entry, 'link');
      assert.equal(link.attrs.rel, 'alternate');
      assert.equal(link.attrs.href, id);
      assert.ok(kid(entry, 'title').text.trim(), `${id} has a title`);
      assert.ok(kids(entry, 'summary')[0]?.text.trim(), `${id} has a summary`);
      for (const author of kids(entry, 'author')) assert.ok(kid(author, 'name').text.trim());
    }
    const byId = new Map(kids(feed, 'entry').map((e) => [idOf(kid(e, 'id').text), e]));
    const castro = byId.get('k-to-castro-1963')!;
    assert.deepEqual(kids(castro, 'author').map((a) => kid(a, 'name').text), ['Nikita Khrushchev']);
    assert.equal(kid(castro, 'summary').text, 'Re: Point 3, Protocol No. 80', 'the description when there is no summary');
    // No author of its own: it inherits the feed-level one rather than carrying an empty one.
    assert.deepEqual(kids(byId.get('undated-note')!, 'author'), []);
    assert.equal(kid(byId.get('k-to-jfk-1962-10-26')!, 'summary').text, '26 October 1962', 'the date when there is nothing else');
  });

  test('escapes a title and summary holding <, & and >', () => {
    const entry = kids(feed, 'entry').find((e) => kid(e, 'id').text === docUrl(HOSTILE_ID));
    assert.ok(entry);
    assert.equal(kid(entry, 'title').text, HOSTILE_TITLE);
    assert.equal(kid(entry, 'summary').text, 'Duties on <wheat> & "rye".');
    assert.deepEqual(kid(entry, 'title').children, [], 'the title is text, not markup');
    assert.ok(res.text.includes('Tariffs &lt;&amp;&gt; Treaties'));
    assert.ok(!res.text.includes('<b>'));
  });

  test('never names a draft, a running embargo or a withdrawn document', () => {
    for (const id of PRIVATE_IDS) assert.ok(!res.text.includes(id), id);
    for (const words of PRIVATE_TEXT) assert.ok(!res.text.includes(words), words);
  });

  test('holds only the newest entries when there are more', async () => {
    const small = parseXml((await get(appWith({ feedSize: 3 }), '/feed.atom')).text);
    const ids = kids(small, 'entry').map((e) => idOf(kid(e, 'id').text));
    assert.deepEqual(ids, [...(await datestamps()).keys()].reverse().slice(0, 3));
  });

  test('an empty archive still answers a valid feed, updated now', async () => {
    const emptyDir = mkdtempSync(join(tmpdir(), 'archivum-feeds-empty-'));
    const empty = openSqliteStore(join(emptyDir, 'archive.db'));
    try {
      const app = new Hono();
      app.route('/', feedRoutes(makeDeps({ store: empty, now: () => NOW })));
      const atom = parseXml((await get(app, '/feed.atom')).text);
      assert.equal(kid(atom, 'updated').text, '2025-06-01T12:00:00Z');
      assert.deepEqual(kids(atom, 'entry'), []);
      assert.deepEqual(urlset((await get(app, '/sitemap.xml')).text), [{ loc: `${ORIGIN}/` }]);
    } finally {
      await empty.close();
      rmSync(emptyDir, { recursive: true, force: true });
    }
  });
});
