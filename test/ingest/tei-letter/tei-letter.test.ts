import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { bodyText, inlineRuns, inlineText, type Block, type IngestRecord, type Inline } from '../../../src/domain/index.js';
import { cmifFormat } from '../../../src/ingest/cmif/index.js';
import { SourceFileError } from '../../../src/ingest/format.js';
import { indicesDirFor, loadEditionIndex, teiLetterFormat } from '../../../src/ingest/tei-letter/index.js';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));
const EDITIONS = join(CORPUS, 'schnitzler-briefe/editions');
const FIXTURES = fileURLToPath(new URL('../../fixtures/tei-letter/', import.meta.url));

async function readOne(path: string): Promise<IngestRecord> {
  const outcomes = [];
  for await (const o of teiLetterFormat.read(path, {})) outcomes.push(o);
  assert.equal(outcomes.length, 1);
  const [o] = outcomes;
  if (!o!.ok) assert.fail(`${o!.label}: ${o!.reason}`);
  return o!.record;
}

function head(path: string): string {
  return readFileSync(path, 'utf8').slice(0, 4096);
}

/** Every inline of a body, depth first. */
function inlines(blocks: Block[]): Inline[] {
  const out: Inline[] = [];
  const walk = (nodes: Inline[]): void => {
    for (const n of nodes) {
      out.push(n);
      if (typeof n === 'object' && 'children' in n) walk(n.children);
    }
  };
  for (const b of blocks) {
    if (b.kind === 'p' || b.kind === 'heading') walk(b.children);
    if (b.kind === 'closer' || b.kind === 'quote') out.push(...inlines(b.children));
  }
  return out;
}

describe('Schnitzler letters (schnitzler-briefe)', () => {
  it('reads all 1,000 letters; tei-letter claims them and CMIF does not', async () => {
    const files = readdirSync(EDITIONS).filter((f) => f.endsWith('.xml'));
    assert.equal(files.length, 1000);
    const failures: string[] = [];
    for (const f of files) {
      const path = join(EDITIONS, f);
      assert.ok(teiLetterFormat.sniff(path, head(path)), `tei-letter should claim ${f}`);
      assert.ok(!cmifFormat.sniff(path, head(path)), `cmif must not claim ${f}`);
      for await (const o of teiLetterFormat.read(path, {})) if (!o.ok) failures.push(`${f}: ${o.reason}`);
    }
    assert.deepEqual(failures, []);
  });

  it('keeps a conjectured date range (L00017, "[Juni 1891 – 1900?]")', async () => {
    const { document: doc } = await readOne(join(EDITIONS, 'L00017.xml'));
    assert.deepEqual(doc.date, { start: '1891-06-01', end: '1900-12-31', display: '[Juni 1891 – 1900?]', certainty: 'conjecture' });
  });

  it('keeps when and where a letter arrived, a conjectured arrival too (L00001: Wien, "[3. 8. 1889 – 7. 8. 1889?]")', async () => {
    const { document: doc, places } = await readOne(join(EDITIONS, 'L00001.xml'));
    assert.deepEqual(doc.date, { start: '1889-08-02', end: '1889-08-02', display: '2. 8. 1889' });
    const wien = places.find((p) => p.name === 'Wien');
    assert.ok(wien, 'the place of arrival is a place record');
    assert.deepEqual(doc.received, {
      date: { start: '1889-08-03', end: '1889-08-07', display: '[3. 8. 1889 – 7. 8. 1889?]', certainty: 'conjecture' },
      place: wien.id,
    });
    assert.ok(doc.places.includes(wien.id));
    assert.equal(doc.placeWritten, places.find((p) => p.name === 'Frankfurt am Main')?.id);
    // Where the editors suppose the place, they say so (evidence="conjecture"), and so do we.
    assert.equal(doc.placeWrittenCertainty, undefined);
    const l00063 = (await readOne(join(EDITIONS, 'L00063.xml'))).document;
    assert.equal(l00063.received?.placeCertainty, 'conjecture');
    const l00701 = await readOne(join(EDITIONS, 'L00701.xml'));
    assert.equal(l00701.places.find((p) => p.id === l00701.document.placeWritten)?.name, 'Kopenhagen');
    assert.equal(l00701.document.placeWrittenCertainty, 'conjecture');
  });

  it('maps L00500: id, title, inferred date, correspondents, authorities, places, source and rights', async () => {
    const record = await readOne(join(EDITIONS, 'L00500.xml'));
    const doc = record.document;
    assert.equal(doc.id, 'schnitzler-briefe-l00500');
    assert.equal(doc.sourceId, 'https://id.acdh.oeaw.ac.at/schnitzler/schnitzler-briefe/editions/L00500');
    assert.equal(doc.title, 'Jakob Julius David an Arthur Schnitzler, [5. 10. 1895]');
    // Square brackets: the editors supplied the date.
    assert.deepEqual(doc.date, { start: '1895-10-05', end: '1895-10-05', display: '[5. 10. 1895]', certainty: 'inferred' });
    assert.equal(doc.language, 'de');
    assert.deepEqual(doc.authors, ['pmb-2416']);
    assert.deepEqual(doc.recipients, ['gnd-118609807']);
    assert.equal(doc.placeWritten, 'geonames-2761369');
    const schnitzler = record.people.find((p) => p.id === 'gnd-118609807');
    assert.deepEqual(schnitzler?.authorities, { pmb: 'https://pmb.acdh.oeaw.ac.at/entity/2121/', gnd: 'https://d-nb.info/gnd/118609807' });
    assert.equal(schnitzler?.birth, '1862-05-15');
    // Wien has no ids in the letter's back matter: the GeoNames id comes from indices/listplace.xml.
    const wien = record.places.find((p) => p.id === 'geonames-2761369');
    assert.equal(wien?.authorities?.wikidata, 'http://www.wikidata.org/entity/Q1741');
    assert.equal(wien?.lat, 48.208333);
    assert.equal(record.people.find((p) => p.id === 'wikidata-q1980429')?.name, 'Neues Wiener Journal');
    assert.deepEqual(doc.source, {
      archive: 'University Library, Cambridge',
      reference: 'Schnitzler, B 25',
      collection: 'Arthur Schnitzler: Briefwechsel mit Autorinnen und Autoren',
      url: 'https://hdl.handle.net/21.11115/0000-000E-6D15-1',
    });
    assert.equal(doc.rights, 'CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/deed.de)');
    assert.deepEqual(doc.collections, ['schnitzler-briefe', 'schnitzler-briefe-correspondence_2416']);
    assert.deepEqual(doc.funders, ['Österreichischer Wissenschaftsfonds FWF']);
  });

  it('is the same Schnitzler as in CMIF (GND-derived person id)', async () => {
    const letter = await readOne(join(EDITIONS, 'L00001.xml'));
    const cmifPeople = [];
    for await (const o of cmifFormat.read(join(CORPUS, 'cmif/schnitzler-cmif/1958_Rilke_Schnitzler.xml'), {})) if (o.ok) cmifPeople.push(...o.record.people);
    const inLetter = letter.people.find((p) => p.name === 'Schnitzler, Arthur');
    const inCmif = cmifPeople.find((p) => p.name === 'Schnitzler, Arthur');
    assert.ok(inLetter && inCmif);
    assert.equal(inLetter.id, inCmif.id);
  });

  it('keeps the body structure for display and a searchable German text (L00001)', async () => {
    const { document: doc } = await readOne(join(EDITIONS, 'L00001.xml'));
    const body = doc.body!;
    assert.equal(body[0]?.kind, 'p');
    assert.equal(body[0]?.kind === 'p' && body[0].rend, 'letterhead');
    assert.ok(body.some((b) => b.kind === 'p' && b.rend === 'salute inline'));
    assert.ok(body.some((b) => b.kind === 'closer'));
    const all = inlines(body);
    assert.ok(all.some((n) => typeof n === 'object' && n.kind === 'pb' && n.facs === 'MS-SCHNITZLER-B-00068-000-00003'));
    assert.ok(all.some((n) => typeof n === 'object' && n.kind === 'entity' && n.type === 'place' && n.id === 'geonames-2925533'));
    assert.ok(all.some((n) => typeof n === 'object' && n.kind === 'noteRef'));
    // Long s (<c rendition="#langesS">) joins its word; diacritics stay for the store to fold.
    assert.match(doc.text ?? '', /ist leider auch mir zu düster, so kunstvoll das psychologische Motiv/);
    assert.match(doc.text ?? '', /Hochgeehrter Herr Doctor!/);
    assert.equal(doc.text, bodyText(body));
    assert.equal(doc.footnotes.length, 2);
    assert.match(doc.footnotes[0]!.text, /^Die Erzählung entstand im Sommer 1889 \(A\. S\.: Tagebuch, 8\. 9\. 1889\)\.$/);
    // The letterhead is printed in roman type (`hi rend="antiqua"`): the page shows it so.
    assert.ok(all.some((n) => typeof n === 'object' && n.kind === 'written' && n.as === 'antiqua' && isDeepStrictEqual(n.children, ['Frankfurter Zeitung'])));
  });

  it('letters the notes on the manuscript and numbers the commentary, as a printed edition does (L00016)', async () => {
    const { document: doc } = await readOne(join(EDITIONS, 'L00016.xml'));
    assert.deepEqual(
      doc.footnotes.map((f) => [f.n, f.text.slice(0, 24)]),
      [
        ['1', 'An der schönen blauen Do'],
        ['a', 'weiter quer am linken Ra'],
        ['2', 'Das Haus ist durchgängig'],
        ['b', 'am oberen Rand auf dem K'],
      ],
    );
    const markers = inlines(doc.body!).flatMap((n) => (typeof n === 'object' && n.kind === 'noteRef' ? [n.n] : []));
    assert.deepEqual(markers, ['1', 'a', '2', 'b']);
  });

  it('keeps how the writing looks: Latin script amid Kurrent, a stamp (L00003)', async () => {
    const { document: doc } = await readOne(join(EDITIONS, 'L00003.xml'));
    const written = inlines(doc.body!).flatMap((n) => (typeof n === 'object' && n.kind === 'written' ? [[n.as, inlineText(n.children)]] : []));
    assert.deepEqual(written.filter(([as]) => as === 'latin').map(([, text]) => text), ['Arthur Schnitzler', 'Wien', 'Arthur Schnitzler', 'Wien', 'B. Tgbtt.', 'Anatols Hochzeitsmorgen']);
    assert.deepEqual(written.filter(([as]) => as === 'stamp').map(([, text]) => text), ['»Moderne Dichtung«']);
    // The words are searched as any others.
    assert.match(doc.text ?? '', /»Moderne Dichtung«/);
  });

  it('keeps the six letters that say <edition>HBAS</edition> in the edition their xml:base names (L00129)', async () => {
    const record = await readOne(join(EDITIONS, 'L00129.xml'));
    assert.equal(record.document.id, 'schnitzler-briefe-l00129');
    assert.ok(record.document.collections.includes('schnitzler-briefe'));
    assert.ok(!record.collections.some((c) => c.slug.startsWith('hbas')), record.collections.map((c) => c.slug).join(', '));
  });

  it('keeps the edition\'s reading of the manuscript: struck text (and a note inside it), additions, supplied letters, glyphs, signatures', async () => {
    const text = async (id: string): Promise<{ text: string; body: string; notes: number }> => {
      const { document } = await readOne(join(EDITIONS, `${id}.xml`));
      return { text: document.text ?? '', body: JSON.stringify(document.body), notes: document.footnotes.length };
    };
    // L00167: "Vorher <subst><del>bitt</del><add>geh</add></subst> ich": shown struck, not searched.
    const l167 = await text('L00167');
    assert.ok(l167.body.includes('{"kind":"del","children":[') && l167.body.includes('{"kind":"add","children":["geh"]}'), l167.body.slice(0, 400));
    assert.match(l167.text, /Vorher geh ich zu/);
    // L00764: a struck letterhead keeps the editorial note inside it.
    assert.ok((await text('L00764')).notes >= 1);
    // L00864: "Glückw<supplied>ün</supplied>sche" is one word for search.
    assert.match((await text('L00864')).text, /Glückwünsche/);
    // L00854: <c rendition="#kaufmannsund"/> is "&".
    assert.match((await text('L00854')).text, /Meißl & Schaden/);
    // L00041: "Ihr<signed>Arthur</signed>" signs on a line of its own.
    assert.match((await text('L00041')).text, /Ihr\nArthur/);
    // L00259: "Ihr<lb/><signed>Salten</signed>": one line break, not an empty line.
    assert.match((await text('L00259')).text, /Ihr\nSalten/);
    // L00009: subtype="cf" in lower case still reads "Vgl.".
    const { document: l9 } = await readOne(join(EDITIONS, 'L00009.xml'));
    assert.ok(l9.footnotes.some((f) => /Bühnen Vgl\. Brief L00194/.test(f.text)), JSON.stringify(l9.footnotes.map((f) => f.text)));
    // An empty reference to another letter is left for the reading page to fill with its title,
    // or with "date-only" its date ("Am <ref subtype="date-only" target="L00494"/> hat Schnitzler …").
    const refs = (inlines: Inline[] | undefined): Inline[] =>
      (inlines ?? []).flatMap((i) => (typeof i === 'string' ? [] : i.kind === 'docRef' ? [i] : 'children' in i ? refs(i.children) : []));
    assert.deepEqual(
      l9.footnotes.flatMap((f) => refs(f.body)).find((r) => typeof r !== 'string' && r.kind === 'docRef' && r.id === 'schnitzler-briefe-l00194'),
      { kind: 'docRef', id: 'schnitzler-briefe-l00194', fill: 'title', children: ['Brief L00194'] },
    );
    const { document: l493 } = await readOne(join(EDITIONS, 'L00493.xml'));
    const inBody = [...inlineRuns(l493.body ?? [])].flatMap(refs);
    const dated = [...inBody, ...l493.footnotes.flatMap((f) => refs(f.body))].filter((r) => typeof r !== 'string' && r.kind === 'docRef');
    assert.deepEqual(
      dated.map((r) => r.kind === 'docRef' && [r.id, r.fill, r.children]),
      [
        ['schnitzler-briefe-l00494', 'date', ['Brief L00494']],
        ['schnitzler-briefe-l00492', 'date', ['Brief L00492']],
      ],
    );
  });

  it('keeps a paragraph of struck words only, and the words an edition\'s label anchor wraps', async () => {
    const { document: l464 } = await readOne(join(EDITIONS, 'L00464.xml'));
    // <seg type="letterhead"><hi><del>Salesianergasse 12</del></hi></seg>: shown struck, not searched.
    const struck = (l464.body ?? []).find((b) => b.kind === 'p' && JSON.stringify(b).includes('Salesianergasse 12'));
    assert.ok(struck && JSON.stringify(struck).includes('"kind":"del"'), 'the struck letterhead is a paragraph of its own');
    assert.doesNotMatch(l464.text ?? '', /Salesianergasse/);
    // <anchor type="label" …>Er ist gewiss nicht nur ein Aff, …</anchor>
    assert.match((await readOne(join(EDITIONS, 'L00990.xml'))).document.text ?? '', /Er ist gewiss nicht nur ein Aff, sondern auch ein boshafter Aff/);
  });

  it('shows the marker of every note in the text of all 1,000 letters (L00764: inside a struck letterhead)', async () => {
    const unmarked: string[] = [];
    for (const f of readdirSync(EDITIONS).filter((name) => name.endsWith('.xml'))) {
      const { document } = await readOne(join(EDITIONS, f));
      const marked = new Set<string>();
      const walk = (nodes: Inline[]): void => {
        for (const n of nodes) if (typeof n === 'object') n.kind === 'noteRef' ? marked.add(n.n) : 'children' in n && walk(n.children);
      };
      for (const run of inlineRuns(document.body ?? [])) walk(run);
      for (const note of document.footnotes) if (!marked.has(note.n)) unmarked.push(`${f} note ${note.n}`);
    }
    assert.deepEqual(unmarked, []);
  });

  it('loads the edition indices once and caches them', async () => {
    const dir = indicesDirFor(join(EDITIONS, 'L00001.xml'));
    const a = loadEditionIndex(dir);
    const b = loadEditionIndex(dir);
    assert.equal(a, b);
    const index = await a;
    assert.equal(index.get('pmb50')?.name, 'Wien');
    // listcorrespondence.xml names correspondents that no listperson.xml describes here.
    assert.equal(index.get('pmb10986')?.name, 'Brahm, Otto');
  });
});

describe('TEI letters whose edition register is broken', () => {
  it('fail naming the register, which is parsed once for all of them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archivum-broken-register-'));
    try {
      mkdirSync(join(dir, 'editions'));
      mkdirSync(join(dir, 'indices'));
      const letter = readFileSync(join(FIXTURES, 'editions', 'L99001.xml'));
      for (const name of ['L1.xml', 'L2.xml']) writeFileSync(join(dir, 'editions', name), letter);
      const register = join(dir, 'indices', 'listplace.xml');
      writeFileSync(register, readFileSync(join(FIXTURES, 'indices', 'listplace.xml'), 'utf8').replace(/<\/listPlace>/, '</listPlac>'));
      const reasons: string[] = [];
      for (const name of ['L1.xml', 'L2.xml']) {
        await assert.rejects(
          async () => {
            for await (const outcome of teiLetterFormat.read(join(dir, 'editions', name), {})) void outcome;
          },
          (error: unknown) => (reasons.push((error as Error).message), true),
        );
      }
      assert.equal(reasons.length, 2);
      assert.equal(reasons[0], reasons[1]);
      assert.match(reasons[0]!, new RegExp(`^the edition register ${register.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} cannot be read: not well-formed XML at line \\d+`));
      assert.equal(loadEditionIndex(join(dir, 'indices')), loadEditionIndex(join(dir, 'indices')), 'the failure is kept, not parsed again');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('TEI letter details (fixture with its own ../indices)', () => {
  const path = join(FIXTURES, 'editions/L99001.xml');

  it('is claimed by tei-letter and not by CMIF', () => {
    assert.ok(teiLetterFormat.sniff(path, head(path)));
    assert.ok(!cmifFormat.sniff(path, head(path)));
  });

  it('maps header, dates, entities via back matter and indices, body and notes', async () => {
    const record = await readOne(path);
    const doc = record.document;
    assert.equal(doc.id, 'test-briefe-l99001');
    assert.equal(doc.type, 'Telegram');
    assert.deepEqual(doc.date, { start: '1901-03-01', end: '1901-03-03', display: '[2. 3. 1901?]', certainty: 'conjecture' });
    assert.deepEqual(doc.authors, ['pmb-900001']);
    assert.deepEqual(doc.recipients, ['gnd-118609807']);
    assert.equal(doc.placeWritten, 'geonames-2761369');
    // GeoNames from the index's own idno, not from the nested <location> (Österreich).
    assert.deepEqual(record.places.find((p) => p.id === 'geonames-2761369')?.authorities, {
      pmb: 'https://pmb.acdh.oeaw.ac.at/entity/50/',
      geonames: 'https://sws.geonames.org/2761369/',
      wikidata: 'http://www.wikidata.org/entity/Q1741',
    });
    // Organisations resolve through listorg.xml and are kept as people (by GND).
    assert.ok(doc.people.includes('gnd-4018118-2'));
    assert.equal(record.people.find((p) => p.id === 'gnd-4018118-2')?.name, 'Redaktion der Testzeitung');
    assert.equal(doc.rights, 'CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)');
    assert.equal(doc.credit, 'Testbriefe. Edited by Erika Editor. Test Press, 2024');
    assert.deepEqual(doc.source, { archive: 'DLA, Marbach', reference: 'A:Test 1', collection: 'Testbriefe', url: 'https://hdl.handle.net/0/TEST-1' });
    // Reading text: deletions dropped, additions kept, supplied text bracketed, gaps marked.
    // Supplied letters are bracketed on the page, and searched as part of their word.
    assert.match(doc.text ?? '', /Sehr schön,\ngut und fertig !\[…\]/);
    assert.ok(JSON.stringify(doc.body).includes('{"kind":"supplied","children":["fer"]}'), JSON.stringify(doc.body));
    assert.doesNotMatch(doc.text ?? '', /schlecht/);
    assert.match(doc.text ?? '', /Hotel Hinterdorf Telegramme/);
    assert.match(doc.text ?? '', /Ihre\nAnna/);
    assert.deepEqual(doc.footnotes, [{ n: '1', text: 'Siehe A. S.: Tagebuch, 2. 3. 1901.', body: ['Siehe A. S.: Tagebuch, 2. 3. 1901.'] }]);
    const all = inlines(doc.body!);
    assert.ok(all.some((n) => typeof n === 'object' && n.kind === 'docRef' && n.id === 'test-briefe-l99002'));
    assert.ok(all.some((n) => typeof n === 'object' && n.kind === 'em'));
    assert.ok(doc.body!.some((b) => b.kind === 'p' && b.rend === 'address'));
  });

  it('refuses a letter whose DOCTYPE declares an external entity', async () => {
    const bad = join(FIXTURES, 'editions/L99002-doctype.xml');
    await assert.rejects(
      async () => {
        for await (const o of teiLetterFormat.read(bad, {})) void o;
      },
      (error: unknown) => error instanceof SourceFileError && /DOCTYPE declares entities/.test(error.message),
    );
  });
});

/** Runs `body` with a fresh folder, removed afterwards. */
async function inScratchFolder(body: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'archivum-letter-'));
  try {
    await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('TEI letters of other editions: authority URIs on names, registers in the header or a standOff', () => {
  const letter = `<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="B1" xml:base="https://example.org/goethe-briefe">
  <teiHeader>
    <fileDesc>
      <titleStmt><title level="s">Goethe-Briefe</title><title level="a">Goethe an Zelter, 1. 1. 1820</title></titleStmt>
      <publicationStmt><publisher>Test</publisher></publicationStmt>
      <sourceDesc><p/></sourceDesc>
    </fileDesc>
    <profileDesc>
      <correspDesc>
        <correspAction type="sent">
          <persName ref="http://viaf.org/viaf/24602065 https://d-nb.info/gnd/118540238/about">Goethe, Johann Wolfgang von</persName>
          <placeName ref="http://sws.geonames.org/2812482/">Weimar</placeName>
          <date when="1820-01-01"/>
        </correspAction>
        <correspAction type="received">
          <persName ref="#P_zelter">Zelter</persName>
          <placeName ref="#pl_berlin">Berlin</placeName>
        </correspAction>
      </correspDesc>
      <particDesc><listPerson>
        <person xml:id="P_zelter"><persName>Zelter, Carl Friedrich</persName><idno type="gnd">https://d-nb.info/gnd/118636863</idno></person>
        <person xml:id="P_ottilie"><persName>Goethe, Ottilie von</persName></person>
      </listPerson></particDesc>
    </profileDesc>
  </teiHeader>
  <standOff><listPlace><place xml:id="pl_berlin"><placeName>Berlin</placeName></place></listPlace></standOff>
  <text><body>
    <p>Grüße an <persName ref="#P_ottilie">Ottilie</persName>, an <persName ref="https://d-nb.info/gnd/118607626">Schiller</persName>
    und an <rs type="person" ref="https://d-nb.info/gnd/118559230">ihn</rs> in <placeName ref="https://www.geonames.org/2950159/berlin.html">Berlin</placeName>.</p>
  </body></text>
</TEI>`;

  it('resolves them all, scoping an edition-only id to the edition', async () => {
    await inScratchFolder(async (dir) => {
      const path = join(dir, 'B1.xml');
      writeFileSync(path, letter);
      const record = await readOne(path);
      const doc = record.document;
      assert.deepEqual(doc.authors, ['gnd-118540238']);
      assert.deepEqual(record.people.find((p) => p.id === 'gnd-118540238')?.authorities, { viaf: 'https://viaf.org/viaf/24602065', gnd: 'https://d-nb.info/gnd/118540238' });
      assert.equal(doc.placeWritten, 'geonames-2812482');
      assert.deepEqual(doc.recipients, ['gnd-118636863']);
      assert.equal(record.people.find((p) => p.id === 'gnd-118636863')?.name, 'Zelter, Carl Friedrich');
      assert.equal(doc.received?.place, 'goethe-briefe-pl_berlin');
      // Named in the body: by the header's register (no authority: scoped) and by a GND URI.
      assert.deepEqual([...doc.people].sort(), ['gnd-118607626', 'goethe-briefe-p_ottilie']);
      assert.equal(record.people.find((p) => p.id === 'gnd-118607626')?.name, 'Schiller');
      // An <rs> ("ihn") names no record of its own.
      assert.ok(!record.people.some((p) => p.name === 'ihn'));
      assert.ok(doc.places.includes('geonames-2950159'));
      assert.equal(doc.title, 'Goethe an Zelter, 1. 1. 1820');
    });
  });

  it('does not take a person\'s GeoNames id or a place\'s VIAF id as an identity', async () => {
    await inScratchFolder(async (dir) => {
      const path = join(dir, 'B3.xml');
      writeFileSync(
        path,
        letter
          .replace('<persName ref="#P_zelter">Zelter</persName>', '<persName ref="http://sws.geonames.org/2761369/">Zelter</persName>')
          .replace('<placeName ref="http://sws.geonames.org/2812482/">Weimar</placeName>', '<placeName ref="http://viaf.org/viaf/24602065">Weimar</placeName>'),
      );
      const doc = (await readOne(path)).document;
      assert.deepEqual(doc.recipients, ['zelter']);
      assert.equal(doc.placeWritten, 'weimar');
    });
  });

  it('scopes a register id to the letter\'s folder when the letter names no edition', async () => {
    await inScratchFolder(async (dir) => {
      const plain = letter.replace(' xml:base="https://example.org/goethe-briefe"', '');
      const ids: string[] = [];
      for (const edition of ['zelter-briefe', 'humboldt-briefe']) {
        mkdirSync(join(dir, edition));
        const path = join(dir, edition, 'b1.xml');
        writeFileSync(path, plain);
        ids.push((await readOne(path)).document.received!.place!);
      }
      assert.deepEqual(ids, ['zelter-briefe-pl_berlin', 'humboldt-briefe-pl_berlin']);
    });
  });

  it('takes a plain title and the language of the text when the header says neither, and names a teiCorpus', async () => {
    await inScratchFolder(async (dir) => {
      const path = join(dir, 'B2.xml');
      writeFileSync(path, letter.replace('<title level="a">', '<title>').replace('<text><body>', '<text xml:lang="fr"><body>'));
      const doc = (await readOne(path)).document;
      assert.equal(doc.title, 'Goethe an Zelter, 1. 1. 1820');
      assert.equal(doc.language, 'fr');
      const corpus = join(dir, 'corpus.xml');
      writeFileSync(corpus, `<?xml version="1.0"?>\n<teiCorpus xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/>${letter.replace(/^<\?xml[^>]*>/, '')}</teiCorpus>`);
      await assert.rejects(
        async () => {
          for await (const o of teiLetterFormat.read(corpus, {})) void o;
        },
        (error: unknown) => error instanceof SourceFileError && /a teiCorpus of several TEI documents/.test(error.message),
      );
    });
  });
});
