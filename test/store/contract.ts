import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { buildCollectionSections, buildIngestRecord, type CollectionSection, type DocumentView, type IngestRecord, type Person, type Place } from '../../src/domain/index.js';
import { indexWords } from '../../src/search/fold.js';
import { parseSearchParams } from '../../src/search/params.js';
import { FACET_NAMES, type FacetName, type SearchResult } from '../../src/search/request.js';
import { buildIndexEntry, SEARCH_COLUMNS } from '../../src/store/index-entry.js';
import { PUBLIC, STAFF, type ArchiveStore } from '../../src/store/types.js';
import { fixtureRecords, PUBLIC_IDS } from '../fixtures/documents.js';

export interface StoreHarness {
  store: ArchiveStore;
  cleanup(): Promise<void>;
  /**
   * Once, right after the next query the store sends, another connection to the same archive
   * empties it and commits, as a restore does: a writer landing in the middle of one read.
   */
  deleteAllAfterNextQuery(): void;
}

/**
 * The behaviour every store must have. Each store's test file calls this with a way to open a
 * fresh, empty store of its kind, so SQLite and PostgreSQL are held to the same contract.
 */
export function describeStoreContract(name: string, openFresh: () => Promise<StoreHarness>): void {
  describe(`${name} store contract`, () => {
    let harness: StoreHarness;
    let store: ArchiveStore;
    const records = fixtureRecords();
    const search = (query: string) => store.search(parseSearchParams(new URLSearchParams(query)), PUBLIC);
    const ids = (result: SearchResult) => result.hits.map((h) => h.id);

    before(async () => {
      harness = await openFresh();
      store = harness.store;
      for (const record of records) assert.equal(await store.upsertRecord(record), 'new');
    });
    after(async () => {
      await harness.cleanup();
    });

    describe('writing', () => {
      it('re-ingesting an unchanged record changes nothing', async () => {
        const before = await store.getDocument('k-to-castro-1963', PUBLIC);
        assert.equal(await store.upsertRecord(records[0]!), 'unchanged');
        const again = await store.getDocument('k-to-castro-1963', PUBLIC);
        assert.equal(again?.updatedAt, before?.updatedAt);
        assert.equal((await search('')).total, PUBLIC_IDS.length);
      });

      it('updates in place, keyed by source identifier', async () => {
        const changed = buildIngestRecord({ ...inputOf(records[3]!), summary: 'Vienna summit, June 1961' });
        assert.equal(await store.upsertRecord(changed), 'updated');
        assert.equal((await store.getDocument('memo-berlin-1961', PUBLIC))?.summary, 'Vienna summit, June 1961');
        assert.equal((await search('')).total, PUBLIC_IDS.length);
        assert.equal((await search('q=summit')).total, 1);
        assert.equal(await store.upsertRecord(records[3]!), 'updated');
        assert.equal((await search('q=summit')).total, 0);
      });

      it('keeps when and where a letter arrived, the place resolved like the others', async () => {
        const arrived = buildIngestRecord(
          { ...inputOf(records[3]!), received: { date: { start: '1961-06-05', display: 'after 5 June 1961' }, place: { id: 'cuba', name: 'Cuba' }, placeCertainty: 'conjecture' } },
          { datesAsRead: { received: { start: '1961-06-05', display: 'after 5 June 1961' } } },
        );
        assert.equal(await store.upsertRecord(arrived), 'updated');
        const doc = (await store.getDocument('memo-berlin-1961', PUBLIC))!;
        assert.deepEqual(doc.received, { date: { start: '1961-06-05', display: 'after 5 June 1961' }, place: { id: 'cuba', name: 'Cuba', lat: 21.5, lon: -79.4 }, placeCertainty: 'conjecture' });
        assert.ok(doc.places.some((p) => p.id === 'cuba'));
        assert.equal(await store.upsertRecord(arrived), 'unchanged');
        assert.equal(await store.upsertRecord(records[3]!), 'updated');
        assert.equal((await store.getDocument('memo-berlin-1961', PUBLIC))!.received, undefined);
      });

      it('refuses an id that belongs to another source and keeps nothing of the record', async () => {
        const intruder = buildIngestRecord({
          id: 'k-to-castro-1963',
          sourceId: 'somewhere-else',
          title: 'Intruder',
          authors: [{ id: 'intruder-person', name: 'Intruder Person' }],
        });
        await assert.rejects(() => store.upsertRecord(intruder), /already belongs/);
        assert.equal((await store.getDocument('k-to-castro-1963', PUBLIC))?.title, 'Letter from Khrushchev to Fidel Castro');
        assert.equal(await store.getPerson('intruder-person', STAFF), null);
      });

      it('merges what two sources say about one person', async () => {
        const second = buildIngestRecord({
          id: 'another-k-letter',
          title: 'Another Khrushchev letter',
          date: '1963-05-01',
          authors: [{ id: 'khrushchev', name: 'Nikita Khrushchev', altNames: ['Chruschtschow'], authorities: { gnd: '118561219' } }],
        });
        await store.upsertRecord(second);
        const person = (await store.getPerson('khrushchev', PUBLIC))!.entity as Person;
        assert.equal(person.name, 'Nikita Khrushchev');
        assert.deepEqual(new Set(person.altNames), new Set(['Chruščev', 'Khrushchov', 'Chruschtschow']));
        assert.equal(person.authorities?.gnd, '118561219');
        // The new spelling reaches the documents written before it was known, too.
        assert.ok(ids(await search('q=Chruschtschow')).includes('k-to-castro-1963'));
      });
      it("shows a person's listings, and the role they give, only from collections the viewer may see (a fresh store)", async () => {
        // The volume not yet public spells the name its own way: that spelling is its word too.
        const telegram = (slug: string, status: 'published' | 'draft', role: string, name = 'Envoy, Listed') =>
          buildIngestRecord({
            id: `${slug}-telegram`,
            title: `Telegram in ${slug}`,
            date: '1962-03-01',
            status,
            authors: [
              {
                id: 'listed-envoy',
                name,
                // A source that is no collection of the archive hides nothing: it is kept for everyone.
                listings: [{ source: slug, name, role }, { source: 'a-printed-register', name: 'Envoy, L.' }],
              },
            ],
            collections: [{ slug, title: `Volume ${slug}` }],
          });
        const harness = await openFresh();
        const store = harness.store;
        try {
          await store.upsertRecords([telegram('vol-a', 'published', 'Envoy to Ruritania'), telegram('vol-b', 'draft', 'Zyzzyva Secret Office', 'Envoy, Zyzzyva Spelling')]);
          const page = (await store.getPerson('listed-envoy', PUBLIC))!;
          const seen = page.entity as Person;
          assert.deepEqual(seen.listings?.map((l) => l.source), ['a-printed-register', 'vol-a']);
          assert.deepEqual(page.listingTitles, { 'vol-a': 'Volume vol-a' });
          const listed = (await store.listPeople(PUBLIC, { offset: 0, limit: 10 })).items.find((p) => p.id === 'listed-envoy');
          assert.equal(listed?.role, 'Envoy to Ruritania');
          assert.ok(!JSON.stringify([seen, listed]).includes('Zyzzyva'));
          // Staff see every listing, and the latest role.
          const staff = (await store.getPerson('listed-envoy', STAFF))!;
          assert.deepEqual((staff.entity as Person).listings?.map((l) => l.source), ['a-printed-register', 'vol-a', 'vol-b']);
          assert.deepEqual(staff.listingTitles, { 'vol-a': 'Volume vol-a', 'vol-b': 'Volume vol-b' });
          assert.deepEqual((staff.entity as Person).altNames, ['Envoy, Zyzzyva Spelling']);
          assert.equal((await store.listPeople(STAFF, { offset: 0, limit: 10 })).items.find((p) => p.id === 'listed-envoy')?.role, 'Zyzzyva Secret Office');
        } finally {
          await harness.cleanup();
        }
      });

      it("hides a listing of a volume whose chapters hold no document the viewer may see (a fresh store)", async () => {
        const telegram = (status: 'published' | 'draft') =>
          buildIngestRecord({
            id: 'chaptered-telegram',
            title: 'Telegram in a chapter',
            date: '1962-03-01',
            status,
            authors: [{ id: 'chaptered-envoy', name: 'Envoy, Chaptered', listings: [{ source: 'vol-c', name: 'Envoy, Chaptered', role: 'Yakherd Office' }] }],
            collections: [{ slug: 'vol-c', title: 'Volume C' }, { slug: 'vol-c-ch1', title: 'Chapter 1', parent: 'vol-c' }],
          });
        const harness = await openFresh();
        const store = harness.store;
        try {
          await store.upsertRecord(telegram('published'));
          // Another public document cites the envoy, so his page stays.
          await store.upsertRecord(buildIngestRecord({ id: 'other-telegram', title: 'Elsewhere', date: '1962-03-02', authors: [{ id: 'chaptered-envoy', name: 'Envoy, Chaptered' }] }));
          assert.equal(((await store.getPerson('chaptered-envoy', PUBLIC))?.entity as Person).listings?.[0]?.role, 'Yakherd Office');
          await store.upsertRecord(telegram('draft'));
          assert.equal(await store.getCollection('vol-c', PUBLIC), null);
          const seen = (await store.getPerson('chaptered-envoy', PUBLIC))!;
          assert.ok(!JSON.stringify(seen).includes('Yakherd'), JSON.stringify(seen));
          assert.equal((await store.listPeople(PUBLIC, { offset: 0, limit: 10 })).items.find((p) => p.id === 'chaptered-envoy')?.role, undefined);
          assert.equal(((await store.getPerson('chaptered-envoy', STAFF))?.entity as Person).listings?.[0]?.role, 'Yakherd Office');
        } finally {
          await harness.cleanup();
        }
      });

      it('keeps what a document not yet public says of people, places and collections from the public, and shows it to those who may see the document (a fresh store)', async () => {
        const letter = (id: string, status: 'published' | 'draft' | 'embargoed', said: boolean) =>
          buildIngestRecord({
            id,
            title: `Letter ${id}`,
            date: '1962-04-01',
            text: 'Plain words.',
            status,
            ...(status === 'embargoed' ? { embargoUntil: '2999-01-01' } : {}),
            authors: [said ? { id: 'shared-envoy', name: 'Envoy, Shared', altNames: ['Quokkaname'], role: 'Quokka Office', birth: '1901', authorities: { gnd: '1234567' } } : { id: 'shared-envoy', name: 'Envoy, Shared' }],
            places: [said ? { id: 'shared-town', name: 'Sharedtown', lat: 12.5, lon: 34.5, altNames: ['Quokkaville'] } : { id: 'shared-town', name: 'Sharedtown' }],
            // The draft would also file the collection in one of its own: the archive's structure is the public's.
            collections: said
              ? [{ slug: 'draft-volume', title: 'Draft volume' }, { slug: 'shared-box', title: 'Shared box', description: 'The quokka plan.', parent: 'draft-volume' }]
              : [{ slug: 'shared-box', title: 'Shared box' }],
            ...(said ? { people: [{ id: 'new-in-draft', name: 'Newcomer, Draft', role: 'Quokka Deputy' }] } : {}),
          });
        const quokka = (value: unknown) => JSON.stringify(value).toLowerCase().includes('quokka');
        const harness = await openFresh();
        const store = harness.store;
        const seen = async (viewer: Parameters<ArchiveStore['getPerson']>[1]) => ({
          person: (await store.getPerson('shared-envoy', viewer))?.entity as Person,
          listed: (await store.listPeople(viewer, { offset: 0, limit: 20 })).items.find((p) => p.id === 'shared-envoy'),
          place: (await store.getPlace('shared-town', viewer))?.entity as Place,
          collection: (await store.getCollection('shared-box', viewer))?.entity,
          collections: await store.listCollections(viewer),
        });
        try {
          await store.upsertRecord(letter('public-letter', 'published', false));
          assert.equal(await store.upsertRecord(letter('draft-letter', 'draft', true)), 'new');
          assert.equal(await store.upsertRecord(letter('draft-letter', 'draft', true)), 'unchanged');

          const forPublic = await seen(PUBLIC);
          assert.equal(forPublic.person.name, 'Envoy, Shared');
          assert.ok(!quokka(forPublic) && forPublic.person.birth === undefined && forPublic.person.authorities === undefined, JSON.stringify(forPublic));
          assert.equal(forPublic.place.lat, undefined);
          assert.equal(forPublic.collection?.description, undefined);
          assert.equal((await store.search(parseSearchParams(new URLSearchParams('q=Quokkaname')), PUBLIC)).total, 0);
          for await (const row of store.dumpRows()) {
            if (row.kind !== 'document') assert.ok(!quokka(row), `the shared records hold nothing the draft says: ${JSON.stringify(row)}`);
          }

          const forStaff = await seen(STAFF);
          assert.deepEqual(forStaff.person.altNames, ['Quokkaname']);
          assert.equal(forStaff.person.role, 'Quokka Office');
          assert.equal(forStaff.person.birth, '1901');
          assert.equal(forStaff.listed?.role, 'Quokka Office');
          assert.deepEqual([forStaff.place.lat, forStaff.place.lon], [12.5, 34.5]);
          assert.equal(forStaff.collection?.description, 'The quokka plan.');
          assert.equal(forStaff.collections.find((c) => c.slug === 'shared-box')?.description, 'The quokka plan.');
          assert.equal(((await store.getPerson('new-in-draft', STAFF))?.entity as Person).role, 'Quokka Deputy');
          assert.equal(forStaff.collection?.parent, undefined);
          assert.ok(forPublic.collections.some((c) => c.slug === 'shared-box'));

          // An embargo says nothing until it ends; then its readers see what it says.
          await store.upsertRecord(letter('draft-letter', 'embargoed', true));
          assert.ok(!quokka(await seen({ kind: 'public', now: new Date('2998-12-31T00:00:00Z') })));
          assert.equal((await seen({ kind: 'public', now: new Date('2999-01-02T00:00:00Z') })).person.role, 'Quokka Office');

          // A second draft, written later, says otherwise: the first written still wins, in a copy too.
          await new Promise((resolve) => setTimeout(resolve, 5));
          await store.upsertRecord(buildIngestRecord({ id: 'a-later-draft', title: 'Later draft', date: '1962-04-02', text: 'x', status: 'draft', authors: [{ id: 'shared-envoy', name: 'Envoy, Shared', role: 'Later Office' }] }));
          assert.equal(((await store.getPerson('shared-envoy', STAFF))?.entity as Person).role, 'Quokka Office');

          // A copy of the archive keeps what is withheld, still withheld.
          const rows = [];
          for await (const row of store.dumpRows()) rows.push(row);
          const copy = await openFresh();
          try {
            await copy.store.loadRows((async function* () { yield* rows; })());
            assert.equal(((await copy.store.getPerson('shared-envoy', STAFF))?.entity as Person).birth, '1901');
            assert.equal(((await copy.store.getPerson('shared-envoy', STAFF))?.entity as Person).role, 'Quokka Office');
            assert.equal(((await copy.store.getPerson('shared-envoy', PUBLIC))?.entity as Person).birth, undefined);
          } finally {
            await copy.cleanup();
          }

          // Published, it says what it says to everyone, from the shared records themselves.
          assert.equal(await store.upsertRecord(letter('draft-letter', 'published', true)), 'updated');
          const published = await seen(PUBLIC);
          assert.deepEqual(published.person.altNames, ['Quokkaname']);
          assert.equal(published.place.lat, 12.5);
          assert.equal(published.collection?.description, 'The quokka plan.');
          assert.equal((await store.search(parseSearchParams(new URLSearchParams('q=Quokkaname')), PUBLIC)).total, 2);
          for await (const row of store.dumpRows()) assert.equal('withheld' in row, row.kind === 'document' && row.id === 'a-later-draft');
        } finally {
          await harness.cleanup();
        }
      });

      it('a draft’s name for a person reaches no one once a public record names him: not an embargo that ends, not after the draft drops him (a fresh store)', async () => {
        const note = (id: string, status: 'published' | 'draft' | 'embargoed', author: { id: string; name: string }) =>
          buildIngestRecord({ id, title: `Note ${id}`, date: '1962-07-01', text: 'Plain words.', status, ...(status === 'embargoed' ? { embargoUntil: '2999-01-01' } : {}), authors: [author] });
        const later = { kind: 'public' as const, now: new Date('3000-01-01T00:00:00Z') };
        const harness = await openFresh();
        const store = harness.store;
        try {
          // An embargoed note cites him while the draft's name is the only one: it was indexed under it.
          await store.upsertRecord(note('naming-draft', 'draft', { id: 'named-once', name: 'Numbatname, Secret' }));
          await store.upsertRecord(note('embargoed-note', 'embargoed', { id: 'named-once', name: 'Embargo, Name' }));
          await store.upsertRecord(note('naming-public', 'published', { id: 'named-once', name: 'Open, Name' }));
          const hits = await store.search(parseSearchParams(new URLSearchParams('q=Numbatname')), later);
          assert.deepEqual(hits.hits.map((h) => h.id), []);
          const facets = (await store.search(parseSearchParams(new URLSearchParams('')), later)).facets.author.filter((f) => f.id === 'named-once');
          assert.deepEqual(facets.map((f) => [f.value, f.count]), [['Open, Name', 2]]);

          // A draft that no longer names someone leaves no description behind: its name for him is not the public's either.
          await store.upsertRecord(note('dropping-draft', 'draft', { id: 'dropped-one', name: 'Numbatdrop, Secret' }));
          await store.upsertRecord(note('dropping-draft', 'draft', { id: 'someone-else', name: 'Else, Someone' }));
          await store.upsertRecord(note('naming-dropped', 'published', { id: 'dropped-one', name: 'Open, Dropped' }));
          assert.deepEqual((await store.getPerson('dropped-one', PUBLIC))?.entity, { id: 'dropped-one', name: 'Open, Dropped' });
          assert.equal((await store.search(parseSearchParams(new URLSearchParams('q=Numbatdrop')), PUBLIC)).total, 0);
        } finally {
          await harness.cleanup();
        }
      });

      it('a person, place or topic first named by a draft takes the first public description whole: the draft’s name for it stays the draft’s (a fresh store)', async () => {
        const say = (id: string, status: 'published' | 'draft', name: string, place: string, role?: string) =>
          buildIngestRecord({
            id,
            title: `Note ${id}`,
            date: '1962-06-01',
            text: 'Plain words.',
            status,
            authors: [{ id: 'draft-born', name, ...(role ? { role } : {}) }],
            places: [{ id: 'draft-born-town', name: place }],
            topics: [{ id: 'draft-born-topic', name: status === 'draft' ? 'Awombattopic' : 'Open topic' }],
          });
        for (const batched of [false, true]) {
          const harness = await openFresh();
          const store = harness.store;
          try {
            const records = [say('first-draft', 'draft', 'Awombatname, Secret', 'Awombatville', 'Wombat Office'), say('later-public', 'published', 'Open, Name', 'Opentown')];
            if (batched) await store.upsertRecords(records);
            else for (const r of records) await store.upsertRecord(r);
            const person = (await store.getPerson('draft-born', PUBLIC))?.entity as Person;
            const place = (await store.getPlace('draft-born-town', PUBLIC))?.entity as Place;
            assert.deepEqual([person, place], [{ id: 'draft-born', name: 'Open, Name' }, { id: 'draft-born-town', name: 'Opentown' }]);
            assert.equal((await store.search(parseSearchParams(new URLSearchParams('q=Awombatname')), PUBLIC)).total, 0);
            assert.equal((await store.search(parseSearchParams(new URLSearchParams('q=Awombatville')), PUBLIC)).total, 0);
            assert.equal((await store.getTopic('draft-born-topic', PUBLIC))?.entity.name, 'Open topic');
            assert.equal((await store.search(parseSearchParams(new URLSearchParams('q=Awombattopic')), PUBLIC)).total, 0);
            // The draft was indexed under its own name: a facet shows the name its counted documents give.
            const facets = (await store.search(parseSearchParams(new URLSearchParams('')), PUBLIC)).facets;
            assert.deepEqual(facets.author.filter((f) => f.id === 'draft-born').map((f) => f.value), ['Open, Name']);
            assert.deepEqual(facets.place.filter((f) => f.id === 'draft-born-town').map((f) => f.value), ['Opentown']);
            assert.deepEqual(facets.topic.filter((f) => f.id === 'draft-born-topic').map((f) => f.value), ['Open topic']);
            // Editors still see what the draft calls them.
            const staff = (await store.getPerson('draft-born', STAFF))?.entity as Person;
            assert.deepEqual([staff.name, staff.altNames, staff.role], ['Open, Name', ['Awombatname, Secret'], 'Wombat Office']);
            // Once a public document has described them, a later public one merges as ever.
            await store.upsertRecord(say('second-public', 'published', 'Open, N.', 'Opentown'));
            assert.deepEqual(((await store.getPerson('draft-born', PUBLIC))?.entity as Person).altNames, ['Open, N.']);
          } finally {
            await harness.cleanup();
          }
        }
      });

      it('merges one person cited again and again within one batch, and changes nothing on the repeat (a fresh store)', async () => {
        const letter = (n: number, altNames: string[]) =>
          buildIngestRecord({
            id: `batch-letter-${n}`,
            title: `Batch letter ${n}`,
            date: '1962-10-2' + n,
            authors: [{ id: 'batch-author', name: 'Batch Author', altNames, role: 'Ambassador' }],
            recipients: [{ id: 'batch-recipient', name: 'Batch Recipient' }],
            collections: [{ slug: 'batch-letters', title: 'Batch letters' }],
          });
        // The second adds a spelling; the third says again what the first said.
        const harness = await openFresh();
        const store = harness.store;
        const search = (query: string) => store.search(parseSearchParams(new URLSearchParams(query)), PUBLIC);
        try {
          const outcomes = await store.upsertRecords([letter(1, ['B. Author']), letter(2, ['Author, Batch']), letter(3, ['B. Author'])]);
          assert.deepEqual(outcomes.map((o) => o.ok && o.outcome), ['new', 'new', 'new']);
          const person = (await store.getPerson('batch-author', PUBLIC))!.entity as Person;
          assert.deepEqual(new Set(person.altNames), new Set(['B. Author', 'Author, Batch']));
          assert.equal(person.role, 'Ambassador');
          // All three documents carry the merged person, and both spellings find all three.
          for (const n of [1, 2, 3]) assert.deepEqual((await store.getDocument(`batch-letter-${n}`, PUBLIC))?.authors, [{ id: 'batch-author', name: 'Batch Author' }]);
          for (const q of ['q="B. Author"', 'q="Author, Batch"']) {
            assert.deepEqual(ids(await search(`${q}&sort=date`)).filter((id) => id.startsWith('batch-letter')), ['batch-letter-1', 'batch-letter-2', 'batch-letter-3']);
          }
          // Again, in one batch and then one by one: nothing is new about the person or the letters.
          const again = await store.upsertRecords([letter(3, ['B. Author']), letter(1, ['B. Author']), letter(2, ['Author, Batch'])]);
          assert.deepEqual(again.map((o) => o.ok && o.outcome), ['unchanged', 'unchanged', 'unchanged']);
          assert.equal(await store.upsertRecord(letter(2, ['Author, Batch'])), 'unchanged');
        } finally {
          await harness.cleanup();
        }
      });
      it("a record's other spelling widens a search only where no record bears that name, and only from its start", async () => {
        // As in CMIF: letters label one GeoNames id "Wien", "Berlin" (a slip) and "Wien, Sanatorium Loew".
        const wien = (label: string) => ({ id: 'geonames-2761369', name: label, authorities: { geonames: 'https://sws.geonames.org/2761369/' } });
        const letter = (n: number, place: { id: string; name: string; altNames?: string[] }) =>
          buildIngestRecord({ id: `label-letter-${n}`, title: `Label letter ${n}`, date: `1900-01-0${n}`, places: [place] });
        const harness = await openFresh();
        const search = (query: string) => harness.store.search(parseSearchParams(new URLSearchParams(query)), PUBLIC);
        try {
          await harness.store.upsertRecords([
            letter(1, wien('Wien')),
            letter(2, wien('Berlin')),
            letter(3, wien('Wien, Sanatorium Loew')),
            letter(4, { id: 'geonames-2950159', name: 'Berlin' }),
            letter(5, { id: 'pressburg', name: 'Pressburg', altNames: ['Bratislava, Altstadt'] }),
            letter(6, { id: 'bratislava-hrad', name: 'Bratislava, Hrad' }),
          ]);
          const place = (await harness.store.getPlace('geonames-2761369', PUBLIC))!.entity as Place;
          assert.deepEqual(new Set(place.altNames), new Set(['Berlin', 'Wien, Sanatorium Loew']));
          assert.deepEqual(ids(await search('q=Berlin&sort=date')), ['label-letter-4'], 'Berlin is a record of its own');
          assert.deepEqual(ids(await search('place=Berlin&sort=date')), ['label-letter-4']);
          assert.deepEqual(ids(await search('q=Loew')), [], 'a word inside a label');
          assert.deepEqual(ids(await search('q=Wien&sort=date')), ['label-letter-1', 'label-letter-2', 'label-letter-3']);
          // A spelling that begins with the words; a record whose name only holds them does not stop it.
          assert.deepEqual(ids(await search('q=Bratislava&sort=date')), ['label-letter-5', 'label-letter-6']);
        } finally {
          await harness.cleanup();
        }
      });
      it('finds a date known only by one end at that end, in date searches and on the timeline', async () => {
        const letter = (id: string, date: { start?: string; end?: string; display: string }) => buildIngestRecord({ id, title: id, date });
        const harness = await openFresh();
        const search = (query: string) => harness.store.search(parseSearchParams(new URLSearchParams(query)), PUBLIC);
        try {
          await harness.store.upsertRecords([
            letter('before-letter', { end: '1541-07-18', display: '[1541 kurz vor Juli 18]' }),
            letter('after-letter', { start: '1541-09-26', display: '[bald nach 1541 September 26]' }),
            letter('undated-letter', { display: '[undated]' }),
          ]);
          assert.deepEqual(ids(await search('q=date:1541&sort=date')), ['before-letter', 'after-letter']);
          assert.deepEqual(ids(await search('from=1540-01-01&to=1541-07-18&sort=date')), ['before-letter']);
          assert.deepEqual(ids(await search('from=1541-07-19')), ['after-letter']);
          assert.deepEqual(ids(await search('to=1541-07-17')), []);
          // The timeline counts it there too.
          const years = await harness.store.dateHistogram(parseSearchParams(new URLSearchParams('')), PUBLIC, 'year');
          assert.deepEqual(years.map((b) => [b.key, b.count]), [['1541', 2]]);
          const days = await harness.store.dateHistogram(parseSearchParams(new URLSearchParams('')), PUBLIC, 'day');
          assert.deepEqual(days.map((b) => b.key), ['1541-07-18', '1541-09-26']);
        } finally {
          await harness.cleanup();
        }
      });
    });

    describe('reading', () => {
      it('returns the contract JSON with names resolved', async () => {
        const doc = (await store.getDocument('k-to-castro-1963', PUBLIC))!;
        assert.deepEqual(doc.date, { start: '1963-01-31', end: '1963-01-31', display: '31 January 1963' });
        assert.deepEqual(doc.authors, [{ id: 'khrushchev', name: 'Nikita Khrushchev' }]);
        assert.deepEqual(doc.recipients, [{ id: 'castro', name: 'Fidel Castro' }]);
        assert.deepEqual(doc.places[0], { id: 'cuba', name: 'Cuba', lat: 21.5, lon: -79.4 });
        assert.deepEqual(doc.collections, [{ slug: 'wilson', title: 'Wilson Center Digital Archive' }]);
        assert.equal(doc.source.archive, 'Archive of Foreign Policy, Russian Federation (AVP RF)');
        assert.deepEqual(doc.funders, ['Leon Levy Foundation']);
        assert.equal(doc.status, 'published');
        assert.ok(doc.updatedAt);
      });

      it('lists related documents: the reply in the same correspondence first', async () => {
        const doc = (await store.getDocument('k-to-jfk-1962-10-26', PUBLIC))!;
        assert.equal(doc.related[0]?.id, 'jfk-to-k-1962-10-27');
        assert.ok(doc.related.every((r) => PUBLIC_IDS.includes(r.id) || r.id === 'another-k-letter'));
      });

      it('exports documents without their related documents when asked, the rest the same', async () => {
        const without = new Map<string, DocumentView>();
        for await (const doc of store.exportDocuments(PUBLIC, { related: false })) without.set(doc.id, doc);
        const letter = (await store.getDocument('k-to-jfk-1962-10-26', PUBLIC))!;
        assert.ok(letter.related.length > 0);
        assert.deepEqual(without.get(letter.id), { ...letter, related: [] });
        const all: string[] = [];
        for await (const doc of store.exportDocuments(PUBLIC)) all.push(doc.id);
        assert.deepEqual([...without.keys()], all);
      });

      it('lists a collection that holds documents only in the collections inside it, counting them once (a fresh store)', async () => {
        // A FRUS volume, a compilation with no document of its own, and its chapter.
        const chapterLetter = (n: number, status: 'published' | 'draft' = 'published') =>
          buildIngestRecord({
            id: `chapter-letter-${n}`,
            title: `Chapter letter ${n}`,
            date: '1962-01-0' + n,
            status,
            collections: [
              { slug: 'chapter', title: 'Chapter', parent: 'compilation' },
              { slug: 'volume', title: 'Volume' },
            ],
          });
        const harness = await openFresh();
        const store = harness.store;
        try {
          await store.upsertRecord(buildIngestRecord({ id: 'compilation-anchor', title: 'Anchor', status: 'draft', collections: [{ slug: 'compilation', title: 'Compilation', parent: 'volume' }] }));
          await store.upsertRecords([chapterLetter(1), chapterLetter(2), chapterLetter(3, 'draft')]);
          const [volume] = await store.listCollections(PUBLIC);
          assert.deepEqual([volume?.slug, volume?.documentCount, volume?.children], ['volume', 2, [{ slug: 'compilation', title: 'Compilation', documentCount: 2 }]]);
          assert.deepEqual((await store.getCollection('compilation', PUBLIC, { offset: 0, limit: 10 }))?.collection.children, [{ slug: 'chapter', title: 'Chapter', documentCount: 2 }]);
        } finally {
          await harness.cleanup();
        }
      });

      it('shows staff every collection, one left empty too; the public only those with a document they may read (a fresh store)', async () => {
        const harness = await openFresh();
        const store = harness.store;
        const mover = (slug: string) => buildIngestRecord({ id: 'mover', title: 'Mover', date: '1962-01-01', collections: [{ slug, title: slug, parent: 'shelf' }, { slug: 'shelf', title: 'Shelf' }] });
        try {
          await store.upsertRecord(mover('emptied'));
          await store.upsertRecord(mover('kept'));
          assert.equal(await store.getCollection('emptied', PUBLIC), null);
          assert.deepEqual((await store.getCollection('shelf', PUBLIC))?.collection.children.map((c) => c.slug), ['kept']);
          assert.equal((await store.getCollection('emptied', STAFF))?.collection.documentCount, 0);
          assert.deepEqual((await store.getCollection('shelf', STAFF))?.collection.children.map((c) => [c.slug, c.documentCount]), [['emptied', 0], ['kept', 1]]);
          // An outermost collection left empty: listed for staff, not for the public.
          await store.upsertRecord(buildIngestRecord({ id: 'mover', title: 'Mover', date: '1962-01-01', collections: [{ slug: 'elsewhere', title: 'Elsewhere' }] }));
          assert.deepEqual((await store.listCollections(PUBLIC)).map((c) => c.slug), ['elsewhere']);
          assert.deepEqual((await store.listCollections(STAFF)).map((c) => c.slug).sort(), ['elsewhere', 'shelf']);
        } finally {
          await harness.cleanup();
        }
      });

      it('pages for people, places and collections list their visible documents', async () => {
        const person = (await store.getPerson('malinovsky', PUBLIC))!;
        assert.deepEqual(person.documents.map((d) => d.id).sort(), ['embargo-ended', 'k-to-castro-1963']);
        assert.deepEqual(person.documents.find((d) => d.id === 'k-to-castro-1963')?.roles, ['person']);
        const collection = (await store.getCollection('wilson', PUBLIC))!;
        assert.equal(collection.collection.documentCount, 3);
        assert.deepEqual(collection.collection.dateSpan, { start: '1962-11-04', end: '1963-01-31' });
        assert.equal((await store.getPlace('moscow', PUBLIC))!.total, 2);
      });
    });

    it('takes the same twenty people of one spelling in every store: the first by id (a fresh store)', async () => {
      const harness = await openFresh();
      const search = (query: string) => harness.store.search(parseSearchParams(new URLSearchParams(query)), PUBLIC);
      try {
        // 25 people called "Zorro" on their records, stored in reverse order of their ids.
        for (let n = 25; n >= 1; n--) {
          const id = `zorro-${String(n).padStart(2, '0')}`;
          await harness.store.upsertRecord(buildIngestRecord({ id: `letter-${id}`, title: `Letter ${n}`, date: '1962-04-04', text: 'A letter.', authors: [{ id, name: `Writer ${n}`, altNames: ['Zorro'] }] }));
        }
        const found = ids(await search('q=zorro&size=100')).sort();
        assert.deepEqual(found, Array.from({ length: 20 }, (_, i) => `letter-zorro-${String(i + 1).padStart(2, '0')}`));
      } finally {
        await harness.cleanup();
      }
    });

    describe('visibility', () => {
      it('what the public finds does not depend on words only private documents hold: spelling tolerance counts visible documents (a fresh store)', async () => {
        const harness = await openFresh();
        const search = (query: string) => harness.store.search(parseSearchParams(new URLSearchParams(query)), PUBLIC);
        const note = (id: string, text: string, status: 'published' | 'draft' = 'published') => buildIngestRecord({ id, title: `Note ${id}`, date: '1962-03-03', text, status });
        try {
          await harness.store.upsertRecords([note('p1', 'The otters swam.'), note('p2', 'The others stayed.'), note('p3', 'All others left.')]);
          // "otters" is rare to the public, so its neighbour "others" is searched as well.
          const before = await search('q=otters');
          assert.deepEqual(ids(before).sort(), ['p1', 'p2', 'p3']);
          await harness.store.upsertRecords([note('d1', 'Draft otters.', 'draft'), note('d2', 'More draft otters.', 'draft'), note('d3', 'The otters again.', 'draft')]);
          const after = await search('q=otters');
          assert.deepEqual(ids(after).sort(), ['p1', 'p2', 'p3']);
          // A word only drafts hold is as unknown as one no document holds.
          await harness.store.upsertRecord(note('d4', 'Zebrafish in a draft.', 'draft'));
          await harness.store.upsertRecord(note('p4', 'Zebrafisk, a misprint.'));
          assert.deepEqual(ids(await search('q=zebrafisk')), ['p4']);
          assert.equal((await search('q=zebrafisj')).suggestion, 'zebrafisk');
          // A person or place only drafts cite is no name to the public: a word that names one
          // is still widened, and still respelt.
          await harness.store.upsertRecord(
            buildIngestRecord({ id: 'd5', title: 'Draft', text: 'x', status: 'draft', authors: [{ id: 'otters-anna', name: 'Otters' }], places: [{ id: 'zebrafisj', name: 'Zebrafisj' }] }),
          );
          assert.deepEqual(ids(await search('q=otters')).sort(), ['p1', 'p2', 'p3']);
          assert.equal((await search('q=zebrafisj')).suggestion, 'zebrafisk');
        } finally {
          await harness.cleanup();
        }
      });

      it('hides drafts and running embargoes from the public everywhere', async () => {
        assert.equal(await store.getDocument('draft-secret', PUBLIC), null);
        assert.equal(await store.getDocument('embargoed-future', PUBLIC), null);
        assert.ok(await store.getDocument('embargo-ended', PUBLIC));
        const zanzibar = await search('q=Zanzibar');
        assert.equal(zanzibar.total, 0);
        const malinovsky = await search('q=Malinovsky');
        assert.deepEqual(ids(malinovsky).sort(), ['embargo-ended', 'k-to-castro-1963']);
        const all = await search('size=100');
        const text = JSON.stringify(all);
        for (const secret of ['Secret Agent', 'Secret Place', 'Secret Collection', 'Embargoed Malinovsky', 'Draft:']) {
          assert.ok(!text.includes(secret), `search results leak "${secret}"`);
        }
        assert.deepEqual(all.facets.type.find((t) => t.value === 'Memorandum')?.count, 1);
        assert.equal(await store.getPerson('secret-agent', PUBLIC), null);
        assert.equal(await store.getPlace('secret-place', PUBLIC), null);
        assert.equal(await store.getCollection('secret-collection', PUBLIC), null);
        const collections = (await store.listCollections(PUBLIC)).map((c) => c.slug);
        assert.ok(!collections.includes('secret-collection'));
        assert.ok(!JSON.stringify(await store.recentDocuments(PUBLIC, 100)).includes('Secret'));
        const exported: string[] = [];
        for await (const doc of store.exportDocuments(PUBLIC)) exported.push(doc.id);
        assert.ok(!exported.includes('draft-secret') && !exported.includes('embargoed-future'));
        const stats = await store.stats(PUBLIC);
        assert.equal(stats.documents, PUBLIC_IDS.length + 1);
      });

      it('lets staff see everything', async () => {
        assert.ok(await store.getDocument('draft-secret', STAFF));
        assert.equal((await store.search(parseSearchParams(new URLSearchParams('q=Zanzibar')), STAFF)).total, 2);
      });

      it('an embargo ends on its date', async () => {
        const viewer = { kind: 'public' as const, now: new Date('3000-06-01T00:00:00Z') };
        assert.ok(await store.getDocument('embargoed-future', viewer));
        assert.equal(await store.getDocument('draft-secret', viewer), null);
      });
    });

    describe('collection sections', () => {
      const preface: CollectionSection = {
        id: 'preface',
        title: 'Preface',
        body: [
          { kind: 'p', children: ['See ', { kind: 'docRef', id: 'sec-a', children: ['Document 1'] }, ', ', { kind: 'docRef', id: 'sec-b', children: ['Document 2'] }, ' and ', { kind: 'docRef', id: 'elsewhere', children: ['another volume'] }, '.', { kind: 'noteRef', n: '1' }] },
        ],
        footnotes: [{ n: '1', text: 'A note on the preface.' }],
      };
      const sources: CollectionSection = { id: 'sources', title: 'Sources', body: [{ kind: 'p', children: ['Unpublished sources.'] }], footnotes: [] };
      const letter = (id: string, collections: unknown[], status: 'published' | 'draft' = 'published') =>
        buildIngestRecord({ id, title: `Letter ${id}`, date: '1961-06-04', text: 'x', collections, status });
      const withSections = (record: IngestRecord, collection: string, sections: CollectionSection[]): IngestRecord => ({
        ...record,
        sections: buildCollectionSections({ collection, sections }),
      });

      it('a record brings its collection\'s own texts: listed on the collection, read one by one, kept apart from the document', async () => {
        const harness = await openFresh();
        const store = harness.store;
        try {
          const a = letter('sec-a', [{ slug: 'vol', title: 'A Volume' }]);
          assert.equal(await store.upsertRecord(withSections(a, 'vol', [preface, sources])), 'new');
          await store.upsertRecord(letter('sec-b', ['vol'], 'draft'));
          assert.deepEqual((await store.getCollection('vol', PUBLIC))?.collection.sections, [
            { id: 'preface', title: 'Preface' },
            { id: 'sources', title: 'Sources' },
          ]);
          const page = await store.getCollectionSection('vol', 'preface', PUBLIC);
          assert.deepEqual(page?.section, preface);
          assert.deepEqual(page?.collection, { slug: 'vol', title: 'A Volume' });
          assert.deepEqual(page?.sections.map((s) => s.id), ['preface', 'sources']);
          // Cited documents as a document's: a title only for one the reader may open.
          assert.deepEqual(page?.references, [{ id: 'sec-a', title: 'Letter sec-a', date: '4 June 1961' }, { id: 'sec-b' }, { id: 'elsewhere' }]);
          assert.deepEqual((await store.getCollectionSection('vol', 'preface', STAFF))?.references[1], { id: 'sec-b', title: 'Letter sec-b', date: '4 June 1961' });
          assert.equal(await store.getCollectionSection('vol', 'index', PUBLIC), null);
          assert.equal(await store.getCollectionSection('no-such-volume', 'preface', PUBLIC), null);
          assert.equal((await store.getDocument('sec-a', PUBLIC)) !== null, true);
          assert.ok(!JSON.stringify(await store.getDocument('sec-a', PUBLIC)).includes('Unpublished sources'));

          // The same again changes nothing; the sections are the collection's, not the document's.
          assert.equal(await store.upsertRecord(withSections(a, 'vol', [preface, sources])), 'unchanged');
          assert.equal(await store.upsertRecord(withSections(a, 'vol', [sources])), 'unchanged');
          assert.deepEqual((await store.getCollection('vol', PUBLIC))?.collection.sections, [{ id: 'sources', title: 'Sources' }]);
          assert.equal(await store.getCollectionSection('vol', 'preface', PUBLIC), null);
          await store.upsertRecord(withSections(a, 'vol', [preface, sources]));

          // A record that describes the collection anew keeps its sections.
          await store.upsertRecord(letter('sec-c', [{ slug: 'vol', title: 'A Volume, Revised' }]));
          const revised = await store.getCollection('vol', PUBLIC);
          assert.equal(revised?.collection.title, 'A Volume, Revised');
          assert.equal(revised?.collection.sections?.length, 2);

          // A record not yet public gives no sections, whether the collection has some or none:
          // what a draft says is not shown, and sections are shown with their collection.
          const other: CollectionSection = { id: 'other', title: 'Other', body: [{ kind: 'p', children: ['Draft text.'] }], footnotes: [] };
          await store.upsertRecord(withSections(letter('sec-d', ['vol'], 'draft'), 'vol', [other]));
          assert.equal((await store.getCollection('vol', STAFF))?.collection.sections?.length, 2);
          await store.upsertRecord(letter('sec-f', [{ slug: 'plain-vol', title: 'Plain' }]));
          await store.upsertRecord(withSections(letter('sec-g', ['plain-vol'], 'draft'), 'plain-vol', [other]));
          assert.equal((await store.getCollection('plain-vol', STAFF))?.collection.sections, undefined);
          assert.equal(await store.getCollectionSection('plain-vol', 'other', PUBLIC), null);
          assert.equal(await store.getCollectionSection('plain-vol', 'other', STAFF), null);
          // Sections only for a collection the record files its document in: otherwise the record is refused whole.
          await assert.rejects(() => store.upsertRecord(withSections(letter('sec-h', ['plain-vol']), 'vol', [other])), /does not file its document in/);
          assert.equal(await store.getDocument('sec-h', STAFF), null);
          assert.equal((await store.getCollection('vol', PUBLIC))?.collection.sections?.length, 2);
        } finally {
          await harness.cleanup();
        }
      });
    });

    describe('accounts', () => {
      it('adds, lists and re-keys accounts; a name is taken once; hashes never listed', async () => {
        const account = (name: string, role: 'admin' | 'editor') => ({ name, role, passwordHash: `$argon2id$v=19$m=19456,t=2,p=1$${name}`, createdAt: '2026-11-27T10:00:00.000Z', passwordChangedAt: '2026-11-27T10:00:00.000Z' });
        assert.deepEqual(await store.listUsers(), []);
        await store.addUser(account('zoe', 'editor'));
        await store.addUser(account('adam', 'admin'));
        await assert.rejects(store.addUser(account('zoe', 'admin')), /already a user "zoe"/);
        assert.equal(await store.setUserPassword('zoe', '$argon2id$new', '2026-11-27T11:00:00.000Z'), true);
        assert.equal(await store.setUserPassword('nobody', '$argon2id$new', '2026-11-27T11:00:00.000Z'), false);
        assert.deepEqual(await store.listUsers(), [
          { name: 'adam', role: 'admin', createdAt: '2026-11-27T10:00:00.000Z', passwordChangedAt: '2026-11-27T10:00:00.000Z' },
          { name: 'zoe', role: 'editor', createdAt: '2026-11-27T10:00:00.000Z', passwordChangedAt: '2026-11-27T11:00:00.000Z' },
        ]);
      });
    });

    describe('harvesting', () => {
      const everything = { limit: 1000 };

      it('lists what the public may see, in datestamp order, with collections; nothing private', async () => {
        const headers = await store.harvest(everything, PUBLIC);
        assert.deepEqual(headers.map((h) => h.id).sort(), ids(await search('size=100')).sort());
        assert.ok(PUBLIC_IDS.every((id) => headers.some((h) => h.id === id)));
        assert.ok(!headers.some((h) => ['draft-secret', 'embargoed-future'].includes(h.id)));
        assert.ok(headers.every((h) => !h.withdrawn && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(h.datestamp)));
        const order = headers.map((h) => [h.datestamp, h.id] as const);
        assert.deepEqual(order, [...order].sort((a, b) => (a[0] + a[1] < b[0] + b[1] ? -1 : 1)));
        assert.deepEqual(headers.find((h) => h.id === 'k-to-castro-1963')?.collections, ['wilson']);
        // Pages by cursor, either way, join up to the whole list.
        for (const newestFirst of [false, true]) {
          const paged: string[] = [];
          let after: { datestamp: string; id: string } | undefined;
          for (;;) {
            const page = await store.harvest({ limit: 2, after, newestFirst }, PUBLIC);
            if (page.length === 0) break;
            paged.push(...page.map((h) => h.id));
            after = page.at(-1)!;
          }
          assert.deepEqual(paged, newestFirst ? headers.map((h) => h.id).reverse() : headers.map((h) => h.id));
        }
        const v6 = await store.harvest({ ...everything, collections: ['frus-v6'] }, PUBLIC);
        assert.ok(v6.length > 0 && v6.every((h) => h.collections.includes('frus-v6')));
        assert.deepEqual(await store.harvest({ ...everything, collections: ['secret-collection'] }, PUBLIC), []);
        const last = headers.at(-1)!.datestamp;
        assert.deepEqual((await store.harvest({ ...everything, from: last }, PUBLIC)).map((h) => h.datestamp), headers.filter((h) => h.datestamp >= last).map((h) => h.datestamp));
        assert.deepEqual(await store.harvest({ ...everything, until: '1999-12-31T23:59:59.999Z' }, PUBLIC), []);
      });

      it('dates a document whose embargo ended on that day, when that is later than its last change', async () => {
        const viewer = { kind: 'public' as const, now: new Date('3000-06-01T00:00:00Z') };
        const headers = await store.harvest(everything, viewer);
        assert.equal(headers.find((h) => h.id === 'embargoed-future')?.datestamp, '2999-01-01T00:00:00.000Z');
        assert.equal(headers.at(-1)?.id, 'embargoed-future');
        assert.ok(!headers.some((h) => h.id === 'draft-secret'));
      });

      it('reports a public document made private again as withdrawn, until it is public again (a fresh store)', async () => {
        const letter = (status: 'published' | 'draft' | 'embargoed', embargoUntil?: string) =>
          buildIngestRecord({ id: 'withdrawn-letter', title: `Letter (${status})`, date: '1962-01-01', status, embargoUntil, collections: [{ slug: 'harvested', title: 'Harvested' }] });
        const never = buildIngestRecord({ id: 'never-public', title: 'Never public', date: '1962-01-02', status: 'draft' });
        const harness = await openFresh();
        const store = harness.store;
        try {
          await store.upsertRecords([letter('published'), never]);
          const [published] = await store.harvest(everything, PUBLIC);
          assert.deepEqual({ ...published, datestamp: undefined }, { id: 'withdrawn-letter', datestamp: undefined, withdrawn: false, collections: ['harvested'] });
          await store.upsertRecord(letter('draft'));
          const [withdrawn, ...rest] = await store.harvest(everything, PUBLIC);
          assert.deepEqual(rest, [], 'a draft that was never public is never reported');
          assert.deepEqual({ ...withdrawn, datestamp: undefined }, { id: 'withdrawn-letter', datestamp: undefined, withdrawn: true, collections: ['harvested'] });
          assert.ok(withdrawn!.datestamp >= published!.datestamp);
          assert.deepEqual(await store.harvest({ ...everything, withoutWithdrawn: true }, PUBLIC), []);
          assert.deepEqual((await store.harvest({ ...everything, collections: ['harvested'] }, PUBLIC)).map((h) => h.withdrawn), [true]);
          assert.deepEqual(await store.harvest({ ...everything, collections: ['elsewhere'] }, PUBLIC), []);
          assert.deepEqual(await store.harvest(everything, STAFF).then((h) => h.map((x) => [x.id, x.withdrawn])), [['never-public', false], ['withdrawn-letter', false]]);
          // Still hidden under a new embargo: still withdrawn, from the same moment.
          await store.upsertRecord(letter('embargoed', '2999-01-01'));
          assert.deepEqual(await store.harvest(everything, PUBLIC), [withdrawn]);
          // The embargo ends: the document is back, dated by the day it ended.
          const later = { kind: 'public' as const, now: new Date('2999-01-02T00:00:00Z') };
          assert.deepEqual((await store.harvest(everything, later)).map((h) => [h.withdrawn, h.datestamp]), [[false, '2999-01-01T00:00:00.000Z']]);
          await store.upsertRecord(letter('published'));
          const [again, ...none] = await store.harvest(everything, PUBLIC);
          assert.deepEqual(none, []);
          assert.equal(again?.withdrawn, false);
          assert.ok(again!.datestamp >= withdrawn!.datestamp);
        } finally {
          await harness.cleanup();
        }
      });

      it('a withdrawn record names the id and collections the public saw, never what the draft has become (a fresh store)', async () => {
        const version = (id: string, status: 'published' | 'draft', slugs: string[]) =>
          buildIngestRecord({ id, sourceId: 'source-of-moving-letter', title: `Letter ${id}`, date: '1962-01-01', status, collections: slugs.map((slug) => ({ slug, title: slug })) });
        const harness = await openFresh();
        const store = harness.store;
        try {
          await store.upsertRecord(version('public-id', 'published', ['top']));
          // Made a draft under a new id and moved: the public id is the one withdrawn, from where it was.
          await store.upsertRecord(version('secret-new-id', 'draft', ['other', 'top']));
          assert.deepEqual((await store.harvest(everything, PUBLIC)).map((h) => [h.id, h.withdrawn, h.collections]), [['public-id', true, ['top']]]);
          assert.deepEqual(await store.harvest({ ...everything, collections: ['other'] }, PUBLIC), []);
          assert.deepEqual(await store.harvest({ ...everything, ids: ['secret-new-id'] }, PUBLIC), []);
          // Published under the new id: the old one stays withdrawn, the new one is a record.
          await store.upsertRecord(version('renamed-id', 'published', ['other']));
          assert.deepEqual((await store.harvest(everything, PUBLIC)).map((h) => [h.id, h.withdrawn, h.collections]).sort(), [
            ['public-id', true, ['top']],
            ['renamed-id', false, ['other']],
          ]);
          // A public document renamed while public: its old id is withdrawn too.
          await store.upsertRecord(version('final-id', 'published', ['other']));
          assert.deepEqual((await store.harvest(everything, PUBLIC)).map((h) => [h.id, h.withdrawn]).sort(), [
            ['final-id', false],
            ['public-id', true],
            ['renamed-id', true],
          ]);
        } finally {
          await harness.cleanup();
        }
      });
    });

    describe('search', () => {
      it('finds words and marks them in an escaped snippet', async () => {
        const result = await search('q=Malinovsky');
        const hit = result.hits.find((h) => h.id === 'k-to-castro-1963')!;
        assert.match(hit.snippet, /<mark>Malinovsky<\/mark>/);
        const script = await search('q=alert');
        assert.ok(!script.hits[0]!.snippet.includes('<script>'));
        assert.match(script.hits[0]!.snippet, /&lt;script&gt;<mark>alert<\/mark>/);
      });

      it('ignores case and diacritics, and stems English', async () => {
        // Alternative names on the person record reach every document that cites him.
        assert.ok(ids(await search('q=chruscev')).includes('k-to-castro-1963'));
        assert.ok(ids(await search('q=Chruščev')).includes('k-to-jfk-1962-10-26'));
        assert.deepEqual(ids(await search('q=uber')), ['brief-de-1895']);
        assert.deepEqual(ids(await search('q=GRUßE')), ['brief-de-1895']);
        assert.ok(ids(await search('q=missile')).includes('k-to-jfk-1962-10-26'));
      });

      it('spells the letters Unicode cannot fold (ß, ł, ø) as readers type them, and snippets keep them as written', async () => {
        const original = records.find((r) => r.document.id === 'brief-de-1895')!;
        const spelled = buildIngestRecord({
          ...inputOf(original),
          text: 'Ich höre, daß er in der Bösendorferstraße wohnt; Gomułka schrieb aus Ærø. Grüße aus Wien.',
          people: [{ id: 'gomulka', name: 'Władysław Gomułka' }],
        });
        assert.equal(await store.upsertRecord(spelled), 'updated');
        for (const query of ['dass', 'DAß', 'bosendorferstrasse', 'gomulka', 'GOMUŁKA', 'aeroe', '"dass er"', 'person:Wladyslaw']) {
          assert.deepEqual(ids(await search(`q=${encodeURIComponent(query)}`)), ['brief-de-1895'], query);
        }
        // So does a facet's text filter: "Wladyslaw" lists Władysław Gomułka.
        assert.deepEqual((await search('facetLimit=10&personMatch=Wladyslaw')).facets.person.map((p) => p.value), ['Władysław Gomułka']);
        const hit = (await search('q=dass bosendorferstrasse')).hits[0]!;
        assert.match(hit.snippet, /<mark>daß<\/mark> er in der <mark>Bösendorferstraße<\/mark>/);
        // The rows the update replaces are gone from both indexes, folded words and all.
        assert.equal(await store.upsertRecord(original), 'updated');
        for (const query of ['dass', 'gomulka', '"dass er"']) assert.deepEqual(ids(await search(`q=${encodeURIComponent(query)}`)), [], query);
        assert.deepEqual(ids(await search('q=grusse')), ['brief-de-1895']);
      });

      it('ranks a title match above a body match', async () => {
        const result = await search('q=Berlin');
        assert.equal(result.hits[0]?.id, 'memo-berlin-1961');
      });

      it('supports phrases, OR, exclusion, prefixes and fields', async () => {
        assert.deepEqual(ids(await search('q="ends of the rope"')), ['k-to-jfk-1962-10-26']);
        assert.deepEqual(ids(await search('q=rope OR treaty&sort=date')), ['memo-berlin-1961', 'k-to-jfk-1962-10-26']);
        assert.deepEqual(ids(await search('q=Cuba -crisis&sort=date')), ['telegram-1962-month', 'undated-note']);
        assert.deepEqual(ids(await search('q=-Cuba&sort=date')).includes('memo-berlin-1961'), true);
        assert.deepEqual(ids(await search('q=-Cuba')).includes('undated-note'), false);
        assert.deepEqual(ids(await search('q=Malin*&sort=date')), ['embargo-ended', 'k-to-castro-1963']);
        assert.deepEqual(ids(await search('q=author:Kennedy&sort=date')), ['memo-berlin-1961', 'jfk-to-k-1962-10-27']);
        assert.deepEqual(ids(await search('q=to:Khrushchev')), ['jfk-to-k-1962-10-27']);
        assert.deepEqual(ids(await search('q=person:Khrushchev&sort=date')), [
          'memo-berlin-1961', 'k-to-jfk-1962-10-26', 'jfk-to-k-1962-10-27', 'k-to-castro-1963', 'another-k-letter',
        ]);
        assert.deepEqual(ids(await search('q=title:Cuba&sort=date')), ['telegram-1962-month', 'undated-note']);
        assert.deepEqual(ids(await search('q=place:Havana')), ['telegram-1962-month']);
        assert.deepEqual(ids(await search('q=type:telegram')), ['telegram-1962-month']);
        assert.deepEqual(ids(await search('q=collection:schnitzler')), ['brief-de-1895']);
      });

      it('stems outside quotes only', async () => {
        assert.deepEqual(ids(await search('q=ropes')), ['k-to-jfk-1962-10-26']);
        assert.deepEqual(ids(await search('q="ropes"')), []);
        assert.deepEqual(ids(await search('q="rope"')), ['k-to-jfk-1962-10-26']);
        assert.deepEqual(ids(await search('q=Cuba -"rope"&sort=date')).includes('k-to-jfk-1962-10-26'), false);
        assert.deepEqual(ids(await search('q=Cuba -"ropes"&sort=date')).includes('k-to-jfk-1962-10-26'), true);
      });

      it("reaches OCR mis-readings: 'would' finds 'wou1d'", async () => {
        assert.ok(ids(await search('q=would')).includes('k-to-castro-1963'));
        assert.ok(ids(await search('q=would prefer')).includes('k-to-castro-1963'));
      });

      it('tries close spellings of an unknown word and offers them', async () => {
        const result = await search('q=Malinovksy');
        assert.deepEqual(ids(result).sort(), ['embargo-ended', 'k-to-castro-1963']);
        assert.equal(result.suggestion, 'Malinovsky');
        assert.equal((await search('q=Malinovsky')).suggestion, undefined);
      });

      it('never suggests a word found only in private documents', async () => {
        const result = await search('q=Zanzibr');
        assert.equal(result.total, 0);
        assert.equal(result.suggestion, undefined);
      });

      it('filters by date ranges that overlap the document dates', async () => {
        assert.deepEqual(ids(await search('q=date:1962-10-26..1962-10-27&sort=date')), [
          'telegram-1962-month', 'k-to-jfk-1962-10-26', 'jfk-to-k-1962-10-27',
        ]);
        assert.deepEqual(ids(await search('from=1895-10-05&to=1895-10-05')), ['brief-de-1895']);
        assert.deepEqual(ids(await search('q=Cuba date:1963')), ['k-to-castro-1963']);
        assert.equal((await search('from=1800&to=1850')).total, 0);
      });

      it('sorts by date either way, undated last, and pages stably', async () => {
        const asc = ids(await search('sort=date&size=100'));
        assert.equal(asc[0], 'brief-de-1895');
        assert.equal(asc.at(-1), 'undated-note');
        const desc = ids(await search('sort=-date&size=100'));
        assert.equal(desc[0], 'another-k-letter');
        assert.equal(desc.at(-1), 'undated-note');
        const paged = [...ids(await search('sort=date&size=3&page=1')), ...ids(await search('sort=date&size=3&page=2')), ...ids(await search('sort=date&size=3&page=3'))];
        assert.deepEqual(paged, asc.slice(0, 9));
        const beyond = await search('page=99');
        assert.equal(beyond.hits.length, 0);
        assert.equal(beyond.total, asc.length);
      });

      it('pages by cursor as by page number, in either sort', async () => {
        for (const order of ['sort=date', 'sort=-date', 'q=Cuba OR Malinovsky OR Khrushchev']) {
          const all = ids(await search(`${order}&size=100`));
          const seen: string[] = [];
          let cursor: string | undefined;
          for (let i = 0; i < 20; i++) {
            const page = await search(`${order}&size=2${cursor ? `&cursor=${cursor}` : ''}`);
            seen.push(...ids(page));
            cursor = page.nextCursor;
            if (!cursor) break;
          }
          assert.deepEqual(seen, all, order);
        }
        const first = await search('sort=date&size=2');
        await assert.rejects(async () => search(`sort=-date&size=2&cursor=${first.nextCursor}`), /does not belong/);
        await assert.rejects(async () => search('cursor=garbage'), /cursor/);
        await assert.rejects(async () => search('page=501'), /nextCursor/);
        // A relevance score is worked out over drafts too: the cursor carrying it is sealed, and cannot be forged.
        const ranked = await search('q=Cuba OR Khrushchev&size=1');
        const sealed = Buffer.from(ranked.nextCursor!, 'base64url');
        assert.ok(!/[-\d]\.\d|"k"/.test(sealed.toString('latin1')), 'no readable score');
        const forged = Buffer.from(JSON.stringify({ s: 'relevance', k: [-1, 'k-to-castro-1963'] })).toString('base64url');
        await assert.rejects(async () => search(`q=Cuba OR Khrushchev&size=1&cursor=${forged}`), /not one this archive gave out/);
        sealed[20] = sealed[20]! ^ 1;
        await assert.rejects(async () => search(`q=Cuba OR Khrushchev&size=1&cursor=${sealed.toString('base64url')}`), /not one this archive gave out/);
        // Nor carried to another search.
        await assert.rejects(async () => search(`q=Cuba&size=1&cursor=${ranked.nextCursor}`), /not one this archive gave out for this search/);
        // Another archive's cursor is not this one's.
        const other = await openFresh();
        try {
          await other.store.upsertRecords(records);
          await assert.rejects(
            async () => other.store.search(parseSearchParams(new URLSearchParams(`q=Cuba OR Khrushchev&size=1&cursor=${ranked.nextCursor}`)), PUBLIC),
            /not one this archive gave out/,
          );
        } finally {
          await other.cleanup();
        }
      });

      it('filters by facet value or id, ORed within a facet and ANDed across facets', async () => {
        assert.deepEqual(ids(await search('author=Nikita%20Khrushchev&sort=date')), ['k-to-jfk-1962-10-26', 'k-to-castro-1963', 'another-k-letter']);
        assert.deepEqual(ids(await search('author=khrushchev&recipient=castro')), ['k-to-castro-1963']);
        assert.deepEqual(ids(await search('type=Letter&type=Telegram&sort=date')), ['brief-de-1895', 'telegram-1962-month', 'k-to-castro-1963']);
        assert.deepEqual(ids(await search('q=missiles&place=Cuba&sort=date')), ['telegram-1962-month', 'k-to-castro-1963']);
        assert.deepEqual(ids(await search('decade=1890s')), ['brief-de-1895']);
        assert.deepEqual(ids(await search('language=de')), ['brief-de-1895']);
        assert.equal((await search('author=Rodion%20Malinovsky')).total, 1);
      });

      it('counts facets exactly as a brute-force count over the visible documents', async () => {
        const visible = await visibleRecords(store);
        for (const query of ['', 'q=Cuba', 'q=missiles', 'q=Cuba&type=Message', 'q=-Berlin', 'from=1962&to=1962']) {
          const result = await search(query + '&facetLimit=1000&size=100');
          const matched = visible.filter((r) => result.hits.some((h) => h.id === r.document.id));
          assert.equal(matched.length, result.total, `${query}: every hit is on the page`);
          if (query === 'q=Cuba') assert.deepEqual(new Set(result.hits.map((h) => h.id)), bruteForceMatch(visible, 'cuba'));
          for (const facet of FACET_NAMES) {
            assert.deepEqual(sortFacet(result.facets[facet]), sortFacet(bruteForceFacet(matched, facet)), `${query}: facet ${facet}`);
          }
        }
      });

      it('finds facet values by their text among all of them, counts unchanged', async () => {
        const all = await search('facetLimit=1000');
        const matched = await search('facetLimit=1&personMatch=KHRUS&placeMatch=zzz');
        // Diacritics and case do not matter; the limit applies after matching; counts are the whole result's.
        assert.deepEqual(matched.facets.person, all.facets.person.filter((p) => /khrus/i.test(p.value)).slice(0, 1));
        assert.ok(matched.facets.person.length === 1 && matched.facets.person[0]!.count > 0);
        assert.deepEqual(matched.facets.place, []);
        assert.deepEqual(matched.facets.type, all.facets.type.slice(0, 1), 'other facets are not narrowed');
        assert.equal(matched.total, all.total, 'the hits are not narrowed');
        const byId = await search('facetLimit=1000&authorMatch=chruscev');
        assert.deepEqual(byId.facets.author.map((a) => a.id ?? a.value), [], 'a value matches by its label or id, not by other spellings');
      });

      it('gives a snippet from the description or text when browsing', async () => {
        const result = await search('author=castro');
        assert.equal(result.total, 0);
        const browse = await search('recipient=castro');
        assert.equal(browse.hits[0]?.snippet, 'Re: Point 3, Protocol No. 80');
      });
    });

    describe('reading while another connection writes', () => {
      let own: StoreHarness;
      before(async () => {
        own = await openFresh();
        for (const record of records) await own.store.upsertRecord(record);
      });
      after(async () => {
        await own.cleanup();
      });

      it('a search answers from one moment: a commit between its queries does not split it', async () => {
        const request = () => own.store.search(parseSearchParams(new URLSearchParams('size=3&facetLimit=10')), PUBLIC);
        const before = await request();
        assert.equal(before.total, PUBLIC_IDS.length);
        own.deleteAllAfterNextQuery();
        // Its total, page of hits and facet counts all come from before the delete.
        assert.deepEqual(await request(), before);
        assert.equal((await request()).total, 0, 'the delete did commit');
      });

      it('so does every other read: a page, a list, a count or a map is never split by a commit', async () => {
        const scope = parseSearchParams(new URLSearchParams(''));
        const list = { offset: 0, limit: 50 };
        for (const record of records) await own.store.upsertRecord(record);
        const topic = (await own.store.listTopics(PUBLIC, list)).items[0]!.id;
        const reads: Record<string, () => Promise<unknown>> = {
          getDocument: () => own.store.getDocument('k-to-castro-1963', PUBLIC),
          getPerson: () => own.store.getPerson('khrushchev', PUBLIC),
          getPlace: () => own.store.getPlace('moscow', PUBLIC),
          getTopic: () => own.store.getTopic(topic, PUBLIC),
          getCollection: () => own.store.getCollection('wilson', PUBLIC),
          listCollections: () => own.store.listCollections(PUBLIC),
          recentDocuments: () => own.store.recentDocuments(PUBLIC, 10),
          featuredDocuments: () => own.store.featuredDocuments(PUBLIC, 10),
          stats: () => own.store.stats(PUBLIC),
          dateHistogram: () => own.store.dateHistogram(scope, PUBLIC, 'year'),
          correspondence: () => own.store.correspondence(scope, PUBLIC),
          mapPlaces: () => own.store.mapPlaces(scope, PUBLIC),
          listPeople: () => own.store.listPeople(PUBLIC, list),
          listPlaces: () => own.store.listPlaces(PUBLIC, list),
          listTopics: () => own.store.listTopics(PUBLIC, list),
          adjacentInCollection: () => own.store.adjacentInCollection('k-to-castro-1963', 'wilson', PUBLIC),
        };
        const split: string[] = [];
        for (const [name, read] of Object.entries(reads)) {
          for (const record of records) await own.store.upsertRecord(record);
          const before = await read();
          assert.ok(before !== null, `${name}: found before the delete`);
          own.deleteAllAfterNextQuery();
          if (!isDeepStrictEqual(await read(), before)) split.push(name);
          assert.equal((await own.store.stats(PUBLIC)).documents, 0, `${name}: the delete did commit`);
        }
        assert.deepEqual(split, [], 'these reads mixed rows from before and after the delete');
      });
    });
  });
}

function inputOf(record: IngestRecord) {
  const d = record.document;
  const person = (id: string) => record.people.find((p) => p.id === id)!;
  const place = (id: string) => record.places.find((p) => p.id === id)!;
  return {
    id: d.id,
    title: d.title,
    date: d.date,
    type: d.type,
    text: d.text,
    authors: d.authors.map(person),
    people: d.people.map(person),
    places: d.places.map(place),
    collections: record.collections,
    source: d.source,
    language: d.language,
  };
}

async function visibleRecords(store: ArchiveStore): Promise<IngestRecord[]> {
  const out: IngestRecord[] = [];
  for await (const view of store.exportDocuments(PUBLIC)) {
    out.push(
      buildIngestRecord({
        ...view,
        authors: view.authors,
        recipients: view.recipients,
        people: view.people,
        places: view.places,
        collections: view.collections,
        references: [],
      }),
    );
  }
  return out;
}

function bruteForceMatch(records: IngestRecord[], word: string): Set<string> {
  const out = new Set<string>();
  for (const r of records) {
    const entry = buildIndexEntry(r.document, entitiesOf(r));
    if (SEARCH_COLUMNS.some((c) => indexWords(entry.columns[c]).includes(word))) out.add(r.document.id);
  }
  return out;
}

function bruteForceFacet(records: IngestRecord[], facet: FacetName): { value: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const r of records) {
    for (const f of buildIndexEntry(r.document, entitiesOf(r)).facets) {
      if (f.facet === facet) counts.set(f.value, (counts.get(f.value) ?? 0) + 1);
    }
  }
  return [...counts].map(([value, count]) => ({ value, count }));
}

function entitiesOf(r: IngestRecord) {
  return {
    people: new Map(r.people.map((p) => [p.id, p])),
    places: new Map(r.places.map((p) => [p.id, p])),
    topics: new Map(r.topics.map((t) => [t.id, t])),
    collections: new Map(r.collections.map((c) => [c.slug, c])),
  };
}

function sortFacet(values: { value: string; count: number }[]): string[] {
  return values.map((v) => `${v.value}=${v.count}`).sort();
}
