import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { MAX_RECORD_CHARS } from '../../../src/domain/index.js';
import {
  csvFormat,
  globMatch,
  isMappingFile,
  loadMapping,
  mappedJsonFormat,
  mappedJsonFormatWith,
  parseEdtf,
  readMappedJsonRecords,
} from '../../../src/ingest/csv/index.js';
import { MAX_FIELDS } from '../../../src/ingest/csv/read.js';
import { ingestPaths } from '../../../src/ingest/driver.js';
import { type RecordOutcome, SourceFileError } from '../../../src/ingest/format.js';
import { jsonFormat } from '../../../src/ingest/json/index.js';
import { detectFormat, registeredFormats } from '../../../src/ingest/registry.js';
import { openSqliteStore } from '../../../src/store/sqlite/index.js';
import { searchRequestFor } from '../../../src/search/params.js';
import { PUBLIC, STAFF } from '../../../src/store/types.js';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));
const MORITZ = join(CORPUS, 'cmif/moritz/letters.csv');
const SOTU = join(CORPUS, 'sotu');
const FIXTURES = fileURLToPath(new URL('../../fixtures/csv/', import.meta.url));
const EXAMPLES = fileURLToPath(new URL('../../../examples/mappings/', import.meta.url));

async function collect(iterable: AsyncIterable<RecordOutcome>): Promise<RecordOutcome[]> {
  const out: RecordOutcome[] = [];
  for await (const o of iterable) out.push(o);
  return out;
}

function byId(outcomes: RecordOutcome[]): Map<string, Extract<RecordOutcome, { ok: true }>> {
  const map = new Map<string, Extract<RecordOutcome, { ok: true }>>();
  for (const o of outcomes) if (o.ok) map.set(o.record.document.id, o);
  return map;
}

/** Collects outcomes into `into` until the reader throws; returns the error's message. */
async function collectUntilFailure(iterable: AsyncIterable<RecordOutcome>, into: RecordOutcome[]): Promise<string> {
  try {
    for await (const o of iterable) into.push(o);
  } catch (error) {
    assert.ok(error instanceof SourceFileError);
    return error.message;
  }
  assert.fail('the file did not fail');
}

describe('EDTF dates', () => {
  it('reads the forms letter tables use', () => {
    assert.deepEqual(parseEdtf('1547-05-22'), { start: '1547-05-22', end: '1547-05-22', display: '22 May 1547' });
    assert.deepEqual(parseEdtf('1547?'), { start: '1547', end: '1547', certainty: 'conjecture', display: '1547?' });
    assert.deepEqual(parseEdtf('1538-09-20~'), { start: '1538-09-20', end: '1538-09-20', certainty: 'approximate', display: 'circa 20 September 1538' });
    assert.deepEqual(parseEdtf('1547-05-22/1547-05-25'), { start: '1547-05-22', end: '1547-05-25', display: '22 May 1547 – 25 May 1547' });
    assert.deepEqual(parseEdtf('1541-09-26/'), { start: '1541-09-26', display: 'after 26 September 1541' });
    assert.deepEqual(parseEdtf('/1541-07-18'), { end: '1541-07-18', display: 'before 18 July 1541' });
    assert.deepEqual(parseEdtf('1548-10-27/?'), { start: '1548-10-27', certainty: 'conjecture', display: 'after 27 October 1548?' });
    assert.deepEqual(parseEdtf('[..1547-05-22]'), { end: '1547-05-22', display: 'before 22 May 1547' });
    assert.deepEqual(parseEdtf('[1544-02,1544-03]'), { start: '1544-02', end: '1544-03', display: 'February 1544 or March 1544' });
    assert.deepEqual(parseEdtf('[1552-11,1552-12-07]'), { start: '1552-11', end: '1552-12-07', display: 'November 1552 or 7 December 1552' });
    assert.deepEqual(parseEdtf('{1547,1548}'), { start: '1547', end: '1548', display: '1547 and 1548' });
    assert.deepEqual(parseEdtf('154X'), { start: '1540', end: '1549', display: '1540 – 1549' });
    assert.deepEqual(parseEdtf('1548-24'), { start: '1548-12', end: '1549-02', display: 'December 1548 – February 1549' });
    assert.deepEqual(parseEdtf('circa 1963'), { start: '1963', end: '1963', certainty: 'approximate', display: 'circa 1963' });
    assert.deepEqual(parseEdtf('[undated]'), { display: '[undated]' });
    assert.deepEqual(parseEdtf('[s.d.]'), { display: '[undated]' });
    assert.equal(parseEdtf('[1547-02-30]'), null);
    assert.equal(parseEdtf('[soon]'), null);
    assert.equal(parseEdtf('1547-02-30'), null);
    assert.equal(parseEdtf('1548-05-31/1548-03-01'), null);
    assert.equal(parseEdtf('1548-05-31..1548-03-01'), null);
    assert.equal(parseEdtf('soon'), null);
  });
});

describe('Moritz letters.csv with examples/mappings/moritz-letters.json', () => {
  let outcomes: RecordOutcome[] | undefined;
  const read = async (): Promise<RecordOutcome[]> =>
    (outcomes ??= await collect(csvFormat.read(MORITZ, { mappingFile: join(EXAMPLES, 'moritz-letters.json') })));

  it('reads all 8,935 rows without failures', async () => {
    const all = await read();
    assert.equal(all.length, 8935);
    assert.deepEqual(all.filter((o) => !o.ok), []);
    assert.equal(new Set(all.map((o) => (o.ok ? o.record.document.id : o.label))).size, 8935);
  });

  it('maps a plain row with GND and GeoNames ids (row 2)', async () => {
    const row = byId(await read()).get('letters-moritz-1-2')!;
    assert.equal(row.label, 'row 2');
    const doc = row.record.document;
    assert.equal(doc.title, 'Kardinal Albrecht to Hz. Georg, 1533 Januar 6');
    assert.deepEqual(doc.date, { start: '1533-01-06', end: '1533-01-06', display: '1533 Januar 6' });
    assert.deepEqual(doc.authors, ['gnd-118647733']);
    assert.deepEqual(doc.recipients, ['gnd-118716921']);
    assert.equal(doc.placeWritten, 'geonames-2911522');
    assert.deepEqual(row.record.places[0], { id: 'geonames-2911522', name: 'Halle', authorities: { geonames: 'https://sws.geonames.org/2911522/' } });
    assert.equal(doc.sourceId, 'letters.csv#letters-moritz-1-2');
    assert.equal(doc.source.reference, 'letters-moritz-1, no. 2');
    assert.deepEqual(doc.collections, ['moritz-von-sachsen']);
  });

  it('turns EDTF intervals and uncertain dates into ranges, keeping the edition wording', async () => {
    const rows = byId(await read());
    const date = (id: string) => rows.get(id)!.record.document.date;
    // "1542-08-22/1542-08-25", "1542 August 22-25" (row 353)
    assert.deepEqual(date('letters-moritz-1-388'), { start: '1542-08-22', end: '1542-08-25', display: '1542 August 22-25' });
    // "1547-01-07?", "1547 Januar 07?" (row 1966)
    assert.deepEqual(date('letters-moritz-3-83a1'), { start: '1547-01-07', end: '1547-01-07', display: '1547 Januar 07?', certainty: 'conjecture' });
    // "1541-09-26/", "[1541 bald nach September 26]": open end; bracketed wording is inferred
    assert.deepEqual(date('letters-moritz-1-215'), { start: '1541-09-26', display: '[1541 bald nach September 26]', certainty: 'inferred' });
    // "/1541-07-18", "[1541 kurz vor Juli 18]" (row 162): open start
    assert.deepEqual(date('letters-moritz-1-177'), { end: '1541-07-18', display: '[1541 kurz vor Juli 18]', certainty: 'inferred' });
    // "[1542-05-05,1542-05-06]", "1542 Mai 5 und 6"
    assert.deepEqual(date('letters-moritz-1-351'), { start: '1542-05-05', end: '1542-05-06', display: '1542 Mai 5 und 6' });
    // "[1552-11,1552-12-07]": mixed precision
    assert.deepEqual(date('letters-moritz-6-338a1'), { start: '1552-11', end: '1552-12-07', display: '[1552 November oder Dezember nach 7]', certainty: 'inferred' });
    // "1548-10-27/?", "[1548 Oktober nach 27 ?]"
    assert.deepEqual(date('letters-moritz-4-139'), { start: '1548-10-27', display: '[1548 Oktober nach 27 ?]', certainty: 'conjecture' });
    // "1548-03-01/1548-05-31?", "[1548 Frühjahr ?]"
    assert.deepEqual(date('letters-moritz-3-1009'), { start: '1548-03-01', end: '1548-05-31', display: '[1548 Frühjahr ?]', certainty: 'conjecture' });
    // "1538-09-20~", "[1538 September etwa 20]": the value's own qualifier outranks the brackets
    assert.deepEqual(date('letters-moritz-1-15'), { start: '1538-09-20', end: '1538-09-20', display: '[1538 September etwa 20]', certainty: 'approximate' });
    // "1547" and "1535/1537": year precision
    assert.deepEqual(date('letters-moritz-3-6'), { start: '1547', end: '1547', display: '1547 Anfang' });
    // "1535/1537", "[1535-1537]" (row 6): supplied by the editors, as TEI letters mark it
    assert.deepEqual(date('letters-moritz-1-6'), { start: '1535', end: '1537', display: '[1535-1537]', certainty: 'inferred' });
  });

  it('marks every date written in square brackets inferred, unless its value is qualified', async () => {
    const all = await read();
    const certainty = new Map<string, number>();
    for (const o of all) {
      if (!o.ok || !o.record.document.date.display?.includes('[')) continue;
      const c = o.record.document.date.certainty ?? 'none';
      certainty.set(c, (certainty.get(c) ?? 0) + 1);
    }
    // 305 plain, 23 with "?" (conjecture), 7 with "~" (approximate).
    assert.deepEqual(Object.fromEntries(certainty), { inferred: 305, conjecture: 23, approximate: 7 });
  });

  it('titles a letter without a sender "Unknown sender to …" (row 6,859)', async () => {
    const doc = byId(await read()).get('letters-moritz-6-488')!.record.document;
    assert.equal(doc.title, 'Unknown sender to Hz. Albrecht von Bayern, 1553 April 7');
    assert.deepEqual(doc.authors, []);
  });

  it('aligns several names with their authority ids', async () => {
    const rows = byId(await read());
    // "Kfl. Räte [Ernst von Miltitz]|[Georg Komerstadt?]" with two GND ids.
    assert.deepEqual(rows.get('letters-moritz-4-139')!.record.document.authors, ['gnd-138386706', 'gnd-117737437']);
    // "Anton von Schönberg|andere Räte Hz. Heinrichs in Leipzig" with one id: the first name takes it.
    const row79 = rows.get('letters-moritz-1-79')!.record;
    assert.deepEqual(row79.document.authors, ['gnd-138186286', 'andere-rate-hz.-heinrichs-in-leipzig']);
    // "o. O." means no place: it becomes none.
    assert.equal(rows.get('letters-moritz-1-139')!.record.document.placeWritten, undefined);
  });

  it('reports duplicate ids under the default mapping (keys repeat across volumes)', async () => {
    let failed = 0;
    let first: RecordOutcome | undefined;
    for await (const o of csvFormat.read(MORITZ, {})) {
      if (!o.ok) {
        failed++;
        first ??= o;
      }
    }
    assert.ok(failed > 0);
    assert.ok(first && !first.ok);
    assert.match(first.label, /^row \d+$/);
    assert.match(first.reason, /id "letters-\d+" is already used by row \d+/);
  });
});

describe('CSV line ends and broken quoting (Moritz letters.csv)', () => {
  const mappingFile = join(EXAMPLES, 'moritz-letters.json');
  const scratch = mkdtempSync(join(tmpdir(), 'archivum-csv-lines-'));
  after(() => rmSync(scratch, { recursive: true, force: true }));
  const lines = readFileSync(MORITZ, 'utf8').split('\r\n');
  // Two rows as a Unix editor appends them to the CRLF file.
  const appended = [
    '"9001","Hz. Moritz","","","","1550","1550","Hz. Georg","","","","","","letters-moritz-9","",""',
    '"9002","Hz. Moritz","","","","1551","1551","Hz. Georg","","","","","","letters-moritz-9","",""',
  ];

  it('reads CRLF, LF and CR line ends mixed in one file', async () => {
    const path = join(scratch, 'mixed.csv');
    writeFileSync(path, readFileSync(MORITZ, 'utf8') + appended.join('\n') + '\n');
    const all = await collect(csvFormat.read(path, { mappingFile }));
    assert.equal(all.length, 8937);
    assert.deepEqual(all.filter((o) => !o.ok), []);
    assert.equal(byId(all).get('letters-moritz-9-9002')?.label, 'row 8938');
    // The first rows, with a CR alone between them, as a classic Mac wrote.
    const cr = join(scratch, 'cr.csv');
    writeFileSync(cr, lines.slice(0, 4).join('\r') + '\n' + appended[0]);
    assert.deepEqual((await collect(csvFormat.read(cr, { mappingFile }))).map((o) => (o.ok ? o.record.document.id : o.reason)), [
      'letters-moritz-1-2', 'letters-moritz-1-3', 'letters-moritz-1-4', 'letters-moritz-9-9001',
    ]);
  });

  it('keeps the rows before broken quoting and names the line where the broken value starts', async () => {
    const path = join(scratch, 'broken.csv');
    // Line 1,001 opens a quote in its sender column that a stray character after it breaks.
    const broken = lines[1000]!.replace('","', '"x,"');
    writeFileSync(path, [...lines.slice(0, 1000), broken, ...lines.slice(1001)].join('\r\n'));
    const rows: RecordOutcome[] = [];
    const failure = await collectUntilFailure(csvFormat.read(path, { mappingFile }), rows);
    assert.equal(rows.length, 999);
    assert.deepEqual(rows.filter((o) => !o.ok), []);
    assert.match(failure, /^not readable as CSV: the quoted value that opens column "key" at line 1,001 is followed by "x" instead of a delimiter or a line end/);
    assert.match(failure, /the rows before it were read, the rest of the file was not$/);
  });

  it('names the line where a quote that is never closed opens, not the end of the file', async () => {
    // In a table that quotes every value a missing quote shows at the next one; a quote is left
    // open to the end only where no other quote follows, as in this table of bare values.
    const path = join(scratch, 'unclosed.csv');
    writeFileSync(path, `title,date\nA memo,1901\n"Broken memo,1900\n${'Another memo,1901\n'.repeat(100_000)}`);
    const rows: RecordOutcome[] = [];
    const failure = await collectUntilFailure(csvFormat.read(path, {}), rows);
    assert.equal(rows.length, 1);
    assert.equal(
      failure,
      'not readable as CSV: the quote that opens column "title" at line 3 is never closed, so the rest of the file (to line 100,003) would be one value; the rows before it were read, the rest of the file was not',
    );
  });

  // A row past what one record may hold (csv-parse refuses it as it grows, before it becomes one
  // string) fails alone; the rows after it are read.
  const TOO_LONG = 'is longer than 8,000,000 characters, the most one record may hold';
  const huge = 'y'.repeat(MAX_RECORD_CHARS + 1);
  const outcomesOf = (all: RecordOutcome[]): string[] => all.map((o) => (o.ok ? `${o.label} ok ${o.record.document.id} ${o.record.document.title}` : `${o.label} FAIL ${o.reason}`));

  it('reports a row longer than a record may hold and reads the rows after it, quoted or not', async () => {
    const variants: Record<string, string> = {
      quoted: `"${huge}"`,
      bare: huge,
      // Line ends of every kind, delimiters and escaped quotes inside the quotes; the row spans
      // thousands of lines (and the reader's 64 KB chunks), and its first field is quoted too.
      lines: `"${'a ""quoted"", line\r\n'.repeat(10)}","${`${'y'.repeat(2000)},\n"",\r\n\r`.repeat(4500)}"`,
      // The field the limit falls in is bare, the row goes on in quotes.
      'then quoted': `${huge},"x""\ny"`,
    };
    for (const [name, big] of Object.entries(variants)) {
      const path = join(scratch, `too-long-${name.replace(' ', '-')}.csv`);
      writeFileSync(path, `id,title,text\na1,First,ok\na2,Big,${big}\na3,After,ok\n`);
      assert.deepEqual(outcomesOf(await collect(csvFormat.read(path, {}))), ['row 2 ok a1 First', `row 3 FAIL ${TOO_LONG}`, 'row 4 ok a3 After'], name);
    }
  });

  it('counts bytes and characters apart past a row too long: byte-order mark, CRLF, letters of several bytes', async () => {
    const path = join(scratch, 'too-long-utf8.csv');
    // 'é' is two bytes: csv-parse counts the field it refuses in bytes.
    writeFileSync(path, `\uFEFFid,title,text\r\nä1,Fïrst,ök\r\nä2,Bïg,"${'é'.repeat(MAX_RECORD_CHARS / 2 + 1)}\r\n😀"\r\nä3,Äfter 😀,ök\r\n\r\nä5,"Lä\r\nst",ök`);
    assert.deepEqual(outcomesOf(await collect(csvFormat.read(path, {}))), ['row 2 ok a1 Fïrst', `row 3 FAIL ${TOO_LONG}`, 'row 4 ok a3 Äfter 😀', 'row 6 ok a5 Lä st']);
  });

  it('reports each of several rows too long, next to each other or apart', async () => {
    const path = join(scratch, 'too-long-twice.csv');
    writeFileSync(path, `id,title,text\na1,First,ok\na2,Big,"${huge}"\r\na3,Big,${huge}\r\n\na5,Fifth,ok\ra6,Big,"${huge}\n"\na7,Seventh,ok\n`);
    assert.deepEqual(outcomesOf(await collect(csvFormat.read(path, {}))), [
      'row 2 ok a1 First', `row 3 FAIL ${TOO_LONG}`, `row 4 FAIL ${TOO_LONG}`, 'row 6 ok a5 Fifth', `row 7 FAIL ${TOO_LONG}`, 'row 8 ok a7 Seventh',
    ]);
  });

  it('reports a row too long at the end of the file, with a line end or without', async () => {
    const cases = [['bare', huge, ''], ['quoted', `"${huge}"`, '\n'], ['bare CR', huge, '\r'], ['quoted CRLF', `"${huge}"`, '\r\n']] as const;
    for (const [name, big, end] of cases) {
      const path = join(scratch, `too-long-last-${name.replace(' ', '-')}.csv`);
      writeFileSync(path, `id,title,text\na1,First,ok\na2,Big,${big}${end}`);
      assert.deepEqual(outcomesOf(await collect(csvFormat.read(path, {}))), ['row 2 ok a1 First', `row 3 FAIL ${TOO_LONG}`], name);
    }
  });

  it('still fails the file for a header too long, and for quoting that breaks in a row too long', async () => {
    const cases: [string, string, string][] = [
      ['header', `id,title,"${huge}"\na1,First,ok\n`, 'the row at line 1 is longer than 8,000,000 characters, the most one record may hold'],
      // The quote never closes: the row is too long only because the rest of the file is in it.
      ['unclosed', `id,title,text\na1,First,ok\na2,Big,"${'y'.repeat(1000)}\n${'a3,After,ok\n'.repeat(800_000)}`, 'the quote that opens column "text" at line 3 is never closed, so the rest of the file (to line 800,003) would be one value'],
      ['closing', `id,title,text\na1,First,ok\na2,"Big","${huge}\n"x,y\na3,After,ok\n`, 'the quoted value that opens column "text" at line 3 is followed by "x" instead of a delimiter or a line end'],
      ['opening', `id,title,text\na1,First,ok\na2,Big,${huge}"x"\na3,After,ok\n`, 'column "text" at line 3 has a quote inside a value that does not start with one'],
    ];
    for (const [name, text, reason] of cases) {
      const path = join(scratch, `too-long-broken-${name}.csv`);
      writeFileSync(path, text);
      const rows: RecordOutcome[] = [];
      const failure = await collectUntilFailure(csvFormat.read(path, {}), rows);
      assert.ok(failure.startsWith(`not readable as CSV: ${reason}`), `${name}: ${failure}`);
      assert.deepEqual(outcomesOf(rows), name === 'header' ? [] : ['row 2 ok a1 First'], name);
    }
  });

  it('reports a row of more fields than a spreadsheet has columns and reads on; such a header fails the file', async () => {
    // Fields, not characters: 20 million delimiters are no character of any field, and csv-parse
    // would build an array of 20 million empty strings (60 million exhausted the heap).
    const TOO_WIDE = 'has more than 16,384 fields, the most a row may have';
    const path = join(scratch, 'too-wide.csv');
    writeFileSync(path, `id,title,text\na1,First,ok\na2,Wide,${','.repeat(20_000_000)}\na3,After,ok\na4,"Quoted ${','.repeat(5_000)}",ok\n`);
    assert.deepEqual(outcomesOf(await collect(csvFormat.read(path, {}))), ['row 2 ok a1 First', `row 3 FAIL ${TOO_WIDE}`, 'row 4 ok a3 After', `row 5 ok a4 Quoted ${','.repeat(5_000)}`]);
    const header = join(scratch, 'too-wide-header.csv');
    writeFileSync(header, `${','.repeat(MAX_FIELDS)}\na1,First,ok\n`);
    const failure = await collectUntilFailure(csvFormat.read(header, {}), []);
    assert.equal(failure, `not readable as CSV: the header row ${TOO_WIDE}`);
  });

  it('names the right line for broken quoting and bad bytes after a row too long', async () => {
    const lines = (n: number): string => Array.from({ length: n }, (_, i) => `b${i},Line ${i},ok\n`).join('');
    const path = join(scratch, 'too-long-then-broken.csv');
    // The row too long spans lines 3 to 7; line 10 breaks.
    writeFileSync(path, `id,title,text\na1,First,ok\na2,Big,"${huge}\n\n\r\n\r"\n${lines(2)}x,"Broken"x,ok\n${lines(3)}`);
    const rows: RecordOutcome[] = [];
    const failure = await collectUntilFailure(csvFormat.read(path, {}), rows);
    assert.deepEqual(outcomesOf(rows), ['row 2 ok a1 First', `row 3 FAIL ${TOO_LONG}`, 'row 4 ok b0 Line 0', 'row 5 ok b1 Line 1']);
    assert.match(failure, /^not readable as CSV: the quoted value that opens column "title" at line 10 is followed by "x"/);

    const bad = join(scratch, 'too-long-then-bad-byte.csv');
    writeFileSync(bad, Buffer.concat([Buffer.from(`id,title,text\na1,First,ok\na2,Big,${huge}\n${lines(2)}`), Buffer.from([0xff]), Buffer.from(',x\n')]));
    const before: RecordOutcome[] = [];
    const badFailure = await collectUntilFailure(csvFormat.read(bad, {}), before);
    assert.deepEqual(outcomesOf(before), ['row 2 ok a1 First', `row 3 FAIL ${TOO_LONG}`, 'row 4 ok b0 Line 0', 'row 5 ok b1 Line 1']);
    assert.match(badFailure, /line 6/);
  });

  it('stores the rows on both sides of a row too long when ingesting', async () => {
    const path = join(scratch, 'too-long-ingest.csv');
    writeFileSync(path, `id,title,text\na1,First,ok\na2,Big,"${huge}"\na3,After,ok\n`);
    const store = openSqliteStore(join(scratch, 'too-long.db'));
    try {
      const summary = await ingestPaths([path], { store, format: 'auto', readerThread: false, errors: { write: () => undefined } });
      assert.equal(summary.new, 2);
      assert.equal(summary.failed, 1);
      assert.equal(summary.failures[0]?.record, 'row 3');
      assert.equal(summary.failures[0]?.reason, TOO_LONG);
    } finally {
      await store.close();
    }
  });

  it('stores the rows before the break when ingesting', async () => {
    const path = join(scratch, 'ingest.csv');
    writeFileSync(path, [...lines.slice(0, 301), '"x"y', ...lines.slice(301)].join('\r\n'));
    const store = openSqliteStore(join(scratch, 'ingest.db'));
    try {
      const errors: string[] = [];
      const summary = await ingestPaths([path], { store, format: 'auto', mappingFile, readerThread: false, errors: { write: (t: string) => errors.push(t) } });
      assert.equal(summary.new, 300);
      assert.equal(summary.failed, 1);
      assert.equal(summary.failures[0]?.record, null);
      assert.match(summary.failures[0]?.reason ?? '', /column "key" at line 302 /);
    } finally {
      await store.close();
    }
  });
});

describe('CSV rows and mappings (fixtures)', () => {
  it('reads good rows and reports bad ones with their row number', async () => {
    const outcomes = await collect(csvFormat.read(join(FIXTURES, 'letters.csv'), {}));
    const summary = outcomes.map((o) => (o.ok ? `${o.label} ok ${o.record.document.id}` : `${o.label} FAIL ${o.reason}`));
    assert.equal(outcomes.length, 8);
    assert.equal(summary[0], 'row 2 ok test-1');
    assert.equal(summary[1], 'row 3 ok test-2');
    assert.match(summary[2]!, /^row 4 FAIL date: "1547-02-30" is not a date/);
    assert.match(summary[3]!, /^row 5 FAIL authors: "not-an-id" \(for "Hz\. Moritz"\) is not a GND/);
    assert.equal(summary[4], 'row 6 ok test-5');
    assert.equal(summary[5], 'row 7 FAIL has 4 fields, the header has 10');
    assert.equal(summary[6], 'row 8 ok test-7');
    assert.match(summary[7]!, /^row 9 FAIL id "test-1" is already used by row 2/);

    const first = outcomes[0]!;
    assert.ok(first.ok);
    assert.deepEqual(first.record.document.recipients, ['gnd-118557734', 'rate']);
    assert.equal(first.record.document.description, 'Quoted, with comma');
    const second = outcomes[1]!;
    assert.ok(second.ok);
    // A bare GND number with "scheme": "gnd"; "o. O." ignored; no display column value → formatted.
    assert.deepEqual(second.record.document.authors, ['gnd-118584138']);
    assert.equal(second.record.document.placeWritten, undefined);
    assert.deepEqual(second.record.document.date, { start: '1547', end: '1547', display: '1547?', certainty: 'conjecture' });
    const fifth = outcomes[4]!;
    assert.ok(fifth.ok);
    assert.deepEqual(fifth.record.document.date, { end: '1547-05-22', display: 'before 22 May 1547' });
    const seventh = outcomes[6]!;
    assert.ok(seventh.ok);
    assert.equal(seventh.record.people[0]?.name, 'Mehrzeilig\nName');
  });

  it('passes over blank and cleared rows, and numbers rows as a spreadsheet does, blank lines counted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archivum-csv-'));
    const path = join(dir, 'gaps.csv');
    writeFileSync(path, '\nid,title,date\r\nr1,One,1890\n\n r2 ,Two,1891\n,,\n  , ,\nr3,Three,bad-date\n\n');
    const outcomes = await collect(csvFormat.read(path, {}));
    assert.deepEqual(
      outcomes.map((o) => (o.ok ? `${o.label} ok ${o.record.document.id}` : `${o.label} FAIL`)),
      ['row 3 ok r1', 'row 5 ok r2', 'row 8 FAIL'],
    );
  });

  it('maps when and where a letter arrived: addressee date and place columns, or received.* in a mapping', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archivum-received-'));
    try {
      const path = join(dir, 'arrivals.csv');
      writeFileSync(
        path,
        'key,sender,addressee,senderDate,addresseeDate,addresseeDateText,addresseePlace,addresseePlaceID\n' +
          '1,Hz. Moritz,Kf. Johann Friedrich,1546-07-01,1546-07-03?,3. Juli 1546?,Torgau,http://www.geonames.org/2821029\n' +
          '2,Hz. Moritz,Landstände,1546-08-01,,,,\n' +
          '3,Hz. Moritz,Landstände,1546-08-02,1546-13-40,,,\n' +
          '4,Hz. Moritz,Landstände,1546-08-03,,,Torgau|Dresden,|http://www.geonames.org/2935022\n' +
          '5,Hz. Moritz,Landstände,1546-08-04,1546-09-02/1546-08-30,,,\n',
      );
      const [first, second, third, fourth, fifth] = await collect(csvFormat.read(path, {}));
      assert.equal(fifth && !fifth.ok && fifth.reason, 'received.date: "1546-09-02/1546-08-30" ends before it starts');
      assert.ok(first?.ok && second?.ok && third && !third.ok && fourth?.ok);
      // Several places of the addressee: the letter arrived at the first; the others stay its places.
      assert.deepEqual(fourth.record.document.received, { place: 'torgau' });
      assert.deepEqual(fourth.record.document.places.sort(), ['geonames-2935022', 'torgau']);
      const doc = first.record.document;
      assert.deepEqual(doc.received, { date: { start: '1546-07-03', end: '1546-07-03', display: '3. Juli 1546?', certainty: 'conjecture' }, place: 'geonames-2821029' });
      assert.ok(doc.places.includes('geonames-2821029'));
      assert.equal(second.record.document.received, undefined);
      assert.match(third.reason, /^received\.date: "1546-13-40" is not a date/);
      // The same through an explicit mapping, with a column for one place only.
      const mapping = join(dir, 'arrivals.csv.mapping.json');
      writeFileSync(mapping, JSON.stringify({ split: '|', fields: { title: 'sender', 'received.place': 'addresseePlace', 'received.date': { column: 'addresseeDate', display: 'addresseeDateText' } } }));
      const [mapped] = await collect(csvFormat.read(path, {}));
      assert.ok(mapped?.ok);
      assert.deepEqual(mapped.record.document.received, { date: { start: '1546-07-03', end: '1546-07-03', display: '3. Juli 1546?', certainty: 'conjecture' }, place: 'torgau' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says so when a header looks separated by semicolons or tabs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archivum-csv-'));
    const semicolons = join(dir, 'excel-de.csv');
    writeFileSync(semicolons, 'id;title;date\ns1;Brief;1890\n');
    assert.match(await collectUntilFailure(csvFormat.read(semicolons, {}), []), /no column gives a title \(columns: id;title;date\).*The header looks separated by ";", but the file is read as separated by ",": give a mapping file with "delimiter": ";"$/);
    const tabs = join(dir, 'tabs.csv');
    writeFileSync(tabs, 'id\ttitle\nt1\tBrief\n');
    assert.match(await collectUntilFailure(csvFormat.read(tabs, {}), []), /separated by tabs, but the file is read as separated by ",": give a mapping file with "delimiter": "\\t", or name the file \.tsv$/);
    const single = join(dir, 'single.csv');
    writeFileSync(single, 'subject\nx\n');
    assert.doesNotMatch(await collectUntilFailure(csvFormat.read(single, {}), []), /looks separated/);
  });

  it('refuses a header where two columns give one field, rather than reading one and losing the other', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archivum-csv-'));
    const twice = join(dir, 'twice.csv');
    writeFileSync(twice, 'id,title,sender,sender,,note\nx1,T,Anna,Bob,extra,n1\n');
    assert.equal(await collectUntilFailure(csvFormat.read(twice, {}), []), 'the header names column "sender" 2 times (columns 3, 4), and only one could be read; rename the others');
    const aliases = join(dir, 'aliases.csv');
    writeFileSync(aliases, 'id,title,sender,Author\nx1,T,Anna,Bob\n');
    assert.match(await collectUntilFailure(csvFormat.read(aliases, {}), []), /^columns "sender", "Author" all give authors, and only one could be read; .*mapping file/);
    // A mapping that says which column to read settles it; a repeated column it does not read is no matter.
    writeFileSync(join(dir, 'aliases.csv.mapping.json'), JSON.stringify({ fields: { id: 'id', title: 'title', authors: 'Author' } }));
    const [one] = await collect(csvFormat.read(aliases, {}));
    assert.ok(one?.ok);
    assert.deepEqual(one.record.people.map((p) => p.name), ['Bob']);
  });

  it('uses the default mapping for field-named TSV columns', async () => {
    const outcomes = await collect(csvFormat.read(join(FIXTURES, 'table.tsv'), {}));
    assert.equal(outcomes.length, 2);
    const [a, b] = outcomes;
    assert.ok(a?.ok && b?.ok);
    assert.equal(a.record.document.id, 'table-2');
    assert.deepEqual(a.record.document.authors, ['a.-smith', 'b.-jones']);
    assert.deepEqual(a.record.document.topics, ['grain', 'trade']);
    assert.equal(a.record.document.language, 'en');
    assert.deepEqual(b.record.document.date, { start: '1963', end: '1963', display: 'circa 1963', certainty: 'approximate' });
  });

  it('fails a file whose quoting is broken, and one without a title source', async () => {
    await assert.rejects(collect(csvFormat.read(join(FIXTURES, 'broken-quotes.csv'), {})), (e: unknown) => e instanceof SourceFileError && /not readable as CSV/.test(e.message));
    await assert.rejects(collect(csvFormat.read(join(FIXTURES, 'untitled.csv'), {})), (e: unknown) => e instanceof SourceFileError && /no column gives a title/.test(e.message));
  });

  it('names at most twenty columns in a message, however wide the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archivum-csv-wide-'));
    const path = join(dir, 'wide.csv');
    const columns = Array.from({ length: 5000 }, (_, i) => `c${i}`);
    writeFileSync(path, `${columns.join(',')}\n${columns.map(() => 'v').join(',')}\n`);
    await assert.rejects(collect(csvFormat.read(path, {})), (e: unknown) => {
      assert.ok(e instanceof SourceFileError);
      assert.match(e.message, /no column gives a title \(columns: c0, c1, .*, c19 and 4,980 more\)/);
      assert.ok(e.message.length < 400, `a message of ${e.message.length} characters`);
      return true;
    });
  });

  it('fails a file the mapping does not fit, naming the missing columns', async () => {
    await assert.rejects(
      collect(csvFormat.read(join(FIXTURES, 'no-mapping-needed.csv'), { mappingFile: join(FIXTURES, 'letters.csv.mapping.json') })),
      (e: unknown) => e instanceof SourceFileError && /reads columns "key", "sender"/.test(e.message),
    );
  });

  it('explains an invalid mapping file', () => {
    assert.throws(
      () => loadMapping(join(FIXTURES, 'bad-mapping.json')),
      (e: unknown) => e instanceof SourceFileError && /exactly one of "column", "template" or "value"/.test(e.message),
    );
  });

  it('reports bytes that are not UTF-8', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archivum-csv-'));
    const path = join(dir, 'latin1.csv');
    writeFileSync(path, Buffer.from('id,title\na,M\u00fcller\n', 'latin1'));
    await assert.rejects(collect(csvFormat.read(path, {})), (e: unknown) => e instanceof SourceFileError && /not valid UTF-8/.test(e.message));
  });

  it('keeps every row before a bad byte, however far into the file it is', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archivum-csv-'));
    const path = join(dir, 'late-latin1.csv');
    const rows = Array.from({ length: 5000 }, (_, i) => `r${i},Title number ${i}`).join('\n');
    writeFileSync(path, Buffer.concat([Buffer.from(`id,title\n${rows}\n`), Buffer.from('rx,M\u00fcller\n', 'latin1')]));
    let read = 0;
    await assert.rejects(
      (async () => {
        for await (const outcome of csvFormat.read(path, {})) if (outcome.ok) read++;
      })(),
      (e: unknown) => e instanceof SourceFileError && /invalid byte 0xFC on line 5,002, at byte/.test(e.message),
    );
    assert.equal(read, 5000);
    // A bad byte that starts a line: the row before it ends there and is read too.
    const atLineStart = join(dir, 'line-start.csv');
    for (const end of ['\n', '\r', '\r\n']) {
      writeFileSync(atLineStart, Buffer.concat([Buffer.from(`id,title${end}r1,One${end}r2,Two${end}`), Buffer.from('\u00dcx,Three\n', 'latin1')]));
      const ids: string[] = [];
      await assert.rejects(
        (async () => {
          for await (const outcome of csvFormat.read(atLineStart, {})) if (outcome.ok) ids.push(outcome.record.document.id);
        })(),
        /invalid byte 0xDC on line 4/,
      );
      assert.deepEqual(ids, ['r1', 'r2'], JSON.stringify(end));
    }
  });

  it('sniffs by extension', () => {
    assert.ok(csvFormat.sniff('/x/a.CSV', ''));
    assert.ok(csvFormat.sniff('/x/a.tsv', ''));
    assert.ok(!csvFormat.sniff('/x/a.json', ''));
  });
});

describe('JSON records through the same mapping', () => {
  it('reads the 233 State of the Union addresses with examples/mappings/sotu.json', async () => {
    const format = mappedJsonFormatWith(join(EXAMPLES, 'sotu.json'));
    const files = readdirSync(SOTU).filter((f) => f.endsWith('.json'));
    // The mapping claims every JSON file of the folder, so that none is left to the archive's
    // own JSON format; _datapackage.json, which its "files" pattern leaves out, yields nothing.
    assert.deepEqual(files.filter((f) => !format.sniff(join(SOTU, f), '')), []);
    assert.deepEqual(await collect(format.read(join(SOTU, '_datapackage.json'), {})), []);
    const outcomes: RecordOutcome[] = [];
    for (const f of files) outcomes.push(...(await collect(format.read(join(SOTU, f), {}))));
    assert.equal(outcomes.length, 233);
    assert.deepEqual(outcomes.filter((o) => !o.ok), []);
    const kennedy = byId(outcomes).get('sotu-1962-john-f-kennedy')!.record;
    assert.equal(kennedy.document.title, 'State of the Union Address, 1962 (John F Kennedy)');
    assert.deepEqual(kennedy.document.date, { start: '1962', end: '1962', display: '1962' });
    assert.equal(kennedy.document.type, 'Address');
    assert.deepEqual(kennedy.document.authors, ['john-f-kennedy']);
    assert.deepEqual(kennedy.collections, [{ slug: 'sotu', title: 'State of the Union addresses' }]);
    assert.ok((kennedy.document.text ?? '').length > 10000);
    // Two addresses in 1953 (Truman, Eisenhower) stay two documents.
    assert.ok(byId(outcomes).has('sotu-1953-harry-s-truman') && byId(outcomes).has('sotu-1953-dwight-d-eisenhower'));
  });

  it('ingests the SOTU folder as 233 addresses: _datapackage.json becomes no document', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archivum-sotu-'));
    const store = openSqliteStore(join(dir, 'archive.db'));
    try {
      const mappingFile = join(EXAMPLES, 'sotu.json');
      const formats = registeredFormats({ mappingFile });
      // Where the mapping's file selection and auto-detection meet: the descriptor goes to the
      // mapped format (which skips it), not on to the archive's own JSON format.
      assert.notEqual(detectFormat(join(SOTU, '_datapackage.json'), '', formats), jsonFormat);
      const errors: string[] = [];
      const summary = await ingestPaths([SOTU], { store, format: 'auto', mappingFile, readerThread: false, errors: { write: (t: string) => errors.push(t) } });
      assert.deepEqual([summary.new, summary.failed, errors], [233, 0, []]);
      assert.equal(await store.getDocument('datapackage', STAFF), null);
      assert.equal((await store.getDocument('sotu-2001-george-w-bush', PUBLIC))?.title, 'State of the Union Address, 2001 (George W Bush)');
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves no empty parentheses in a title when a placeholder is empty', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archivum-sotu-'));
    const address = JSON.parse(readFileSync(join(SOTU, '2001_george_w_bush_r.json'), 'utf8')) as Record<string, unknown>;
    const path = join(dir, '2001_unknown.json');
    writeFileSync(path, JSON.stringify({ ...address, name: '' }));
    const [outcome] = await collect(mappedJsonFormatWith(join(EXAMPLES, 'sotu.json')).read(path, {}));
    assert.ok(outcome?.ok, outcome && !outcome.ok ? outcome.reason : '');
    assert.equal(outcome.record.document.title, 'State of the Union Address, 2001');
    assert.equal(outcome.record.document.id, 'sotu-2001');
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a data-package descriptor as a document, with or without a mapping', async () => {
    const reason = /Frictionless Data package descriptor/;
    await assert.rejects(collect(jsonFormat.read(join(SOTU, '_datapackage.json'), {})), (e: unknown) => e instanceof SourceFileError && reason.test(e.message));
    // A mapping whose pattern takes it in still does not make it a record.
    const dir = mkdtempSync(join(tmpdir(), 'archivum-datapackage-'));
    writeFileSync(join(dir, 'archivum-mapping.json'), JSON.stringify({ format: 'json', fields: { title: 'title' } }));
    writeFileSync(join(dir, 'datapackage.json'), readFileSync(join(SOTU, '_datapackage.json')));
    assert.ok(mappedJsonFormat.sniff(join(dir, 'datapackage.json'), ''));
    await assert.rejects(collect(mappedJsonFormat.read(join(dir, 'datapackage.json'), {})), (e: unknown) => e instanceof SourceFileError && reason.test(e.message));
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads JSON Lines with a discovered mapping, reporting bad lines', async () => {
    const path = join(FIXTURES, 'records.jsonl');
    assert.ok(mappedJsonFormat.sniff(path, ''));
    const outcomes = await collect(mappedJsonFormat.read(path, {}));
    const summary = outcomes.map((o) => (o.ok ? `${o.label} ok ${o.record.document.id}` : `${o.label} FAIL ${o.reason}`));
    assert.equal(summary[0], 'line 1 ok t-1790-george-washington');
    assert.match(summary[1]!, /^line 3 FAIL date: "17x0"/);
    assert.match(summary[2]!, /^line 4 FAIL not valid JSON/);
    assert.match(summary[3]!, /^line 5 FAIL expected a JSON object, found an array/);
  });

  it('claims JSON only with a mapping, and never mapping files', () => {
    assert.ok(!mappedJsonFormat.sniff(join(FIXTURES, 'bad-mapping.json'), ''));
    assert.ok(!mappedJsonFormat.sniff(join(FIXTURES, 'records.jsonl.mapping.json'), ''));
    assert.ok(isMappingFile('/x/archivum-mapping.json') && isMappingFile('/x/a.csv.mapping.json') && !isMappingFile('/x/a.json'));
  });

  it('applies a folder-wide archivum-mapping.json to the files its pattern fits', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archivum-folder-'));
    writeFileSync(join(dir, 'archivum-mapping.json'), JSON.stringify({ format: 'json', files: 'a*.json', fields: { title: 'name' } }));
    writeFileSync(join(dir, 'a1.json'), JSON.stringify({ name: 'First' }));
    writeFileSync(join(dir, 'b.json'), JSON.stringify({ name: 'Other' }));
    assert.ok(mappedJsonFormat.sniff(join(dir, 'a1.json'), ''));
    // A file the pattern leaves out is claimed and skipped: read as Archivum JSON, it would
    // become a document the mapping was written to keep out.
    assert.ok(mappedJsonFormat.sniff(join(dir, 'b.json'), ''));
    assert.deepEqual(await collect(mappedJsonFormat.read(join(dir, 'b.json'), {})), []);
    assert.ok(!mappedJsonFormat.sniff(join(dir, 'archivum-mapping.json'), ''));
    const [record] = await collect(mappedJsonFormat.read(join(dir, 'a1.json'), {}));
    assert.ok(record?.ok);
    assert.equal(record.record.document.title, 'First');
    assert.equal(record.record.document.id, 'a1-1');
    // A JSON-only folder mapping does not apply to a CSV file there: that one gets the default.
    writeFileSync(join(dir, 'c.csv'), 'title,date\nA memo,1963\n');
    const [row] = await collect(csvFormat.read(join(dir, 'c.csv'), {}));
    assert.ok(row?.ok);
    assert.equal(row.record.document.title, 'A memo');
  });

  it('ingests a folder under a mapping: a file its pattern leaves out is passed over, not failed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archivum-folder-'));
    const store = openSqliteStore(join(dir, 'archive.db'));
    try {
      mkdirSync(join(dir, 'in'));
      writeFileSync(join(dir, 'in', 'archivum-mapping.json'), JSON.stringify({ format: 'json', files: 'a*.json', fields: { title: 'name' } }));
      writeFileSync(join(dir, 'in', 'a1.json'), JSON.stringify({ name: 'First' }));
      writeFileSync(join(dir, 'in', 'b.json'), JSON.stringify({ name: 'Other' }));
      const errors: string[] = [];
      const summary = await ingestPaths([join(dir, 'in')], { store, format: 'auto', readerThread: false, errors: { write: (t: string) => errors.push(t) } });
      assert.deepEqual([summary.new, summary.failed, errors], [1, 0, []]);
      assert.equal((await store.getDocument('a1-1', STAFF))?.title, 'First');
      assert.equal((await store.search(searchRequestFor(''), STAFF)).total, 1);
      // Named outright, it is said to be left out; when every file is, nothing could be done.
      const named = await ingestPaths([join(dir, 'in', 'b.json')], { store, format: 'auto', readerThread: false, errors: { write: () => undefined } });
      assert.deepEqual(named.failures.map((f) => f.reason), ['the "files" pattern of the mapping in force leaves it out; name a mapping that takes it in (--mapping FILE)']);
      // Named outright, whether before or after its folder.
      for (const paths of [[join(dir, 'in', 'b.json'), join(dir, 'in')], [join(dir, 'in'), join(dir, 'in', 'b.json')]]) {
        const run = await ingestPaths(paths, { store, format: 'auto', readerThread: false, errors: { write: () => undefined } });
        assert.deepEqual(run.failures.map((f) => f.file), [join(dir, 'in', 'b.json')]);
      }
      // An explicit mapping that takes it in wins over the folder's.
      const all = join(dir, 'all.json');
      writeFileSync(all, JSON.stringify({ format: 'json', fields: { title: 'name' } }));
      const explicit = await ingestPaths([join(dir, 'in')], { store, format: 'auto', mappingFile: all, readerThread: false, errors: { write: () => undefined } });
      assert.deepEqual([explicit.failed, explicit.new], [0, 1]);
      assert.equal((await store.getDocument('b-1', STAFF))?.title, 'Other');
      rmSync(join(dir, 'in', 'a1.json'));
      // Refused before anything is read, the run leaves an earlier report as it was.
      writeFileSync(join(dir, 'report.jsonl'), 'earlier\n');
      await assert.rejects(ingestPaths([join(dir, 'in')], { store, format: 'auto', readerThread: false, reportFile: join(dir, 'report.jsonl') }), /nothing to ingest/);
      assert.equal(readFileSync(join(dir, 'report.jsonl'), 'utf8'), 'earlier\n');
      await assert.rejects(ingestPaths([join(dir, 'in')], { store, format: 'auto', readerThread: false }), /nothing to ingest: every file in .* is passed over \(the "files" pattern of the mapping in force leaves it out; name a mapping that takes it in \(--mapping FILE\)\)/);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('applies --mapping to the CSV files its format and files pattern fit, the default mapping to others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archivum-explicit-'));
    try {
      writeFileSync(join(dir, 'letters-1.csv'), 'name,title\nFirst,A memo\n');
      writeFileSync(join(dir, 'other.csv'), 'name,title\nSecond,Another memo\n');
      const mappingFile = join(dir, 'm.json');
      writeFileSync(mappingFile, JSON.stringify({ format: 'csv', files: 'letters-*.csv', fields: { title: 'name' } }));
      const title = async (file: string, mapping: string): Promise<string | undefined> => {
        const [row] = await collect(csvFormat.read(join(dir, file), { mappingFile: mapping }));
        return row?.ok ? row.record.document.title : row?.reason;
      };
      assert.deepEqual([await title('letters-1.csv', mappingFile), await title('other.csv', mappingFile)], ['First', 'Another memo']);
      // A mapping for JSON says nothing about CSV files.
      writeFileSync(mappingFile, JSON.stringify({ format: 'json', fields: { title: 'name' } }));
      assert.equal(await title('letters-1.csv', mappingFile), 'A memo');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a mapping file again once it has changed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archivum-mapping-'));
    try {
      writeFileSync(join(dir, 'a.json'), JSON.stringify({ name: 'First', label: 'Other' }));
      writeFileSync(join(dir, 'archivum-mapping.json'), JSON.stringify({ format: 'json', fields: { title: 'name' } }));
      const [before] = await collect(mappedJsonFormat.read(join(dir, 'a.json'), {}));
      writeFileSync(join(dir, 'archivum-mapping.json'), JSON.stringify({ format: 'json', fields: { title: 'label' }, about: 'edited' }));
      const [after] = await collect(mappedJsonFormat.read(join(dir, 'a.json'), {}));
      assert.ok(before?.ok && after?.ok);
      assert.deepEqual([before.record.document.title, after.record.document.title], ['First', 'Other']);
      writeFileSync(join(dir, 'archivum-mapping.json'), '{\n  "format": "json",\n  not json');
      await assert.rejects(collect(mappedJsonFormat.read(join(dir, 'a.json'), {})), /mapping file archivum-mapping\.json is not valid JSON at line 3, column 3: Expected/);
      // A path through a file is no mapping, said in the same words.
      assert.throws(() => loadMapping(join(dir, 'a.json', 'm.json')), /mapping file m\.json cannot be read: ENOTDIR/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('readMappedJsonRecords takes a mapping object', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archivum-json-'));
    const path = join(dir, 'list.json');
    writeFileSync(path, JSON.stringify([{ t: 'One', who: ['A', 'B'], meta: { y: 1901 } }, { t: '' }]));
    const mapping = { split: '|', fields: { title: { column: 't' }, authors: { column: 'who' }, date: { column: 'meta.y' } } };
    const [one, two] = await collect(readMappedJsonRecords(path, mapping));
    assert.ok(one?.ok);
    assert.equal(one.record.document.id, 'list-1');
    assert.deepEqual(one.record.document.authors, ['a', 'b']);
    assert.equal(one.record.document.date.start, '1901');
    assert.ok(two && !two.ok);
    assert.equal(two.label, 'record 2');
    assert.match(two.reason, /title/);
  });

  it('refuses objects, true/false and numbers too long to read exactly where a mapping reads text, naming the key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archivum-json-'));
    const path = join(dir, 'shapes.json');
    const records = [
      { t: 'People', who: ['Anna', { name: 'Bob' }] },
      { t: 'Description', desc: { de: 'Text' } },
      { t: 'Language', lang: true },
      { t: 'Fine', who: ['Anna', 7], desc: 'Text', lang: 'de', n: 9007199254740991 },
    ];
    // A database's 64-bit id: JSON.parse would read it as 12345678901234567000.
    writeFileSync(path, JSON.stringify(records).replace(/\]$/, ',{"t":"Long id","n":12345678901234567890}]'));
    const mapping = {
      split: '|',
      fields: { id: { column: 'n' }, title: { column: 't' }, authors: { column: 'who' }, description: { column: 'desc' }, language: { column: 'lang' } },
    };
    const outcomes = await collect(readMappedJsonRecords(path, mapping));
    assert.deepEqual(
      outcomes.map((o) => (o.ok ? 'ok' : o.reason)),
      [
        '"who" holds an object in its list; a mapping reads text, numbers and lists of them',
        '"desc" holds an object; a mapping reads text, numbers and lists of them (map one of its keys: "desc.…")',
        '"lang" holds true; a mapping reads text, numbers and lists of them',
        'ok',
        '"n" holds a number too long to read exactly (it reads as 12345678901234567000); write it in quotes, as text',
      ],
    );
    assert.equal(outcomes[3]!.ok && outcomes[3]!.record.document.id, '9007199254740991');
  });
});

describe('mapping file globs', () => {
  it('match * and ? against a file name, ignoring case', () => {
    const cases: [string, string, boolean][] = [
      ['*.json', 'sotu.json', true],
      ['*.json', 'sotu.JSON', true],
      ['*.json', 'sotu.jsonl', false],
      ['19??_*.json', '1962_john_f_kennedy_d.json', true],
      ['19??_*.json', '2020_donald_j_trump_r.json', false],
      ['letters*', 'letters.csv', true],
      ['*', '', true],
      ['?', '', false],
      ['a*b*c', 'aXbYbZc', true],
      ['a*b*c', 'aXbYbZ', false],
      ['a.c', 'abc', false],
      ['*', '*a', true],
      ['*.csv', '*x.csv', true],
      ['a*', 'a*b', true],
      ['a?c', 'a*c', true],
    ];
    for (const [glob, name, expected] of cases) assert.equal(globMatch(glob, name), expected, `${glob} ~ ${name}`);
  });

  // The regular expression this used to build took exponential time on such a pair: the suite
  // would stall here (a test's timeout cannot interrupt synchronous work).
  it('answers a glob of many stars against a long name that almost fits', { timeout: 10_000 }, () => {
    assert.equal(globMatch('*a'.repeat(30) + 'b', 'a'.repeat(250)), false);
  });
});
