/*
 * Hostile inputs that once took quadratic or exponential time somewhere in ingest. Each is sized
 * so that the old code needed minutes (or days) where the current code needs well under a
 * second; the assertions check that the result is still right. A regression shows as a suite
 * that stalls here.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseDateText, slugify } from '../../src/domain/index.js';
import { defaultCsvMapping, defaultMappingConflict } from '../../src/ingest/csv/mapping.js';
import type { RecordOutcome } from '../../src/ingest/format.js';
import { parseMarkdownBody } from '../../src/ingest/markdown/blocks.js';
import { FrontMatterError, parseFrontMatter } from '../../src/ingest/markdown/front-matter.js';
import { parseFrusStream } from '../../src/ingest/tei-frus/index.js';
import { resolveRef } from '../../src/ingest/tei-frus/refs.js';
import { sentenceEnd } from '../../src/ingest/tei-frus/supplement.js';
import { spacedText } from '../../src/ingest/tei-frus/text.js';
import { tidy } from '../../src/ingest/tei-letter/body.js';
import { teiLetterFormat } from '../../src/ingest/tei-letter/index.js';
import { hasEmptyBody } from '../../src/ingest/xml/sniff.js';
import { scratchDir } from './helpers.js';

const scratch = scratchDir('hostile-sizes');
after(() => scratch.cleanup());

async function collect(source: AsyncIterable<RecordOutcome>): Promise<RecordOutcome[]> {
  const out: RecordOutcome[] = [];
  for await (const o of source) out.push(o);
  return out;
}

describe('inputs sized to expose super-linear time', () => {
  it('sniffing a letter body of many comments (2^k ways for the old pattern)', () => {
    assert.equal(hasEmptyBody(`<body>${'<!---->'.repeat(60)}<p>x</p></body>`), false);
    assert.equal(hasEmptyBody(`<body>${'<!-- a - b --->'.repeat(60)}<p/></body>`), true);
    assert.equal(hasEmptyBody(`<body>${'<p xml:lang="de" '.repeat(5000)}</body>`), false);
  });

  it('a CSV header of 200,000 columns that all give one field (a copied list per column: quadratic)', () => {
    const headers = ['title', ...Array.from({ length: 200_000 }, () => 'to')];
    assert.match(defaultMappingConflict(headers) ?? '', /^columns "to", "to", .* and 199,980 more all give recipients/);
    assert.deepEqual(defaultCsvMapping(headers).fields.recipients, { column: 'to' });
  });

  it('FRUS text of 200,000 pieces with boundaries to restore', () => {
    const children = Array.from({ length: 100_000 }, () => [{ name: 'hi', attrs: {}, children: ['word'] }, ',']).flat();
    const text = spacedText({ name: 'head', attrs: {}, children });
    assert.ok(text === `${Array.from({ length: 100_000 }, () => 'word').join(', ')},`, 'a space after each comma before the next element');
    // The boundary rules still apply: a space after punctuation before an element, none inside "(".
    assert.equal(spacedText({ name: 'p', attrs: {}, children: ['Mr.', { name: 'persName', attrs: {}, children: ['Kennedy'] }, ' (', { name: 'hi', attrs: {}, children: [' Austin '] }, ')'] }), 'Mr. Kennedy (Austin)');
  });

  it('FRUS footnotes: 40,000 notes all marked "1"', async () => {
    const notes = Array.from({ length: 40_000 }, (_, i) => `<note n="1">note ${i}</note>`).join('');
    const xml = `<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="frus9999v03"><teiHeader><fileDesc><titleStmt><title type="complete">T</title></titleStmt></fileDesc></teiHeader>
      <text><body><div type="document" xml:id="d1" n="1"><head>1. Notes</head><p>Text${notes}</p></div></body></text></TEI>`;
    const [outcome] = await collect(parseFrusStream((async function* () { yield xml; })(), 'notes.xml'));
    assert.ok(outcome?.ok, outcome && !outcome.ok ? outcome.reason : 'no outcome');
    const footnotes = outcome.record.document.footnotes;
    assert.equal(footnotes.length, 40_000);
    assert.deepEqual(footnotes.slice(0, 3).map((f) => f.n), ['1', '1-2', '1-3']);
    assert.equal(footnotes[39_999]!.n, '1-40000');
  });

  it('TEI letter text of 100,000 adjacent pieces, and a closer of 24,000 salutations', async () => {
    assert.deepEqual(tidy(Array.from({ length: 100_000 }, () => 'ab  ')), ['ab '.repeat(100_000).trimEnd()]);
    const fixture = fileURLToPath(new URL('../fixtures/tei-letter/editions/L99001.xml', import.meta.url));
    const dir = path.join(scratch.dir, 'edition', 'editions');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'L99003.xml');
    writeFileSync(file, readFileSync(fixture, 'utf8').replace(/<closer>[\s\S]*?<\/closer>/, `<closer>${'<salute>Gruß</salute>'.repeat(24_000)}</closer>`));
    const [outcome] = await collect(teiLetterFormat.read(file, {}));
    assert.ok(outcome?.ok, outcome && !outcome.ok ? outcome.reason : 'no outcome');
    assert.equal(outcome.record.document.text?.split('Gruß').length, 24_001);
  });

  it('Markdown: a heading with a long run of blanks, and trimming long lines', () => {
    const body = parseMarkdownBody(`# a${' '.repeat(200_000)}b ##\n\n  x${' \t'.repeat(100_000)}y  \n`, { headingAsTitle: false });
    assert.deepEqual(body.blocks[0], { kind: 'heading', level: 2, children: [`a${' '.repeat(200_000)}b`] });
    assert.deepEqual(body.blocks[1], { kind: 'p', children: [`x${' \t'.repeat(100_000)}y`] });
  });

  it('YAML front matter of 100,000 keys, still refusing a repeated key', () => {
    const keys = Array.from({ length: 100_000 }, (_, i) => `k${i}: 1`).join('\n');
    assert.equal(Object.keys(parseFrontMatter(keys, 2)).length, 100_000);
    assert.throws(() => parseFrontMatter(`${keys}\nk5: 2`, 2), (e: unknown) => e instanceof FrontMatterError && /line 100002, column 1: Map keys must be unique/.test(e.message));
  });

  it('ids and dates from long runs of punctuation', () => {
    const dots = `a${'.'.repeat(200_000)}b`;
    assert.ok(slugify(dots, 300_000) === dots, 'dots inside an id stay');
    assert.equal(slugify(dots, 100_000), 'a');
    assert.equal(slugify(`--${'a'.repeat(10)}..`), 'aaaaaaaaaa');
    assert.equal(parseDateText(`${'/'.repeat(200_000)} x y`), null);
    assert.deepEqual(parseDateText('1963-01-31/1963-02-05'), { start: '1963-01-31', end: '1963-02-05', display: '31 January 1963 – 5 February 1963' });
  });

  it('FRUS supplement sentences of many initials, and long reference targets', () => {
    const text = `${'A. '.repeat(100_000)}End. Next`;
    assert.equal(sentenceEnd(text, 0), text.length - ' Next'.length);
    assert.equal(sentenceEnd('Talks with Amb. Smith. Then more.', 0), 'Talks with Amb. Smith.'.length);
    const volume = { id: 'frus9999v01', slug: 'frus9999v01', title: 'T', editors: [] };
    assert.equal(resolveRef(`frus${'fn'.repeat(100_000)}!`, volume), undefined);
    assert.deepEqual(resolveRef('frus1961-63v05#d3', volume), { kind: 'doc', id: 'frus1961-63v05-d3', href: 'https://history.state.gov/historicaldocuments/frus1961-63v05/d3' });
  });
});
