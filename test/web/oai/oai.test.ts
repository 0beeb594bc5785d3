import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildIngestRecord } from '../../../src/domain/index.js';
import type { ArchiveStore } from '../../../src/store/types.js';
import { makeDeps } from '../../../src/web/context.js';
import { repositoryInfo } from '../../../src/web/oai/repository.js';
import { oaiRoutes } from '../../../src/web/routes/oai.js';
import { createApp } from '../../../src/web/app.js';
import { servedBaseUrlProblem } from '../../../src/cli/commands/serve.js';
import { bulkDocuments, DRAFT_TITLE, FIXTURES, FUTURE_EMBARGO_TITLE, HOSTILE_TITLE, SEED_ID } from '../fixtures.js';
import { fixtureStore, NOW, startServer } from '../helpers.js';
import { oaiSchemaProblems } from './validate.js';
import { rmSync } from 'node:fs';

const BASE = 'http://archive.example.org/oai';
const PREFIX = 'oai:archive.example.org:';

let store: ArchiveStore;
let dir: string;
let oai: ReturnType<typeof oaiRoutes>;

/** One request to the repository (two records a page); the response checked against the schemas. */
async function ask(query: string, init?: RequestInit): Promise<string> {
  const res = await oai.request(`${BASE}${query ? `?${query}` : ''}`, init);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/xml; charset=utf-8');
  const xml = await res.text();
  assert.deepEqual(oaiSchemaProblems(xml), [], `${query}: ${xml.slice(0, 600)}`);
  return xml;
}

const errorCode = (xml: string) => /<error code="([^"]+)"/.exec(xml)?.[1];
const all = (xml: string, pattern: RegExp) => [...xml.matchAll(pattern)].map((m) => m[1]!);
const identifiers = (xml: string) => all(xml, /<identifier>([^<]+)<\/identifier>/g).map((i) => i.slice(PREFIX.length));
const token = (xml: string) => /<resumptionToken[^>]*>([^<]+)<\/resumptionToken>/.exec(xml)?.[1];

/** Every page of a list, following resumption tokens. */
async function walk(verb: string, args: string): Promise<{ pages: string[]; ids: string[] }> {
  const pages = [await ask(`verb=${verb}&${args}`)];
  for (let next = token(pages[0]!); next; next = token(pages.at(-1)!)) pages.push(await ask(`verb=${verb}&resumptionToken=${encodeURIComponent(next)}`));
  return { pages, ids: pages.flatMap(identifiers) };
}

const EXTRA = bulkDocuments(5);
const PUBLIC_IDS = [...FIXTURES, ...EXTRA].filter((f) => f.status !== 'draft' && !(f.status === 'embargoed' && f.embargoUntil! > NOW.toISOString())).map((f) => f.id!);

before(async () => {
  ({ store, dir } = await fixtureStore(EXTRA));
  oai = oaiRoutes(makeDeps({ store, now: () => NOW }), repositoryInfo({ name: 'Test Archive', adminEmail: 'archivist@archive.example.org' }), { ListRecords: 2, ListIdentifiers: 2 });
});
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('OAI-PMH 2.0 at /oai', () => {
  it('Identify names the repository, its base URL, granularity and deleted-record policy, with an oai-identifier description', async () => {
    const xml = await ask('verb=Identify');
    assert.match(xml, /<request verb="Identify">http:\/\/archive\.example\.org\/oai<\/request>/);
    assert.match(xml, /<repositoryName>Test Archive<\/repositoryName><baseURL>http:\/\/archive\.example\.org\/oai<\/baseURL><protocolVersion>2\.0<\/protocolVersion>/);
    assert.match(xml, /<adminEmail>archivist@archive\.example\.org<\/adminEmail><earliestDatestamp>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<\/earliestDatestamp>/);
    assert.match(xml, /<deletedRecord>transient<\/deletedRecord><granularity>YYYY-MM-DDThh:mm:ssZ<\/granularity>/);
    assert.match(xml, /<repositoryIdentifier>archive\.example\.org<\/repositoryIdentifier>/);
    assert.match(xml, /<responseDate>2025-06-01T12:00:00Z<\/responseDate>/);
  });

  it('ListRecords gives every public document in oai_dc, page by page, and nothing private', async () => {
    const { pages, ids } = await walk('ListRecords', 'metadataPrefix=oai_dc');
    assert.deepEqual([...ids].sort(), [...PUBLIC_IDS].sort());
    assert.equal(pages.length, Math.ceil(PUBLIC_IDS.length / 2), 'two records a page');
    const text = pages.join('');
    for (const secret of [DRAFT_TITLE, FUTURE_EMBARGO_TITLE, 'draft-', 'embargo-future']) assert.ok(!text.includes(secret), `leaks ${secret}`);
    // Cursors count the records before each page; the last page ends the list with an empty token.
    assert.deepEqual(pages.map((p) => /<resumptionToken[^>]*cursor="(\d+)"/.exec(p)?.[1]), pages.map((_, i) => (i === 0 ? '0' : String(i * 2))));
    assert.match(pages.at(-1)!, new RegExp(`<resumptionToken completeListSize="${PUBLIC_IDS.length}" cursor="\\d+"/>`));
    assert.ok(!token(pages.at(-1)!));
    // A hostile title arrives escaped, and the response is still valid.
    assert.ok(text.includes('<dc:title>&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; Memo &amp; &quot;notes&quot;</dc:title>'), HOSTILE_TITLE);
  });

  it('GetRecord describes the seed letter in Dublin Core', async () => {
    const xml = await ask(`verb=GetRecord&identifier=${PREFIX}${SEED_ID}&metadataPrefix=oai_dc`);
    assert.match(xml, new RegExp(`<request verb="GetRecord" identifier="${PREFIX}${SEED_ID}" metadataPrefix="oai_dc">`));
    assert.match(xml, /<setSpec>cold-war<\/setSpec><setSpec>cold-war:cuba-1963<\/setSpec>/);
    for (const field of [
      '<dc:title>Letter from Khrushchev to Fidel Castro</dc:title>',
      '<dc:creator>Nikita Khrushchev</dc:creator>',
      '<dc:contributor>Fidel Castro</dc:contributor>',
      '<dc:subject>Cuban Missile Crisis</dc:subject>',
      '<dc:date>1963-01-31</dc:date>',
      '<dc:type>Letter</dc:type>',
      `<dc:identifier>http://archive.example.org/documents/${SEED_ID}</dc:identifier>`,
      '<dc:identifier>115095</dc:identifier>',
      '<dc:source>Archive of Foreign Policy, Russian Federation (AVP RF), Cuban Missile Crisis</dc:source>',
      '<dc:coverage>Moscow</dc:coverage>',
      '<dc:publisher>Test Archive</dc:publisher>',
    ]) {
      assert.ok(xml.includes(field), field);
    }
    assert.match(xml, /<dc:rights>The History and Public Policy Program/);
  });

  it('ListSets gives the collections the public may see as a hierarchy; a set selects its sub-collections too', async () => {
    const sets = await ask('verb=ListSets');
    const specs = all(sets, /<setSpec>([^<]+)<\/setSpec>/g);
    assert.ok(specs.includes('cold-war') && specs.includes('cold-war:cuba-1963'), specs.join());
    const inCuba = FIXTURES.filter((f) => f.collections?.some((c) => (typeof c === 'string' ? c : c.slug) === 'cuba-1963') && PUBLIC_IDS.includes(f.id!)).map((f) => f.id!);
    assert.deepEqual((await walk('ListIdentifiers', 'metadataPrefix=oai_dc&set=cold-war:cuba-1963')).ids.sort(), inCuba.sort());
    const coldWar = (await walk('ListIdentifiers', 'metadataPrefix=oai_dc&set=cold-war')).ids;
    assert.ok(inCuba.every((id) => coldWar.includes(id)) && coldWar.length > inCuba.length);
    assert.equal(errorCode(await ask('verb=ListIdentifiers&metadataPrefix=oai_dc&set=cuba-1963')), 'noRecordsMatch');
  });

  it('selects by datestamp, inclusive at both ends, at either granularity', async () => {
    const { pages } = await walk('ListIdentifiers', 'metadataPrefix=oai_dc');
    const stamps = pages.flatMap((p) => all(p, /<datestamp>([^<]+)<\/datestamp>/g));
    const last = stamps.at(-1)!;
    const fromLast = await walk('ListIdentifiers', `metadataPrefix=oai_dc&from=${last}`);
    assert.deepEqual(fromLast.ids.length, stamps.filter((s) => s >= last).length);
    const day = last.slice(0, 10);
    assert.equal((await walk('ListIdentifiers', `metadataPrefix=oai_dc&from=${day}&until=${day}`)).ids.length, stamps.filter((s) => s.startsWith(day)).length);
    assert.equal(errorCode(await ask('verb=ListIdentifiers&metadataPrefix=oai_dc&until=2000-01-01')), 'noRecordsMatch');
  });

  it('answers every error condition with its code, the request echoed only when it was understood', async () => {
    const cases: [string, string][] = [
      ['', 'badVerb'],
      ['verb=Harvest', 'badVerb'],
      ['verb=Identify&verb=Identify', 'badVerb'],
      ['verb=Identify&extra=1', 'badArgument'],
      ['verb=ListRecords', 'badArgument'],
      ['verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc', 'badArgument'],
      ['verb=ListRecords&metadataPrefix=oai_dc&from=2025-02-30', 'badArgument'],
      ['verb=ListRecords&metadataPrefix=oai_dc&from=2025-01-01&until=2025-02-01T00:00:00Z', 'badArgument'],
      ['verb=ListRecords&metadataPrefix=oai_dc&from=2025-02-01&until=2025-01-01', 'badArgument'],
      ['verb=ListRecords&metadataPrefix=oai_dc&from=2025-01-01T00:00:00', 'badArgument'],
      ['verb=ListRecords&resumptionToken=abc&metadataPrefix=oai_dc', 'badArgument'],
      // A year before 100 is a year like any other (Date.UTC would read 0050 as 1950).
      ['verb=ListRecords&metadataPrefix=oai_dc&from=0050-01-01&until=0050-12-31', 'noRecordsMatch'],
      ['verb=ListRecords&resumptionToken=not-a-token', 'badResumptionToken'],
      ['verb=ListSets&resumptionToken=abc', 'badResumptionToken'],
      ['verb=ListRecords&metadataPrefix=mods', 'cannotDisseminateFormat'],
      ['verb=GetRecord&identifier=' + PREFIX + SEED_ID + '&metadataPrefix=marc', 'cannotDisseminateFormat'],
      ['verb=GetRecord&identifier=' + PREFIX + 'no-such-document&metadataPrefix=oai_dc', 'idDoesNotExist'],
      ['verb=GetRecord&identifier=' + SEED_ID + '&metadataPrefix=oai_dc', 'idDoesNotExist'],
      ['verb=ListMetadataFormats&identifier=' + PREFIX + 'embargo-future', 'idDoesNotExist'],
    ];
    for (const [query, code] of cases) {
      const xml = await ask(query);
      assert.equal(errorCode(xml), code, query);
      if (code === 'badVerb' || code === 'badArgument') assert.match(xml, /<request>http:\/\/archive\.example\.org\/oai<\/request>/, query);
      else assert.match(xml, /<request verb="/, query);
    }
    // A draft is not there at all: the same answer as for an id never seen.
    const draft = FIXTURES.find((f) => f.status === 'draft')!.id!;
    assert.equal(errorCode(await ask(`verb=GetRecord&identifier=${PREFIX}${draft}&metadataPrefix=oai_dc`)), 'idDoesNotExist');
  });

  it('ListMetadataFormats offers oai_dc, for the repository and for one record', async () => {
    for (const query of ['verb=ListMetadataFormats', `verb=ListMetadataFormats&identifier=${PREFIX}${SEED_ID}`]) {
      assert.match(await ask(query), /<metadataPrefix>oai_dc<\/metadataPrefix><schema>http:\/\/www\.openarchives\.org\/OAI\/2\.0\/oai_dc\.xsd<\/schema>/);
    }
  });

  it('takes POST requests with form arguments, and refuses other bodies', async () => {
    const form = await ask('', { method: 'POST', headers: { 'Content-Type': 'Application/X-WWW-Form-Urlencoded; charset=UTF-8' }, body: 'verb=Identify' });
    assert.match(form, /<Identify>/);
    const json = await ask('', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"verb":"Identify"}' });
    assert.equal(errorCode(json), 'badArgument');
    const long = await ask('', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `verb=Identify&x=${'a'.repeat(20_000)}` });
    assert.equal(errorCode(long), 'badArgument');
  });

  it('reports a document taken back from the public as deleted, and only then', async () => {
    const seed = FIXTURES.find((f) => f.id === SEED_ID)!;
    const before = await ask(`verb=GetRecord&identifier=${PREFIX}${SEED_ID}&metadataPrefix=oai_dc`);
    assert.ok(!before.includes('status="deleted"'));
    await store.upsertRecord(buildIngestRecord({ ...seed, status: 'draft' }));
    try {
      const record = await ask(`verb=GetRecord&identifier=${PREFIX}${SEED_ID}&metadataPrefix=oai_dc`);
      assert.match(record, /<record><header status="deleted"><identifier>[^<]+<\/identifier><datestamp>[^<]+<\/datestamp><setSpec>cold-war<\/setSpec><setSpec>cold-war:cuba-1963<\/setSpec><\/header><\/record>/);
      assert.ok(!record.includes('<metadata>'), 'a deleted record has no metadata');
      const since = /<datestamp>([^<]+)<\/datestamp>/.exec(record)![1]!;
      const listed = await walk('ListIdentifiers', `metadataPrefix=oai_dc&from=${since}`);
      assert.ok(listed.pages.some((p) => p.includes(`<header status="deleted"><identifier>${PREFIX}${SEED_ID}</identifier>`)));
    } finally {
      await store.upsertRecord(buildIngestRecord(seed));
    }
    assert.ok(!(await ask(`verb=GetRecord&identifier=${PREFIX}${SEED_ID}&metadataPrefix=oai_dc`)).includes('status="deleted"'));
  });

  it('a record withdrawn from a collection that is no longer public keeps its setSpec and its set; such a set is not listed', async () => {
    const lonely = (status: 'published' | 'draft') =>
      buildIngestRecord({ id: 'lonely-letter', title: 'Lonely letter', date: '1962-05-05', status, collections: [{ slug: 'lonely-set', title: 'Lonely set', parent: 'cold-war' }] });
    await store.upsertRecord(lonely('published'));
    assert.ok(all(await ask('verb=ListSets'), /<setSpec>([^<]+)<\/setSpec>/g).includes('cold-war:lonely-set'));
    await store.upsertRecord(lonely('draft'));
    assert.ok(!all(await ask('verb=ListSets'), /<setSpec>([^<]+)<\/setSpec>/g).includes('cold-war:lonely-set'));
    const inSet = await ask('verb=ListIdentifiers&metadataPrefix=oai_dc&set=cold-war:lonely-set');
    assert.match(inSet, new RegExp(`<header status="deleted"><identifier>${PREFIX}lonely-letter</identifier><datestamp>[^<]+</datestamp><setSpec>cold-war:lonely-set</setSpec></header>`));
    const inParent = await walk('ListIdentifiers', 'metadataPrefix=oai_dc&set=cold-war');
    assert.ok(inParent.ids.includes('lonely-letter'));
    // A set with nothing public, and one that does not exist, get the same answer.
    const nothing = /<error code="noRecordsMatch">([^<]*)<\/error>/;
    const privateSet = await ask('verb=ListIdentifiers&metadataPrefix=oai_dc&set=cold-war:lonely-set&from=2999-01-01');
    const noSet = await ask('verb=ListIdentifiers&metadataPrefix=oai_dc&set=no-such-set');
    assert.equal(nothing.exec(privateSet)?.[1], nothing.exec(noSet)?.[1]);
  });

  it('a record withdrawn from a collection that nothing is left in keeps its setSpec and its set', async () => {
    const moving = (status: 'published' | 'draft', slug: string) =>
      buildIngestRecord({ id: 'moving-letter', title: 'Moving letter', date: '1962-05-06', status, collections: [{ slug, title: slug, parent: 'cold-war' }] });
    await store.upsertRecord(moving('published', 'emptied-set'));
    // Made a draft in another collection: the collection it was public in holds nothing now.
    await store.upsertRecord(moving('draft', 'other-set'));
    const header = new RegExp(`<header status="deleted"><identifier>${PREFIX}moving-letter</identifier><datestamp>[^<]+</datestamp><setSpec>cold-war:emptied-set</setSpec></header>`);
    assert.match(await ask(`verb=GetRecord&identifier=${PREFIX}moving-letter&metadataPrefix=oai_dc`), header);
    assert.match(await ask('verb=ListIdentifiers&metadataPrefix=oai_dc&set=cold-war:emptied-set'), header);
    assert.ok(!all(await ask('verb=ListSets'), /<setSpec>([^<]+)<\/setSpec>/g).includes('cold-war:emptied-set'));
  });
});

it('the application serves /oai, named by the host it is reached at', async () => {
  const server = await startServer();
  try {
    const res = await server.get('/oai?verb=Identify');
    assert.equal(res.status, 200);
    assert.match(res.text, new RegExp(`<baseURL>${server.base}/oai</baseURL>`));
    assert.match(res.text, /<repositoryName>Archivum<\/repositoryName>/);
    assert.deepEqual(oaiSchemaProblems(res.text), []);
  } finally {
    await server.close();
  }
});

it('a configured public address names the repository, its identifiers and every absolute link, whatever address a request arrives at', async () => {
  const { store: own, dir: ownDir } = await fixtureStore();
  try {
    const app = createApp({ store: own, now: () => NOW, baseUrl: 'https://public.example.org' });
    const get = async (path: string) => (await app.request(`http://127.0.0.1:8080${path}`)).text();
    const identify = await get('/oai?verb=Identify');
    assert.match(identify, /<baseURL>https:\/\/public\.example\.org\/oai<\/baseURL>/);
    assert.match(identify, /<request verb="Identify">https:\/\/public\.example\.org\/oai<\/request>/);
    const records = await get('/oai?verb=ListIdentifiers&metadataPrefix=oai_dc');
    assert.match(records, /<identifier>oai:public\.example\.org:/);
    assert.match(await get('/sitemap.xml'), /<loc>https:\/\/public\.example\.org\/documents\//);
    assert.match(await get('/feed.atom'), /<id>https:\/\/public\.example\.org\/feed\.atom<\/id>/);
    assert.match(await get(`/documents/${SEED_ID}`), new RegExp(`<link rel="canonical" href="https://public\\.example\\.org/documents/${SEED_ID}">`));
  } finally {
    await own.close();
    rmSync(ownDir, { recursive: true, force: true });
  }
});

it('ARCHIVUM_BASE_URL must be a root address without credentials', () => {
  assert.equal(servedBaseUrlProblem('https://archive.example.org'), null);
  assert.equal(servedBaseUrlProblem('https://archive.example.org/'), null);
  assert.match(servedBaseUrlProblem('https://archive.example.org/archive')!, /without a path/);
  assert.match(servedBaseUrlProblem('https://user:secret@archive.example.org')!, /without a user name or password/);
  assert.match(servedBaseUrlProblem('archive.example.org')!, /not an absolute URL/);
});
