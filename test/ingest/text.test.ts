import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { SourceFileError } from '../../src/ingest/format.js';
import { readTextFile, textFormat } from '../../src/ingest/text/index.js';
import { collect, failure, okRecord, scratchDir } from './helpers.js';

const scratch = scratchDir('text');
after(() => scratch.cleanup());

describe('plain text reader', () => {
  it('takes the first non-empty line as the title and the rest as the text', async () => {
    const file = scratch.write('notes/Castro Reply.txt', '\n\n  Letter from Fidel Castro to Khrushchev  \n\n\nDear Comrade Khrushchev,\n\nI have received your letter.\n\n');
    const { document } = okRecord(await readTextFile(file));
    assert.equal(document.title, 'Letter from Fidel Castro to Khrushchev');
    assert.equal(document.text, 'Dear Comrade Khrushchev,\n\nI have received your letter.');
    assert.deepEqual(document.date, { display: '[undated]' });
    assert.equal(document.id, 'castro-reply');
    assert.equal(document.sourceId, 'text:castro-reply');
  });

  it('shortens a very long first line and keeps the whole line in the text', async () => {
    const first = 'word '.repeat(80).trim();
    const { document } = okRecord(await readTextFile(scratch.write('long.txt', `${first}\nSecond line.\n`)));
    assert.ok([...document.title].length <= 200);
    assert.ok(document.title.endsWith('…'));
    assert.equal(document.text, `${first}\nSecond line.`);
  });

  it('reads Windows line endings', async () => {
    const { document } = okRecord(await readTextFile(scratch.write('crlf.txt', 'Title\r\n\r\nBody line\r\n')));
    assert.equal(document.title, 'Title');
    assert.equal(document.text, 'Body line');
  });

  it('reads old Mac line endings (CR alone), mixed ones, and text beyond ASCII around them', async () => {
    const { document } = okRecord(await readTextFile(scratch.write('cr.txt', '\r\rTítulo\rPrimera línea\r\nSegunda — línea\n\r\rÚltima\r')));
    assert.equal(document.title, 'Título');
    assert.equal(document.text, 'Primera línea\nSegunda — línea\n\n\nÚltima');
  });

  it('fails an empty file as a record without a title', async () => {
    assert.match(failure(await readTextFile(scratch.write('empty.txt', ' \n\n'))).reason, /empty/);
  });

  it('refuses UTF-16 and invalid UTF-8, and strips a UTF-8 BOM', async () => {
    const utf16 = scratch.write('utf16.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('Title', 'utf16le').swap16()]));
    await assert.rejects(readTextFile(utf16), (e: unknown) => e instanceof SourceFileError && /UTF-16BE/.test(e.message));
    const cp1252 = scratch.write('cp1252.txt', Buffer.from([0x54, 0x69, 0x74, 0x6c, 0x65, 0x0a, 0x93, 0x71, 0x94]));
    await assert.rejects(readTextFile(cp1252), (e: unknown) => e instanceof SourceFileError && /not valid UTF-8.*byte 6/.test(e.message));
    const bom = scratch.write('bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Título\nTexto')]));
    assert.equal(okRecord(await readTextFile(bom)).document.title, 'Título');
  });

  it('claims .txt files only', async () => {
    assert.equal(textFormat.sniff('a/b.txt', 'x'), true);
    assert.equal(textFormat.sniff('a/b.md', 'x'), false);
    assert.equal((await collect(textFormat.read(scratch.write('one.txt', 'A\nB'), { collection: 'notes' })))[0]?.ok, true);
  });
});
