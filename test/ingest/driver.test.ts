import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadDemo } from '../../src/ingest/demo.js';
import { formatSummary, ingestPaths, type IngestOptions } from '../../src/ingest/driver.js';
import { UsageError } from '../../src/ingest/errors.js';
import { searchRequestFor } from '../../src/search/params.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { PUBLIC, STAFF, type ArchiveStore } from '../../src/store/types.js';
import { scratchDir } from './helpers.js';

const GOOD = '---\ntitle: Letter from Khrushchev to Fidel Castro\ndate: 1963-01-31\nauthors: [Nikita Khrushchev]\n---\nDear Comrade Fidel Castro,\n';
const UNTITLED = '---\ndate: 1963-01-31\n---\nA letter without a title.\n';

describe('ingest driver (SQLite)', () => {
  let scratch: ReturnType<typeof scratchDir>;
  let store: ArchiveStore;
  let errors: string[];
  const options = (extra: Partial<IngestOptions> = {}): IngestOptions => ({ store, format: 'auto', errors: { write: (t: string) => errors.push(t) }, ...extra });
  const total = async (): Promise<number> => (await store.search(searchRequestFor(''), STAFF)).total;

  beforeEach(() => {
    scratch = scratchDir('driver');
    store = openSqliteStore(path.join(scratch.dir, 'archive.db'));
    errors = [];
  });
  afterEach(async () => {
    await store.close();
    scratch.cleanup();
  });

  it('stores the good file, fails the broken one by name, and goes on', async () => {
    scratch.write('in/a-good.md', GOOD);
    scratch.write('in/b-untitled.md', UNTITLED);
    scratch.write('in/sub/c-notes.txt', 'Notes on the letter\nSome text.\n');
    scratch.write('in/README.md', '# About this folder\n');
    scratch.write('in/.hidden.md', GOOD);
    const summary = await ingestPaths([path.join(scratch.dir, 'in')], options());
    assert.equal(summary.new, 2);
    assert.equal(summary.failed, 1);
    assert.equal(summary.failures.length, 1);
    assert.equal(summary.failures[0]?.file, path.join(scratch.dir, 'in', 'b-untitled.md'));
    assert.equal(summary.failures[0]?.record, 'b-untitled');
    assert.match(summary.failures[0]?.reason ?? '', /title/);
    assert.deepEqual(errors, [`${path.join(scratch.dir, 'in', 'b-untitled.md')}: b-untitled: ${summary.failures[0]?.reason}\n`]);
    assert.equal((await store.getDocument('a-good', PUBLIC))?.title, 'Letter from Khrushchev to Fidel Castro');
    assert.equal((await store.getDocument('c-notes', PUBLIC))?.title, 'Notes on the letter');
    assert.equal(await store.getDocument('readme', STAFF), null);
    assert.equal(await total(), 2);
  });

  it('waits for the failure stream when it says so, telling one failure at a time (a pipe that drains slowly)', async () => {
    // A JSON file of 2,000 records without titles: 2,000 failures, told as fast as they come.
    scratch.write('in/untitled.json', JSON.stringify(Array.from({ length: 2000 }, (_, i) => ({ id: `n${i}`, text: 'x' }))));
    let pending = 0;
    let mostPending = 0;
    let told = 0;
    const slow = {
      write: (): Promise<void> => {
        pending++;
        mostPending = Math.max(mostPending, pending);
        told++;
        return new Promise((resolve) =>
          setImmediate(() => {
            pending--;
            resolve();
          }),
        );
      },
    };
    const summary = await ingestPaths([path.join(scratch.dir, 'in')], options({ errors: slow }));
    assert.equal(summary.failed, 2000);
    assert.equal(told, 2000);
    assert.equal(mostPending, 1, 'a failure is told once the one before it has drained');
  });

  // Reading either would never end: a FIFO waits for a writer, /dev/zero has no end.
  it('walks past pipes, devices, a link loop and links out of a folder, and refuses a device named outright', { timeout: 20_000 }, async () => {
    scratch.write('in/a-good.md', GOOD);
    fs.mkdirSync(path.join(scratch.dir, 'in', 'sub'));
    fs.symlinkSync('..', path.join(scratch.dir, 'in', 'sub', 'up'));
    fs.symlinkSync('/dev/zero', path.join(scratch.dir, 'in', 'zero.txt'));
    const { execFileSync } = await import('node:child_process');
    execFileSync('mkfifo', [path.join(scratch.dir, 'in', 'pipe.md')]);
    // A link out of the folder is not followed (a data set linking to /etc/passwd); one within it is.
    scratch.write('outside/private.txt', 'root:x:0:0:root:/root:/bin/bash\n');
    fs.symlinkSync(path.join(scratch.dir, 'outside', 'private.txt'), path.join(scratch.dir, 'in', 'notes.txt'));
    fs.symlinkSync('/etc/passwd', path.join(scratch.dir, 'in', 'passwd.txt'));
    fs.symlinkSync('../a-good.md', path.join(scratch.dir, 'in', 'sub', 'good-again.md'));
    const summary = await ingestPaths([path.join(scratch.dir, 'in')], options());
    assert.deepEqual({ new: summary.new, failed: summary.failed }, { new: 2, failed: 0 });
    assert.equal(await store.getDocument('notes', STAFF), null);
    assert.equal(await store.getDocument('passwd', STAFF), null);
    assert.ok(await store.getDocument('good-again', STAFF), 'a link within the folder is read');
    // Named outright, a link is read like any file.
    assert.equal((await ingestPaths([path.join(scratch.dir, 'in', 'notes.txt')], options())).new, 1);
    await assert.rejects(ingestPaths([path.join(scratch.dir, 'in', 'zero.txt')], options()), (e: unknown) => e instanceof UsageError && /not a file or folder/.test(e.message));
  });

  it('keeps the first of two records with one source id in a run, and names both files', async () => {
    // Both default to the source id markdown:letter; the second used to replace the first.
    scratch.write('in/a/letter.md', '---\ntitle: Letter from folder a\n---\nFirst.\n');
    scratch.write('in/b/letter.md', '---\ntitle: Letter from folder b\n---\nSecond.\n');
    for (let run = 0; run < 2; run++) {
      const summary = await ingestPaths([path.join(scratch.dir, 'in')], options());
      assert.equal(summary.new + summary.updated + summary.unchanged, 1);
      assert.equal(summary.failed, 1);
      assert.equal(summary.failures[0]?.file, path.join(scratch.dir, 'in', 'b', 'letter.md'));
      assert.match(summary.failures[0]?.reason ?? '', /source id "markdown:letter" was already read from .*in\/a\/letter\.md, a file of the same name, in this run/);
      assert.equal((await store.getDocument('letter', STAFF))?.title, 'Letter from folder a');
    }
    // A file of another name that gives the same source id in the same run (a copy that kept the
    // id) is refused too; alone, in a run of its own, it is the same source read again: an update.
    scratch.write('in/c/renamed.md', '---\nid: letter\ntitle: Letter from folder c\n---\nThird.\n');
    const copied = await ingestPaths([path.join(scratch.dir, 'in')], options());
    assert.deepEqual(copied.failures.map((f) => path.relative(scratch.dir, f.file)), ['in/b/letter.md', 'in/c/renamed.md']);
    assert.match(copied.failures[1]!.reason, /^source id "markdown:letter" was already read from .*in\/a\/letter\.md in this run; not stored/);
    assert.equal((await store.getDocument('letter', STAFF))?.title, 'Letter from folder a');
    const renamed = await ingestPaths([path.join(scratch.dir, 'in', 'c')], options());
    assert.deepEqual({ updated: renamed.updated, failed: renamed.failed }, { updated: 1, failed: 0 });
    assert.equal((await store.getDocument('letter', STAFF))?.title, 'Letter from folder c');
    // The same file reached by a link is no namesake, nor is a volume whose ids come from its content.
    fs.symlinkSync(path.join(scratch.dir, 'in', 'a'), path.join(scratch.dir, 'a-link'));
    const linked = await ingestPaths([path.join(scratch.dir, 'in', 'a', 'letter.md'), path.join(scratch.dir, 'a-link', 'letter.md')], options());
    assert.deepEqual({ failed: linked.failed, stored: linked.updated + linked.unchanged }, { failed: 0, stored: 2 });
    const volume = fileURLToPath(new URL('../fixtures/tei-frus/minimal.xml', import.meta.url));
    scratch.write('copies/old/vol.xml', fs.readFileSync(volume, 'utf8'));
    scratch.write('copies/new/vol.xml', fs.readFileSync(volume, 'utf8'));
    const copies = await ingestPaths([path.join(scratch.dir, 'copies')], options());
    assert.ok(!copies.failures.some((f) => /already read/.test(f.reason)), JSON.stringify(copies.failures));
    assert.equal(copies.unchanged, 5);
    // Names that spell one id (text:minutes-1963) and one id in two front matters are rivals
    // whatever the files are called; a hard link is the same file.
    scratch.write('names/a/x.md', '---\nid: s\ntitle: S from x\n---\nx\n');
    scratch.write('names/a/y.md', '---\nid: s\ntitle: S from y\n---\ny\n');
    scratch.write('names/b/y.md', '---\nid: u\ntitle: U\n---\ny\n');
    scratch.write('names/d/Minutes 1963.txt', 'Minutes of 3 May\n\nFirst.\n');
    scratch.write('names/d/minutes-1963.txt', 'Minutes of 9 June\n\nSecond.\n');
    fs.mkdirSync(path.join(scratch.dir, 'names', 'c'));
    fs.linkSync(path.join(scratch.dir, 'names', 'b', 'y.md'), path.join(scratch.dir, 'names', 'c', 'y.md'));
    const names = await ingestPaths([path.join(scratch.dir, 'names')], options());
    assert.deepEqual(
      names.failures.map((f) => [path.relative(scratch.dir, f.file), f.reason.replace(/ in this run.*/, '').replace(scratch.dir, '…')]),
      [
        ['names/a/y.md', 'source id "markdown:s" was already read from …/names/a/x.md'],
        ['names/d/minutes-1963.txt', 'source id "text:minutes-1963" was already read from …/names/d/Minutes 1963.txt'],
      ],
    );
    assert.match(names.failures[1]!.reason, /\(rename one of them\)$/, 'a text file has no id to give');
    assert.equal((await store.getDocument('s', STAFF))?.title, 'S from x');
    assert.equal((await store.getDocument('minutes-1963', STAFF))?.title, 'Minutes of 3 May');
    // Alone, the second file is an update of the record, as before.
    assert.equal((await ingestPaths([path.join(scratch.dir, 'in', 'b', 'letter.md')], options())).updated, 1);
    assert.equal((await store.getDocument('letter', STAFF))?.title, 'Letter from folder b');
  });

  it("a volume's sections go with its next document when the one that brought them is refused, and are reported when none is stored", async () => {
    const volume = (documents: string): string => `<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:frus="http://history.state.gov/frus/ns/1.0" xml:id="frus9999v01">
  <teiHeader><fileDesc><titleStmt><title type="complete">A Volume</title></titleStmt></fileDesc></teiHeader>
  <text><front><div type="section" xml:id="preface"><head>Preface</head><p>What the editors did.</p></div></front>
  <body><div type="compilation" xml:id="comp1"><head>C</head>${documents}</div></body></text>
</TEI>`;
    // The first document's id already belongs to another source: the store refuses it.
    scratch.write('other.md', '---\nid: frus9999v01-d1\ntitle: Another source\n---\nText.\n');
    await ingestPaths([path.join(scratch.dir, 'other.md')], options());
    scratch.write('vol/volume.xml', volume('<div type="document" xml:id="d1" n="1"><head>One</head><p>x</p></div><div type="document" xml:id="d2" n="2"><head>Two</head><p>y</p></div>'));
    const summary = await ingestPaths([path.join(scratch.dir, 'vol')], options());
    assert.deepEqual(summary.failures.map((f) => [f.record, f.reason]), [['frus9999v01-d1', 'not stored: id "frus9999v01-d1" already belongs to another source (markdown:frus9999v01-d1)']]);
    assert.deepEqual((await store.getCollection('frus9999v01', PUBLIC))?.collection.sections, [{ id: 'preface', title: 'Preface' }]);
    // No document of the file stored: the sections are reported as not stored.
    scratch.write('alone/volume.xml', volume('<div type="document" xml:id="d1" n="1"><head>One</head><p>x</p></div>').replace('frus9999v01', 'frus9999v02'));
    scratch.write('other2.md', '---\nid: frus9999v02-d1\ntitle: Another source\n---\nText.\n');
    await ingestPaths([path.join(scratch.dir, 'other2.md')], options());
    const alone = await ingestPaths([path.join(scratch.dir, 'alone')], options());
    assert.deepEqual(alone.failures.map((f) => [f.record, f.reason]), [
      ['frus9999v02-d1', 'not stored: id "frus9999v02-d1" already belongs to another source (markdown:frus9999v02-d1)'],
      ['sections of frus9999v02', 'not stored: no record of the file that could bring them was stored'],
    ]);
  });

  it('refuses the second of two TEI letters of one file name whose edition gives them no URI', async () => {
    // Without xml:base, a letter's source id is its file name (tei-letter:b1.xml): the second
    // b1.xml used to replace the first. With xml:base its id comes from the edition: exempt.
    const letter = (who: string, base = ''): string => `<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="B1"${base}><teiHeader><fileDesc>
<titleStmt><title>Letter to ${who}</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>
<profileDesc><correspDesc><correspAction type="sent"><persName>Goethe</persName><date when="1820-01-01"/></correspAction>
<correspAction type="received"><persName>${who}</persName></correspAction></correspDesc></profileDesc></teiHeader>
<text><body><p>Lieber ${who}.</p></body></text></TEI>`;
    scratch.write('tei/zelter/b1.xml', letter('Zelter'));
    scratch.write('tei/humboldt/b1.xml', letter('Humboldt'));
    const summary = await ingestPaths([path.join(scratch.dir, 'tei')], options());
    assert.deepEqual([summary.new, summary.updated, summary.failed], [1, 0, 1]);
    assert.match(summary.failures[0]?.reason ?? '', /source id "tei-letter:b1\.xml" was already read from .*b1\.xml, a file of the same name/);
    scratch.write('based/zelter/b1.xml', letter('Zelter', ' xml:base="https://example.org/goethe/editions"'));
    scratch.write('based/copy/b1.xml', letter('Zelter', ' xml:base="https://example.org/goethe/editions"'));
    const based = await ingestPaths([path.join(scratch.dir, 'based')], options());
    assert.deepEqual([based.failed, based.new + based.updated + based.unchanged], [0, 2]);
  });

  it('names a file that holds no records, and refuses a folder that holds no files', async () => {
    scratch.write('in/a-good.md', GOOD);
    scratch.write('in/header-only.csv', 'title,date\n');
    const summary = await ingestPaths([path.join(scratch.dir, 'in')], options());
    assert.equal(summary.new, 1);
    assert.deepEqual(summary.failures, [{ file: path.join(scratch.dir, 'in', 'header-only.csv'), record: null, reason: 'holds no records that the csv reader can read' }]);
    // Read in the wrong format, a file yields nothing: said, not passed over.
    const wrong = await ingestPaths([path.join(scratch.dir, 'in', 'a-good.md')], options({ format: 'json' }));
    assert.equal(wrong.new + wrong.updated + wrong.unchanged, 0);
    assert.equal(wrong.failed, 1);
    scratch.write('empty/.hidden.md', GOOD);
    scratch.write('empty/README.md', '# Nothing here\n');
    await assert.rejects(ingestPaths([path.join(scratch.dir, 'empty')], options()), (e: unknown) => e instanceof UsageError && /nothing to ingest: .*empty holds no source files/.test(e.message));
  });

  it('recognizes an XML file whose first 4 KB are all prolog: a long licence comment or DOCTYPE', async () => {
    const volume = fs.readFileSync(fileURLToPath(new URL('../fixtures/tei-frus/minimal.xml', import.meta.url)), 'utf8');
    const afterDeclaration = volume.indexOf('?>') + 2;
    const withProlog = (prolog: string): string => volume.slice(0, afterDeclaration) + prolog + volume.slice(afterDeclaration);
    scratch.write('in/a-comment.xml', withProlog(`\n<!-- ${'A licence line with <angle> brackets & more.\n'.repeat(250)} -->\n`));
    scratch.write('in/b-doctype.xml', withProlog(`\n<!DOCTYPE TEI [\n${Array.from({ length: 300 }, (_, k) => `<!ELEMENT e${k} (#PCDATA)>\n`).join('')}]>\n`));
    // After a byte-order mark; a comment in the subset with a lone quote, an attribute default with markup.
    scratch.write('in/c-bom.xml', `\uFEFF${withProlog(`\n<!DOCTYPE TEI [\n<!-- it's -->\n${Array.from({ length: 300 }, (_, k) => `<!ATTLIST e${k} a CDATA "<p>${k}</p>">\n`).join('')}]>\n`)}`);
    const summary = await ingestPaths([path.join(scratch.dir, 'in')], options());
    assert.ok(!summary.failures.some((f) => f.reason === 'unrecognized format'), JSON.stringify(summary.failures));
    assert.equal(summary.new + summary.updated + summary.unchanged, 15); // minimal.xml's 5 good documents, read from each file
    assert.ok(await store.getDocument('frus9999v01-d1', STAFF));
  });

  it("walks past an edition's register files: the letters read them, and they hold no records", async () => {
    const edition = fileURLToPath(new URL('../fixtures/tei-letter/', import.meta.url));
    const summary = await ingestPaths([edition], options());
    assert.equal(summary.new, 1);
    assert.deepEqual(
      summary.failures.map((f) => path.basename(f.file)),
      ['L99002-doctype.xml'],
    );
    // Named outright, a register is read like any file: TEI that no format claims goes to the
    // TEI letter reader, which says why it is no letter.
    const named = await ingestPaths([path.join(edition, 'indices', 'listplace.xml')], options());
    assert.deepEqual(named.failures.map((f) => f.reason), ['no profileDesc/correspDesc: not a letter']);
  });

  it('re-ingesting the same folder updates nothing and duplicates nothing', async () => {
    scratch.write('in/a-good.md', GOOD);
    scratch.write('in/b-untitled.md', UNTITLED);
    const first = await ingestPaths([path.join(scratch.dir, 'in')], options());
    const before = await store.getDocument('a-good', PUBLIC);
    // From another working directory, by a relative path: the same source.
    const cwd = process.cwd();
    process.chdir(scratch.dir);
    let again;
    try {
      again = await ingestPaths(['in'], options());
    } finally {
      process.chdir(cwd);
    }
    assert.deepEqual([first.new, first.failed], [1, 1]);
    assert.deepEqual([again.new, again.updated, again.unchanged, again.failed], [0, 0, 1, 1]);
    assert.equal(await total(), 1);
    assert.deepEqual(await store.getDocument('a-good', PUBLIC), before);
    assert.match(formatSummary(again), /^ingested 0 new, 1 updated, 1 failed in \d+\.\d s$/);
  });

  it('re-ingesting letters of one edition that name different editors or series titles changes nothing', async () => {
    // L00028 names one editor, L00029 two: the edition's editors add up, and neither letter
    // rewrites the edition on the next run (it did: 238 of the 1,000 letters "updated" each run).
    // L00793 gives another series title ("Hermann Bahr – Arthur Schnitzler"): it neither
    // retitles the edition nor, retitled back by L00794, makes both "updated" on every run.
    const editions = fileURLToPath(new URL('../../../shared/corpus/schnitzler-briefe/editions/', import.meta.url));
    const letters = ['L00028.xml', 'L00029.xml', 'L00793.xml', 'L00794.xml'].map((name) => path.join(editions, name));
    const first = await ingestPaths(letters, options());
    const again = await ingestPaths(letters, options());
    assert.deepEqual([first.new, first.failed], [4, 0]);
    assert.deepEqual([again.new, again.updated, again.unchanged, again.failed], [0, 0, 4, 0]);
    const edition = await store.getCollection('schnitzler-briefe', PUBLIC);
    assert.equal(edition?.collection.title, 'Arthur Schnitzler: Briefwechsel mit Autorinnen und Autoren');
    assert.deepEqual(edition?.collection.editors, ['Müller, Martin Anton', 'Susen, Gerd-Hermann', 'Ifkovits, Kurt']);
    assert.equal(edition?.collection.credit, 'Arthur Schnitzler: Briefwechsel mit Autorinnen und Autoren. Austrian Centre for Digital Humanities, 2023');
    // Each letter still credits its own editors.
    assert.match((await store.getDocument('schnitzler-briefe-l00028', PUBLIC))?.credit ?? '', /Edited by Martin Anton Müller\. /);
  });

  it('writes every record to the report as a JSON line', async () => {
    scratch.write('in/a-good.md', GOOD);
    scratch.write('in/b-untitled.md', UNTITLED);
    scratch.write('in/c-data.xyz', 'what is this');
    const reportFile = path.join(scratch.dir, 'report.jsonl');
    const summary = await ingestPaths([path.join(scratch.dir, 'in')], options({ reportFile }));
    const lines = fs.readFileSync(reportFile, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(lines, [
      { file: path.join(scratch.dir, 'in', 'a-good.md'), record: 'a-good', id: 'a-good', action: 'new' },
      { file: path.join(scratch.dir, 'in', 'b-untitled.md'), record: 'b-untitled', reason: summary.failures[0]?.reason },
      { file: path.join(scratch.dir, 'in', 'c-data.xyz'), record: null, reason: 'unrecognized format' },
    ]);
    assert.equal(summary.failed, 2);
  });

  it('fails a file that cannot be read as a whole, and the rest lands', async () => {
    scratch.write('in/a-utf16.md', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GOOD, 'utf16le')]));
    scratch.write('in/b-broken.json', '[{"title": "A"},');
    scratch.write('in/c-good.md', GOOD);
    // Found by sniffing, the encoding is named, not "unrecognized format"; without a byte-order
    // mark UTF-16 is valid UTF-8 full of NULs, and must not be stored as "H\0e\0l\0l\0o".
    const tei = '<?xml version="1.0"?><TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/></TEI>';
    scratch.write('in/d-utf16.xml', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(tei, 'utf16le').swap16()]));
    scratch.write('in/e-utf16-no-bom.txt', Buffer.from('Hello\nA letter.\n', 'utf16le'));
    const summary = await ingestPaths([path.join(scratch.dir, 'in')], options());
    assert.equal(summary.new, 1);
    assert.deepEqual(
      summary.failures.map((f) => [path.basename(f.file), f.record]),
      [['a-utf16.md', null], ['b-broken.json', null], ['d-utf16.xml', null], ['e-utf16-no-bom.txt', null]],
    );
    assert.match(summary.failures[0]?.reason ?? '', /UTF-16/);
    assert.match(summary.failures[1]?.reason ?? '', /JSON syntax error at line 1/);
    assert.equal(summary.failures[2]?.reason, 'file is UTF-16BE (byte-order mark found); save it as UTF-8');
    assert.equal(summary.failures[3]?.reason, 'file holds a NUL byte at byte 1: it is binary, or UTF-16 without a byte-order mark; save it as UTF-8');
  });

  for (const readerThread of [false, true]) {
    it(`fails a record too large or not Unicode on its own, the rest lands (${readerThread ? 'reader thread' : 'one thread'})`, async () => {
      const records = [
        { id: 'r1', title: 'Fine' },
        { id: 'r2', title: 'Nul \u0000 here' },
        { id: 'r3', title: 'Half a pair', text: 'x\ud800y' },
        { id: 'r4', title: 'y'.repeat(10_001) },
        { id: 'r5', title: 'Huge', text: 'y'.repeat(8_000_001) },
        { id: 'r6', title: 'Bad date', date: true },
        { id: 'r7', title: 'Fine too', text: 'An emoji \u{1f600} is text.' },
      ];
      // JSON.stringify writes the NUL and the lone surrogate as escapes, as a JSON file would.
      scratch.write('in/a.json', JSON.stringify(records));
      scratch.write('in/b-nul.md', '---\ntitle: "From YAML \\0"\n---\nText.\n');
      const summary = await ingestPaths([path.join(scratch.dir, 'in')], options({ readerThread }));
      assert.deepEqual(
        summary.failures.map((f) => `${path.basename(f.file)}: ${f.record}: ${f.reason}`),
        [
          'a.json: r2: title: contains a NUL character (at character 5)',
          'a.json: r3: text: holds an unpaired surrogate (not valid Unicode) at character 2',
          'a.json: r4: title is 10,001 characters; at most 10,000',
          "a.json: r5: the document's text is 8,000,007 characters (8,000,001 of them in text); at most 8,000,000",
          'a.json: r6: date: expected a string, a number or an object, got true',
          'b-nul.md: b-nul: title: contains a NUL character (at character 11)',
        ],
      );
      assert.equal(summary.new, 2);
      assert.equal((await store.getDocument('r7', PUBLIC))?.text, 'An emoji \u{1f600} is text.');
      assert.equal(await total(), 2);
    });
  }

  it('adds the --collection to every document and honours an explicit format', async () => {
    const file = scratch.write('in/letter.notes', 'Title line\nBody.\n');
    const summary = await ingestPaths([file], options({ format: 'text', collection: 'inbox' }));
    assert.equal(summary.new, 1);
    assert.deepEqual((await store.getDocument('letter', PUBLIC))?.collections.map((c) => c.slug), ['inbox']);
  });

  it('throws a UsageError for a path that does not exist, before storing anything', async () => {
    scratch.write('in/a-good.md', GOOD);
    await assert.rejects(ingestPaths([path.join(scratch.dir, 'in'), path.join(scratch.dir, 'missing')], options()), (e: unknown) => e instanceof UsageError && /missing/.test(e.message));
    assert.equal(await store.isEmpty(), true);
    await assert.rejects(ingestPaths([], options()), UsageError);
  });

  it('prints the summary line of the contract', () => {
    assert.equal(formatSummary({ new: 3, updated: 1, unchanged: 2, failed: 1, seconds: 2.345 }), 'ingested 3 new, 3 updated, 1 failed in 2.3 s');
  });

  it('loads the demo collection without its credits', async () => {
    const summary = await loadDemo(store, { errors: { write: (t: string) => errors.push(t) } });
    assert.deepEqual(errors, []);
    assert.equal(summary.failed, 0);
    assert.ok(summary.new >= 1);
    const doc = await store.getDocument('khrushchev-to-castro-1963-01-31', PUBLIC);
    assert.equal(doc?.title, 'Letter from Khrushchev to Fidel Castro');
    // One person with the FRUS volume in the demo: whichever source came first names him.
    assert.deepEqual(doc?.authors.map((a) => a.id), ['khrushchev-nikita-s']);
    assert.match(doc?.authors[0]?.name ?? '', /Khrushchev/);
    assert.equal(await store.getDocument('credits', STAFF), null);
    // The FRUS volume's summary comes from the catalogue record shipped beside it.
    assert.match((await store.getCollection('frus1961-63v06', PUBLIC))?.collection.description ?? '', /^Volume VI presents the complete correspondence/);
    assert.equal((await loadDemo(store)).new, 0);
  });

  it('passes over the FRUS catalogue beside the volumes in a folder, and says why when one of its records is named', async () => {
    const volume = fs.readFileSync(fileURLToPath(new URL('../fixtures/tei-frus/minimal.xml', import.meta.url)), 'utf8');
    const catalogue = (id: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<volume id="${id}"><summary><tei:p xmlns:tei="http://www.tei-c.org/ns/1.0">About ${id}.</tei:p></summary></volume>\n`;
    scratch.write('frus/volumes/frus9999v01.xml', volume);
    scratch.write('frus/bibliography/frus9999v01.xml', catalogue('frus9999v01'));
    scratch.write('frus/bibliography/frus9999v02.xml', catalogue('frus9999v02'));
    const summary = await ingestPaths([path.join(scratch.dir, 'frus')], options());
    // The fixture volume has bad records of its own; the catalogue adds none.
    assert.deepEqual(summary.failures.filter((f) => !f.file.endsWith(path.join('volumes', 'frus9999v01.xml'))), []);
    assert.ok(summary.new > 0);
    assert.equal((await store.getCollection('frus9999v01', STAFF))?.collection.description, 'About frus9999v01.');
    const named = await ingestPaths([path.join(scratch.dir, 'frus', 'bibliography', 'frus9999v02.xml')], options());
    assert.equal(named.failed, 1);
    assert.match(named.failures[0]?.reason ?? '', /^a FRUS catalogue record, which holds no documents/);
    await assert.rejects(
      ingestPaths([path.join(scratch.dir, 'frus', 'bibliography')], options()),
      (e: unknown) => e instanceof UsageError && /^nothing to ingest: every file in .*bibliography is passed over \(a FRUS catalogue record/.test(e.message),
    );
  });
});
