import assert from 'node:assert/strict';
import path from 'node:path';
import { loadDemo } from '../../src/ingest/demo.js';
import { ingestPaths } from '../../src/ingest/driver.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import type { ArchiveStore } from '../../src/store/types.js';
import { scratchDir } from '../ingest/helpers.js';

const SCHNITZLER = { name: 'Schnitzler, Arthur', authorities: { gnd: 'https://d-nb.info/gnd/118609807', wikidata: 'http://www.wikidata.org/entity/Q44331' } };
const WIEN = { name: 'Wien', lat: 48.2, lon: 16.37, authorities: { geonames: 'https://sws.geonames.org/2761369/' } };

/**
 * Letters that use what the demo archive (the seed letter and FRUS 1961–63 vol. VI) does not:
 * authority ids, a supposed addressee, a date range and a date of arrival, versions of the
 * text, text a spreadsheet would run as a formula, a control character, and letters nobody
 * outside may see.
 */
export const LETTERS = [
  {
    id: 'bahr-1891-05',
    title: 'Arthur Schnitzler an Hermann Bahr, Mai 1891',
    date: { start: '1891-05-01', end: '1891-05-31', display: '[Mai 1891?]', certainty: 'conjecture' },
    type: 'Letter',
    authors: [SCHNITZLER],
    recipients: [{ name: 'Bahr, Hermann', authorities: { gnd: 'https://d-nb.info/gnd/118505823' }, certainty: 'conjecture' }],
    placeWritten: WIEN,
    received: { date: { start: '1891-06-02', end: '1891-06-02', display: '2. 6. 1891' }, place: { name: 'Berlin', authorities: { geonames: 'https://sws.geonames.org/2950159/' } } },
    language: 'de',
    collections: [{ slug: 'schnitzler-bahr', title: 'Schnitzler – Bahr: Briefwechsel' }],
    text: 'Lieber Freund, dass Sie kommen, freut mich.\fIhr Arthur',
    texts: [
      { role: 'original', language: 'de', text: 'Lieber Freund, dass Sie kommen, freut mich.\fIhr Arthur' },
      { role: 'translation', language: 'en', translator: 'A. Translator', text: 'Dear friend, I am glad you are coming.' },
    ],
    rights: 'CC BY 4.0',
  },
  {
    id: 'formula-letter',
    title: '=HYPERLINK("http://evil.example/","click") | a "quoted" title, with commas',
    date: '1900-01-01',
    authors: [SCHNITZLER, { name: 'Writer | with a bar' }],
    recipients: ['@Someone'],
    description: '-2+3 is what a spreadsheet would compute',
    collections: [{ slug: 'schnitzler-bahr-letters', title: 'Letters of 1900', parent: 'schnitzler-bahr' }],
    text: 'Line one,\nline "two".',
  },
  {
    id: 'bahr-reply',
    title: 'An Hermann Bahr, ohne Absender',
    date: '1891-06',
    recipients: [{ name: 'Bahr, Hermann', authorities: { gnd: 'https://d-nb.info/gnd/118505823' } }],
    source: { archive: 'Theatermuseum', collection: 'Nachlass Bahr (50% digitised)', url: 'Nachlass Bahr [Mappe 2] (50% digitised)' },
    // Links to a letter anyone may read, to one nobody outside may, and to one kept elsewhere.
    body: [
      {
        kind: 'p',
        children: [
          'See ',
          { kind: 'docRef', id: 'bahr-1891-05', children: ['the letter of May'] },
          ', ',
          { kind: 'docRef', id: 'draft-letter', children: ['the draft'] },
          ' and ',
          { kind: 'docRef', id: 'bahr-elsewhere', href: 'https://example.org/briefe/brief[2]#a#b', children: ['the letter elsewhere'] },
          '.',
          { kind: 'pb', n: '2', facs: 'scan[2].jpg' },
        ],
      },
    ],
  },
  { id: 'draft-letter', title: 'Draft letter to Zyzzyva', status: 'draft', authors: ['Secret, Sender'], recipients: ['Zyzzyva, Hidden'] },
  { id: 'embargoed-letter', title: 'Embargoed letter to Zyzzyva', status: 'embargoed', embargoUntil: '2999-01-01', authors: ['Secret, Sender'], recipients: ['Zyzzyva, Hidden'] },
];

/** A SQLite archive with the demo and {@link LETTERS}, in a scratch folder the caller cleans up. */
export async function archiveWithLetters(prefix: string): Promise<{ store: ArchiveStore; scratch: ReturnType<typeof scratchDir> }> {
  const scratch = scratchDir(prefix);
  const store = openSqliteStore(path.join(scratch.dir, 'archive.db'));
  const quiet = { errors: { write: () => undefined } };
  assert.equal((await loadDemo(store, quiet)).failed, 0);
  const letters = scratch.write('letters.jsonl', LETTERS.map((d) => JSON.stringify(d)).join('\n'));
  assert.equal((await ingestPaths([letters], { store, format: 'auto', ...quiet })).failed, 0);
  return { store, scratch };
}
