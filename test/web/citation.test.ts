import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { DocumentView } from '../../src/domain/index.js';
import { citation, citationHtml, cslName, toCslItem } from '../../src/web/citation/index.js';
import { sanitizeFormatted } from '../../src/web/html/escape.js';
import { SEED_ID } from './fixtures.js';
import { startServer, type TestServer } from './helpers.js';

function view(over: Partial<DocumentView> = {}): DocumentView {
  return {
    id: 'khrushchev-to-castro-1963-01-31',
    sourceId: 'seed',
    title: 'Letter from Khrushchev to Fidel Castro',
    date: { start: '1963-01-31', end: '1963-01-31', display: 'January 31, 1963' },
    type: 'Letter',
    footnotes: [],
    texts: [],
    authors: [{ id: 'khrushchev', name: 'Nikita Khrushchev' }],
    recipients: [{ id: 'castro', name: 'Fidel Castro' }],
    people: [],
    places: [],
    topics: [],
    collections: [],
    source: { archive: 'Archive of Foreign Policy, Russian Federation (AVP RF)', reference: 'Fond 0104, Opis 19', collection: 'Cuban Missile Crisis' },
    funders: [],
    related: [],
    references: [],
    media: [],
    updatedAt: '2024-01-01T00:00:00Z',
    status: 'published',
    ...over,
  };
}

const URL_ = 'https://archive.example/documents/khrushchev-to-castro-1963-01-31';
const ACCESSED = new Date('2024-05-06T12:00:00Z');

test('CSL-JSON: an unpublished manuscript with author, recipient, date, archive, location, URL and access date', () => {
  const item = toCslItem(view(), URL_, ACCESSED);
  assert.equal(item.type, 'manuscript');
  assert.equal(item.genre, 'Letter');
  assert.deepEqual(item.author, [{ literal: 'Nikita Khrushchev' }]);
  assert.deepEqual(item.recipient, [{ literal: 'Fidel Castro' }]);
  assert.deepEqual(item.issued, { 'date-parts': [[1963, 1, 31]] });
  assert.equal(item.archive, 'Archive of Foreign Policy, Russian Federation (AVP RF)');
  assert.equal(item.archive_location, 'Fond 0104, Opis 19');
  assert.equal(item.URL, URL_);
  assert.deepEqual(item.accessed, { 'date-parts': [[2024, 5, 6]] });
  assert.deepEqual(toCslItem(view({ date: { start: '1962-10', end: '1962-11', display: 'Oct–Nov 1962' } }), URL_).issued, { 'date-parts': [[1962, 10], [1962, 11]] });
  assert.deepEqual(toCslItem(view({ date: { display: 'circa 1963' } }), URL_).issued, { literal: 'circa 1963' });
  assert.equal(toCslItem(view({ date: { display: '[undated]' } }), URL_).issued, undefined);
});

test('names: "Family, Given" (FRUS lists) is split, anything else kept whole', () => {
  assert.deepEqual(cslName('Khrushchev, Nikita S.'), { family: 'Khrushchev', given: 'Nikita S.' });
  assert.deepEqual(cslName('Mao Zedong'), { literal: 'Mao Zedong' });
});

test('Chicago, MLA and APA come from citeproc-js with the CSL styles', () => {
  const chicago = citation(view(), 'chicago', URL_, ACCESSED).body;
  assert.equal(
    chicago.trim(),
    'Nikita Khrushchev. “Letter from Khrushchev to Fidel Castro.” Letter. January 31, 1963. Fond 0104, Opis 19. Cuban Missile Crisis. Archive of Foreign Policy, Russian Federation (AVP RF). https://archive.example/documents/khrushchev-to-castro-1963-01-31.',
  );
  const mla = citation(view(), 'mla', URL_, ACCESSED).body;
  assert.match(mla, /^Nikita Khrushchev\. “Letter from Khrushchev to Fidel Castro\.” Letter\. 31 Jan\. 1963, Archive of Foreign Policy/);
  assert.ok(mla.includes(URL_));
  const apa = citation(view(), 'apa', URL_, ACCESSED).body;
  assert.match(apa, /^Nikita Khrushchev\. \(1963\)\. Letter from Khrushchev to Fidel Castro/);
  assert.ok(apa.includes('Fond 0104, Opis 19'));
  // The engines are reused: a second document gets its own entry, nothing of the first.
  const other = citation(view({ id: 'other', title: 'Another letter', authors: [{ id: 'k', name: 'Kennedy, John F.' }] }), 'chicago', URL_).body;
  assert.match(other, /^Kennedy, John F\. “Another Letter\.”/);
  assert.ok(!other.includes('Khrushchev to Fidel'));
});

test('BibTeX: @unpublished with braced literal names, escaped TeX specials, date, note and url', () => {
  const bib = citation(view({ title: 'Costs 50% & more_{x}' }), 'bibtex', URL_, ACCESSED).body;
  assert.match(bib, /^@unpublished\{khrushchev-to-castro-1963-01-31,\n/);
  assert.ok(bib.includes('author = {{Nikita Khrushchev}}'));
  assert.ok(bib.includes('title = {{Costs 50\\% \\& more\\_\\{x\\}}}'));
  assert.ok(bib.includes('date = {1963-01-31}'));
  assert.ok(bib.includes('year = {1963}'));
  assert.ok(bib.includes('note = {To Fidel Castro. Fond 0104, Opis 19. Cuban Missile Crisis. Archive of Foreign Policy, Russian Federation (AVP RF)}'));
  assert.ok(bib.includes(`url = {${URL_}}`));
  assert.ok(bib.includes('urldate = {2024-05-06}'));
  assert.ok(bib.trimEnd().endsWith('}'));
});

test('RIS: MANSCPT with one tag per line, CRLF, ending in ER', () => {
  const ris = citation(view(), 'ris', URL_, ACCESSED).body;
  const lines = ris.split('\r\n');
  assert.equal(lines[0], 'TY  - MANSCPT');
  assert.ok(lines.includes('AU  - Nikita Khrushchev'));
  assert.ok(lines.includes('TI  - Letter from Khrushchev to Fidel Castro'));
  assert.ok(lines.includes('DA  - 1963/01/31/'));
  assert.ok(lines.includes('PY  - 1963'));
  assert.ok(lines.includes('AV  - Fond 0104, Opis 19'));
  assert.ok(lines.includes(`UR  - ${URL_}`));
  assert.ok(lines.includes('Y2  - 2024/05/06/'));
  assert.equal(lines.at(-2), 'ER  - ');
});

test('citeproc HTML is reduced to text, <i> and <b>', () => {
  assert.equal(sanitizeFormatted('<div class="csl-entry">A <i>Title</i> <span style="x">&#38; B</span> <script>x</script></div>').value, 'A <i>Title</i> &#38; B x');
  assert.equal(sanitizeFormatted('<i>unclosed').value, '<i>unclosed</i>');
});

test('markup quoted in a title or a name is text in every style: kept in plain text, never formatting in HTML', () => {
  const quoting = view({ title: 'On the <b>bold</b> <script>x</script> a < b', authors: [{ id: 'e', name: '<i>Evil</i> Author' }] });
  const text = citation(quoting, 'mla', URL_, ACCESSED).body;
  assert.match(text, /<i>Evil<\/i> Author/);
  assert.match(text, /<b>bold<\/b>/i);
  const page = sanitizeFormatted(citationHtml(quoting, 'chicago', URL_, ACCESSED)).value;
  assert.ok(!/<[bi]>/.test(page), page);
  assert.match(page, /&#60;i&#62;Evil&#60;\/i&#62; Author/);
  assert.match(page, /&#60;script&#62;x&#60;\/script&#62; a &#60; b/i);
});

test('a corrected title is cited as corrected: the engine does not keep what it read of the id', () => {
  assert.match(citation(view({ title: 'Letter to Castro, first reading' }), 'apa', URL_, ACCESSED).body, /first reading/);
  const corrected = citation(view({ title: 'Letter to Castro, corrected' }), 'apa', URL_, ACCESSED).body;
  assert.match(corrected, /corrected/);
  assert.doesNotMatch(corrected, /first reading/);
});

let server: TestServer;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server.close();
});

test('GET /api/documents/{id}/citation answers each format with its content type', async () => {
  const expected: Record<string, [string, RegExp]> = {
    'csl-json': ['application/vnd.citationstyles.csl+json', /"type": "manuscript"/],
    bibtex: ['application/x-bibtex', /^@unpublished\{/],
    ris: ['application/x-research-info-systems', /^TY {2}- MANSCPT/],
    chicago: ['text/plain', /“Letter from Khrushchev to Fidel Castro\.” Letter\. January 31, 1963/],
    mla: ['text/plain', /31 Jan\. 1963/],
    apa: ['text/plain', /\(1963\)/],
  };
  for (const [format, [type, body]] of Object.entries(expected)) {
    const res = await server.get(`/api/documents/${SEED_ID}/citation?format=${format}`);
    assert.equal(res.status, 200, format);
    assert.equal(res.headers.get('content-type')?.split(';')[0], type, format);
    assert.match(res.text, body, format);
    assert.ok(res.text.includes(`/documents/${SEED_ID}`), `${format} has the URL`);
  }
  const csl = JSON.parse((await server.get(`/api/documents/${SEED_ID}/citation?format=csl-json`)).text) as { author: unknown; accessed: unknown }[];
  assert.deepEqual(csl[0]?.author, [{ literal: 'Nikita Khrushchev' }]);
  assert.deepEqual(csl[0]?.accessed, { 'date-parts': [[2025, 6, 1]] });
});

test('citation: unknown format is 400, drafts and unknown ids are 404', async () => {
  assert.equal((await server.get(`/api/documents/${SEED_ID}/citation?format=word`)).status, 400);
  assert.equal((await server.get('/api/documents/draft-memo/citation?format=bibtex')).status, 404);
  assert.equal((await server.get('/api/documents/nope/citation?format=ris')).status, 404);
});
