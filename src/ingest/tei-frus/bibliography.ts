import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
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
 * The record is optional: a volume read from anywhere else, or whose record is missing, too
 * large, not UTF-8, not well-formed or about another volume, is read without a summary. It is
 * parsed by the same guarded parser as every other XML file (no entities, bounded nesting).
 */
export function readVolumeSummary(volumeFile: string, volumeId: string): string | undefined {
  const record = join(dirname(volumeFile), '..', 'bibliography', `${basename(volumeId)}.xml`);
  let bytes: Buffer;
  try {
    if (statSync(record).size > MAX_RECORD_BYTES) return undefined;
    bytes = readFileSync(record);
  } catch {
    return undefined;
  }
  try {
    return summaryOf(new TextDecoder('utf-8', { fatal: true }).decode(bytes), record, volumeId);
  } catch {
    return undefined;
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
      else if (current && tag.local === 'p') {
        flush();
      }
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
