import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startServer, type TestServer, hasForeignScript } from './helpers.js';

let server: TestServer;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server.close();
});

/** Queries a careless parser or store would answer with 500 or echo unescaped. */
const HOSTILE = [
  '"unbalanced',
  'OR',
  '-',
  'date:1963-13',
  "'; DROP TABLE documents; --",
  '\u0000\u0007',
  '<script>alert(1)</script>',
  'fidel OR',
  '(((',
  ')',
  'title:',
  'NEAR(a b)',
  '*',
  'a"b"c',
  '"',
  'date:..',
  'date:1963..1962',
  'x'.repeat(5000),
  '💥 Castro',
  '\uFFFF\u202E',
  'author:"<img src=x onerror=alert(1)>"',
];

test('hostile queries get 200 or 400 JSON from /api/search, never 500', async () => {
  for (const q of HOSTILE) {
    const res = await server.json(`/api/search?q=${encodeURIComponent(q)}`);
    assert.ok(res.status === 200 || res.status === 400, `${JSON.stringify(q)} → ${res.status}`);
    if (res.status === 400) assert.equal(typeof (res.body as { error: unknown }).error, 'string');
  }
});

test('hostile queries get 200 or 400 HTML from /search, never 500, and never echo markup', async () => {
  for (const q of HOSTILE) {
    const res = await server.get(`/search?q=${encodeURIComponent(q)}`);
    assert.ok(res.status === 200 || res.status === 400, `${JSON.stringify(q)} → ${res.status}`);
    assert.ok(!res.text.includes('<script>alert'), JSON.stringify(q));
    assert.ok(!res.text.includes('<img src=x'), JSON.stringify(q));
  }
});

test('a <script> in q comes back escaped and inert on /search', async () => {
  const res = await server.get(`/search?q=${encodeURIComponent('<script>alert(1)</script>')}`);
  assert.ok(res.status === 200 || res.status === 400);
  assert.ok(!hasForeignScript(res.text));
  assert.ok(res.text.includes('value="&lt;script&gt;alert(1)&lt;/script&gt;"'));
  assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'self'/);
});

test('hostile filter values and parameters are escaped in links, chips and hidden fields', async () => {
  const evil = '"><script>alert(2)</script>';
  const res = await server.get(`/search?author=${encodeURIComponent(evil)}&from=${encodeURIComponent(evil)}&sort=${encodeURIComponent(evil)}`);
  assert.ok(res.status === 200 || res.status === 400);
  assert.ok(!res.text.includes('<script>alert(2)'));
  const ok = await server.get(`/search?author=${encodeURIComponent(evil)}`);
  assert.equal(ok.status, 200);
  assert.ok(ok.text.includes('value="&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"'));
  assert.ok(ok.text.includes('href="/search?author=%22%3E%3Cscript%3Ealert%282%29%3C%2Fscript%3E"') || ok.text.includes('href="/search"'));
});

test('bad search parameters are 400 on both the page and the API', async () => {
  for (const qs of ['sort=sideways', 'page=abc', 'size=1e3', 'from=tomorrow', 'from=1964&to=1963']) {
    assert.equal((await server.get(`/search?${qs}`)).status, 400, qs);
    assert.equal((await server.json(`/api/search?${qs}`)).status, 400, qs);
  }
});

test('broken percent-encoding in the query string is 200 or 400, never 500', async () => {
  for (const raw of ['%', '%E0%A4%A', '%ED%A0%80', '%FF%FE', '%%%', 'a%2', '%C0%BC%73%63%72%69%70%74%3E']) {
    for (const path of [`/search?q=${raw}`, `/api/search?q=${raw}`, `/search?author=${raw}`]) {
      const res = await server.get(path);
      assert.ok(res.status === 200 || res.status === 400, `${path} → ${res.status}`);
      // JSON may carry titles verbatim (it is not HTML); pages must not.
      if (path.startsWith('/search')) assert.ok(!hasForeignScript(res.text), path);
    }
  }
});

test('odd paths are 404, not errors', async () => {
  for (const path of ['/documents/', '/documents/%00', '/documents/..%2F..%2Fetc%2Fpasswd', '/people/%3Cscript%3E', '/collections/a%20b', '/nothing', '/documents/x/y']) {
    const res = await server.get(path);
    assert.equal(res.status, 404, path);
    assert.ok(!hasForeignScript(res.text), path);
  }
});
