import assert from 'node:assert/strict';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { ingestPaths } from '../../src/ingest/driver.js';
import { pdfFormat, readPdfFile } from '../../src/ingest/pdf/index.js';
import { PDF_MEMORY_MB } from '../../src/ingest/pdf/text.js';
import { searchRequestFor } from '../../src/search/params.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { STAFF } from '../../src/store/types.js';
import { makeBombPdf, makePdf } from '../fixtures/pdf.js';
import { failure, okRecord, scratchDir } from './helpers.js';

const scratch = scratchDir('pdf');
after(() => scratch.cleanup());

const MEMO = [
  ['Memorandum for the President', 'Washington, May 3, 1963', '', 'SUBJECT: Berlin (the access routes)'],
  ['The Soviet note of 2 May is answered in the enclosed draft.', 'Dean Rusk'],
];

describe('PDF reader', () => {
  it('reads the text layer page by page: a page break between pages, each line on its own, a blank line ending a paragraph', async () => {
    const file = scratch.write('in/memo-1963.pdf', makePdf(MEMO, { info: { Title: 'Memorandum on Berlin', Author: 'typist' } }));
    const { document } = okRecord(await readPdfFile(file, { collection: 'state' }));
    assert.equal(document.id, 'memo-1963');
    assert.equal(document.sourceId, 'pdf:memo-1963');
    assert.equal(document.title, 'Memorandum on Berlin');
    assert.deepEqual(document.body, [
      { kind: 'pb', n: '1' },
      { kind: 'p', children: ['Memorandum for the President', { kind: 'lb' }, 'Washington, May 3, 1963'] },
      { kind: 'p', children: ['SUBJECT: Berlin (the access routes)'] },
      { kind: 'pb', n: '2' },
      { kind: 'p', children: ['The Soviet note of 2 May is answered in the enclosed draft.', { kind: 'lb' }, 'Dean Rusk'] },
    ]);
    assert.match(document.text ?? '', /^Memorandum for the President\nWashington, May 3, 1963\n\nSUBJECT: Berlin/);
    assert.deepEqual(document.date, { display: '[undated]' });
    assert.deepEqual(document.authors, [], "the file's Author is whoever typed it, not the document's author");
    assert.deepEqual(document.collections, ['state']);
  });

  it("takes the first line as the title when the file's title is a word processor's placeholder", async () => {
    const file = scratch.write('in/placeholder.pdf', makePdf([['Telegram from Moscow', 'Text.']], { info: { Title: 'Microsoft Word - tel 4711.doc' } }));
    const { document } = okRecord(await readPdfFile(file));
    assert.equal(document.title, 'Telegram from Moscow');
    assert.deepEqual(document.body, [{ kind: 'p', children: ['Telegram from Moscow', { kind: 'lb' }, 'Text.'] }], 'one page: no page break');
  });

  it('refuses, with a reason, a scan without a text layer, a password, and a file that is no PDF', async () => {
    const scan = failure(await readPdfFile(scratch.write('bad/scan.pdf', makePdf([[''], ['']]))));
    assert.equal(scan.reason, 'no text layer on its 2 pages (a scan not yet OCRed?); nothing to read or search');
    const locked = failure(await readPdfFile(scratch.write('bad/locked.pdf', makePdf(MEMO, { encrypted: true }))));
    assert.equal(locked.reason, 'the PDF is protected by a password; Archivum cannot open it');
    const notPdf = failure(await readPdfFile(scratch.write('bad/notes.pdf', 'Just some notes, saved with the wrong extension.\n')));
    assert.match(notPdf.reason, /^not a PDF that can be read \(/);
    assert.equal(notPdf.label, 'notes');
  });

  it('survives a damaged file on which pdf.js leaves a rejection of its own unhandled', async () => {
    // Five bytes changed by a fuzzer: pdf.js's document information request then rejects inside
    // pdf.js with nobody to handle it ("End of file inside dictionary"), which ends a Node process.
    const damaged = makePdf([['Memorandum', 'Line two'], ['Page two']], { info: { Title: 'T' } });
    for (const [at, byte] of [[336, 0x96], [628, 0x28], [792, 0x94], [821, 0xca], [848, 0x15]] as const) damaged[at] = byte;
    const outcome = await readPdfFile(scratch.write('bad/damaged.pdf', damaged));
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(outcome.label, 'damaged');
  });

  it('refuses a decompression bomb once reading it takes more memory than the limit, and reads on', async () => {
    const bomb = await makeBombPdf(900);
    assert.ok(bomb.length < 2_000_000, `${bomb.length} bytes`);
    const refused = failure(await readPdfFile(scratch.write('bad/bomb.pdf', bomb)));
    assert.match(refused.reason, new RegExp(`took more than ${PDF_MEMORY_MB} MB of memory`));
    okRecord(await readPdfFile(scratch.write('in/after-bomb.pdf', makePdf(MEMO))));
  });

  it('is claimed by its extension or its %PDF- header', () => {
    assert.ok(pdfFormat.sniff('a/b.PDF', ''));
    assert.ok(pdfFormat.sniff('scan-0001', '%PDF-1.7\n'));
    assert.ok(!pdfFormat.sniff('a/b.txt', 'text'));
  });
});

describe('PDF ingest', () => {
  it('stores PDFs found in a folder walk, searchable, on the reader thread too, and re-ingests them unchanged', async () => {
    scratch.write('walk/memo.pdf', makePdf(MEMO, { info: { Title: 'Memorandum on Berlin' } }));
    scratch.write('walk/truncated.pdf', makePdf(MEMO).subarray(0, 200));
    // Plain text that happens to start like a PDF is plain text.
    scratch.write('walk/notes-on-pdf.txt', '%PDF-1.4 is the version the scans were saved in\nNotes.\n');
    for (const readerThread of [false, true]) {
      const store = openSqliteStore(path.join(scratch.dir, `archive-${readerThread}.db`));
      try {
        const errors: string[] = [];
        const options = { store, format: 'auto' as const, readerThread, errors: { write: (t: string) => errors.push(t) } };
        const first = await ingestPaths([path.join(scratch.dir, 'walk')], options);
        assert.deepEqual({ new: first.new, failed: first.failed }, { new: 2, failed: 1 });
        assert.equal(first.failures[0]?.file, path.join(scratch.dir, 'walk', 'truncated.pdf'));
        const hits = await store.search(searchRequestFor('"access routes"'), STAFF);
        assert.deepEqual(hits.hits.map((h) => h.id), ['memo']);
        const again = await ingestPaths([path.join(scratch.dir, 'walk', 'memo.pdf')], { ...options, format: 'pdf' });
        assert.equal(again.unchanged, 1);
      } finally {
        await store.close();
      }
    }
  });
});
