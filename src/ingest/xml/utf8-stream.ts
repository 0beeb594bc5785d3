import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { countLineEnds, invalidUtf8Offset, notUtf8Reason, notUtf8Text, utf16Or32Bom } from '../encoding.js';
import { SourceFileError } from '../format.js';

/** Streaming readers refuse files beyond this, so one hostile file cannot fill the disk cache or heap. */
export const STREAM_MAX_BYTES = 512 * 1024 * 1024;

export interface Utf8StreamOptions {
  maxBytes?: number;
  /** Bytes per read; small values are only useful in tests. */
  chunkBytes?: number;
}

/**
 * Reads a file as UTF-8 text, chunk by chunk, so large XML and CSV files never sit in memory as
 * one string (see {@link decodeUtf8Stream}).
 */
export async function* readUtf8Chunks(path: string, options: Utf8StreamOptions = {}): AsyncGenerator<string> {
  const maxBytes = options.maxBytes ?? STREAM_MAX_BYTES;
  const info = await stat(path);
  if (!info.isFile()) throw new SourceFileError(path, 'not a regular file');
  if (info.size > maxBytes) {
    throw new SourceFileError(path, `file is ${info.size} bytes; this format reads at most ${maxBytes}`);
  }
  const stream = createReadStream(path, { highWaterMark: options.chunkBytes ?? 64 * 1024 });
  try {
    yield* decodeUtf8Stream(stream as AsyncIterable<Buffer>, path);
  } finally {
    stream.destroy();
  }
}

/**
 * Decodes chunks of bytes as UTF-8 text. Throws {@link SourceFileError} for UTF-16/32 files, NUL
 * bytes and invalid byte sequences (naming the byte, its line and offset), instead of letting a
 * lenient decoder turn them into U+FFFD mojibake that would then be stored and indexed. Before
 * it throws, it yields the text up to the bad byte, so the records that end before it are read
 * wherever the chunk boundaries fall. A leading UTF-8 byte-order mark is dropped.
 */
export async function* decodeUtf8Stream(source: AsyncIterable<Uint8Array | string>, path: string): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let offset = 0;
  let lines = 1;
  let previous = 0;
  // The start of a character the last chunk cut off: the decoder holds it for the next chunk.
  let carry: Uint8Array = EMPTY;
  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    const problem = notUtf8Text(bytes, offset);
    if (problem) {
      // A NUL byte: the text before it is handed over too, as before a bad byte (below).
      const nul = offset === 0 && utf16Or32Bom(bytes) ? 0 : Math.max(0, bytes.indexOf(0));
      let before = '';
      try {
        before = decoder.decode(bytes.subarray(0, nul));
      } catch {
        // The bytes before it are no UTF-8 either: the NUL is what is reported.
      }
      if (before) yield before;
      throw new SourceFileError(path, problem);
    }
    let text: string;
    try {
      text = decoder.decode(bytes, { stream: true });
    } catch {
      const joined = Buffer.concat([carry, bytes]);
      const bad = Math.max(0, invalidUtf8Offset(joined));
      // What precedes the bad byte is whole characters: hand it over, then refuse the rest.
      const before = new TextDecoder('utf-8', { fatal: true, ignoreBOM: offset > 0 }).decode(joined.subarray(0, bad));
      if (before) yield before;
      const at = offset - carry.length + bad;
      throw new SourceFileError(path, notUtf8Reason(joined[bad], lines + countLineEnds(joined, bad, previous), at));
    }
    offset += bytes.length;
    lines += countLineEnds(bytes, bytes.length, previous);
    if (bytes.length) previous = bytes[bytes.length - 1]!;
    carry = unfinishedCharacter(carry, bytes);
    if (text) yield text;
  }
  let rest: string;
  try {
    rest = decoder.decode();
  } catch {
    throw new SourceFileError(path, 'file is not valid UTF-8: it ends inside a multi-byte character (cut short?); convert it to UTF-8');
  }
  if (rest) yield rest;
}

const EMPTY = new Uint8Array(0);

/** The bytes at the end of `carry` + `bytes` that start a character still missing bytes (at most 3). */
function unfinishedCharacter(carry: Uint8Array, bytes: Uint8Array): Uint8Array {
  const tail = bytes.length >= 3 ? bytes.subarray(bytes.length - 3) : Buffer.concat([carry, bytes]).subarray(-3);
  for (let i = tail.length - 1; i >= 0; i--) {
    const b = tail[i]!;
    if ((b & 0xc0) === 0x80) continue;
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return length > tail.length - i ? Uint8Array.from(tail.subarray(i)) : EMPTY;
  }
  return EMPTY;
}
