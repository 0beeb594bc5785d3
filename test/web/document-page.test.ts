import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildIngestRecord } from '../../src/domain/index.js';
import { DRAFT_TITLE, HOSTILE_TITLE, SEED_ID, SEED_RIGHTS } from './fixtures.js';
import { landmarkProblems, startServer, type TestServer } from './helpers.js';

let server: TestServer;
let seedPage: string;
before(async () => {
  server = await startServer();
  const res = await server.get(`/documents/${SEED_ID}`);
  assert.equal(res.status, 200);
  seedPage = res.text;
});
after(async () => {
  await server.close();
});

function escapeForHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

test('the reading page shows every field of the Wilson Center record, in its order', () => {
  const inOrder = [
    '<time datetime="1963-01-31">January 31, 1963</time>',
    '<h1 class="doc-title">Letter from Khrushchev to Fidel Castro</h1>',
    'This document was made possible with support from Leon Levy Foundation',
    'Letter from Khrushchev to Fidel Castro. Re: Point 3, Protocol No. 80',
    '<p>Dear Comrade Fidel Castro,</p>',
    '<p>Cuba is a land of eternal summer.</p>',
    '<p>31 January 1963</p>',
    '>Summary</h2>',
    escapeForHtml("Khrushchev wrote to Fidel Castro to discuss the issues in the two countries' relation after the Cuban Missile Crisis."),
  ];
  let at = 0;
  for (const piece of inOrder) {
    const found = seedPage.indexOf(piece, at);
    assert.ok(found >= 0, `missing or out of order: ${piece}`);
    at = found + piece.length;
  }
});

test('Document information: source, rights, record id, uploaded date, languages, classification, funder', () => {
  const info = seedPage.slice(seedPage.indexOf('id="info-heading"'));
  assert.match(info, /Document information<\/h2>/);
  const rows: [string, string][] = [
    ['Source', 'Archive of Foreign Policy, Russian Federation (AVP RF)'],
    ['Source collection', 'Cuban Missile Crisis'],
    ['Classification', 'No classification marking'],
    ['Language', 'English'],
    ['Original language', 'Russian'],
    ['Rights', `<p>${escapeForHtml(SEED_RIGHTS)}</p>`],
    ['Original Uploaded Date', '<time datetime="2011-10-17">17 October 2011</time>'],
    ['Record ID', '115095'],
    ['Funder', '<span class="funder">Leon Levy Foundation</span>'],
  ];
  for (const [label, value] of rows) {
    assert.ok(info.includes(`<dt>${label}</dt><dd>${value}</dd>`), `${label}: ${value}`);
  }
});

test('authors, recipients, places, topics and collections are links to their pages', () => {
  assert.ok(seedPage.includes('<a href="/people/khrushchev-nikita">Nikita Khrushchev</a>'));
  assert.ok(seedPage.includes('<a href="/people/castro-fidel">Fidel Castro</a>'));
  assert.match(seedPage, /<span class="label">From<\/span> <a href="\/people\/khrushchev-nikita">/);
  assert.match(seedPage, /<span class="label">To<\/span> <a href="\/people\/castro-fidel">/);
  assert.ok(seedPage.includes('<a href="/places/moscow">Moscow</a>'));
  assert.ok(seedPage.includes('<a href="/topics/cuban-missile-crisis">Cuban Missile Crisis</a>'));
  assert.ok(seedPage.includes('<a href="/collections/cuba-1963">Cuba after the Crisis, 1963</a>'));
});

test('other text versions carry their own lang; the main text carries the document language', () => {
  assert.match(seedPage, /<div class="prose" lang="en"><p>Dear Comrade Fidel Castro,/);
  assert.match(seedPage, /<summary>Original · Russian<\/summary>\s*<p class="compare-link"><a href="\/documents\/[^"]+\?compare=0#text-heading">[^<]+<\/a><\/p>\s*<div class="prose" lang="ru"><p>Дорогой товарищ Фидель Кастро!<\/p>/);
});

test('the head carries Highwire and Dublin Core metadata and a JSON alternate', () => {
  const head = seedPage.slice(0, seedPage.indexOf('</head>'));
  assert.ok(head.includes('<title>Letter from Khrushchev to Fidel Castro · Archivum</title>'));
  assert.ok(head.includes('<meta name="citation_title" content="Letter from Khrushchev to Fidel Castro">'));
  assert.ok(head.includes('<meta name="citation_author" content="Nikita Khrushchev">'));
  assert.ok(head.includes('<meta name="citation_date" content="1963/01/31">'));
  assert.ok(head.includes('<meta name="citation_publisher" content="Archive of Foreign Policy, Russian Federation (AVP RF)">'));
  assert.ok(head.includes('<meta name="DC.title" content="Letter from Khrushchev to Fidel Castro">'));
  assert.ok(head.includes(`<link rel="alternate" type="application/json" href="/api/documents/${SEED_ID}">`));
  assert.ok(head.includes(`<link rel="canonical" href="${server.base}/documents/${SEED_ID}">`));
  assert.match(head, /<link rel="stylesheet" href="\/assets\/style\.css\?v=[0-9a-f]{12}">/);
});

test('the cite box holds Chicago, MLA and APA from citeproc with the canonical URL, and the export formats', () => {
  const cite = seedPage.slice(seedPage.indexOf('id="cite-heading"'));
  assert.ok(
    cite.includes(
      `<p class="citation" data-style="chicago">Nikita Khrushchev. “Letter from Khrushchev to Fidel Castro.” Letter. January 31, 1963. Cuban Missile Crisis. Archive of Foreign Policy, Russian Federation (AVP RF). ${server.base}/documents/${SEED_ID}.</p>`,
    ),
    cite.slice(0, 600),
  );
  assert.match(cite, /<p class="citation" data-style="mla">Nikita Khrushchev\. “Letter from Khrushchev to Fidel Castro\.” Letter\. 31 Jan\. 1963/);
  assert.match(cite, /<p class="citation" data-style="apa">Nikita Khrushchev\. \(1963\)\./);
  for (const format of ['bibtex', 'ris', 'csl-json']) assert.ok(cite.includes(`href="/api/documents/${SEED_ID}/citation?format=${format}"`), format);
});

test('a version can be shown side by side with the reading text (?compare=N), each column with its lang', async () => {
  const page = (await server.get(`/documents/${SEED_ID}?compare=0`)).text;
  assert.match(page, /<div class="parallel">/);
  assert.match(page, /<h3 id="col-reading">[^<]+<\/h3><div class="prose" lang="en">/);
  assert.match(page, /<h3 id="col-other">Original · Russian<\/h3>\s*<div class="prose" lang="ru">/);
  assert.ok(page.includes(`<a href="/documents/${SEED_ID}">Show the reading text alone</a>`));
  assert.deepEqual(landmarkProblems(page), []);
});

test('previous and next in the collection', async () => {
  const page = (await server.get(`/documents/${SEED_ID}`)).text;
  assert.match(page, /<nav class="doc-adjacent" aria-label="In this collection">\s*<p>1 of 2 in <a href="\/collections\/cuba-1963">/);
  assert.ok(page.includes('<a href="/documents/memo-with-notes-1963-02-02" rel="next">'));
});

test('structured bodies: footnote anchor and back-link, document and entity links, notes and references', async () => {
  const res = await server.get('/documents/memo-with-notes-1963-02-02');
  assert.equal(res.status, 200);
  const page = res.text;
  assert.ok(page.includes('<h3>Subject</h3>'));
  assert.ok(page.includes(`<a href="/documents/${SEED_ID}" class="doc-ref">letter of 31 January</a>`));
  assert.ok(page.includes('<a href="/people/khrushchev-nikita" class="entity entity-person">Khrushchev</a>'));
  assert.ok(page.includes('<a href="/places/havana" class="entity entity-place">Havana</a>'));
  assert.ok(page.includes('<sup class="note-ref"><a href="#fn-1" id="fn-1-ref" aria-label="Footnote 1">1</a></sup>'));
  assert.match(page, /<li id="fn-1" class="footnote">.*Source: Fidel Castro papers, box 3\..*<a href="#fn-1-ref" class="footnote-back"/);
  assert.match(page, /Documents cited<\/h2>\s*<ul><li><a href="\/documents\/khrushchev-to-castro-1963-01-31">Letter from Khrushchev to Fidel Castro<\/a><\/li><\/ul>/);
  assert.deepEqual(landmarkProblems(page), []);
});

test('titles and names from the data are escaped on the reading page', async () => {
  const res = await server.get('/documents/hostile-title-memo');
  assert.equal(res.status, 200);
  assert.ok(!res.text.includes('<script>alert("title")'));
  assert.ok(!res.text.includes('<img src=x'));
  assert.ok(res.text.includes(escapeForHtml(HOSTILE_TITLE)));
  assert.ok(res.text.includes('&lt;b&gt;angle brackets&lt;/b&gt; &amp; ampersands.'));
  assert.deepEqual(landmarkProblems(res.text), []);
});

test('a draft or still-embargoed document has no page: 404 HTML without its title', async () => {
  for (const id of ['draft-memo', 'embargo-future', 'no-such-doc', 'UPPER']) {
    const res = await server.get(`/documents/${id}`);
    assert.equal(res.status, 404, id);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.ok(!res.text.includes(DRAFT_TITLE));
    assert.match(res.text, /<h1>Page not found<\/h1>/);
    assert.deepEqual(landmarkProblems(res.text), []);
  }
});

test('the reading page passes the landmark and accessibility checks', () => {
  assert.deepEqual(landmarkProblems(seedPage), []);
});

test('a letter shows when and where it arrived, on the page and in the JSON', async () => {
  const letters = await startServer({
    extra: [
      {
        id: 'mamroth-to-schnitzler-1889-08-02',
        title: 'Mamroth an Schnitzler, 2. 8. 1889',
        date: { start: '1889-08-02', display: '2. 8. 1889' },
        placeWritten: { id: 'frankfurt', name: 'Frankfurt am Main' },
        placeWrittenCertainty: 'conjecture',
        received: { date: { start: '1889-08-03', end: '1889-08-07', display: '[3. 8. 1889 – 7. 8. 1889?]', certainty: 'conjecture' }, place: { id: 'wien', name: '<Wien>' }, placeCertainty: 'inferred' },
        text: 'Lieber Freund!',
      },
    ],
  });
  try {
    const page = await letters.get('/documents/mamroth-to-schnitzler-1889-08-02');
    assert.equal(page.status, 200);
    assert.ok(page.text.includes('<dt>Received</dt><dd>[3. 8. 1889 – 7. 8. 1889?], <a href="/places/wien">&lt;Wien&gt;</a> (inferred)</dd>'), page.text.slice(page.text.indexOf('info-heading')));
    assert.ok(page.text.includes('<dt>Place written</dt><dd><a href="/places/frankfurt">Frankfurt am Main</a> (conjectured)</dd>'));
    const { body } = await letters.json('/api/documents/mamroth-to-schnitzler-1889-08-02');
    assert.deepEqual((body as { received?: unknown }).received, {
      date: { start: '1889-08-03', end: '1889-08-07', display: '[3. 8. 1889 – 7. 8. 1889?]', certainty: 'conjecture' },
      place: { id: 'wien', name: '<Wien>' },
      placeCertainty: 'inferred',
    });
    assert.equal((body as { placeWrittenCertainty?: string }).placeWrittenCertainty, 'conjecture');
    // The place of arrival is one of the letter's places: its page lists the letter.
    assert.match((await letters.get('/places/wien')).text, /Mamroth an Schnitzler/);
  } finally {
    await letters.close();
  }
});

test('a numbered document shows its number above its title and in the document information', async () => {
  const volume = { slug: 'numbered-edition', title: 'A numbered edition' };
  for (const [id, number] of [['ne-d68', '68'], ['ne-d69', '69']] as const) {
    await server.store.upsertRecord(buildIngestRecord({ id, title: `Memorandum ${id}`, number, collections: [volume] }));
  }
  const page = (await server.get('/documents/ne-d69')).text;
  assert.match(page, /<p class="doc-number">Document 69<\/p>\s*<h1 class="doc-title">Memorandum ne-d69<\/h1>/);
  // The place in the collection is not called a document number: the two may differ (2A, editorial notes).
  assert.match(page, /<p>2 of 2 in <a href="\/collections\/numbered-edition">A numbered edition<\/a><\/p>/);
  assert.match(page, /<dt>Document number<\/dt><dd>69<\/dd>/);
  assert.ok(page.includes('<a href="/documents/ne-d68" rel="prev">'));
});

test('the markers a source prints on the title (FRUS: the source note, footnote 1) stand on the title, linked both ways', async () => {
  await server.store.upsertRecord(
    buildIngestRecord({
      id: 'titled-notes',
      title: 'Telegram From the Embassy in Nowhere',
      body: [
        { kind: 'p', rend: 'title-notes', children: [{ kind: 'noteRef', n: '1' }] },
        { kind: 'p', children: ['Text.', { kind: 'noteRef', n: '2' }] },
      ],
      footnotes: [
        { n: '1', text: 'Source: Department of State, Central Files. Secret.' },
        { n: '2', text: 'Not printed.' },
      ],
    }),
  );
  const page = (await server.get('/documents/titled-notes')).text;
  assert.match(page, /<h1 class="doc-title">Telegram From the Embassy in Nowhere<sup class="note-ref"><a href="#fn-1" id="fn-1-ref" aria-label="Footnote 1">1<\/a><\/sup><\/h1>/);
  assert.ok(!page.includes('rend-title-notes'), 'no line of its own');
  assert.match(page, /<li id="fn-1" class="footnote">[^]*href="#fn-1-ref"/);
});

test('a supposed author is shown as supposed, on the page and in the JSON', async () => {
  await server.store.upsertRecord(
    buildIngestRecord({
      id: 'supposed-author',
      title: 'Letter, perhaps from Freud',
      authors: [{ id: 'freud-sigmund', name: 'Freud, Sigmund', certainty: 'conjecture' }],
      recipients: [{ id: 'schnitzler-arthur', name: 'Schnitzler, Arthur' }],
    }),
  );
  const page = (await server.get('/documents/supposed-author')).text;
  assert.ok(page.includes('<span class="label">From</span> <a href="/people/freud-sigmund">Freud, Sigmund</a> (conjectured)'), page.slice(0, 2000));
  assert.ok(page.includes('<a href="/people/schnitzler-arthur">Schnitzler, Arthur</a></p>'));
  const json = (await server.json('/api/documents/supposed-author')).body as { authors: unknown[]; recipients: unknown[] };
  assert.deepEqual(json.authors, [{ id: 'freud-sigmund', name: 'Freud, Sigmund', certainty: 'conjecture' }]);
  assert.deepEqual(json.recipients, [{ id: 'schnitzler-arthur', name: 'Schnitzler, Arthur' }]);
});

test('a link to a private document reads exactly as a link to one the archive does not hold', async () => {
  await server.store.upsertRecord(buildIngestRecord({ id: 'private-target', title: 'Private target', status: 'draft' }));
  await server.store.upsertRecord(
    buildIngestRecord({
      id: 'cites-two',
      title: 'Cites two',
      body: [
        {
          kind: 'p',
          children: ['See ', { kind: 'docRef', id: 'private-target', children: ['doc A'] }, ' and ', { kind: 'docRef', id: 'never-existed', children: ['doc B'] }, '.'],
        },
      ],
    }),
  );
  const page = (await server.get('/documents/cites-two')).text;
  assert.ok(page.includes('<p>See doc A and doc B.</p>'), page.slice(page.indexOf('See '), page.indexOf('See ') + 200));
  assert.ok(!page.includes('private-target'));
});
