import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { invalidUtf8Offset, notUtf8Text } from '../encoding.js';
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
 * one string. Throws {@link SourceFileError} for UTF-16/32 files and invalid byte sequences
 * (with the byte offset), instead of letting a lenient decoder turn them into U+FFFD mojibake
 * that would then be stored and indexed. A leading UTF-8 byte-order mark is dropped.
 */
export async function* readUtf8Chunks(path: string, options: Utf8StreamOptions = {}): AsyncGenerator<string> {
  const maxBytes = options.maxBytes ?? STREAM_MAX_BYTES;
  const info = await stat(path);
  if (!info.isFile()) throw new SourceFileError(path, 'not a regular file');
  if (info.size > maxBytes) {
    throw new SourceFileError(path, `file is ${info.size} bytes; this format reads at most ${maxBytes}`);
  }
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let offset = 0;
  const stream = createReadStream(path, { highWaterMark: options.chunkBytes ?? 64 * 1024 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const problem = notUtf8Text(chunk, offset);
      if (problem) throw new SourceFileError(path, problem);
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        // The decoder does not say where; find the first bad sequence in this chunk (a sequence
        // split across chunks is found at the chunk start, close enough to locate it).
        const at = offset + Math.max(0, invalidUtf8Offset(chunk));
        throw new SourceFileError(path, `file is not valid UTF-8 (invalid byte sequence at byte ${at}); convert it to UTF-8`);
      }
      offset += chunk.length;
      if (text) yield text;
    }
    let rest: string;
    try {
      rest = decoder.decode();
    } catch {
      throw new SourceFileError(path, 'file is not valid UTF-8 (it ends inside a multi-byte character); convert it to UTF-8');
    }
    if (rest) yield rest;
  } finally {
    stream.destroy();
  }
}

