import { isUtf8 } from 'node:buffer';
import { stat, readFile } from 'node:fs/promises';
import { SourceFileError } from './format.js';

/** Readers hold a whole file in memory; beyond this they refuse rather than exhaust the heap. */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

export interface ReadLimits {
  maxBytes?: number;
}

/**
 * Reads a file that must be UTF-8 and returns its bytes without a UTF-8 byte-order mark.
 * Readers that parse bytes themselves (JSON) use this to avoid holding the file twice.
 * Throws {@link SourceFileError} for UTF-16/UTF-32 files, invalid UTF-8 and oversized files, so
 * the driver reports the file instead of storing mojibake.
 */
export async function readUtf8Bytes(path: string, limits: ReadLimits = {}): Promise<Buffer> {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  const info = await stat(path);
  if (info.size > maxBytes) {
    throw new SourceFileError(path, `file is ${formatBytes(info.size)}; this format reads at most ${formatBytes(maxBytes)}`);
  }
  const bytes = await readFile(path);
  const problem = notUtf8Text(bytes);
  if (problem) throw new SourceFileError(path, problem);
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if (!isUtf8(body)) {
    const at = Math.max(0, invalidUtf8Offset(body));
    throw new SourceFileError(path, notUtf8Reason(body[at], countLineEnds(body, at) + 1, at + (body === bytes ? 0 : 3)));
  }
  return body;
}

/** Reads a UTF-8 text file (see {@link readUtf8Bytes}) as a string, without its BOM. */
export async function readUtf8File(path: string, limits: ReadLimits = {}): Promise<string> {
  const bytes = await readUtf8Bytes(path, limits);
  // Validated above; the fatal decoder is a second line of defence, and ignoreBOM keeps a
  // second BOM (rare, but real in concatenated files) as content rather than dropping it.
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
}

/**
 * Why bytes that start a file (or a later chunk of it: `offset`) cannot be UTF-8 text, or null:
 * a UTF-16/32 byte-order mark, or a NUL byte, which no text format holds and which UTF-16
 * without a byte-order mark is full of ("H\0e\0l\0l\0o" is valid UTF-8 and would be stored so).
 */
export function notUtf8Text(bytes: Uint8Array, offset = 0): string | null {
  const bom = offset === 0 ? utf16Or32Bom(bytes) : null;
  if (bom) return `file is ${bom} (byte-order mark found); save it as UTF-8`;
  const nul = bytes.indexOf(0);
  if (nul !== -1) return `file holds a NUL byte at byte ${offset + nul}: it is binary, or UTF-16 without a byte-order mark; save it as UTF-8`;
  return null;
}

/** The encoding a UTF-16/32 byte-order mark announces, or null. */
export function utf16Or32Bom(bytes: Uint8Array): string | null {
  const [a, b, c, d] = bytes;
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return 'UTF-32LE';
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return 'UTF-32BE';
  if (a === 0xff && b === 0xfe) return 'UTF-16LE';
  if (a === 0xfe && b === 0xff) return 'UTF-16BE';
  return null;
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence, or -1. */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b === 0xe0) [need, min] = [2, 0xa0];
    else if (b === 0xed) [need, min, max] = [2, 0x80, 0x9f]; // no UTF-16 surrogates
    else if (b >= 0xe1 && b <= 0xef) [need, min] = [2, 0x80];
    else if (b === 0xf0) [need, min] = [3, 0x90];
    else if (b >= 0xf1 && b <= 0xf3) [need, min] = [3, 0x80];
    else if (b === 0xf4) [need, min, max] = [3, 0x80, 0x8f];
    else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      const lo = k === 1 ? min : 0x80;
      const hi = k === 1 ? max : 0xbf;
      if (c === undefined || c < lo || c > hi) return i;
    }
    i += need + 1;
  }
  return -1;
}

/**
 * Why a file is not UTF-8, where: the first bad byte, its line and its offset in the file. Most
 * such files are Latin-1 or Windows-1252 (older Excel saves CSV so), which name no encoding.
 */
export function notUtf8Reason(byte: number | undefined, line: number, offset: number): string {
  const hex = byte === undefined ? '' : ` 0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  return `file is not valid UTF-8: invalid byte${hex} on line ${line.toLocaleString('en')}, at byte ${offset.toLocaleString('en')}; convert the file to UTF-8 (is it Latin-1 or Windows-1252?)`;
}

/**
 * Line ends (LF, CRLF or a lone CR, each one) in `bytes` before `end`; `previous` is the byte
 * before them (a CR ending the last chunk was counted, so a LF starting this one is not).
 * indexOf, not a loop over every byte: streaming readers count every chunk of every file.
 */
export function countLineEnds(bytes: Uint8Array, end: number, previous = 0): number {
  let n = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < end; i = bytes.indexOf(0x0a, i + 1)) {
    if (i > 0 || previous !== 0x0d) n++;
  }
  for (let i = bytes.indexOf(0x0d); i !== -1 && i < end; i = bytes.indexOf(0x0d, i + 1)) {
    if (bytes[i + 1] !== 0x0a) n++;
  }
  return n;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round(n / (1024 * 1024))} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}

/**
 * CRLF and lone CR become LF. Done on the UTF-8 bytes (CR and LF never occur inside a multibyte
 * sequence): a regex replace keeps a part per match until it joins them, and a 6 MB file of
 * millions of line ends cost 190 MB that way.
 */
export function normalizeNewlines(text: string): string {
  if (!text.includes('\r')) return text;
  const bytes = Buffer.from(text, 'utf8');
  let w = 0;
  for (let r = 0; r < bytes.length; r++) {
    const b = bytes[r]!;
    if (b !== 13) bytes[w++] = b;
    else if (bytes[r + 1] !== 10) bytes[w++] = 10;
  }
  return bytes.toString('utf8', 0, w);
}
