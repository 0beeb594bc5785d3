import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_CMIF_LICENCE, writeCmifExport } from '../../src/export/cmif.js';
import { dateXml } from '../../src/export/corresp.js';
import { ingestPaths } from '../../src/ingest/driver.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import type { DocumentView } from '../../src/domain/index.js';
import { PUBLIC, type ArchiveStore } from '../../src/store/types.js';
import { jingProblems, SCHEMAS } from './jing.js';
import { archiveWithLetters } from './letters-fixture.js';

describe('CMIF export', () => {
  let store: ArchiveStore;
  let scratch: Awaited<ReturnType<typeof archiveWithLetters>>['scratch'];
  let out: string;
  let xml: string;
  let letters: number;
  const options = {
    baseUrl: 'https://archive.example.org',
    fileUrl: 'https://archive.example.org/letters.xml',
    editor: 'Ann Archivist',
    editorEmail: 'ann@archive.example.org',
    licence: DEFAULT_CMIF_LICENCE,
    now: new Date('2026-11-27T12:00:00Z'),
  };

  before(async () => {
    ({ store, scratch } = await archiveWithLetters('export-cmif'));
    out = path.join(scratch.dir, 'letters.xml');
    ({ documents: letters } = await writeCmifExport(store, PUBLIC, out, options));
    xml = fs.readFileSync(out, 'utf8');
  });
  after(async () => {
    await store.close();
    scratch.cleanup();
  });
  const correspDesc = (id: string): string => {
    const found = new RegExp(`<correspDesc ref="https://archive\\.example\\.org/documents/${id}"[\\s\\S]*?</correspDesc>`).exec(xml);
    assert.ok(found, id);
    return found[0];
  };

  it('is valid CMIF 1.1 and valid TEI', () => {
    assert.equal(jingProblems(path.join(SCHEMAS, 'tei/cmif/cmi-customization.rng'), [out]), '');
    assert.equal(jingProblems(path.join(SCHEMAS, 'tei/tei_all.rng'), [out]), '');
  });

  it('holds a correspDesc per published letter, and no private one', async () => {
    let expected = 0;
    for await (const doc of store.exportDocuments(PUBLIC)) if (doc.authors.length || doc.recipients.length) expected++;
    assert.equal(letters, expected);
    assert.equal(xml.match(/<correspDesc /g)?.length, expected);
    assert.ok(!xml.includes('Zyzzyva') && !xml.includes('Secret, Sender'));
  });

  it('follows the CMIF rules the schema cannot check: both actions in every letter, a dating attribute on every date', () => {
    const descs = xml.match(/<correspDesc [\s\S]*?<\/correspDesc>/g) ?? [];
    assert.equal(descs.length, letters);
    for (const desc of descs) {
      assert.match(desc, /<correspAction type="sent">/, desc);
      assert.match(desc, /<correspAction type="received">/, desc);
    }
    for (const date of xml.match(/<date\b[^>]*>/g) ?? []) assert.match(date, /\b(when|notBefore|notAfter)=/, date);
    // Nobody is known to have sent this one: correspSearch's "unknown", which the CMIF importer reads as nobody.
    assert.match(correspDesc('bahr-reply'), /<correspAction type="sent"><persName ref="https:\/\/correspSearch\.net\/unknown">Unbekannt<\/persName><date when="1891-06">June 1891<\/date><\/correspAction>/);
    assert.equal(dateXml({ start: '0000', end: '0000', display: 'year 0' }), '');
  });

  it('names people and places by their authority, else by their page, and keeps what is supposed', () => {
    const letter = correspDesc('bahr-1891-05');
    assert.match(letter, /<correspAction type="sent"><persName ref="https:\/\/d-nb\.info\/gnd\/118609807">Schnitzler, Arthur<\/persName><placeName ref="https:\/\/sws\.geonames\.org\/2761369\/">Wien<\/placeName><date notBefore="1891-05-01" notAfter="1891-05-31" cert="low">\[Mai 1891\?\]<\/date><\/correspAction>/);
    assert.match(letter, /<correspAction type="received"><persName ref="https:\/\/d-nb\.info\/gnd\/118505823" cert="low">Bahr, Hermann<\/persName><placeName ref="https:\/\/sws\.geonames\.org\/2950159\/">Berlin<\/placeName><date when="1891-06-02">2\. 6\. 1891<\/date>/);
    const khrushchev = correspDesc('frus1961-63v06-d1');
    assert.match(khrushchev, /<persName ref="https:\/\/archive\.example\.org\/people\/khrushchev-nikita-s">Khrushchev, Nikita S\.<\/persName>/);
    assert.match(khrushchev, /<date when="1960-11-09">November 9, 1960<\/date>/);
  });

  it('lists each edition once, with a stable id, and points each letter at its edition', async () => {
    const bibls = [...xml.matchAll(/<bibl type="online" xml:id="(bibl-[0-9a-f-]{36})">([^<]*)/g)];
    const edition = bibls.find(([, , title]) => title?.startsWith('Schnitzler – Bahr: Briefwechsel'));
    assert.ok(edition);
    // A letter of a sub-collection belongs to the edition above it.
    assert.match(correspDesc('formula-letter'), new RegExp(`source="#${edition[1]}"`));
    assert.match(correspDesc('bahr-1891-05'), new RegExp(`source="#${edition[1]}"`));
    assert.equal(new Set(bibls.map((b) => b[1])).size, bibls.length);
    const again = path.join(scratch.dir, 'again.xml');
    await writeCmifExport(store, PUBLIC, again, options);
    assert.equal(fs.readFileSync(again, 'utf8'), xml, 'the same archive gives the same file');
  });

  it('carries the header CMIF asks for: editor, the file address, date and licence', () => {
    assert.match(xml, /<editor>Ann Archivist <email>ann@archive\.example\.org<\/email><\/editor>/);
    assert.match(xml, /<idno type="url">https:\/\/archive\.example\.org\/letters\.xml<\/idno>/);
    assert.match(xml, /<date when="2026-11-27T12:00:00Z"\/>/);
    assert.match(xml, /<licence target="https:\/\/creativecommons\.org\/licenses\/by\/4\.0\/">/);
  });

  it('is read back by the CMIF importer: the same letters, people, places and dates', async () => {
    const copy = openSqliteStore(path.join(scratch.dir, 'copy.db'));
    try {
      const summary = await ingestPaths([out], { store: copy, format: 'cmif', errors: { write: () => undefined } });
      assert.deepEqual([summary.new, summary.failed], [letters, 0]);
      let letter: DocumentView | undefined;
      for await (const doc of copy.exportDocuments(PUBLIC)) if (doc.source.url === 'https://archive.example.org/documents/bahr-1891-05') letter = doc;
      assert.deepEqual(letter?.authors.map((p) => p.id), ['gnd-118609807']);
      assert.deepEqual(letter?.recipients.map((p) => [p.id, p.certainty]), [['gnd-118505823', 'conjecture']]);
      assert.deepEqual([letter?.date.start, letter?.date.end, letter?.date.display], ['1891-05-01', '1891-05-31', '[Mai 1891?]']);
      assert.equal(letter?.placeWritten?.id, 'geonames-2761369');
      assert.equal(letter?.source.url, 'https://archive.example.org/documents/bahr-1891-05');
      let reply: DocumentView | undefined;
      for await (const doc of copy.exportDocuments(PUBLIC)) if (doc.source.url?.endsWith('/bahr-reply')) reply = doc;
      assert.deepEqual([reply?.authors, reply?.recipients.map((p) => p.id)], [[], ['gnd-118505823']]);
    } finally {
      await copy.close();
    }
  });
});
