import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { DocumentInput } from '../../src/domain/index.js';
import { DRAFT_TITLE, FUTURE_EMBARGO_TITLE, SEED_ID } from './fixtures.js';
import { hasForeignScript, landmarkProblems, startServer, type TestServer } from './helpers.js';

/** HTTP-level tests of the timeline, map, network and A–Z pages (the browser suite drives them with a real Chromium). */
const EXTRA: DocumentInput[] = [
  {
    id: 'reply-1963-02-15',
    title: 'Letter from Castro to Khrushchev',
    date: '1963-02-15',
    type: 'Letter',
    text: 'A reply.',
    authors: [{ id: 'castro-fidel', name: 'Fidel Castro' }],
    recipients: [{ id: 'khrushchev-nikita', name: 'Nikita Khrushchev' }],
    placeWritten: { id: 'havana', name: 'Havana' },
    received: { place: { id: 'moscow', name: 'Moscow' } },
    collections: [{ slug: 'cuba-1963', title: 'Cuba after the Crisis, 1963', parent: 'cold-war' }],
  },
  {
    id: 'draft-letter-secret',
    title: DRAFT_TITLE,
    date: '1963-02-16',
    status: 'draft',
    authors: [{ id: 'draft-only-person', name: 'Quagga Draftperson' }],
    recipients: [{ id: 'castro-fidel', name: 'Fidel Castro' }],
    placeWritten: { id: 'draft-only-place', name: 'Quagga Town', lat: 10, lon: 10 },
  },
];

let server: TestServer;
before(async () => {
  server = await startServer({ extra: EXTRA });
});
after(async () => {
  await server.close();
});

const SECRETS = [DRAFT_TITLE, FUTURE_EMBARGO_TITLE, 'Quagga', 'draft-only'];

test('every visual and index page is well-formed, labelled, and shows nothing private', async () => {
  for (const path of ['/timeline', '/timeline?from=1963-02&to=1963-02', '/timeline?unit=day&from=1963-01-25&to=1963-02-20', '/map', '/map?kind=written', '/map?kind=received', '/network', '/network?collection=cuba-1963', '/people', '/people?letter=F', '/places', '/topics']) {
    const res = await server.get(path);
    assert.equal(res.status, 200, path);
    assert.deepEqual(landmarkProblems(res.text), [], path);
    assert.ok(!hasForeignScript(res.text), path);
    for (const secret of SECRETS) assert.ok(!res.text.includes(secret), `${path} leaks ${secret}`);
  }
});

test('timeline: bars link to their period, the list shows the window, a month is shown by days', async () => {
  const page = (await server.get('/timeline?from=1963-02&to=1963-02')).text;
  assert.match(page, /<h2 id="chart-heading">Days, 1 February 1963 – 28 February 1963<\/h2>/);
  assert.match(page, /<a class="bar-link" href="\/timeline\?from=1963-02-15&amp;to=1963-02-15" aria-label="15 February 1963: 1 document"/);
  assert.ok(page.includes('href="/documents/reply-1963-02-15"'));
  assert.ok(page.includes('<nav class="crumbs" aria-label="Zoom levels">'));
  assert.ok(page.includes('<script type="module" src="/assets/timeline.js?v='));
  const json = (await server.json('/api/timeline?from=1963&to=1963&unit=month')).body as { unit: string; bars: { key: string; count: number }[] };
  assert.equal(json.unit, 'month');
  assert.equal(json.bars.length, 12);
  assert.ok(json.bars.find((b) => b.key === '1963-02')!.count >= 3);
  assert.equal((await server.get('/timeline?from=nonsense')).status, 400);
});

test('network: edges from author to recipient link to the letters between them; people to their documents', async () => {
  const page = (await server.get('/network')).text;
  assert.match(page, /<a class="edge" href="\/search\?author=khrushchev-nikita&amp;recipient=castro-fidel&amp;sort=date" aria-label="Nikita Khrushchev to Fidel Castro: 1 document"/);
  assert.match(page, /<a class="node" href="\/search\?person=castro-fidel&amp;sort=date" aria-label="Fidel Castro: wrote 1 document, received 1"/);
  assert.ok(page.includes('<table class="data-table">'));
  const api = (await server.json('/api/network')).body as { nodes: { id: string }[]; edges: unknown[] };
  assert.deepEqual(api.nodes.map((n) => n.id).sort(), ['castro-fidel', 'khrushchev-nikita']);
});

test('map: the base map is a cached SVG drawn from TopoJSON; places of writing come from the gazetteer', async () => {
  const page = (await server.get('/map?kind=written')).text;
  const href = /<image href="(\/assets\/world\.svg\?v=[0-9a-f]{12})"/.exec(page)?.[1];
  assert.ok(href);
  const svg = await server.get(href);
  assert.equal(svg.headers.get('content-type'), 'image/svg+xml');
  assert.match(svg.headers.get('cache-control') ?? '', /immutable/);
  assert.match(svg.text, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.ok(svg.text.length > 20_000);
  // Havana has no coordinates in the records: the gazetteer places it.
  assert.match(page, /<a class="marker" href="\/search\?place=havana&amp;sort=date" aria-label="Havana: 1 document written there"/);
  const places = (await server.json('/api/places')).body as { id: string; coordinates?: string }[];
  assert.equal(places.find((p) => p.id === 'havana')?.coordinates, 'gazetteer');
});

test('map and place pages tell places of writing, of arrival and mentioned apart', async () => {
  // The reply was written in Havana and received in Moscow; the seed letter only mentions Moscow.
  const places = (await server.json('/api/places')).body as { id: string; written: number; received: number; mentioned: number }[];
  const moscow = places.find((p) => p.id === 'moscow');
  assert.deepEqual([moscow?.written, moscow?.received, moscow?.mentioned], [0, 1, 1]);
  const havana = places.find((p) => p.id === 'havana');
  assert.deepEqual([havana?.written, havana?.received, havana?.mentioned], [1, 0, 1]);
  const arrivals = (await server.get('/map?kind=received')).text;
  assert.match(arrivals, /<option value="received" selected>Places of arrival<\/option>/);
  assert.match(arrivals, /aria-label="Moscow: 1 document received there"/);
  assert.ok(!arrivals.includes('aria-label="Havana'), 'no letter arrived in Havana');
  assert.match(arrivals, /<th scope="row"><a href="\/places\/moscow">Moscow<\/a><\/th><td>0<\/td><td>1<\/td><td>1<\/td>/);
  const all = (await server.get('/map')).text;
  assert.match(all, /aria-label="Moscow: 0 documents written there, 1 received there, 1 mentioning it"/);
  assert.match(all, /aria-label="Havana: 1 document written there, 1 mentioning it"/, 'arrivals are named only where there are some');
  const moscowPage = (await server.get('/places/moscow')).text;
  assert.match(moscowPage, /Letter from Castro to Khrushchev<\/a>.*?<span class="roles">\(received there\)<\/span>/s);
  assert.match(moscowPage, /Letter from Khrushchev to Fidel Castro<\/a>.*?<span class="roles">\(mentioned\)<\/span>/s);
  const havanaPage = (await server.get('/places/havana')).text;
  assert.match(havanaPage, /Letter from Castro to Khrushchev<\/a>.*?<span class="roles">\(written there\)<\/span>/s);
});

test('A–Z indexes: people with roles, life dates and letters; the letter bar filters', async () => {
  const page = (await server.get('/people?letter=N')).text;
  assert.match(page, /<h1>People: N<\/h1>/);
  assert.ok(page.includes('<a href="/people/khrushchev-nikita">Nikita Khrushchev</a>'));
  assert.ok(!page.includes('Fidel Castro</a>'));
  assert.match(page, /wrote 1, received 1/);
  const person = (await server.get('/people/castro-fidel')).text;
  assert.ok(person.includes('<h2 id="corr-heading">Correspondents</h2>'));
  assert.ok(person.includes('href="/search?author=khrushchev-nikita&amp;recipient=castro-fidel&amp;sort=date"'));
  const home = (await server.get('/')).text;
  assert.ok(home.includes('<h2 id="featured-heading">Featured documents</h2>'));
  assert.ok(home.includes(`href="/documents/${SEED_ID}"`), 'the seed, cited by the memo, is featured');
});
