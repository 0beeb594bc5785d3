import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { bulkDocuments, DRAFT_TITLE, FUTURE_EMBARGO_TITLE, SEED_ID } from './fixtures.js';
import { landmarkProblems, startServer, type TestServer } from './helpers.js';

let server: TestServer;
before(async () => {
  server = await startServer({ extra: bulkDocuments(25) });
});
after(async () => {
  await server.close();
});

test('/search keeps the query in a labelled box and lists hits with title link, date, type and snippet', async () => {
  const res = await server.get('/search?q=fidel');
  assert.equal(res.status, 200);
  const page = res.text;
  assert.ok(page.includes('<label for="q">Search the documents</label>'));
  assert.ok(page.includes('<input id="q" name="q" type="search" value="fidel"'));
  assert.match(page, /<h2 id="results-heading" class="result-count">\d+ documents for <q>fidel<\/q>\.<\/h2>/);
  assert.ok(page.includes(`<h3 class="hit-title"><a href="/documents/${SEED_ID}">Letter from Khrushchev to Fidel Castro</a></h3>`));
  assert.ok(page.includes('<time datetime="1963-01-31">January 31, 1963</time> <span class="sep" aria-hidden="true">·</span> <span class="hit-type">Letter</span>'));
  assert.match(page, /<p class="snippet">[^<]*<mark>Fidel<\/mark>/);
  assert.deepEqual(landmarkProblems(page), []);
});

test('facets are checkboxes with counts in a GET form; active filters show as removable chips', async () => {
  const page = (await server.get('/search?q=fidel')).text;
  assert.ok(page.includes('<form class="facets-form" action="/search" method="get">'));
  assert.ok(page.includes('<input type="hidden" name="q" value="fidel">'), 'the facet form keeps the words');
  assert.match(page, /<input type="checkbox" id="(f-author-\d+)" name="author" value="khrushchev-nikita"><label for="\1"><span class="facet-value">Nikita Khrushchev<\/span> <span class="count">1<\/span><\/label>/);
  assert.match(page, /<a href="\/search\?q=fidel&amp;from=1960-01-01&amp;to=1969-12-31">1960s<\/a> <span class="count">\d+<\/span>/);
  // Years as a histogram whose bars set the date range.
  assert.match(page, /<a class="bar-link" href="\/search\?q=fidel&amp;from=1963-01-01&amp;to=1963-12-31" aria-label="1963: \d+ documents?"/);
  const checked = (await server.get('/search?q=fidel&author=khrushchev-nikita')).text;
  assert.match(checked, /name="author" value="khrushchev-nikita" checked>/);

  const filtered = await server.get('/search?q=fidel&author=khrushchev-nikita');
  assert.equal(filtered.status, 200);
  assert.ok(filtered.text.includes('<a class="chip" href="/search?q=fidel" aria-label="Remove filter Author: Nikita Khrushchev">Author: Nikita Khrushchev'));
  assert.ok(filtered.text.includes('<input type="hidden" name="author" value="khrushchev-nikita">'), 'the form keeps the filter');
  assert.match(filtered.text, /1 document for <q>fidel<\/q>/);
  assert.ok(filtered.text.includes(`href="/documents/${SEED_ID}"`));
  assert.ok(!filtered.text.includes('href="/documents/embargo-past"'));
});

test('date range inputs and sort select are part of the plain GET form', async () => {
  const page = (await server.get('/search?q=cable&from=1970-01-05&to=1970-01-10&sort=-date')).text;
  assert.ok(page.includes('<form class="search-form" role="search" action="/search" method="get">'));
  assert.ok(page.includes('<input id="from" name="from" type="text" inputmode="numeric" value="1970-01-05"'));
  assert.ok(page.includes('<input id="to" name="to" type="text" inputmode="numeric" value="1970-01-10"'));
  assert.ok(page.includes('<option value="-date" selected>Date, newest first</option>'));
  assert.ok(page.includes('aria-label="Remove filter From 1970-01-05"'));
  const dates = [...page.matchAll(/<time datetime="(1970-01-\d\d)">/g)].map((m) => m[1]!);
  assert.ok(dates.length > 0);
  assert.ok(dates.every((d) => d >= '1970-01-05' && d <= '1970-01-10'), dates.join());
  assert.deepEqual([...dates].sort().reverse(), dates, 'newest first');
});

test('pagination links carry the query and mark the current page', async () => {
  const first = (await server.get('/search?q=cable&size=10')).text;
  assert.match(first, /25 documents for <q>cable<\/q>, showing 1–10\./);
  assert.ok(first.includes('<a href="/search?q=cable&amp;size=10&amp;page=2" rel="next">Next →</a>'));
  assert.ok(first.includes('aria-current="page" aria-label="Page 1, current page"'));
  const third = (await server.get('/search?q=cable&size=10&page=3')).text;
  assert.match(third, /showing 21–25\./);
  assert.ok(third.includes('<ol class="hits" start="21">'));
  assert.ok(third.includes('rel="prev"'));
  assert.ok(!third.includes('rel="next"'));
});

test('an empty query browses every public document and never a draft', async () => {
  const res = await server.get('/search?size=100');
  assert.equal(res.status, 200);
  assert.match(res.text, /<h1>Browse and search<\/h1>/);
  assert.ok(res.text.includes(`href="/documents/${SEED_ID}"`));
  assert.ok(!res.text.includes(DRAFT_TITLE));
  assert.ok(!res.text.includes(FUTURE_EMBARGO_TITLE));
  for (const q of ['zanzibar', 'quokka', 'draft', 'Zanzibar Draft Memorandum']) {
    const hit = await server.get(`/search?q=${encodeURIComponent(q)}`);
    assert.ok(!hit.text.includes(DRAFT_TITLE), q);
    assert.ok(!hit.text.includes('/documents/draft-memo'), q);
    assert.ok(!hit.text.includes(FUTURE_EMBARGO_TITLE), q);
  }
});

test('a malformed query shows its message on the page with 400, and the form keeps the query', async () => {
  const res = await server.get('/search?q=%22unbalanced');
  assert.equal(res.status, 400);
  assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
  assert.match(res.text, /<div class="search-error" role="alert">.*quotation mark/i);
  assert.ok(res.text.includes('value="&quot;unbalanced"'));
  assert.deepEqual(landmarkProblems(res.text), []);
});

test('a long facet has a find box: Enter (no script needed) lists the values containing the text, from all of them', async () => {
  // Four people here: short enough to need no box (more than eight get one).
  assert.ok(!(await server.get('/search')).text.includes('id="match-person"'));
  const found = (await server.get('/search?personMatch=khrush')).text;
  assert.match(found, /<label for="match-person" class="visually-hidden">Find a value of Person mentioned \(Enter searches all of them\)<\/label><input type="search" id="match-person" name="personMatch" value="khrush"/);
  const listed = [...found.matchAll(/name="person" value="([^"]+)"/g)].map((m) => m[1]);
  assert.ok(listed.length > 0 && listed.every((id) => id!.includes('khrush')), listed.join(', '));
  const none = (await server.get('/search?personMatch=%3Cscript%3E')).text;
  assert.ok(none.includes('No value contains “&lt;script&gt;”.'));
  assert.ok(!none.includes('<script>'));
  const api = JSON.parse((await server.get('/api/search?personMatch=khrush&size=0')).text) as { facets: { person: { value: string }[] } };
  assert.ok(api.facets.person.length > 0 && api.facets.person.every((p) => /khrush/i.test(p.value)));
});
