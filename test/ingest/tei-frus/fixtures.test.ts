import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Block } from '../../../src/domain/index.js';
import { SourceFileError, type RecordOutcome } from '../../../src/ingest/format.js';
import { frusFormat, parseFrusStream } from '../../../src/ingest/tei-frus/index.js';
import { FIXTURES, readFixture } from './helpers.js';

const okRecord = (outcomes: RecordOutcome[], label: string) => {
  const found = outcomes.find((o) => o.label === label && o.ok);
  assert.ok(found && found.ok, `${label} should be a record`);
  return found.record;
};

describe('tei-frus: hand-made volume', () => {
  it('yields every document div, bad ones as failures, the rest as records', async () => {
    const { outcomes, error } = await readFixture('minimal.xml');
    assert.equal(error, undefined);
    assert.deepEqual(
      outcomes.map((o) => `${o.ok ? 'ok' : 'failed'} ${o.label}`),
      [
        'ok frus9999v01-d1',
        'ok frus9999v01-d2',
        'ok frus9999v01-d3',
        'failed D 4',
        'failed frus9999v01-d5',
        'failed frus9999v01-d1',
        'ok frus9999v01-d6',
        'ok frus9999v01-d7',
      ],
    );
    const reasons = outcomes.filter((o) => !o.ok).map((o) => (o.ok ? '' : o.reason));
    assert.match(reasons[0]!, /not a valid identifier/);
    assert.match(reasons[1]!, /date/);
    assert.match(reasons[2]!, /duplicate/);
  });

  it('maps head, dateline, source note, footnotes, references and body structure', async () => {
    const { outcomes } = await readFixture('minimal.xml');
    const record = okRecord(outcomes, 'frus9999v01-d1');
    const d = record.document;
    assert.equal(d.title, 'Telegram From the Embassy in Nowhere to the Department of State');
    assert.equal(d.type, 'Telegram');
    assert.deepEqual(d.date, { start: '9999-01-02', end: '9999-01-03', display: 'January 2–3, 9999' });
    assert.equal(d.placeWritten, 'nowhere-city');
    assert.deepEqual(d.authors, ['embassy-in-nowhere']);
    assert.deepEqual(d.recipients, ['department-of-state']);
    assert.deepEqual(d.people, ['able-alice-a', 'baker-bob']);
    assert.equal(d.classification, 'Secret');
    assert.equal(d.source.archive, 'Department of State, Central Files');
    assert.equal(d.source.reference, 'Department of State, Central Files, 123.45/6-789. Secret; Priority.');
    assert.deepEqual(d.references, ['frus9999v01-d3', 'frus9998v02-d7']);
    // The source note, printed as note 1, is listed as note 1 too. The repeated reference (same
    // text, @target) links to the same footnote instead of adding one.
    assert.deepEqual(d.footnotes.map((f) => f.n), ['1', '2']);
    assert.equal(d.footnotes[0]!.text, 'Source: Department of State, Central Files, 123.45/6-789. Secret; Priority.');
    assert.deepEqual(d.body![1], { kind: 'p', rend: 'title-notes', children: [{ kind: 'noteRef', n: '1' }] });
    assert.deepEqual(d.collections, ['frus9999v01', 'frus9999v01-ch1']);
    assert.equal(d.credit, 'Foreign Relations of the United States, Office of the Historian (public domain)');
    assert.equal(d.language, 'en');
    const kinds = d.body!.map((b) => b.kind);
    assert.deepEqual(kinds, ['pb', 'p', 'p', 'p', 'p', 'list', 'table', 'p', 'closer']);
    const table = d.body!.find((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table')!;
    assert.equal(table.rows[0]![0]!.header, true);
    assert.equal(table.rows[1]![1]!.colspan, 2);
    const para = d.body![3] as Extract<Block, { kind: 'p' }>;
    assert.deepEqual(para.children, [
      'Met ',
      { kind: 'entity', type: 'person', id: 'able-alice-a', children: ['Able'] },
      ' today.',
      { kind: 'noteRef', n: '2' },
      ' More ',
      { kind: 'strong', children: ['later'] },
      '.',
      { kind: 'lb' },
      'Next line.',
    ]);
    // Person records carry the list name, and this volume's listing: name, role and the entry on history.state.gov.
    const able = record.people.find((p) => p.id === 'able-alice-a')!;
    assert.deepEqual(able, {
      id: 'able-alice-a',
      name: 'Able, Alice A.',
      listings: [{ source: 'frus9999v01', name: 'Able, Alice A.', role: 'Secretary of Tests', url: 'https://history.state.gov/historicaldocuments/frus9999v01/persons#p_AA1' }],
    });
    // Nested collections: the chapter and its compilation are both in the record.
    assert.deepEqual(
      record.collections.map((c) => [c.slug, c.parent ?? null, c.position ?? null]),
      [
        ['frus9999v01', null, null],
        ['frus9999v01-ch1', 'frus9999v01-comp1', 1],
        ['frus9999v01-comp1', 'frus9999v01', 1],
      ],
    );
    assert.equal(record.collections[0]!.title, 'Foreign Relations of the United States, 9999, Volume I, Test Volume');
    assert.deepEqual(record.collections[0]!.editors, ['Jane Q. Editor']);
    assert.equal(record.collections[2]!.description, 'Continued from earlier.');
  });

  it('handles the 1948 layout: file note before the head, persName without corresp, attachments', async () => {
    const { outcomes } = await readFixture('minimal.xml');
    const d = okRecord(outcomes, 'frus9999v01-d3').document;
    assert.equal(d.title, 'The Secretary of State to the Ambassador (Nobody)');
    assert.equal(d.type, 'Telegram'); // from "711.00/1–299: Telegram"
    assert.equal(d.source.reference, '711.00/1–299: Telegram');
    assert.equal(d.source.archive, undefined);
    assert.deepEqual(d.authors, ['secretary-of-state']);
    assert.deepEqual(d.recipients, ['nobody-frus9999v01'], 'a surname alone names someone of this volume');
    assert.deepEqual(d.date, { start: '9999-02-01', end: '9999-02-01', display: 'February 1, 9999' });
    const attachment = d.body!.find((b) => b.kind === 'attachment');
    assert.ok(attachment && attachment.kind === 'attachment');
    assert.deepEqual(attachment.title, ['Enclosure', { kind: 'noteRef', n: '1' }]);
    // Two different notes printed with the same marker stay apart, and the second keeps its printed marker.
    assert.deepEqual(d.footnotes, [
      { n: '1', text: 'A note in the attachment head.' },
      { n: '1-2', mark: '1', text: 'A different note with the same marker.' },
    ]);
  });

  it('links pages and URLs, leaves undated documents undated, tells same-named persons apart', async () => {
    const { outcomes } = await readFixture('minimal.xml');
    const d2 = okRecord(outcomes, 'frus9999v01-d2').document;
    assert.deepEqual(d2.date, { display: '[undated]' });
    const p = d2.body![0] as Extract<Block, { kind: 'p' }>;
    assert.deepEqual(p.children[1], { kind: 'link', href: 'https://history.state.gov/historicaldocuments/frus9999v01/pg_1', children: ['page 1'] });
    assert.deepEqual(p.children[3], { kind: 'link', href: 'https://example.org/x', children: ['a site'] });
    const d6 = okRecord(outcomes, 'frus9999v01-d6');
    assert.deepEqual(d6.document.authors, ['baker-bob-madame']);
    assert.equal(d6.people.find((x) => x.id === 'baker-bob-madame')?.name, 'Baker, Bob');
  });

  it('prefers frus:doc-dateTime-min/max (reduced to the day), displaying the dateline date', async () => {
    const { outcomes } = await readFixture('minimal.xml');
    const d7 = okRecord(outcomes, 'frus9999v01-d7').document;
    assert.deepEqual(d7.date, { start: '9999-03-04', end: '9999-03-05', display: 'March 4–5, 9999' });
    assert.equal(d7.placeWritten, 'camp-david');
    assert.equal(d7.type, 'Memorandum');
  });

  it('adds every document to the collection given with --collection', async () => {
    const outcomes: RecordOutcome[] = [];
    for await (const o of frusFormat.read(FIXTURES + 'minimal.xml', { collection: 'my-batch' })) outcomes.push(o);
    const d1 = okRecord(outcomes, 'frus9999v01-d1');
    assert.deepEqual(d1.document.collections, ['frus9999v01', 'frus9999v01-ch1', 'my-batch']);
  });

  it('gives the same records whatever the chunk size (multi-byte characters split across chunks)', async () => {
    const bytes = readFileSync(FIXTURES + 'minimal.xml');
    const whole = await gather(chunks(bytes, bytes.length));
    for (const size of [1, 7, 100]) assert.deepEqual(await gather(chunks(bytes, size)), whole);
  });

  it('puts back the space after a run of note markers between two words, and after a quotation\'s close', async () => {
    const text = readFileSync(FIXTURES + 'minimal.xml', 'utf8').replace(
      '<p>No dateline here.',
      '<p>A plan<note n="3">One.</note><note n="4">Two.</note>just made, a plan<note n="5">Three.</note><pb n="2"/>just read, "agreed.”<note n="6">Four.</note>The end; a word<pb n="3"/>split.</p><p>No dateline here.',
    );
    const d2 = okRecord(await gather(chunks(new TextEncoder().encode(text), 4096)), 'frus9999v01-d2').document;
    assert.match(d2.text!, /A plan just made, a plan just read, "agreed\.” The end; a wordsplit\./);
  });

  it('yields a document before the rest of the file has been read', async () => {
    const bytes = readFileSync(FIXTURES + 'minimal.xml');
    let pulled = 0;
    const total = Math.ceil(bytes.length / 64);
    const source = (async function* () {
      for (let i = 0; i < bytes.length; i += 64) {
        pulled++;
        yield bytes.subarray(i, i + 64);
      }
    })();
    const it = parseFrusStream(source, 'minimal.xml')[Symbol.asyncIterator]();
    const first = await it.next();
    assert.equal(first.done, false);
    assert.ok(pulled < total, `read ${pulled} of ${total} chunks before the first record`);
    await it.return?.(undefined);
  });
});

describe('tei-frus: hostile files', () => {
  const cases: [string, RegExp, number][] = [
    ['malformed.xml', /^not well-formed XML at line \d+, column \d+: unexpected close tag; document frus9999v01-d2 and the rest of the file were not read$/, 1],
    ['truncated.xml', /^truncated or incomplete XML at line \d+, column \d+: unclosed tag: p; document frus9999v01-d3 and the rest of the file were not read$/, 2],
    ['latin1.xml', /not valid UTF-8: invalid byte 0xE9 on line 34, at byte [\d,]+/, 0],
    ['declared-latin1.xml', /encoding="ISO-8859-1"; only UTF-8/, 0],
    ['billion-laughs.xml', /DOCTYPE declares entities/, 0],
    ['xxe.xml', /DOCTYPE declares entities/, 0],
    ['undefined-entity.xml', /undefined entity\. Only the five predefined XML entities/, 0],
    ['not-tei.xml', /root element is <volume>/, 0],
    ['no-volume-id.xml', /no volume id/, 0],
  ];
  for (const [file, message, before] of cases) {
    it(`${file}: SourceFileError, ${before} record(s) before it`, { timeout: 5000 }, async () => {
      const { outcomes, error } = await readFixture(file);
      assert.ok(error instanceof SourceFileError, `expected a SourceFileError, got ${String(error)}`);
      assert.equal(error.file, FIXTURES + file);
      assert.match(error.message, message);
      assert.equal(outcomes.length, before);
      assert.ok(outcomes.every((o) => o.ok));
    });
  }

  it('a stray close tag that closes a document early: the document is not handed over as whole, and is named', async () => {
    // saxes closes the open div at "</hi>" before it reports the error; d2's last paragraph
    // comes after it, so storing d2 would store it cut short.
    const xml = readFileSync(FIXTURES + 'minimal.xml', 'utf8').replace(
      '<p>No dateline here. See',
      '<p>First paragraph.</p></hi><p>No dateline here. See',
    );
    const outcomes: RecordOutcome[] = [];
    let error: unknown;
    try {
      for await (const outcome of parseFrusStream((async function* () { yield xml; })(), 'stray.xml')) outcomes.push(outcome);
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof SourceFileError);
    assert.match(error.message, /unexpected close tag; document frus9999v01-d2 and the rest of the file were not read$/);
    assert.deepEqual(outcomes.map((o) => o.label), ['frus9999v01-d1']);
  });

  it('an external DTD reference is never fetched or read: the file parses as if it were absent', { timeout: 5000 }, async () => {
    const { outcomes, error } = await readFixture('external-dtd.xml');
    assert.equal(error, undefined);
    assert.equal(outcomes.length, 8);
    assert.ok(!JSON.stringify(outcomes).includes('root:'), 'no content of /etc/passwd');
  });

  it('XXE: nothing of the referenced file reaches a record', async () => {
    const { outcomes } = await readFixture('xxe.xml');
    assert.equal(outcomes.length, 0);
  });
});

describe('tei-frus: sniff', () => {
  it('claims FRUS volumes and not other TEI', () => {
    const head = (f: string) => readFileSync(FIXTURES + f, 'utf8').slice(0, 4096);
    assert.equal(frusFormat.name, 'tei');
    assert.equal(frusFormat.sniff('x.xml', head('minimal.xml')), true);
    assert.equal(frusFormat.sniff('x.xml', '<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:frus="http://history.state.gov/ns/1.0">'), true);
    assert.equal(frusFormat.sniff('x.xml', '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><publicationStmt><idno type="frus">frus1</idno>'), true);
    assert.equal(frusFormat.sniff('x.xml', '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><profileDesc><correspDesc>'), false);
    assert.equal(frusFormat.sniff('x.xml', head('not-tei.xml')), false);
  });
});

function chunks(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  return (async function* () {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  })();
}

async function gather(source: AsyncIterable<Uint8Array>): Promise<RecordOutcome[]> {
  const out: RecordOutcome[] = [];
  for await (const o of parseFrusStream(source, 'minimal.xml')) out.push(o);
  return out;
}
