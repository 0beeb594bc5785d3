import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { SourceFileError } from '../../../src/ingest/format.js';
import { readVolumeSummary, summaryOf } from '../../../src/ingest/tei-frus/bibliography.js';
import { records, volumePath } from './helpers.js';

const scratch = mkdtempSync(join(tmpdir(), 'archivum-frus-catalogue-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of the volume in `<dir>/volumes/`, with `<dir>/bibliography/<id>.xml` holding `record` (none when undefined). */
function layout(name: string, record: string | undefined, volume = 'frus1961-63v06'): string {
  const dir = join(scratch, name);
  mkdirSync(join(dir, 'volumes'), { recursive: true });
  copyFileSync(volumePath(volume), join(dir, 'volumes', `${volume}.xml`));
  if (record !== undefined) {
    mkdirSync(join(dir, 'bibliography'), { recursive: true });
    writeFileSync(join(dir, 'bibliography', `${volume}.xml`), record);
  }
  return join(dir, 'volumes', `${volume}.xml`);
}

const record = (id: string, summary: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<volume id="${id}"><title type="complete">T</title><summary>${summary}</summary><editor role="primary">E</editor></volume>`;

describe('tei-frus: the series catalogue beside the volumes', () => {
  it('gives the volume its summary, paragraph by paragraph, as history.state.gov shows it (1961–63 VI)', async () => {
    // The shared corpus keeps the Office of the Historian's layout: volumes/ beside bibliography/.
    const map = await records('frus1961-63v06', ['frus1961-63v06-d1']);
    const volume = map.get('frus1961-63v06-d1')!.collections.find((c) => c.slug === 'frus1961-63v06')!;
    const paragraphs = volume.description?.split('\n\n') ?? [];
    assert.equal(paragraphs.length, 2);
    assert.match(paragraphs[0]!, /^Volume VI presents the complete correspondence between President Kennedy and Chairman Khrushchev\. It is important/);
    assert.match(paragraphs[1]!, /as expressed by Chairman Khrushchev in his letter of September 29, 1961\. Some of the informal/);
    assert.ok(paragraphs.every((p) => !/\s{2}|\n/.test(p)), 'the record\'s line breaks and indents are one space');
  });

  it('keeps the words of marked-up paragraphs, and text outside any paragraph', () => {
    const summary = summaryOf(
      record('frus9999v01', '<tei:p xmlns:tei="http://www.tei-c.org/ns/1.0">One <tei:hi rend="italic">two</tei:hi>\n   three.</tei:p> <tei:p xmlns:tei="http://www.tei-c.org/ns/1.0">Four.</tei:p>'),
      'r.xml',
      'frus9999v01',
    );
    assert.equal(summary, 'One two three.\n\nFour.');
    assert.equal(summaryOf(record('frus9999v01', 'Loose text.'), 'r.xml', 'frus9999v01'), 'Loose text.');
    assert.equal(summaryOf(record('frus9999v01', ''), 'r.xml', 'frus9999v01'), undefined);
  });

  it('is left out when it is missing, about another volume, broken, not UTF-8 or hostile: the volume still reads', async () => {
    const entityBomb = `<?xml version="1.0"?><!DOCTYPE volume [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><volume id="frus1961-63v06"><summary>&b;</summary></volume>`;
    const cases: [string, string | undefined][] = [
      ['missing', undefined],
      ['another-volume', record('frus1961-63v05', '<p>Not this one.</p>')],
      ['broken', record('frus1961-63v06', '<p>Cut off').slice(0, -20)],
      ['latin1', '<?xml version="1.0"?><volume id="frus1961-63v06"><summary><p>caf\u00e9</p></summary></volume>'],
      ['entities', entityBomb],
    ];
    for (const [name, content] of cases) {
      const path = layout(name, content);
      if (name === 'latin1') writeFileSync(join(scratch, name, 'bibliography', 'frus1961-63v06.xml'), Buffer.from(content!, 'latin1'));
      assert.equal(readVolumeSummary(path, 'frus1961-63v06'), undefined, name);
    }
    assert.throws(() => summaryOf(entityBomb, 'bomb.xml', 'frus1961-63v06'), SourceFileError, 'the guarded parser refuses it');
    // Never anything but a regular file inside the repository's folder: a FIFO would block the
    // ingest for good, a device never ends, and a link may not lead out.
    const fifo = layout('fifo', undefined);
    mkdirSync(join(scratch, 'fifo', 'bibliography'));
    execFileSync('mkfifo', [join(scratch, 'fifo', 'bibliography', 'frus1961-63v06.xml')]);
    // Read as a file, a FIFO blocks the thread for good: asked in a child process with a time limit.
    const child = `import { readVolumeSummary } from ${JSON.stringify(new URL('../../../src/ingest/tei-frus/bibliography.ts', import.meta.url).href)};
      console.log(JSON.stringify(readVolumeSummary(${JSON.stringify(fifo)}, 'frus1961-63v06') ?? null));`;
    const answer = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', child], { timeout: 30_000, encoding: 'utf8' });
    assert.equal(answer.trim(), 'null', 'fifo');
    const device = layout('device', undefined);
    mkdirSync(join(scratch, 'device', 'bibliography'));
    symlinkSync('/dev/zero', join(scratch, 'device', 'bibliography', 'frus1961-63v06.xml'));
    assert.equal(readVolumeSummary(device, 'frus1961-63v06'), undefined, 'a link to a device, out of the folder');
    const folder = layout('folder', undefined);
    mkdirSync(join(scratch, 'folder', 'bibliography', 'frus1961-63v06.xml'), { recursive: true });
    assert.equal(readVolumeSummary(folder, 'frus1961-63v06'), undefined, 'a folder named as the record');
    // A link inside the folder to a record inside it is read: only links out are refused.
    const inside = layout('inside', undefined);
    mkdirSync(join(scratch, 'inside', 'bibliography'));
    writeFileSync(join(scratch, 'inside', 'catalogue.xml'), record('frus1961-63v06', '<p>Linked.</p>'));
    symlinkSync(join(scratch, 'inside', 'catalogue.xml'), join(scratch, 'inside', 'bibliography', 'frus1961-63v06.xml'));
    assert.equal(readVolumeSummary(inside, 'frus1961-63v06'), 'Linked.');
    writeFileSync(join(scratch, 'elsewhere.xml'), record('frus1961-63v06', '<p>From outside.</p>'));
    const outside = layout('outside', undefined);
    mkdirSync(join(scratch, 'outside', 'bibliography'));
    symlinkSync(join(scratch, 'elsewhere.xml'), join(scratch, 'outside', 'bibliography', 'frus1961-63v06.xml'));
    assert.equal(readVolumeSummary(outside, 'frus1961-63v06'), undefined, 'a link out of the folder');
    assert.equal(summaryOf(readFileSync(join(scratch, 'elsewhere.xml'), 'utf8'), 'x', 'frus1961-63v06'), 'From outside.', 'the record itself is good');
    assert.match(readVolumeSummary(layout('whole', record('frus1961-63v06', '<p>Whole.</p>')), 'frus1961-63v06') ?? '', /^Whole\.$/);
  });
});
