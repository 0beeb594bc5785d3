import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SourceFileError } from '../../../src/ingest/format.js';
import { decodeUtf8Stream } from '../../../src/ingest/xml/utf8-stream.js';

/** Feeds `bytes` in chunks of `size`; returns the text decoded and the error, if any. */
async function decode(bytes: Buffer, size: number): Promise<{ text: string; error?: SourceFileError }> {
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  }
  let text = '';
  try {
    for await (const part of decodeUtf8Stream(chunks(), 'f.csv')) text += part;
  } catch (error) {
    assert.ok(error instanceof SourceFileError, String(error));
    return { text, error };
  }
  return { text };
}

describe('decodeUtf8Stream', () => {
  it('decodes characters cut across chunks, at every chunk size, and drops a leading byte-order mark', async () => {
    const source = 'Chruščëv «Κρεμλίνο» 𝔄\r\nEnd';
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(source)]);
    for (const size of [1, 2, 3, 5, 64]) assert.deepEqual(await decode(bytes, size), { text: source }, `chunks of ${size}`);
  });

  it('hands over the text before a bad byte wherever the chunks end, then names the byte, its line and offset', async () => {
    const head = 'id,title\r\na,Ürsprung\nb,Zweite\rc,Dritte\r\n';
    const bytes = Buffer.concat([Buffer.from(head), Buffer.from('d,M\u00fcller\n', 'latin1')]);
    const at = Buffer.byteLength(head) + 3;
    for (const size of [1, 2, 4, 7, 9, 64 * 1024]) {
      const { text, error } = await decode(bytes, size);
      assert.equal(text, `${head}d,M`, `chunks of ${size}`);
      assert.equal(error?.message, `file is not valid UTF-8: invalid byte 0xFC on line 5, at byte ${at}; convert the file to UTF-8 (is it Latin-1 or Windows-1252?)`, `chunks of ${size}`);
    }
  });

  it('hands over the text before a NUL byte too', async () => {
    const head = 'id,title\na,Erste\n';
    for (const size of [3, 64]) {
      const { text, error } = await decode(Buffer.concat([Buffer.from(head), Buffer.from([0x62, 0x00, 0x63])]), size);
      assert.equal(text, `${head}b`, `chunks of ${size}`);
      assert.match(error?.message ?? '', /NUL byte at byte 18/);
    }
  });

  it('refuses a file that ends inside a character, and UTF-16', async () => {
    assert.match((await decode(Buffer.from([0x61, 0xe2, 0x82]), 1)).error?.message ?? '', /ends inside a multi-byte character/);
    assert.match((await decode(Buffer.from([0xff, 0xfe, 0x61, 0x00]), 64)).error?.message ?? '', /UTF-16LE/);
  });
});
