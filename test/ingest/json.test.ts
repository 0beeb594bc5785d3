import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { readUtf8Bytes } from '../../src/ingest/encoding.js';
import { SourceFileError } from '../../src/ingest/format.js';
import { jsonFormat, readJsonFile } from '../../src/ingest/json/index.js';
import { collect, failure, okRecord, scratchDir } from './helpers.js';

const scratch = scratchDir('json');
after(() => scratch.cleanup());

/** A document in the CONTRACT's JSON shape, as `GET /api/documents/{id}` and the export write it. */
const contractDocument = {
  id: 'khrushchev-to-castro-1963-01-31',
  sourceId: 'wilson:khrushchev-to-castro',
  title: 'Letter from Khrushchev to Fidel Castro',
  date: { start: '1963-01-31', end: '1963-01-31', display: '31 January 1963' },
  type: 'Letter',
  description: 'Re: Point 3, Protocol No. 80',
  summary: null,
  text: 'Dear Comrade Fidel Castro,',
  footnotes: [{ n: '1', text: 'Printed from a copy.' }],
  texts: [{ role: 'translation', language: 'en', text: 'Dear Comrade Fidel Castro,' }],
  authors: [{ id: 'khrushchev-nikita', name: 'Nikita Khrushchev' }],
  recipients: [{ id: 'castro-fidel', name: 'Fidel Castro' }],
  people: [],
  places: [{ id: 'moscow', name: 'Moscow', lat: 55.7558, lon: 37.6173 }],
  topics: [{ id: 'cuban-missile-crisis', name: 'Cuban Missile Crisis' }],
  collections: [{ slug: 'letters-1963', title: 'Letters, 1963' }],
  source: { archive: 'AVP RF' },
  language: 'en',
  funders: ['Leon Levy Foundation'],
  related: [{ id: 'other', title: 'Other' }],
  references: [],
  media: [],
  updatedAt: '2024-05-01T10:00:00Z',
  status: 'published',
};

const line = (value: unknown): string => JSON.stringify(value);

describe('JSON reader: documents', () => {
  it('reads a single document object in the contract shape', async () => {
    const [outcome, ...rest] = await collect(readJsonFile(scratch.write('single.json', line(contractDocument))));
    assert.equal(rest.length, 0);
    const { document, places } = okRecord(outcome);
    assert.equal(document.id, 'khrushchev-to-castro-1963-01-31');
    assert.equal(document.sourceId, 'wilson:khrushchev-to-castro');
    assert.deepEqual(document.authors, ['khrushchev-nikita']);
    assert.deepEqual(document.collections, ['letters-1963']);
    assert.deepEqual(places, [{ id: 'moscow', name: 'Moscow', lat: 55.7558, lon: 37.6173 }]);
    assert.deepEqual(document.footnotes, [{ n: '1', text: 'Printed from a copy.' }]);
    assert.equal(document.summary, undefined);
  });

  it('reads an array, failing only the bad element', async () => {
    const file = scratch.write('letters.json', line([{ title: 'First', date: '1962-10-26' }, { date: 'not a date', title: 'Second' }, { title: 'Third' }, 42]));
    const outcomes = await collect(readJsonFile(file));
    assert.equal(outcomes.length, 4);
    assert.equal(okRecord(outcomes[0]).document.id, 'letters-1');
    assert.equal(okRecord(outcomes[0]).document.sourceId, 'json:letters-1');
    assert.equal(failure(outcomes[1]).label, '#2');
    assert.match(failure(outcomes[1]).reason, /date/);
    assert.equal(okRecord(outcomes[2]).document.id, 'letters-3');
    assert.match(failure(outcomes[3]).reason, /document object/);
  });

  it('refuses a second document with an id the file already gave, keeping the first', async () => {
    const lines = await collect(readJsonFile(scratch.write('dup.jsonl', `${line({ id: 'a', title: 'First' })}\n${line({ id: 'a', title: 'Second' })}\n`)));
    assert.equal(okRecord(lines[0]).document.title, 'First');
    assert.equal(failure(lines[1]).reason, 'id "a" is already used by line 1 of this file; give each document its own id');
    const array = await collect(readJsonFile(scratch.write('dup.json', line([{ id: 'a', title: 'First' }, { id: 'b', title: 'Other' }, { id: 'a', title: 'Second' }]))));
    assert.deepEqual(array.map((o) => o.ok), [true, true, false]);
    assert.equal(failure(array[2]).reason, 'id "a" is already used by document 1 of this file; give each document its own id');
  });

  it('fails a record of another shape by naming the fields it has and pointing to a mapping', async () => {
    const file = scratch.write('address.json', line({ year: 1962, name: 'John F Kennedy', party: 'Democratic', text: 'Mr. Vice President …' }));
    const [outcome] = await collect(readJsonFile(file));
    assert.equal(
      failure(outcome).reason,
      'no "title" field (the record has: year, name, party, text); read the file through a mapping (--mapping, see docs/importers.md)',
    );
  });

  it('reads JSON Lines, reporting a malformed line with its column', async () => {
    const file = scratch.write('batch.jsonl', `${line({ id: 'a', title: 'A' })}\n\n{"id": "b", "title": "B",}\n${line({ id: 'c', title: 'C' })}\r\n`);
    const outcomes = await collect(readJsonFile(file));
    assert.deepEqual(outcomes.map((o) => o.label), ['line 1', 'line 3', 'line 4']);
    assert.equal(okRecord(outcomes[0]).document.id, 'a');
    assert.match(failure(outcomes[1]).reason, /JSON syntax error at column 26: unexpected '}'/);
    assert.equal(okRecord(outcomes[2]).document.id, 'c');
    assert.equal(jsonFormat.sniff('x.ndjson', ''), true);
  });

  it('gives a syntax error its line and column, and stores nothing of the file', async () => {
    const file = scratch.write('broken.json', '[\n  {"title": "A"},\n  {"title": "B" "date": "1963"}\n]');
    await assert.rejects(collect(readJsonFile(file)), (e: unknown) => e instanceof SourceFileError && /JSON syntax error at line 3, column 17: unexpected '"', expected ',' or '}'/.test(e.message));
  });

  it('suggests JSON Lines for several values in a .json file', async () => {
    const file = scratch.write('lines.json', `${line({ title: 'A' })}\n${line({ title: 'B' })}\n`);
    await assert.rejects(collect(readJsonFile(file)), (e: unknown) => e instanceof SourceFileError && /line 2, column 1: .*\.jsonl/.test(e.message));
  });

  it('refuses absurd nesting without overflowing the stack', async () => {
    const file = scratch.write('deep.json', `${'['.repeat(100000)}${']'.repeat(100000)}`);
    await assert.rejects(collect(readJsonFile(file)), (e: unknown) => e instanceof SourceFileError && /nesting deeper/.test(e.message));
  });

  it('refuses invalid UTF-8 and oversized files with a reason', async () => {
    const file = scratch.write('latin1.json', Buffer.from('{"title": "Andr\u00e9"}', 'latin1'));
    await assert.rejects(collect(readJsonFile(file)), (e: unknown) => e instanceof SourceFileError && /not valid UTF-8.*byte 15/.test(e.message));
    const big = scratch.write('big.json', line([contractDocument, contractDocument]));
    await assert.rejects(readUtf8Bytes(big, { maxBytes: 100 }), (e: unknown) => e instanceof SourceFileError && /reads at most 100 bytes/.test(e.message));
  });
});

describe('JSON reader: Archivum export', () => {
  const people = [
    { id: 'khrushchev-nikita', name: 'Nikita Khrushchev', altNames: ['Khrushchov', 'Chruščev'], role: 'Chairman of the Council of Ministers', birth: null },
    { id: 'castro-fidel', name: 'Fidel Castro', authorities: { wikidata: 'Q11256' } },
  ];
  const places = [{ id: 'moscow', name: 'Moscow', altNames: ['Moskva'], lat: 55.7558, lon: 37.6173 }];
  const collections = [
    { slug: 'letters-1963', title: 'Letters, 1963', parent: 'wilson', position: 2 },
    { slug: 'wilson', title: 'Wilson Center Digital Archive', description: 'Top level' },
  ];
  const header = { format: 'archivum-export', version: 1, exportedAt: '2024-05-01T10:00:00Z' };

  for (const order of ['tables after documents', 'tables before documents'] as const) {
    it(`restores full entity records from the tables (${order})`, async () => {
      const tables = { people, places, topics: [], collections };
      const body = order === 'tables after documents' ? { ...header, documents: [contractDocument], ...tables } : { ...header, ...tables, documents: [contractDocument] };
      const outcomes = await collect(readJsonFile(scratch.write(`export-${order.split(' ')[1]}.json`, JSON.stringify(body, null, 1))));
      assert.equal(outcomes.length, 1);
      const record = okRecord(outcomes[0]);
      assert.deepEqual(record.people.find((p) => p.id === 'khrushchev-nikita'), { id: 'khrushchev-nikita', name: 'Nikita Khrushchev', altNames: ['Khrushchov', 'Chruščev'], role: 'Chairman of the Council of Ministers' });
      assert.deepEqual(record.people.find((p) => p.id === 'castro-fidel')?.authorities, { wikidata: 'Q11256' });
      assert.deepEqual(record.places[0]?.altNames, ['Moskva']);
      // The parent collection is written first; the document joins only the one it names.
      assert.deepEqual(record.collections.map((c) => c.slug), ['wilson', 'letters-1963']);
      assert.equal(record.collections[0]?.description, 'Top level');
      assert.deepEqual(record.document.collections, ['letters-1963']);
      assert.equal(record.document.sourceId, 'wilson:khrushchev-to-castro');
    });
  }

  it('keeps an open range open and the full record of a place of arrival, as an export wrote them', async () => {
    const letter = {
      id: 'after-letter',
      title: 'A letter written after a day',
      date: { display: 'nach dem 17. November 1898', start: '1898-11-17' },
      received: { date: { display: 'after 20 November 1898', start: '1898-11-20' }, place: { id: 'geonames-2611744', name: 'Thurø' } },
      places: [{ id: 'geonames-2611744', name: 'Thurø' }],
    };
    const places = [{ id: 'geonames-2611744', name: 'Thurø', authorities: { geonames: 'https://sws.geonames.org/2611744/' } }];
    const record = okRecord((await collect(readJsonFile(scratch.write('export-open.json', JSON.stringify({ ...header, documents: [letter], places })))))[0]);
    assert.deepEqual(record.document.date, { display: 'nach dem 17. November 1898', start: '1898-11-17' });
    assert.deepEqual(record.document.received?.date, { display: 'after 20 November 1898', start: '1898-11-20' });
    assert.deepEqual(record.places.find((p) => p.id === 'geonames-2611744')?.authorities, { geonames: 'https://sws.geonames.org/2611744/' });
    // Typed input still means that one day.
    const typed = okRecord((await collect(readJsonFile(scratch.write('typed-open.json', JSON.stringify(letter)))))[0]);
    assert.equal(typed.document.date.end, '1898-11-17');
  });

  it('refuses an export from a newer version', async () => {
    const file = scratch.write('future.json', line({ ...header, version: 2, documents: [] }));
    await assert.rejects(collect(readJsonFile(file)), (e: unknown) => e instanceof SourceFileError && /version 2 is newer/.test(e.message));
  });

  it('is recognised by content even without a .json name', () => {
    assert.equal(jsonFormat.sniff('backup.export', '{"format":"archivum-export","version":1'), true);
    assert.equal(jsonFormat.sniff('notes.txt', 'Some text'), false);
  });
});
