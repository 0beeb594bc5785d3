import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { FACET_NAMES } from '../../src/search/request.js';
import { DRAFT_TITLE, FUTURE_EMBARGO_TITLE, SEED_ID, SEED_RIGHTS } from './fixtures.js';
import { startServer, type TestServer } from './helpers.js';

let server: TestServer;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server.close();
});

type Json = Record<string, unknown>;

test('GET /health answers {"status":"ok"} with the security headers', async () => {
  const res = await server.json('/health');
  assert.equal(res.status, 200);
  assert.equal((res.body as Json).status, 'ok');
  assert.match(res.headers.get('content-security-policy') ?? '', /^default-src 'self'/);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
});

test('text responses are compressed for clients that accept it', async () => {
  const res = await fetch(`${server.base}/documents/${SEED_ID}`, { headers: { 'Accept-Encoding': 'gzip' } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-encoding'), 'gzip');
  assert.match(await res.text(), /Letter from Khrushchev to Fidel Castro/);
});

test('GET /api/documents/:id returns the document JSON of the contract', async () => {
  const res = await server.json(`/api/documents/${SEED_ID}`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  const doc = res.body as Json;
  assert.equal(doc.id, SEED_ID);
  assert.equal(doc.title, 'Letter from Khrushchev to Fidel Castro');
  assert.deepEqual(doc.date, { start: '1963-01-31', end: '1963-01-31', display: 'January 31, 1963' });
  assert.deepEqual(doc.authors, [{ id: 'khrushchev-nikita', name: 'Nikita Khrushchev' }]);
  assert.deepEqual(doc.recipients, [{ id: 'castro-fidel', name: 'Fidel Castro' }]);
  assert.equal((doc.source as Json).archive, 'Archive of Foreign Policy, Russian Federation (AVP RF)');
  assert.equal(doc.rights, SEED_RIGHTS);
  assert.equal(doc.recordId, '115095');
  assert.deepEqual(doc.funders, ['Leon Levy Foundation']);
  assert.equal(doc.status, 'published');
  for (const key of ['description', 'summary', 'text', 'footnotes', 'texts', 'people', 'places', 'topics', 'collections', 'classification', 'language', 'originalLanguage', 'related', 'media', 'uploadedAt', 'updatedAt']) {
    assert.ok(key in doc, `document JSON has "${key}"`);
  }
});

/** The keys of CONTRACT.md's "Document JSON", nested ones included. */
const CONTRACT_DOCUMENT_KEYS = ['id', 'title', 'date', 'type', 'description', 'summary', 'text', 'footnotes', 'texts', 'authors', 'recipients', 'people', 'places', 'topics', 'collections', 'source', 'classification', 'language', 'originalLanguage', 'rights', 'funders', 'related', 'media', 'recordId', 'uploadedAt', 'updatedAt', 'status'];

test('every key the contract lists is in the document JSON, null where the document has no value', async () => {
  // A telegram with a title, a date and a text, and nothing else.
  const doc = (await server.json('/api/documents/embargo-past')).body as Json;
  for (const key of CONTRACT_DOCUMENT_KEYS) assert.ok(key in doc, `document JSON has "${key}"`);
  for (const key of ['type', 'description', 'summary', 'classification', 'language', 'originalLanguage', 'rights', 'recordId', 'uploadedAt']) {
    assert.equal(doc[key], null, key);
  }
  assert.deepEqual(doc.source, { archive: null, reference: null, collection: null });
  assert.deepEqual(doc.date, { start: '1963-02-12', end: '1963-02-12', display: '12 February 1963' });
  // A place without coordinates.
  const memo = (await server.json('/api/documents/memo-with-notes-1963-02-02')).body as Json;
  assert.deepEqual(memo.places, [{ id: 'havana', name: 'Havana', lat: null, lon: null }]);
});

test('unknown, draft, still-embargoed and malformed ids are all the same 404 JSON', async () => {
  for (const id of ['no-such-document', 'draft-memo', 'embargo-future', 'Not%20An%20Id', '%3Cscript%3E']) {
    const res = await server.json(`/api/documents/${id}`);
    assert.equal(res.status, 404, id);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    const body = res.body as Json;
    assert.equal(typeof body.error, 'string', id);
    assert.deepEqual(Object.keys(body), ['error']);
  }
});

test('an embargo that has ended (by the injected clock) makes the document public', async () => {
  const res = await server.json('/api/documents/embargo-past');
  assert.equal(res.status, 200);
});

test('GET /api/search returns exactly the contract shape with <mark> snippets', async () => {
  const res = await server.json('/api/search?q=fidel&size=50');
  assert.equal(res.status, 200);
  const body = res.body as Json;
  assert.deepEqual(Object.keys(body).sort(), ['facets', 'hits', 'page', 'size', 'total']);
  assert.equal(body.page, 1);
  assert.equal(body.size, 50);
  const hits = body.hits as Json[];
  assert.equal(body.total, hits.length);
  assert.ok(hits.length >= 2);
  for (const hit of hits) assert.deepEqual(Object.keys(hit), ['id', 'title', 'date', 'type', 'snippet'], `hit ${hit.id}`);
  assert.equal(hits.find((h) => h.id === 'embargo-past')?.type, null, 'a document without a type has "type": null');
  const seed = hits.find((h) => h.id === SEED_ID);
  assert.ok(seed, 'the seed letter matches "fidel"');
  assert.match(seed.snippet as string, /<mark>Fidel<\/mark>/i);
  const facets = body.facets as Record<string, Json[]>;
  assert.deepEqual(Object.keys(facets).sort(), [...FACET_NAMES].sort());
  for (const name of FACET_NAMES) {
    for (const f of facets[name]!) {
      assert.equal(typeof f.value, 'string');
      assert.equal(typeof f.count, 'number');
    }
  }
});

test('search never shows drafts or running embargoes: not in hits, counts or facets', async () => {
  for (const q of ['fidel', 'zanzibar', 'quokka', '']) {
    const res = await server.json(`/api/search?q=${encodeURIComponent(q)}&size=100`);
    assert.equal(res.status, 200);
    const text = JSON.stringify(res.body);
    assert.ok(!text.includes('draft-memo'), q);
    assert.ok(!text.includes(DRAFT_TITLE), q);
    assert.ok(!text.includes(FUTURE_EMBARGO_TITLE), q);
    assert.ok(!text.includes('embargo-future'), q);
  }
  const zanzibar = (await server.json('/api/search?q=zanzibar')).body as Json;
  assert.equal(zanzibar.total, 0);
  // Khrushchev is author of the seed (public), the draft and the embargoed telegram (hidden).
  const all = (await server.json('/api/search?size=100')).body as { facets: Record<string, { value: string; count: number }[]> };
  const khrushchev = all.facets.author!.find((f) => f.value === 'Nikita Khrushchev');
  assert.equal(khrushchev?.count, 1);
});

test('a malformed query or parameter is 400 with a message, never 500', async () => {
  for (const qs of ['q=%22unbalanced', 'sort=sideways', 'page=zero', 'from=1963-13-01', 'size=-1']) {
    const res = await server.json(`/api/search?${qs}`);
    assert.equal(res.status, 400, qs);
    const body = res.body as Json;
    assert.equal(typeof body.error, 'string');
    assert.ok((body.error as string).length > 5, qs);
  }
});

test('unknown /api routes are 404 JSON', async () => {
  const res = await server.json('/api/nothing-here');
  assert.equal(res.status, 404);
  assert.equal(typeof (res.body as Json).error, 'string');
});

test('a failing store answers 500 JSON on /api and an HTML error page elsewhere, and logs it', async (t) => {
  const logged = t.mock.method(console, 'error', () => undefined);
  const failing = await startServer({
    wrap: (store) =>
      new Proxy(store, {
        get(target, prop, receiver) {
          if (prop === 'search' || prop === 'getDocument') return async () => { throw new Error('disk on fire at /secret/path'); };
          return Reflect.get(target, prop, receiver) as unknown;
        },
      }),
  });
  try {
    const api = await failing.json('/api/search?q=fidel');
    assert.equal(api.status, 500);
    assert.deepEqual(Object.keys(api.body as Json), ['error']);
    assert.ok(!JSON.stringify(api.body).includes('/secret/path'), 'no internals leak');
    const page = await failing.get(`/documents/${SEED_ID}`);
    assert.equal(page.status, 500);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.ok(!page.text.includes('/secret/path'));
    assert.match(page.text, /<h1>Something went wrong<\/h1>/);
    assert.ok(logged.mock.callCount() >= 2);
  } finally {
    await failing.close();
  }
});
