import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { writeCsvExport } from '../../src/export/csv.js';
import { formatEdtf, parseEdtf } from '../../src/ingest/csv/edtf.js';
import { guardFormula, unguardFormula } from '../../src/ingest/csv/formula.js';
import { ingestPaths } from '../../src/ingest/driver.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { PUBLIC, type ArchiveStore } from '../../src/store/types.js';
import { archiveWithLetters } from './letters-fixture.js';

describe('CSV export', () => {
  let store: ArchiveStore;
  let scratch: Awaited<ReturnType<typeof archiveWithLetters>>['scratch'];
  let out: string;
  let rows: Record<string, string>[];
  let raw: string;

  before(async () => {
    ({ store, scratch } = await archiveWithLetters('export-csv'));
    out = path.join(scratch.dir, 'archive.csv');
    const { documents } = await writeCsvExport(store, PUBLIC, out, { baseUrl: 'https://archive.example.org/' });
    raw = fs.readFileSync(out, 'utf8');
    rows = parse(raw, { columns: true }) as Record<string, string>[];
    assert.equal(documents, rows.length);
  });
  after(async () => {
    await store.close();
    scratch.cleanup();
  });
  const row = (id: string): Record<string, string> => {
    const found = rows.find((r) => r.id === id);
    assert.ok(found, id);
    return found;
  };

  it('writes a row per published document, in id order, and nothing private', async () => {
    const published: string[] = [];
    for await (const doc of store.exportDocuments(PUBLIC)) published.push(doc.id);
    assert.deepEqual(rows.map((r) => r.id), published);
    assert.ok(published.includes('frus1961-63v06-d1') && published.includes('bahr-1891-05'));
    assert.ok(!raw.includes('Zyzzyva') && !raw.includes('Secret, Sender'));
    assert.ok(raw.startsWith('id,title,date,dateText,'), 'no byte order mark, header first');
    // Rows end in CRLF; a bare LF is only ever inside a quoted value.
    assert.match(raw, /^id,[^\r\n]*,page,text\r\nbahr-1891-05,/);
    assert.ok(raw.endsWith('\r\n'));
  });

  it('gives dates as EDTF beside the date as written, people with their authority ids, lists split by |', () => {
    const letter = row('bahr-1891-05');
    assert.equal(letter.date, '1891-05-01?/1891-05-31?');
    assert.equal(letter.dateText, '[Mai 1891?]');
    assert.equal(letter.authors, 'Schnitzler, Arthur');
    assert.equal(letter.authorID, 'https://d-nb.info/gnd/118609807');
    assert.equal(letter.recipientID, 'https://d-nb.info/gnd/118505823');
    assert.equal(letter.senderPlaceID, 'https://sws.geonames.org/2761369/');
    assert.equal(letter['received.date'], '1891-06-02');
    assert.equal(letter['received.place'], 'Berlin');
    assert.equal(letter.collections, 'schnitzler-bahr');
    assert.equal(letter.page, 'https://archive.example.org/documents/bahr-1891-05');
    const khrushchev = row('frus1961-63v06-d1');
    assert.equal(khrushchev.date, '1960-11-09');
    assert.equal(khrushchev.classification, 'No classification marking');
    assert.equal(khrushchev.number, '1');
    const two = row('formula-letter');
    // A name's own bar would split it in two on the way back in.
    assert.equal(two.authors, 'Schnitzler, Arthur|Writer ¦ with a bar');
    assert.equal(two.authorID, 'https://d-nb.info/gnd/118609807|');
  });

  it('quotes what needs quoting and writes what a spreadsheet would run as a formula after a quote mark', () => {
    const two = row('formula-letter');
    assert.equal(two.title, `'=HYPERLINK("http://evil.example/","click") ¦ a "quoted" title, with commas`.replace(' ¦ ', ' | '));
    assert.equal(two.recipients, "'@Someone");
    assert.equal(two.description, "'-2+3 is what a spreadsheet would compute");
    assert.equal(two.text, 'Line one,\nline "two".');
  });

  it('re-ingests through the default CSV mapping: the same documents, titles, dates and correspondents', async () => {
    const copy = openSqliteStore(path.join(scratch.dir, 'copy.db'));
    try {
      const summary = await ingestPaths([out], { store: copy, format: 'csv', errors: { write: () => undefined } });
      assert.deepEqual([summary.new, summary.failed], [rows.length, 0]);
      for (const id of ['bahr-1891-05', 'formula-letter', 'frus1961-63v06-d1', 'frus1961-63v06-d84']) {
        const [a, b] = [await store.getDocument(id, PUBLIC), await copy.getDocument(id, PUBLIC)];
        assert.ok(a && b, id);
        assert.equal(b.title, a.title, id);
        assert.deepEqual([b.date.start, b.date.end, b.date.display, b.date.certainty], [a.date.start, a.date.end, a.date.display, a.date.certainty], id);
        assert.deepEqual(b.authors.map((p) => p.name), a.authors.map((p) => p.name.replace('|', '¦')), id);
        assert.deepEqual(b.recipients.map((p) => p.name), a.recipients.map((p) => p.name), id);
        assert.equal(b.placeWritten?.name, a.placeWritten?.name, id);
        assert.equal(b.description, a.description, id);
        assert.equal(b.text?.replace(/\s+/g, ' ').trim(), a.text?.replace(/\s+/g, ' ').trim(), id);
      }
      const letter = await copy.getDocument('bahr-1891-05', PUBLIC);
      // The authority column gives the id the archive derives from GND, as in the source.
      assert.deepEqual(letter?.authors.map((p) => p.id), ['gnd-118609807']);
      assert.deepEqual([letter?.received?.date?.start, letter?.received?.place?.id], ['1891-06-02', 'geonames-2950159']);
    } finally {
      await copy.close();
    }
  });
});

describe('EDTF written for a CSV export', () => {
  it('reads back as the same range and certainty', () => {
    const cases: { start?: string; end?: string; certainty?: string }[] = [
      { start: '1963-01-31', end: '1963-01-31' },
      { start: '1963-01', end: '1963-01' },
      { start: '1962-10', end: '1962-11' },
      { start: '1547', end: '1547', certainty: 'conjecture' },
      { start: '1538-09-20', end: '1538-09-20', certainty: 'approximate' },
      { start: '1541-09-26' },
      { end: '1541-07-18' },
      { start: '1548-10-27', certainty: 'conjecture' },
      { start: '-0044-03-15', end: '-0044-03-15' },
    ];
    for (const date of cases) {
      const written = formatEdtf(date);
      const read = parseEdtf(written);
      assert.ok(read, written);
      assert.deepEqual([read.start, read.end, read.certainty], [date.start, date.end, date.certainty], written);
    }
    assert.equal(formatEdtf({}), '');
  });
});

describe('CSV cells a spreadsheet would run as formulas', () => {
  it('are written after a quote mark, and read back as they were, quote marks of their own included', () => {
    for (const value of ['=x', "'=x is how the book writes it", "''+1", '@name', '-ism', "'-ism and '+1", '\tindent', 'plain', "'quoted'", '-0044-03-15', '-12']) {
      assert.equal(unguardFormula(guardFormula(value)), value, value);
    }
    assert.equal(guardFormula('=SUM(A1)'), "'=SUM(A1)");
    assert.equal(guardFormula("'=x"), "''=x");
    assert.equal(guardFormula('-0044-03-15'), '-0044-03-15');
    assert.equal(guardFormula("it's"), "it's");
    // A quote mark before anything else is the value's own.
    assert.equal(unguardFormula("'quoted'"), "'quoted'");
  });
});
