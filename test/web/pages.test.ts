import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildCollectionSections, buildIngestRecord } from '../../src/domain/index.js';
import { bulkDocuments, DRAFT_TITLE, FIXTURES, FUTURE_EMBARGO_TITLE, SEED_ID } from './fixtures.js';
import { landmarkProblems, startServer, type TestServer } from './helpers.js';

let server: TestServer;
before(async () => {
  server = await startServer({ extra: bulkDocuments(55) });
});
after(async () => {
  await server.close();
});

test('home: search box, collections, recent documents and numbers, no drafts', async () => {
  const res = await server.get('/');
  assert.equal(res.status, 200);
  const page = res.text;
  assert.ok(page.includes('<form class="search-form home-search" role="search" action="/search" method="get">'));
  assert.ok(page.includes('<label for="home-q">Search the documents</label>'));
  assert.ok(page.includes('<a href="/collections/cold-war">Cold War Correspondence</a>'));
  assert.ok(page.includes('<a href="/collections/bulk-cables">Routine Cables</a>'));
  // A list shows a description's first paragraph.
  assert.ok(page.includes('<p>Letters between the leaders.</p>'));
  assert.ok(!page.includes('editors chose'));
  assert.match(page, /<dt>Documents<\/dt><dd>59<\/dd>/, 'counts only public documents (4 public fixtures + 55)');
  assert.match(page, /Recently added<\/h2>\s*<ul class="doc-list"><li><a href="\/documents\//);
  assert.ok(!page.includes(DRAFT_TITLE));
  assert.ok(!page.includes(FUTURE_EMBARGO_TITLE));
  assert.deepEqual(landmarkProblems(page), []);
});

test('every page has the skip link first, landmarks, one h1, labelled controls and no inline script or style', async () => {
  const paths = ['/', '/search', '/search?q=fidel', `/documents/${SEED_ID}`, '/people/khrushchev-nikita', '/places/moscow', '/topics/cuban-missile-crisis', '/collections/cold-war', '/no-such-page'];
  for (const path of paths) {
    const res = await server.get(path);
    assert.deepEqual(landmarkProblems(res.text), [], path);
    assert.match(res.headers.get('content-security-policy') ?? '', /^default-src 'self'/, path);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
  }
});

test('person page lists the documents that cite the person, with roles, and never a draft', async () => {
  const res = await server.get('/people/khrushchev-nikita');
  assert.equal(res.status, 200);
  assert.ok(res.text.includes('<h1>Nikita Khrushchev</h1>'));
  assert.ok(res.text.includes(`<a href="/documents/${SEED_ID}">Letter from Khrushchev to Fidel Castro</a>`));
  assert.match(res.text, /\(author\)/);
  assert.ok(res.text.includes('<a href="/documents/memo-with-notes-1963-02-02">'));
  assert.ok(!res.text.includes(DRAFT_TITLE));
  assert.ok(!res.text.includes(FUTURE_EMBARGO_TITLE));
  assert.match(res.text, /<h2 id="docs-heading">2 documents<\/h2>/);
});

test('place and topic pages list their documents', async () => {
  const place = await server.get('/places/havana');
  assert.equal(place.status, 200);
  assert.ok(place.text.includes('<h1>Havana</h1>'));
  assert.ok(place.text.includes('<a href="/documents/memo-with-notes-1963-02-02">'));
  const moscow = await server.get('/places/moscow');
  assert.ok(moscow.text.includes('55.7500, 37.6200'));
  const topic = await server.get('/topics/cuban-missile-crisis');
  assert.equal(topic.status, 200);
  assert.ok(topic.text.includes(`<a href="/documents/${SEED_ID}">`));
});

test('collection page shows nested children, date span and its documents', async () => {
  const res = await server.get('/collections/cold-war');
  assert.equal(res.status, 200);
  assert.ok(res.text.includes('<h1>Cold War Correspondence</h1>'));
  assert.ok(res.text.includes('<div class="lede collection-description"><p>Letters between the leaders.</p>\n<p>What &lt;the&gt; editors chose, and why.</p></div>'));
  assert.ok(res.text.includes('<a href="/collections/cuba-1963">Cuba after the Crisis, 1963</a>'));
  assert.match(res.text, /<dt>Dates<\/dt><dd>[^<]*1963[^<]*<\/dd>/);
  assert.ok(!res.text.includes(DRAFT_TITLE));
});

test('a collection\'s sections: listed on its page, each on a page of its own with its notes; cited documents linked only when public', async () => {
  const record = buildIngestRecord({ ...FIXTURES.find((f) => f.id === SEED_ID)! });
  const sections = buildCollectionSections({
    collection: 'cold-war',
    sections: [
      {
        id: 'preface',
        title: 'Preface <to> "the" volume',
        body: [{ kind: 'p', children: ['Read ', { kind: 'docRef', id: SEED_ID, children: ['the seed'] }, ' and ', { kind: 'docRef', id: 'draft-memo', children: ['a draft'] }, '.', { kind: 'noteRef', n: '1' }] }],
        footnotes: [{ n: '1', text: 'A note <b>here</b>.' }],
      },
      { id: 'sources', title: 'Sources', body: [{ kind: 'p', children: ['Archives.'] }], footnotes: [] },
    ],
  });
  await server.store.upsertRecord({ ...record, sections });
  const collection = await server.get('/collections/cold-war');
  assert.match(collection.text, /<nav class="collection-sections" aria-labelledby="sections-heading">\n<h2 id="sections-heading">About this collection<\/h2>/);
  assert.ok(collection.text.includes('<li><a href="/collections/cold-war/sections/preface">Preface &lt;to&gt; &quot;the&quot; volume</a></li>'));
  const page = await server.get('/collections/cold-war/sections/preface');
  assert.equal(page.status, 200);
  assert.ok(page.text.includes('<h1>Preface &lt;to&gt; &quot;the&quot; volume</h1>'));
  assert.ok(page.text.includes('<a href="/collections/cold-war">Cold War Correspondence</a>'));
  assert.ok(page.text.includes(`<a href="/documents/${SEED_ID}" class="doc-ref">the seed</a>`));
  assert.ok(!page.text.includes('href="/documents/draft-memo"'), 'no link to a draft');
  assert.ok(page.text.includes('A note &lt;b&gt;here&lt;/b&gt;.'));
  assert.match(page.text, /<a href="#fn-1" id="fn-1-ref"[^>]*>/);
  assert.ok(page.text.includes('<a href="/collections/cold-war/sections/preface" aria-current="page">'));
  assert.deepEqual(landmarkProblems(page.text), []);
  for (const path of ['/collections/cold-war/sections/index', '/collections/bulk-cables/sections/preface', '/collections/cold-war/sections/%3Cx%3E']) {
    assert.equal((await server.get(path)).status, 404, path);
  }
});

test('listings page with ?page= and link between pages', async () => {
  const first = await server.get('/collections/bulk-cables');
  assert.equal(first.status, 200);
  assert.match(first.text, /<h2 id="docs-heading">55 documents<\/h2>/);
  assert.equal((first.text.match(/<a href="\/documents\/bulk-/g) ?? []).length, 50);
  assert.ok(first.text.includes('<a href="/collections/bulk-cables?page=2" rel="next">Next →</a>'));
  const second = await server.get('/collections/bulk-cables?page=2');
  assert.equal((second.text.match(/<a href="\/documents\/bulk-/g) ?? []).length, 5);
  assert.ok(second.text.includes('<ol class="doc-list" start="51">'));
  assert.ok(second.text.includes('rel="prev"'));
  // A nonsense page number is the first page, not an error.
  assert.equal((await server.get('/collections/bulk-cables?page=-3')).status, 200);
});

test('unknown people, places, topics and collections are 404 pages', async () => {
  for (const path of ['/people/nobody', '/places/atlantis', '/topics/nothing', '/collections/none']) {
    const res = await server.get(path);
    assert.equal(res.status, 404, path);
    assert.match(res.text, /<h1>Page not found<\/h1>/);
  }
});

test('the stylesheet is served with a content hash and a long cache only for the current hash', async () => {
  const home = (await server.get('/')).text;
  const href = /<link rel="stylesheet" href="(\/assets\/style\.css\?v=[0-9a-f]+)">/.exec(home)?.[1];
  assert.ok(href);
  const css = await server.get(href);
  assert.equal(css.status, 200);
  assert.match(css.headers.get('content-type') ?? '', /^text\/css/);
  assert.match(css.headers.get('cache-control') ?? '', /max-age=31536000/);
  assert.match(css.text, /@media print/);
  assert.match(css.text, /:focus-visible/);
  const stale = await server.get('/assets/style.css?v=old');
  assert.equal(stale.status, 200);
  assert.doesNotMatch(stale.headers.get('cache-control') ?? '', /31536000/);
  // Only system fonts and our own files: nothing the CSP would block or that needs the network.
  assert.doesNotMatch(css.text, /url\(|@import|@font-face/);
});

test('person page: each role with the volumes that give it, and none from a volume the viewer may not see', async () => {
  const listed = (source: string, role: string) => ({ source, name: 'Rusk, Dean', role, ...(source === 'vol-a' ? { url: 'https://example.org/vol-a/persons#p_RD1' } : {}) });
  const rusk = (source: string, role: string) => ({ id: 'rusk-dean', name: 'Rusk, Dean', listings: [listed(source, role)] });
  const volume = (slug: string, title: string, status: 'published' | 'draft') => ({
    id: `${slug}-d1`,
    title: `A telegram in ${title}`,
    date: '1962-01-01',
    status,
    authors: [rusk(slug, slug === 'vol-b' ? 'Zyzzyva Secret Office' : 'Secretary of State')],
    collections: [{ slug, title }],
  });
  const own = await startServer({ extra: [volume('vol-c', 'Volume C', 'published'), volume('vol-b', 'Volume B', 'draft'), volume('vol-a', 'Volume A', 'published')] });
  try {
    const page = (await own.get('/people/rusk-dean')).text;
    assert.match(
      page,
      /<dt>Role<\/dt><dd><ul class="person-roles"><li>Secretary of State <span class="role-sources">\(<a href="\/collections\/vol-a">Volume A<\/a> <a href="https:\/\/example.org\/vol-a\/persons#p_RD1" class="listing-entry" aria-label="Rusk, Dean in the list of Volume A, on its own site">↗<\/a>; <a href="\/collections\/vol-c">Volume C<\/a>\)<\/span><\/li><\/ul><\/dd>/,
    );
    assert.ok(!page.includes('Zyzzyva'), 'the draft volume names no role');
    assert.ok(!page.includes('Volume B'));
  } finally {
    await own.close();
  }
});
