import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { cmifFormat } from '../../src/ingest/cmif/index.js';
import { mappedJsonFormat } from '../../src/ingest/csv/index.js';
import { ingestPaths, type IngestOptions, type IngestSummary } from '../../src/ingest/driver.js';
import { jsonFormat } from '../../src/ingest/json/index.js';
import { looksLikeJson } from '../../src/ingest/json/sniff.js';
import { startsWithFrontMatter } from '../../src/ingest/markdown/front-matter.js';
import { markdownFormat } from '../../src/ingest/markdown/index.js';
import { detectFormat, unrecognizedReason } from '../../src/ingest/registry.js';
import { teiLetterFormat } from '../../src/ingest/tei-letter/index.js';
import { textFormat } from '../../src/ingest/text/index.js';
import { looksLikeTei, looksLikeXml, rootElement } from '../../src/ingest/xml/sniff.js';
import { searchRequestFor } from '../../src/search/params.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { STAFF, type ArchiveStore } from '../../src/store/types.js';
import { scratchDir } from './helpers.js';

// `--format auto` picks the format from the content; the name decides only where content does not.
const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const LETTER = path.join(CORPUS, 'schnitzler-briefe/editions/L00001.xml');
const CMIF = path.join(CORPUS, 'cmif/schnitzler-cmif/1967_Schnitzler_Koerner.xml');
const SOTU_MAPPING = fileURLToPath(new URL('../../examples/mappings/sotu.json', import.meta.url));
const SOTU_1962 = path.join(CORPUS, 'sotu/1962_john_f_kennedy_d.json');
const FRONT_MATTER = '---\ntitle: A note on the letter\ndate: 1889-08-02\n---\nIt came by the evening post.\n';

const head = (file: string): string => fs.readFileSync(file).subarray(0, 4096).toString('utf8');

describe('content sniffing: heads only', () => {
  it('knows XML by its start, whatever follows, and not a text that opens with a bracket', () => {
    for (const start of ['<?xml version="1.0"?><a/>', '\uFEFF\n  <!-- licence -->', '<!DOCTYPE TEI>', '<rss version="2.0">', '<TEI>', '<tei:TEI\n', '<br/>']) {
      assert.equal(looksLikeXml(start), true, start);
    }
    for (const start of ['<john@example.org> wrote:', '< not a tag', '<3 to you', 'Text with <TEI> later', '']) assert.equal(looksLikeXml(start), false, start);
  });

  it('takes XML for TEI by its root only: <TEI>, <teiCorpus>, or a root in the TEI namespace', () => {
    assert.equal(looksLikeTei('<?xml version="1.0"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">'), true);
    assert.equal(looksLikeTei('<teiCorpus>'), true);
    assert.equal(looksLikeTei('<tei:TEI xmlns:tei="urn:x">'), true);
    assert.equal(looksLikeTei("<t:text xmlns:t = 'http://www.tei-c.org/ns/1.0'>"), true);
    // The FRUS catalogue quotes TEI paragraphs inside its own <volume> records.
    const catalogue = head(path.join(CORPUS, 'frus/bibliography/frus1961-63v06.xml'));
    assert.equal(looksLikeTei(catalogue), false);
    assert.equal(rootElement(catalogue), 'volume');
    assert.equal(looksLikeTei('<text xmlns:t="http://www.tei-c.org/ns/1.0">'), false, 'the namespace of another prefix');
    assert.equal(looksLikeTei('<rss version="2.0">'), false);
  });

  it('knows JSON records and front matter by their start, and not a text that merely opens alike', () => {
    for (const start of ['{"title":"A"}', '\uFEFF [\n  {"id":1}]', '[]', '{}', '{\n']) assert.equal(looksLikeJson(start), true, start);
    for (const start of ['[Draft] A letter', '{sic} in the text', '[1] A footnote', 'title,date']) assert.equal(looksLikeJson(start), false, start);
    for (const start of [FRONT_MATTER, '---\r\n# a comment\r\n\r\ntitle: x\r\n', '---\n---\nBody.']) assert.equal(startsWithFrontMatter(start), true, start);
    for (const start of ['---\nA rule, then prose.\n', '--- Draft ---\ntitle: x\n', 'title: x\n---\n']) assert.equal(startsWithFrontMatter(start), false, start);
  });
});

describe('ingest --format auto: content first', () => {
  let scratch: ReturnType<typeof scratchDir>;
  let store: ArchiveStore;
  const options = (extra: Partial<IngestOptions> = {}): IngestOptions => ({ store, format: 'auto', errors: { write: () => true }, readerThread: false, ...extra });
  const titles = async (): Promise<string[]> => (await store.search(searchRequestFor(''), STAFF)).hits.map((hit) => hit.title).sort();
  const copy = (from: string, name: string): string => {
    const to = path.join(scratch.dir, name);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(from, to);
    return to;
  };
  const stored = (summary: IngestSummary): number => summary.new + summary.updated + summary.unchanged;
  const reasons = (summary: IngestSummary): string[] => summary.failures.map((failure) => failure.reason);

  beforeEach(() => {
    scratch = scratchDir('auto');
    store = openSqliteStore(path.join(scratch.dir, 'archive.db'));
  });
  afterEach(async () => {
    await store.close();
    scratch.cleanup();
  });

  for (const name of ['letter.txt', 'letter.data', 'letter']) {
    it(`reads a TEI letter copied to ${name} as a TEI letter`, async () => {
      const file = copy(LETTER, `in/${name}`);
      assert.equal(detectFormat(file, head(file)), teiLetterFormat);
      const summary = await ingestPaths([file], options());
      assert.deepEqual([summary.new, summary.failed], [1, 0], JSON.stringify(summary.failures));
      assert.deepEqual(await titles(), ['Fedor Mamroth an Arthur Schnitzler, 2. 8. 1889']);
    });
  }

  for (const name of ['cmif.txt', 'cmif.data', 'cmif']) {
    it(`reads a CMIF file copied to ${name} as CMIF`, async () => {
      const file = copy(CMIF, `in/${name}`);
      assert.equal(detectFormat(file, head(file)), cmifFormat);
      const summary = await ingestPaths([file], options());
      assert.deepEqual([summary.new, summary.failed], [3, 0], JSON.stringify(summary.failures));
      assert.ok((await titles()).every((title) => !title.startsWith('<')));
    });
  }

  it('reads Markdown with front matter whatever its name; a .md without it stays Markdown', async () => {
    const bare = scratch.write('in/note', FRONT_MATTER);
    const txt = scratch.write('in/note2.txt', FRONT_MATTER.replace('A note', 'Another note'));
    const md = scratch.write('in/plain.md', '# Plain Markdown\n\n[Draft] no front matter.\n');
    for (const file of [bare, txt, md]) assert.equal(detectFormat(file, head(file)), markdownFormat, file);
    // Named as JSON, a file stays with the JSON reader, as before; a rule then prose stays text.
    assert.equal(detectFormat('/x/a.json', FRONT_MATTER), jsonFormat);
    assert.equal(detectFormat('/x/a.txt', '---\nA rule, then prose.\n'), textFormat);
    const summary = await ingestPaths([path.join(scratch.dir, 'in')], options());
    assert.deepEqual([summary.new, summary.failed], [3, 0], JSON.stringify(summary.failures));
    assert.deepEqual(await titles(), ['A note on the letter', 'Another note on the letter', 'Plain Markdown']);
  });

  it('reads our JSON with no extension, an export under another name, and records through their mapping', async () => {
    const ours = scratch.write('in/doc', JSON.stringify({ id: 'j1', title: 'A JSON document' }));
    const exported = scratch.write('in/backup.export', JSON.stringify({ format: 'archivum-export', version: 1, documents: [{ id: 'j2', title: 'An exported document' }] }));
    const address = copy(SOTU_1962, 'in/records/address');
    fs.copyFileSync(SOTU_MAPPING, `${address}.mapping.json`);
    assert.equal(detectFormat(ours, head(ours)), jsonFormat);
    assert.equal(detectFormat(exported, head(exported)), jsonFormat);
    assert.equal(detectFormat(address, head(address)), mappedJsonFormat);
    const summary = await ingestPaths([path.join(scratch.dir, 'in')], options());
    assert.deepEqual([summary.new, summary.failed], [3, 0], JSON.stringify(summary.failures));
    assert.deepEqual(await titles(), ['A JSON document', 'An exported document', 'State of the Union Address, 1962 (John F Kennedy)']);
    // Through an explicit mapping too (one whose "files" pattern would leave out a name with no extension).
    const { files: _pattern, ...everyFile } = JSON.parse(fs.readFileSync(SOTU_MAPPING, 'utf8')) as Record<string, unknown>;
    const mappingFile = scratch.write('mapping.json', JSON.stringify(everyFile));
    const speech = copy(SOTU_1962, 'other/address'); // the same source, read again
    const again = await ingestPaths([speech], options({ mappingFile }));
    assert.deepEqual([stored(again), again.failed], [1, 0], JSON.stringify(again.failures));
  });

  it('leaves what happens to .json files as it was', () => {
    assert.equal(detectFormat('/x/notes.json', 'not JSON at all'), jsonFormat);
    assert.equal(detectFormat('/x/notes.jsonl', ''), jsonFormat);
    assert.equal(detectFormat(SOTU_1962, head(SOTU_1962)), jsonFormat, 'no mapping beside it');
  });

  it('gives a truncated or broken TEI file the TEI reader, which names the error', async () => {
    const letter = fs.readFileSync(LETTER);
    // Cut off in its header, before the correspDesc that tells a letter from CMIF.
    const cut = scratch.write('in/cut.xml', letter.subarray(0, 4000));
    const cutTxt = scratch.write('in/cut.txt', letter.subarray(0, 4000));
    const broken = scratch.write('in/broken.data', '<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc a="1" a="2"/></teiHeader></TEI>\n');
    for (const file of [cut, cutTxt, broken]) assert.equal(detectFormat(file, head(file)), teiLetterFormat, file);
    const auto = await ingestPaths([cut, cutTxt, broken], options());
    const named = await ingestPaths([cut, cutTxt, broken], options({ format: 'tei' }));
    assert.deepEqual(reasons(auto), reasons(named));
    assert.match(reasons(auto)[0]!, /^truncated or incomplete XML at line \d+, column \d+: unclosed tag: /);
    assert.match(reasons(auto)[2]!, /^not well-formed XML at line 2, column \d+: duplicate attribute/);
  });

  it('says that XML which is not TEI is XML, naming its root, whatever its name', async () => {
    const feed = '<?xml version="1.0"?>\n<!-- a feed -->\n<rss version="2.0"><channel><title>News</title></channel></rss>\n';
    const files = ['feed.xml', 'feed.data', 'feed.txt', 'feed'].map((name) => scratch.write(`in/${name}`, feed));
    const summary = await ingestPaths(files, options());
    assert.deepEqual(reasons(summary), files.map(() => 'XML, but not TEI (root element <rss>): no importer reads it'));
    assert.equal(unrecognizedReason('<?xml version="1.0"?>'), 'XML, but no root element where its prolog ends: no importer reads it');
    assert.equal(unrecognizedReason('what is this'), 'unrecognized format');
  });

  it('keeps text by its .txt name only: extensionless files in a walk are skipped or reported, never stored as text', async () => {
    scratch.write('in/LICENSE', 'MIT License\n\nCopyright (c) 2024\n');
    scratch.write('in/.gitignore', 'node_modules\n');
    scratch.write('in/Makefile', 'all:\n\ttrue\n');
    scratch.write('in/notes.txt', '[Draft] Notes on the letter\nSome text.\n');
    scratch.write('in/mail.txt', '<fm@example.org> wrote:\nA reply.\n');
    const summary = await ingestPaths([path.join(scratch.dir, 'in')], options());
    assert.deepEqual(summary.failures.map((f) => [path.basename(f.file), f.reason]), [['Makefile', 'unrecognized format']]);
    assert.deepEqual(await titles(), ['<fm@example.org> wrote:', '[Draft] Notes on the letter']);
  });

  it('reads a text that opens with a bracketed word as text; a Markdown note quoting TEI stays Markdown; YAML is no Markdown', async () => {
    scratch.write('in/illegible.txt', '<illegible> the first line\nThe rest of the transcription.\n');
    scratch.write('in/letterhead.txt', '<Letterhead: Ministry of Foreign Affairs>\nDear Sir,\n');
    // An HTML comment first, then TEI quoted in a code block: the root is no TEI element.
    scratch.write('in/quoting.md', '<!-- draft -->\n# Notes\n\n```xml\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><correspDesc/></teiHeader></TEI>\n```\n');
    const yaml = scratch.write('in/ci.yml', '---\nname: build\non: push\n');
    const summary = await ingestPaths([path.join(scratch.dir, 'in')], options());
    // The Markdown reader has it (a Markdown file without front matter has no title), not TEI's.
    assert.deepEqual(summary.failures.map((f) => [path.basename(f.file), f.reason]), [['ci.yml', 'unrecognized format'], ['quoting.md', 'title: missing']]);
    assert.deepEqual(await titles(), ['<Letterhead: Ministry of Foreign Affairs>', '<illegible> the first line']);
    assert.equal(detectFormat(yaml, head(yaml)), undefined);
  });

  it('sniffs front matter in time whatever its comment lines: no backtracking that doubles with each', { timeout: 10_000 }, () => {
    // 40 comment lines ending in CRLF, then prose: no key, so no front matter. Each such line
    // once doubled the ways a failing match was tried.
    const text = `---\r\n${'# line\r\n'.repeat(40)}Prose, not a key.\r\n`;
    assert.equal(startsWithFrontMatter(text), false);
    assert.equal(startsWithFrontMatter(`---\r\n${'# line\r\n'.repeat(40)}title: x\r\n`), true);
  });

  it('leaves --format NAME as it was: a TEI letter named .txt is read as text when told so', async () => {
    const file = copy(LETTER, 'in/letter.txt');
    const summary = await ingestPaths([file], options({ format: 'text' }));
    assert.equal(summary.new, 1);
    assert.match((await titles())[0] ?? '', /^<\?xml version="1\.0"/);
  });
});
