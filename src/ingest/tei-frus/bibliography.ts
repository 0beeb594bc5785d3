import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { createGuardedParser } from '../xml/guarded-parser.js';

/** A catalogue record is a few kilobytes; anything much larger is not one. */
const MAX_RECORD_BYTES = 1024 * 1024;

/**
 * The volume's summary from the series catalogue, as history.state.gov shows it on the volume's
 * page ("Volume VI presents the complete correspondence between President Kennedy and Chairman
 * Khrushchev …"). The Office of the Historian's repository keeps one `<volume id="…">` record per
 * volume in `bibliography/`, beside `volumes/`; the TEI volume itself has no summary. Paragraphs
 * are separated by a blank line.
 *
 * The record is optional: a volume read from anywhere else, or whose record is missing, not a
 * regular file inside the repository's folder, too large, not UTF-8, not well-formed or about
 * another volume, is read without a summary. It is parsed by the same guarded parser as every
 * other XML file (no entities, bounded nesting).
 */
export function readVolumeSummary(volumeFile: string, volumeId: string): string | undefined {
  const bytes = readCatalogueRecord(volumeFile, join('..', 'bibliography', `${basename(volumeId)}.xml`));
  if (bytes === undefined) return undefined;
  try {
    return summaryOf(new TextDecoder('utf-8', { fatal: true }).decode(bytes), volumeFile, volumeId);
  } catch {
    return undefined;
  }
}

/**
 * The bytes of a regular file at `relative` to the volume's folder, if it is one, lies inside
 * the folder above the volume's (a link may not lead elsewhere) and holds at most
 * MAX_RECORD_BYTES. A FIFO, a device or a folder is no record and is never read; the file opened
 * is checked again, so one swapped for a link after the first check is not read either.
 */
function readCatalogueRecord(volumeFile: string, relative: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    const root = realpathSync(join(dirname(volumeFile), '..'));
    const record = realpathSync(join(dirname(volumeFile), relative));
    if (!isInside(root, record) || !statSync(record).isFile()) return undefined;
    fd = openSync(record, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW | constants.O_NOCTTY);
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > MAX_RECORD_BYTES || !isInside(root, openedPath(fd, record))) return undefined;
    // One byte more than measured: a file still growing is no record either.
    const buffer = Buffer.alloc(stat.size + 1);
    let length = 0;
    while (length < buffer.length) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return length > stat.size ? undefined : buffer.subarray(0, length);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** Where the open file really is: Linux names it under /proc; elsewhere, the path it was opened by. */
function openedPath(fd: number, opened: string): string {
  try {
    return realpathSync(`/proc/self/fd/${fd}`);
  } catch {
    return opened;
  }
}

/** The summary's paragraphs (`p` in any namespace, else its loose text), when the record is about `volumeId`. */
export function summaryOf(xml: string, file: string, volumeId: string): string | undefined {
  const paragraphs: string[] = [];
  const open: string[] = [];
  let aboutVolume = false;
  let current: string[] | undefined;
  const parser = createGuardedParser(file, {
    opentag(tag) {
      if (open.length === 0) aboutVolume = tag.local === 'volume' && tag.attributes['id']?.value.trim() === volumeId;
      open.push(tag.local);
      if (aboutVolume && tag.local === 'summary' && open.length === 2) current = [];
      else if (current && tag.local === 'p') flush();
    },
    closetag() {
      const name = open.pop();
      if (!current) return;
      if (name === 'p') flush();
      else if (name === 'summary' && open.length === 1) {
        flush();
        current = undefined;
      }
    },
    text(text) {
      current?.push(text);
    },
  });
  function flush(): void {
    const paragraph = (current ?? []).join('').replace(/\s+/g, ' ').trim();
    if (paragraph) paragraphs.push(paragraph);
    if (current) current.length = 0;
  }
  parser.write(xml);
  parser.close();
  return paragraphs.length ? paragraphs.join('\n\n') : undefined;
}
