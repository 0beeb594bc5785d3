import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildIngestRecord } from '../../src/domain/index.js';
import { parseSearchParams } from '../../src/search/params.js';
import { PUBLIC, STAFF, type ArchiveStore, type ScopeRequest } from '../../src/store/types.js';
import { fixtureRecords, PUBLIC_IDS } from '../fixtures/documents.js';
import type { StoreHarness } from './contract.js';

/** Names, ids and words that only drafts and running embargoes carry: none may appear anywhere. */
const SECRETS = ['draft-secret', 'embargoed-future', 'secret-agent', 'secret-place', 'secret-collection', 'Zanzibar', 'Secret'];

function assertNoSecrets(value: unknown, what: string): void {
  const text = JSON.stringify(value);
  for (const secret of SECRETS) assert.ok(!text.includes(secret), `${what} leaks "${secret}": ${text.slice(0, 300)}`);
}

/**
 * The browse and visualisation reads (timeline, network, map, A–Z lists, previous/next,
 * featured). Every store runs it against the same fixtures as the main contract, plus one
 * record written at a place known only to the gazetteer.
 */
export function describeBrowseContract(name: string, openFresh: () => Promise<StoreHarness>): void {
  describe(`${name} store browse contract`, () => {
    let harness: StoreHarness;
    let store: ArchiveStore;
    const scope = (query: string): ScopeRequest => parseSearchParams(new URLSearchParams(query));

    before(async () => {
      harness = await openFresh();
      store = harness.store;
      for (const record of fixtureRecords()) await store.upsertRecord(record);
      // A FRUS-style record: written in Paris (a dateline without coordinates), citing the Kennedy message.
      await store.upsertRecord(
        buildIngestRecord({
          id: 'telegram-paris-1962-10-28',
          title: 'Telegram from the Embassy in Paris',
          date: '1962-10-28',
          type: 'Telegram',
          authors: [{ id: 'kennedy', name: 'John F. Kennedy' }],
          recipients: [{ id: 'khrushchev', name: 'Nikita Khrushchev' }],
          placeWritten: { id: 'paris', name: 'Paris' },
          references: ['jfk-to-k-1962-10-27', 'k-to-jfk-1962-10-26'],
          collections: [{ slug: 'frus-v6', title: 'FRUS 1961–63 VI' }],
        }),
      );
      // Undated letters with a place of arrival: one written elsewhere, one written and received in the same town.
      await store.upsertRecord(
        buildIngestRecord({
          id: 'letter-to-kiev',
          title: 'Letter received in Kiev',
          placeWritten: { id: 'odessa', name: 'Odessa' },
          received: { place: { id: 'kiev', name: 'Kiev' } },
          places: [{ id: 'kiev', name: 'Kiev' }],
        }),
      );
      await store.upsertRecord(
        buildIngestRecord({ id: 'note-within-kiev', title: 'Note sent across Kiev', placeWritten: { id: 'kiev', name: 'Kiev' }, received: { place: { id: 'kiev', name: 'Kiev' } } }),
      );
      // A draft citing the Berlin memo many times must not make it "featured".
      await store.upsertRecord(
        buildIngestRecord({
          id: 'draft-citer',
          title: 'Draft citer Zanzibar',
          status: 'draft',
          authors: [{ id: 'secret-agent', name: 'Secret Agent Zanzibar' }],
          recipients: [{ id: 'kennedy', name: 'John F. Kennedy' }],
          references: ['memo-berlin-1961', 'brief-de-1895'],
        }),
      );
    });
    after(async () => {
      await harness.cleanup();
    });

    it('dateHistogram counts visible dated documents per decade, year, month and day', async () => {
      const decades = await store.dateHistogram(scope(''), PUBLIC, 'decade');
      assert.deepEqual(
        decades.map((b) => [b.key, b.count, b.start, b.end]),
        [
          ['1890', 1, '1890-01-01', '1899-12-31'],
          ['1960', 7, '1960-01-01', '1969-12-31'],
        ],
      );
      const months = await store.dateHistogram(scope('from=1962-10&to=1962-11'), PUBLIC, 'month');
      assert.deepEqual(
        months.map((b) => [b.key, b.count]),
        [
          ['1962-10', 4],
          ['1962-11', 1],
        ],
      );
      const days = await store.dateHistogram(scope('from=1962-10-26&to=1962-10-31'), PUBLIC, 'day');
      // The month-precision telegram overlaps the range and counts on its first day.
      assert.deepEqual(days.map((b) => [b.key, b.count]), [['1962-10-01', 1], ['1962-10-26', 1], ['1962-10-27', 1], ['1962-10-28', 1]]);
      assert.deepEqual(days[1], { key: '1962-10-26', start: '1962-10-26', end: '1962-10-26', count: 1 });
      // The same scope as a search: a word filters the histogram too.
      const berlin = await store.dateHistogram(scope('q=Berlin'), PUBLIC, 'year');
      assert.deepEqual(berlin.map((b) => [b.key, b.count]), [['1961', 1]]);
    });

    it('dateHistogram never counts drafts or running embargoes, but staff see them', async () => {
      const pub = await store.dateHistogram(scope('from=1962-11&to=1962-11'), PUBLIC, 'day');
      assert.deepEqual(pub.map((b) => b.key), ['1962-11-04']);
      const staff = await store.dateHistogram(scope('from=1962-11&to=1962-11'), STAFF, 'day');
      assert.deepEqual(staff.map((b) => b.key), ['1962-11-02', '1962-11-03', '1962-11-04']);
    });

    it('correspondence gives weighted author→recipient edges and sent/received counts', async () => {
      const net = await store.correspondence(scope(''), PUBLIC);
      const edge = (from: string, to: string) => net.edges.find((e) => e.from === from && e.to === to);
      assert.equal(edge('kennedy', 'khrushchev')?.count, 2);
      assert.equal(edge('khrushchev', 'kennedy')?.count, 1);
      assert.equal(edge('khrushchev', 'castro')?.count, 1);
      assert.equal(edge('david', 'schnitzler')?.count, 1);
      assert.equal(net.edges[0]?.count, 2, 'heaviest edge first');
      assert.deepEqual(edge('kennedy', 'khrushchev'), { from: 'kennedy', to: 'khrushchev', count: 2, first: '1962-10-27', last: '1962-10-28' });
      const k = net.nodes.find((n) => n.id === 'khrushchev');
      assert.deepEqual(k, { id: 'khrushchev', name: 'Nikita Khrushchev', sent: 2, received: 2 });
      // Malinovsky only writes reports without recipients, and drafts: not a correspondent.
      assert.ok(!net.nodes.some((n) => n.id === 'malinovsky'));
      assertNoSecrets(net, 'correspondence');
    });

    it('correspondence follows the scope: dates, collections, and the edge limit', async () => {
      const oct = await store.correspondence(scope('from=1962-10-27&to=1962-10-31'), PUBLIC);
      assert.deepEqual(oct.edges.map((e) => [e.from, e.to, e.count]), [['kennedy', 'khrushchev', 2]]);
      const wilson = await store.correspondence(scope('collection=wilson'), PUBLIC);
      assert.deepEqual(wilson.edges.map((e) => [e.from, e.to]), [['khrushchev', 'castro']]);
      const one = await store.correspondence(scope(''), PUBLIC, { limit: 1 });
      assert.equal(one.edges.length, 1);
      assert.deepEqual(one.nodes.map((n) => n.id).sort(), ['kennedy', 'khrushchev']);
      assert.deepEqual(await store.correspondence(scope('q=nothingmatchesthis'), PUBLIC), { nodes: [], edges: [] });
    });

    it('correspondence of staff includes drafts, of the public never', async () => {
      const net = await store.correspondence(scope(''), PUBLIC);
      assertNoSecrets(net, 'public correspondence');
      const staff = await store.correspondence(scope(''), STAFF);
      assert.ok(staff.edges.some((e) => e.from === 'secret-agent' && e.to === 'kennedy'));
    });

    it('mapPlaces counts places written and mentioned, with coordinates from the record or the gazetteer', async () => {
      const places = await store.mapPlaces(scope(''), PUBLIC);
      const by = new Map(places.map((p) => [p.id, p]));
      assert.deepEqual(by.get('cuba'), { id: 'cuba', name: 'Cuba', lat: 21.5, lon: -79.4, coordinates: 'record', written: 0, received: 0, mentioned: 2 });
      // Each document counts once: a note written where it arrived counts as written there.
      assert.deepEqual(['kiev', 'odessa'].map((id) => [by.get(id)?.written, by.get(id)?.received, by.get(id)?.mentioned]), [[1, 1, 0], [1, 0, 0]]);
      const paris = by.get('paris')!;
      assert.equal(paris.written, 1);
      assert.equal(paris.mentioned, 0);
      assert.equal(paris.coordinates, 'gazetteer');
      assert.ok(Math.abs(paris.lat! - 48.86) < 0.2 && Math.abs(paris.lon! - 2.35) < 0.2);
      assert.equal(by.get('vienna')?.coordinates, 'gazetteer');
      assert.equal(by.get('moscow')?.mentioned, 2);
      assertNoSecrets(places, 'mapPlaces');
      const berlin = await store.mapPlaces(scope('q=Berlin'), PUBLIC);
      assert.deepEqual(berlin.map((p) => p.id).sort(), ['berlin', 'vienna']);
      const staff = await store.mapPlaces(scope(''), STAFF);
      assert.ok(staff.some((p) => p.id === 'secret-place'));
    });

    it('getPlace tells documents written or received at the place from those mentioning it', async () => {
      const kiev = (await store.getPlace('kiev', PUBLIC))!;
      assert.equal(kiev.total, 2);
      const roles = new Map(kiev.documents.map((d) => [d.id, d.roles]));
      assert.deepEqual(roles.get('letter-to-kiev'), ['placeReceived']);
      assert.deepEqual(roles.get('note-within-kiev'), ['placeWritten', 'placeReceived']);
      assert.deepEqual((await store.getPlace('odessa', PUBLIC))!.documents.map((d) => d.roles), [['placeWritten']]);
      const cuba = (await store.getPlace('cuba', PUBLIC))!;
      assert.ok(cuba.documents.length > 0 && cuba.documents.every((d) => d.roles.join() === 'place'));
      // A page past the last document reads no document.
      assert.deepEqual((await store.getPlace('kiev', PUBLIC, { offset: 10, limit: 10 }))!.documents, []);
    });

    it('listPeople is an A–Z of people in visible documents, with counts, roles and an initials bar', async () => {
      const all = await store.listPeople(PUBLIC, { offset: 0, limit: 100 });
      // By name as recorded (Arthur, Embassy, Fidel, Jakob, John, Nikita, Rodion).
      assert.deepEqual(all.items.map((p) => p.id), ['schnitzler', 'embassy-havana', 'castro', 'david', 'kennedy', 'khrushchev', 'malinovsky']);
      assert.equal(all.total, 7);
      const k = all.items.find((p) => p.id === 'khrushchev')!;
      assert.equal(k.count, 5); // two letters written, two received, one memo mentioning him
      assert.equal(k.sent, 2);
      assert.equal(k.received, 2);
      // Malinovsky: one public document mentions him, one ended embargo is his; drafts do not count.
      const m = all.items.find((p) => p.id === 'malinovsky')!;
      assert.equal(m.count, 2);
      assert.equal(m.sent, 1);
      assert.ok(all.initials.some((i) => i.letter === 'N' && i.count === 1));
      assertNoSecrets(all, 'listPeople');

      const n = await store.listPeople(PUBLIC, { prefix: 'n', offset: 0, limit: 10 });
      assert.deepEqual(n.items.map((p) => p.id), ['khrushchev']);
      assert.equal(n.total, 1);
      assert.deepEqual(n.initials, all.initials, 'the initials bar ignores the prefix');
      const paged = await store.listPeople(PUBLIC, { offset: 2, limit: 2 });
      assert.deepEqual(paged.items.map((p) => p.id), all.items.slice(2, 4).map((p) => p.id));
    });

    it('listPlaces and listTopics list only what visible documents cite', async () => {
      const places = await store.listPlaces(PUBLIC, { offset: 0, limit: 100 });
      assert.ok(places.items.some((p) => p.id === 'paris' && p.lat !== undefined));
      assert.equal(places.items.find((p) => p.id === 'moscow')?.count, 2);
      assertNoSecrets(places, 'listPlaces');
      const w = await store.listPlaces(PUBLIC, { prefix: 'W', offset: 0, limit: 10 });
      assert.deepEqual(w.items.map((p) => p.id), ['washington', 'wien']);
      const topics = await store.listTopics(PUBLIC, { offset: 0, limit: 10 });
      assert.deepEqual(topics.items.map((t) => [t.name, t.count]), [['Cuban Missile Crisis', 3]]);
      const staffPeople = await store.listPeople(STAFF, { prefix: 'secret', offset: 0, limit: 10 });
      assert.deepEqual(staffPeople.items.map((p) => p.id), ['secret-agent']);
    });

    it('adjacentInCollection gives previous and next in the collection order, skipping hidden documents', async () => {
      // wilson, public, by date: embargo-ended (1962-11-04), k-to-castro-1963 (1963-01-31), undated-note.
      const middle = await store.adjacentInCollection('k-to-castro-1963', 'wilson', PUBLIC);
      assert.equal(middle?.previous?.id, 'embargo-ended');
      assert.equal(middle?.next?.id, 'undated-note');
      assert.equal(middle?.position, 2);
      assert.equal(middle?.total, 3);
      const first = await store.adjacentInCollection('embargo-ended', 'wilson', PUBLIC);
      assert.equal(first?.previous, undefined, 'the running embargo (1962-11-03) is not its neighbour');
      assert.equal(first?.next?.id, 'k-to-castro-1963');
      assert.equal(await store.adjacentInCollection('embargoed-future', 'wilson', PUBLIC), null);
      assert.equal(await store.adjacentInCollection('k-to-castro-1963', 'frus-v6', PUBLIC), null);
      const staff = await store.adjacentInCollection('embargo-ended', 'wilson', STAFF);
      assert.equal(staff?.previous?.id, 'embargoed-future');
    });

    it('featuredDocuments puts the documents cited by visible documents first', async () => {
      const featured = await store.featuredDocuments(PUBLIC, 3);
      assert.equal(featured.length, 3);
      assert.deepEqual(featured.slice(0, 2).map((d) => d.id).sort(), ['jfk-to-k-1962-10-27', 'k-to-jfk-1962-10-26']);
      assert.notEqual(featured[2]?.id, 'memo-berlin-1961', 'a draft citing a document does not promote it');
      const all = await store.featuredDocuments(PUBLIC, 100);
      assert.ok(all.every((d) => PUBLIC_IDS.includes(d.id) || ['telegram-paris-1962-10-28', 'letter-to-kiev', 'note-within-kiev'].includes(d.id)));
      assertNoSecrets(all, 'featuredDocuments');
    });

    it('a collection lists numbered documents by their number (an undated note in its place), then the rest by date; previous and next follow', async () => {
      const volume = { slug: 'numbered-volume', title: 'A numbered volume' };
      const numbered: [string, string | undefined, string | undefined][] = [
        ['nv-d10', '10', '1961-01-01'],
        ['nv-d2', '2', '1963-05-01'],
        ['nv-d2a', '2A', '1962-01-01'],
        ['nv-d3', '3', undefined],
        ['nv-d1', '1', '1964-01-01'],
        ['nv-late', undefined, '1960-01-01'],
        ['nv-undated', undefined, undefined],
      ];
      const shelf = { slug: 'mixed-shelf', title: 'A shelf of two editions' };
      for (const [id, number, date] of numbered) {
        await store.upsertRecord(buildIngestRecord({ id, title: `Document ${id}`, number, date, collections: [volume, ...(id === 'nv-d2' || id === 'nv-d10' ? [shelf] : [])] }));
      }
      await store.upsertRecord(buildIngestRecord({ id: 'av-d1', title: 'Another edition, document 1', number: '1', date: '1950-01-01', collections: [{ slug: 'another-volume', title: 'Another' }, shelf] }));
      const page = await store.getCollection('numbered-volume', PUBLIC, { offset: 0, limit: 20 });
      assert.deepEqual(page?.documents.map((d) => d.id), ['nv-d1', 'nv-d2', 'nv-d2a', 'nv-d3', 'nv-d10', 'nv-late', 'nv-undated']);
      const third = await store.adjacentInCollection('nv-d2a', 'numbered-volume', PUBLIC);
      assert.deepEqual([third?.previous?.id, third?.position, third?.next?.id, third?.total], ['nv-d2', 3, 'nv-d3', 7]);
      const document = await store.getDocument('nv-d2a', PUBLIC);
      assert.equal(document?.number, '2A');
      // A collection of two editions lists one edition after the other, each by its numbers.
      const mixed = await store.getCollection('mixed-shelf', PUBLIC, { offset: 0, limit: 20 });
      assert.deepEqual(mixed?.documents.map((d) => d.id), ['av-d1', 'nv-d2', 'nv-d10']);
    });

    it('a cited private document and a cited document the archive does not hold read alike', async () => {
      await store.upsertRecord(buildIngestRecord({ id: 'cited-draft', title: 'Cited draft', status: 'draft' }));
      await store.upsertRecord(
        buildIngestRecord({
          id: 'citing-public',
          title: 'Citing',
          references: ['cited-draft', 'never-held', 'telegram-paris-1962-10-28'],
          body: [{ kind: 'p', children: [{ kind: 'docRef', id: 'linked-only-in-text', children: ['a link'] }] }],
        }),
      );
      const view = await store.getDocument('citing-public', PUBLIC);
      assert.deepEqual(view?.references, [
        { id: 'cited-draft' },
        { id: 'never-held' },
        { id: 'telegram-paris-1962-10-28', title: 'Telegram from the Embassy in Paris', date: '28 October 1962' },
        { id: 'linked-only-in-text' },
      ]);
      const staff = await store.getDocument('citing-public', STAFF);
      assert.deepEqual(staff?.references[0], { id: 'cited-draft', title: 'Cited draft', date: '[undated]' });
    });

    it('a document stored before links in its text were references still cites, and links, what its text links to; a link whose id is no id is text only', async () => {
      const record = buildIngestRecord({
        id: 'stored-earlier',
        title: 'Stored by an earlier version',
        body: [{ kind: 'p', children: [{ kind: 'docRef', id: 'telegram-paris-1962-10-28', children: ['the telegram'] }, { kind: 'docRef', id: 'Letter 5', children: ['a letter'] }] }],
      });
      assert.deepEqual(record.document.references, ['telegram-paris-1962-10-28']);
      record.document.references = [];
      await store.upsertRecord(record);
      const view = await store.getDocument('stored-earlier', PUBLIC);
      assert.deepEqual(view?.references, [{ id: 'telegram-paris-1962-10-28', title: 'Telegram from the Embassy in Paris', date: '28 October 1962' }]);
    });
  });
}
