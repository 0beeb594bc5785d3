import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { IngestRecord } from '../../../src/domain/index.js';
import { cmifFormat, countCorrespDesc, parseAuthorities, parseAuthority } from '../../../src/ingest/cmif/index.js';
import { SourceFileError, type RecordOutcome } from '../../../src/ingest/format.js';
import { teiLetterFormat } from '../../../src/ingest/tei-letter/index.js';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));
const CMIF_DIR = join(CORPUS, 'cmif/schnitzler-cmif');
const FIXTURES = fileURLToPath(new URL('../../fixtures/cmif/', import.meta.url));

async function readAll(path: string): Promise<RecordOutcome[]> {
  const out: RecordOutcome[] = [];
  for await (const o of cmifFormat.read(path, {})) out.push(o);
  return out;
}

function records(outcomes: RecordOutcome[]): IngestRecord[] {
  return outcomes.flatMap((o) => (o.ok ? [o.record] : []));
}

function head(path: string): string {
  return readFileSync(path, 'utf8').slice(0, 4096);
}

async function rejects(path: string, pattern: RegExp): Promise<void> {
  await assert.rejects(readAll(path), (error: unknown) => {
    assert.ok(error instanceof SourceFileError, `expected SourceFileError, got ${String(error)}`);
    assert.match(error.message, pattern);
    return true;
  });
}

/** The small fixture's third letter's received action, which variants replace. */
const RECEIVED = '<correspAction type="received"><date when="1925-03-11T10:00:00.000+01:00"/></correspAction>';

/** small.xml with `edit` made, written as `name` in a fresh folder; its path. */
function smallVariant(name: string, edit: (xml: string) => string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'archivum-cmif-')), name);
  writeFileSync(path, edit(readFileSync(join(FIXTURES, 'small.xml'), 'utf8')));
  return path;
}

describe('CMIF corpus (schnitzler-cmif)', () => {
  it('reads all 6,450 correspDesc of the 49 files, none failing', async () => {
    const files = readdirSync(CMIF_DIR).filter((f) => f.endsWith('.xml')).sort();
    assert.equal(files.length, 49);
    let ok = 0;
    const failures: string[] = [];
    for (const f of files) {
      const path = join(CMIF_DIR, f);
      assert.ok(cmifFormat.sniff(path, head(path)), `cmif should claim ${f}`);
      assert.ok(!teiLetterFormat.sniff(path, head(path)), `tei-letter must not claim ${f}`);
      for (const o of await readAll(path)) {
        if (o.ok) ok++;
        else failures.push(`${f} ${o.label}: ${o.reason}`);
      }
    }
    assert.deepEqual(failures, []);
    assert.equal(ok, 6450);
  });

  it('makes no person of a correspondent marked correspSearch.net/unknown', async () => {
    const all = records(await readAll(join(CMIF_DIR, '1981_Arthur_Schnitzler_Briefe-1875-1912.xml')));
    const unknown = all.filter((r) => /^Unknown sender to /.test(r.document.title) || / to unknown recipient, /.test(r.document.title));
    assert.equal(unknown.length, 3);
    assert.ok(all.every((r) => r.people.every((p) => !/^unbekannt$/i.test(p.name))));
  });

  it('counts correspDesc without building records', async () => {
    assert.equal(await countCorrespDesc(join(CMIF_DIR, '1958_Rilke_Schnitzler.xml')), 15);
  });

  it('gives the same GND person the same id in two files', async () => {
    const rilke = records(await readAll(join(CMIF_DIR, '1958_Rilke_Schnitzler.xml')));
    const freud = records(await readAll(join(CMIF_DIR, '1955_Freud_an_Schnitzler.xml')));
    const schnitzler = (rs: IngestRecord[]) => rs.flatMap((r) => r.people).find((p) => p.authorities?.gnd === 'https://d-nb.info/gnd/118609807');
    const a = schnitzler(rilke);
    const b = schnitzler(freud);
    assert.ok(a && b);
    assert.equal(a.id, 'gnd-118609807');
    assert.equal(b.id, a.id);
    // Rilke is written "Rainer Maria Rilke" here and "Rilke, Rainer Maria" elsewhere: still one id.
    const rilkeIds = new Set(rilke.flatMap((r) => r.people).filter((p) => p.name.includes('Rilke')).map((p) => p.id));
    assert.deepEqual([...rilkeIds], ['gnd-118601024']);
  });

  it('derives place ids from GeoNames and keeps the authority', async () => {
    const first = records(await readAll(join(CMIF_DIR, '1958_Rilke_Schnitzler.xml')))[0]!;
    assert.equal(first.document.placeWritten, 'geonames-2761369');
    assert.deepEqual(first.places.find((p) => p.id === 'geonames-2761369')?.authorities, { geonames: 'https://sws.geonames.org/2761369/' });
  });

  it('builds stable, URL-safe ids and source ids, a collection from the bibl, rights from the licence', async () => {
    const path = join(CMIF_DIR, '1958_Rilke_Schnitzler.xml');
    const once = records(await readAll(path));
    const twice = records(await readAll(path));
    assert.deepEqual(once.map((r) => r.document.id), twice.map((r) => r.document.id));
    const doc = once[0]!.document;
    assert.equal(doc.id, 'cmif-1958_rilke_schnitzler-1');
    assert.equal(doc.sourceId, 'cmif:1958_Rilke_Schnitzler.xml#1');
    assert.equal(doc.type, 'Letter');
    assert.equal(doc.title, 'Arthur Schnitzler to Rainer Maria Rilke, 17 January 1902');
    assert.deepEqual(doc.date, { start: '1902-01-17', end: '1902-01-17', display: '17 January 1902' });
    assert.equal(doc.source.reference, 'no. 13');
    assert.equal(doc.rights, 'CC0 (https://creativecommons.org/licenses/by/null/)');
    assert.match(doc.source.collection ?? '', /^Heinrich Schnitzler \(Hg\.\): Rainer Maria Rilke und Arthur Schnitzler/);
    const collection = once[0]!.collections[0]!;
    assert.equal(collection.slug, 'cmif-1958_rilke_schnitzler');
    assert.equal(collection.title, doc.source.collection);
    for (const r of once) assert.match(r.document.id, /^[a-z0-9][a-z0-9._-]*$/);
  });

  it('keeps conjectured places as conjectures (1958_Rilke_Schnitzler.xml, nos. 12 and 13)', async () => {
    const rilke = records(await readAll(join(CMIF_DIR, '1958_Rilke_Schnitzler.xml')));
    const letter = (key: string) => rilke.find((r) => r.document.recordId === key)!.document;
    // No. 13, Schnitzler to Rilke, written in Wien (supposed); no. 12, Rilke's letter, received there (supposed).
    assert.deepEqual([letter('13').placeWritten, letter('13').placeWrittenCertainty, letter('13').received], ['geonames-2761369', 'conjecture', undefined]);
    assert.deepEqual([letter('12').placeWrittenCertainty, letter('12').received], [undefined, { place: 'geonames-2761369', placeCertainty: 'conjecture' }]);
    // No. 10 says nothing of how its place is known.
    assert.equal(letter('10').placeWrittenCertainty, undefined);
  });

  it('keeps whoever forwarded a letter among its people (2022_Schnitzler-Vengerova.xml, no. 39)', async () => {
    const letters = records(await readAll(join(CMIF_DIR, '2022_Schnitzler-Vengerova.xml')));
    const forwarded = letters.find((r) => r.document.recordId === '39')!;
    assert.deepEqual([forwarded.document.authors, forwarded.document.people], [['gnd-118609807'], ['gnd-119401215']]);
    assert.ok(forwarded.people.some((p) => p.id === 'gnd-119401215' && p.name === 'Vengerova, Isabella'));
    // No. 54 was forwarded by no one named: no one is added.
    assert.deepEqual(letters.find((r) => r.document.recordId === '54')!.document.people, []);
    // A correspondent who also forwarded the letter stays a correspondent only.
    const outcome = (await readAll(smallVariant('forwarded.xml', (xml) => xml.replace(RECEIVED, `${RECEIVED}<correspAction type="forwarded"><persName ref="https://viaf.org/viaf/281329570/">Bech, Bodil</persName></correspAction>`))))[2];
    assert.ok(outcome?.ok);
    const third = outcome.record.document;
    assert.equal(third.authors.length, 1);
    assert.deepEqual(third.people, [], 'Bech wrote the letter she forwarded');
  });

  it('keeps a supposed sender or recipient as supposed, on the letter and not on the person (1955_Freud_an_Schnitzler.xml, no. 1)', async () => {
    const freud = records(await readAll(join(CMIF_DIR, '1955_Freud_an_Schnitzler.xml')));
    const first = freud.find((r) => r.document.recordId === '1')!;
    assert.deepEqual(first.document.authors, ['gnd-118535315']);
    assert.deepEqual(first.document.agentCertainty, { 'gnd-118535315': 'conjecture', 'gnd-118609807': 'conjecture' });
    assert.ok(first.people.every((p) => !('certainty' in p)), JSON.stringify(first.people));
    // A letter that says nothing of how its correspondents are known has no such field.
    assert.ok(records(await readAll(join(CMIF_DIR, '1958_Rilke_Schnitzler.xml'))).some((r) => r.document.agentCertainty === undefined));
  });

  it('keeps conjectured dates and ranges as the file gives them', async () => {
    const freud = records(await readAll(join(CMIF_DIR, '1955_Freud_an_Schnitzler.xml')));
    assert.deepEqual(freud[0]!.document.date, { start: '1906-05-08', end: '1906-05-08', display: '[8 May 1906]', certainty: 'conjecture' });
    assert.deepEqual(freud[4]!.document.date, {
      start: '1924-10-01',
      end: '1924-10-31',
      display: '[1 October 1924 – 31 October 1924]',
      certainty: 'conjecture',
    });
    const bahr = records(await readAll(join(CMIF_DIR, '2013_Hofmannsthal_Bahr.xml')));
    // notBefore only: an open range, and the edition's wording as display.
    assert.deepEqual(bahr[5]!.document.date, { start: '1891-10-02', display: 'nach dem 2. Oktober 1891' });
    assert.deepEqual(bahr[51]!.document.date, { end: '1896-03-14', display: 'vor dem 14. März 1896(?)', certainty: 'conjecture' });
  });
});

describe('CMIF details (fixture)', () => {
  it('maps senders, organisations, recipients, places, URL and licence', async () => {
    const [first, second, third] = await readAll(join(FIXTURES, 'small.xml'));
    assert.ok(first?.ok);
    const { document: doc, people, places, collections } = first.record;
    assert.deepEqual(doc.authors, ['gnd-118609807', 'neue-freie-presse-redaktion']);
    // "Unbekannt" with correspSearch's unknown ref is nobody: one "unbekannt" person would have
    // written and received every such letter in the archive.
    assert.deepEqual(doc.recipients, ['jacques-grete']);
    assert.equal(doc.placeWritten, 'geonames-2761369');
    // A malformed GeoNames ref is not trusted: the place keeps only its name.
    assert.ok(doc.places.includes('rom'));
    assert.equal(places.find((p) => p.id === 'rom')?.authorities, undefined);
    assert.equal(people.find((p) => p.id === 'gnd-118609807')?.name, 'Schnitzler, Arthur');
    assert.equal(doc.source.url, 'https://example.org/letters/1');
    assert.equal(doc.rights, 'CC-BY 4.0 (https://creativecommons.org/licenses/by/4.0/)');
    assert.deepEqual(doc.date, { start: '1900-01-01', end: '1900-02-15', display: '[1 January 1900 – 15 February 1900]', certainty: 'conjecture' });
    // Where it arrived, with no date of arrival.
    assert.deepEqual(doc.received, { place: 'rom' });
    assert.deepEqual(collections[0], {
      slug: 'cmif-small',
      title: 'Ada Editor (Hg.): Briefe. Wien 2000.',
      description: 'CMIF: Test edition',
      editors: ['Ada Editor'],
      credit: 'Ada Editor (Hg.): Briefe. Wien 2000. Letter metadata (CMIF): Test Publisher.',
    });
    // An impossible date fails that record only.
    assert.ok(second && !second.ok);
    assert.match(second.reason, /1900-02-30/);
    assert.match(second.label, /^correspDesc 2 \(line \d+\)$/);
    // No sent date: the date of receipt bounds it (the time is cut to the day); VIAF gives the id.
    assert.ok(third?.ok);
    assert.deepEqual(third.record.document.date, { end: '1925-03-11', display: 'received 11 March 1925' });
    assert.deepEqual(third.record.document.received, { date: { start: '1925-03-11', end: '1925-03-11', display: '11 March 1925' } });
    assert.deepEqual(third.record.document.authors, ['viaf-281329570']);
  });

  it('keeps an open range open, in the date of arrival too', async () => {
    const path = smallVariant('open.xml', (xml) => xml.replace(RECEIVED, '<correspAction type="received"><date notBefore="1925-03-11"/><placeName>Wien</placeName></correspAction>'));
    const third = (await readAll(path))[2];
    assert.ok(third?.ok);
    assert.deepEqual(third.record.document.received, { date: { start: '1925-03-11', display: 'after 11 March 1925' }, place: 'wien' });
    assert.deepEqual(third.record.document.date, { display: 'received after 11 March 1925' });
  });

  it('claims a file whose body holds an empty paragraph with attributes, or no text at all', async () => {
    for (const [name, body] of [['lang.xml', '<text><body><p xml:lang="de"/></body></text>'], ['none.xml', '']] as const) {
      const path = smallVariant(name, (xml) => xml.replace('<text><body><p/></body></text>', body));
      assert.ok(cmifFormat.sniff(path, head(path)), name);
      assert.ok(!teiLetterFormat.sniff(path, head(path)), name);
      assert.equal(records(await readAll(path)).length, 2, name);
    }
  });

  it('claims a file whose header lists editions for more than 64 KB before its first letter', async () => {
    const bibls = Array.from({ length: 900 }, (_, i) => `<bibl type="print" xml:id="e${i}">Edition number ${i}, printed somewhere, some year.</bibl>`).join('\n');
    const path = smallVariant('many-editions.xml', (xml) => xml.replace('</bibl></sourceDesc>', `</bibl>${bibls}</sourceDesc>`));
    assert.ok(readFileSync(path, 'utf8').indexOf('<correspDesc') > 64 * 1024);
    assert.ok(cmifFormat.sniff(path, head(path)));
    assert.ok(!teiLetterFormat.sniff(path, head(path)));
  });

  it('gives each letter of a file that gathers several editions its own edition, as a collection in the file\'s', async () => {
    const path = smallVariant('gathered.xml', (xml) =>
      xml
        .replace('</bibl></sourceDesc>', '</bibl><bibl type="online" xml:id="b2">Second Edition (online).</bibl></sourceDesc>')
        .replace('<correspDesc key="1" ref="https://example.org/letters/1" source="#b1">', '<correspDesc key="1" ref="https://example.org/letters/1" source="#b2">'),
    );
    const [first, second] = records(await readAll(path));
    assert.deepEqual(first?.document.collections, ['cmif-gathered', 'cmif-gathered-b2']);
    assert.equal(first?.document.source?.collection, 'Second Edition (online).');
    assert.match(first?.document.credit ?? '', /^Second Edition \(online\)\. Letter metadata/);
    assert.deepEqual(first?.collections.map((c) => [c.slug, c.title, c.parent]), [
      ['cmif-gathered', 'Test edition', undefined],
      ['cmif-gathered-b2', 'Second Edition (online).', 'cmif-gathered'],
    ]);
    // A letter without @source belongs to the first edition.
    assert.deepEqual(second?.document.collections, ['cmif-gathered', 'cmif-gathered-b1']);
    assert.equal(second?.document.source?.collection, 'Ada Editor (Hg.): Briefe. Wien 2000.');
    // Two bibls without ids describe one edition: the first names it, as before.
    const described = smallVariant('described.xml', (xml) => xml.replace(' xml:id="b1"', '').replace('</bibl></sourceDesc>', '</bibl><bibl type="online">Online.</bibl></sourceDesc>'));
    const [one] = records(await readAll(described));
    assert.deepEqual(one?.document.collections, ['cmif-described']);
    assert.equal(one?.collections[0]?.title, 'Ada Editor (Hg.): Briefe. Wien 2000.');
  });

  it('refuses a date attribute that is not an ISO date or date-time, rather than cutting it short', async () => {
    const cases: [string, string | null][] = [
      ['1800-3-15', '1800-3-15'],
      ['1800.03.15', '1800.03.15'],
      ['12345-01-01', '12345-01-01'],
      ['1800-03-15/1800-03-20', '1800-03-15/1800-03-20'],
      ['1800-03?', '1800-03?'],
      ['1800-03-15Z', null],
      ['1800-03-15+01:00', null],
      ['1800-03-15T09:30', null],
    ];
    for (const [value, refused] of cases) {
      const path = smallVariant('dates.xml', (xml) => xml.replace(RECEIVED, `<correspAction type="received"><date when="${value}"/></correspAction>`));
      const third = (await readAll(path))[2];
      if (refused === null) {
        assert.ok(third?.ok, value);
        assert.equal(third.record.document.received?.date?.start, '1800-03-15', value);
      } else {
        assert.ok(third && !third.ok, value);
        assert.match(third.reason, new RegExp(`"${refused.replace(/[.?+/]/g, '\\$&')}" is not an ISO date`), value);
      }
    }
  });

  it('reads authority references in the spellings real files use', () => {
    assert.deepEqual(parseAuthority('http://d-nb.info/gnd/11856157x/'), { scheme: 'gnd', id: '11856157X', uri: 'https://d-nb.info/gnd/11856157X' });
    assert.equal(parseAuthority('https://www.geonames.org/2761369')?.uri, 'https://sws.geonames.org/2761369/');
    assert.equal(parseAuthority('https://d-nb.info/gnd/'), null);
    assert.equal(parseAuthority('https://sws.geonames.org/4238480-1/'), null);
    assert.equal(parseAuthority('118584138', 'gnd')?.id, '118584138');
    assert.equal(parseAuthority('118584138'), null);
    // The DNB's pages for a record; several URIs in one attribute.
    for (const page of ['https://d-nb.info/gnd/118540238/about', 'https://d-nb.info/gnd/118540238/about/html', 'http://d-nb.info/gnd/118540238/about/lds/']) {
      assert.equal(parseAuthority(page)?.uri, 'https://d-nb.info/gnd/118540238', page);
    }
    assert.deepEqual(
      parseAuthorities(' https://d-nb.info/gnd/118540238\nhttp://viaf.org/viaf/24602065 https://example.org/x ').map((r) => r.uri),
      ['https://d-nb.info/gnd/118540238', 'https://viaf.org/viaf/24602065'],
    );
  });

  it('takes an entity\'s id from the preferred of several references, and keeps them all', async () => {
    const path = smallVariant('refs.xml', (xml) =>
      xml.replace(
        RECEIVED,
        '<correspAction type="received"><persName ref="http://viaf.org/viaf/24602065 https://d-nb.info/gnd/118540238/about">Goethe, Johann Wolfgang von</persName><placeName ref="https://d-nb.info/gnd/4065105-1">Weimar</placeName></correspAction>',
      ),
    );
    const third = (await readAll(path))[2];
    assert.ok(third?.ok);
    const goethe = third.record.people.find((p) => p.name === 'Goethe, Johann Wolfgang von');
    assert.deepEqual([goethe?.id, goethe?.authorities], ['gnd-118540238', { viaf: 'https://viaf.org/viaf/24602065', gnd: 'https://d-nb.info/gnd/118540238' }]);
    const weimar = third.record.places.find((p) => p.name === 'Weimar');
    assert.deepEqual([weimar?.id, weimar?.authorities], ['gnd-4065105-1', { gnd: 'https://d-nb.info/gnd/4065105-1' }]);
  });
});

describe('CMIF hostile input', () => {
  it('refuses a DOCTYPE with entity declarations (billion laughs)', () => rejects(join(FIXTURES, 'billion-laughs.xml'), /DOCTYPE declares entities/));
  it('refuses an external SYSTEM entity (XXE)', () => rejects(join(FIXTURES, 'xxe-system-entity.xml'), /DOCTYPE declares entities/));
  it('reports truncated XML', () => rejects(join(FIXTURES, 'truncated.xml'), /truncated or incomplete XML at line \d+, column \d+: .*unclosed tag/));
  it('reports mismatched tags with the line, and the letter they cut off', () =>
    rejects(join(FIXTURES, 'malformed.xml'), /^not well-formed XML at line 9, column \d+: .*; the <correspDesc> from line 5 and the rest of the file were not read$/));
  it('keeps the letters read before a break in the same chunk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archivum-cmif-'));
    const path = join(dir, 'broken-third.xml');
    const xml = readFileSync(join(FIXTURES, 'small.xml'), 'utf8');
    // Break the last correspDesc: the ones before it are whole and must not be lost.
    const last = xml.lastIndexOf('</correspAction>');
    writeFileSync(path, xml.slice(0, last) + '</persName>' + xml.slice(last));
    const read: string[] = [];
    await assert.rejects(async () => {
      for await (const outcome of cmifFormat.read(path, {})) read.push(outcome.label);
    }, /the <correspDesc> from line \d+ and the rest of the file were not read/);
    assert.ok(read.length >= 2, read.join(', '));
  });
  it('names the entities a file may use when it uses another', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archivum-cmif-'));
    const path = join(dir, 'entity.xml');
    writeFileSync(path, readFileSync(join(FIXTURES, 'small.xml'), 'utf8').replace('Jacques, Grete', 'Jacques,&nbsp;Grete'));
    await rejects(path, /not well-formed XML at line \d+, column \d+: undefined entity\. Only the five predefined XML entities/);
  });
  it('reports bytes that are not UTF-8', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archivum-cmif-'));
    const path = join(dir, 'latin1.xml');
    const xml = readFileSync(join(FIXTURES, 'small.xml'), 'utf8').replace('Jacques, Grete', 'J\u00e4ger, Grete');
    writeFileSync(path, Buffer.from(xml, 'latin1'));
    await rejects(path, /not valid UTF-8: invalid byte 0x[0-9A-F]{2} on line \d+, at byte [\d,]+/);
  });
  it('refuses an XML declaration naming another encoding', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archivum-cmif-'));
    const path = join(dir, 'declared.xml');
    writeFileSync(path, readFileSync(join(FIXTURES, 'small.xml'), 'utf8').replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'));
    await rejects(path, /only UTF-8/);
  });
  it('never claims FRUS volumes', () => {
    const path = join(CORPUS, 'frus/volumes/frus1961-63v06.xml');
    assert.equal(cmifFormat.sniff(path, head(path)), false);
    assert.equal(teiLetterFormat.sniff(path, head(path)), false);
  });
});
