import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeTeiExport } from '../../src/export/tei.js';
import { PUBLIC, type ArchiveStore } from '../../src/store/types.js';
import { jingProblems, SCHEMAS } from './jing.js';
import { archiveWithLetters } from './letters-fixture.js';

describe('TEI export', () => {
  let store: ArchiveStore;
  let scratch: Awaited<ReturnType<typeof archiveWithLetters>>['scratch'];
  let out: string;
  let xml: string;
  let documents: number;

  before(async () => {
    ({ store, scratch } = await archiveWithLetters('export-tei'));
    out = path.join(scratch.dir, 'archive.xml');
    ({ documents } = await writeTeiExport(store, PUBLIC, out, { baseUrl: 'https://archive.example.org', now: new Date('2026-11-27T12:00:00Z') }));
    xml = fs.readFileSync(out, 'utf8');
  });
  after(async () => {
    await store.close();
    scratch.cleanup();
  });
  const teiOf = (id: string): string => {
    const at = xml.indexOf(`<idno type="archivum">${id}</idno>`);
    assert.ok(at > 0, id);
    return xml.slice(xml.lastIndexOf('<TEI>', at), xml.indexOf('</TEI>', at));
  };

  it('is one teiCorpus, valid against TEI All, whatever the documents hold (the demo volume, letters, a form feed)', () => {
    assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<teiCorpus xmlns="http:\/\/www\.tei-c\.org\/ns\/1\.0">/);
    assert.equal(jingProblems(path.join(SCHEMAS, 'tei/tei_all.rng'), [out]), '');
    assert.ok(!xml.includes('\f'));
  });

  it('holds a TEI per published document, and nothing private', async () => {
    let expected = 0;
    for await (const _doc of store.exportDocuments(PUBLIC)) expected++;
    assert.equal(documents, expected);
    assert.equal(xml.match(/<TEI>/g)?.length, expected);
    assert.ok(!xml.includes('Zyzzyva') && !xml.includes('Secret, Sender'));
  });

  it('describes a FRUS document in its header: title, source, classification, date, place, correspondents', () => {
    const tei = teiOf('frus1961-63v06-d1');
    assert.match(tei, /<title>Message From Chairman Khrushchev to President-elect Kennedy<\/title><author>Khrushchev, Nikita S\.<\/author>/);
    assert.match(tei, /<idno type="URI">https:\/\/archive\.example\.org\/documents\/frus1961-63v06-d1<\/idno>/);
    assert.match(tei, /<note type="classification">No classification marking<\/note>/);
    assert.match(tei, /<note type="number">1<\/note>/);
    assert.match(tei, /<sourceDesc><bibl><idno type="reference">American Foreign Policy: Current Documents, 1960, p\. 476\. No classification marking\.<\/idno>, <ref target="https:\/\/history\.state\.gov\/historicaldocuments\/frus1961-63v06\/d1">/);
    assert.match(tei, /<creation><date when="1960-11-09">November 9, 1960<\/date><placeName ref="https:\/\/archive\.example\.org\/places\/moscow">Moscow<\/placeName><\/creation>/);
    assert.match(tei, /<langUsage><language ident="en"\/><\/langUsage>/);
    assert.match(tei, /<correspDesc><correspAction type="sent"><persName ref="https:\/\/archive\.example\.org\/people\/khrushchev-nikita-s">/);
    assert.match(tei, /<term type="collection" ref="https:\/\/archive\.example\.org\/collections\/frus1961-63v06">/);
  });

  it('keeps the text with its notes at their markers', () => {
    const tei = teiOf('frus1961-63v06-d1');
    const body = /<body>([\s\S]*)<\/body>/.exec(tei)?.[1] ?? '';
    assert.match(body, /<p rend="dateline">Moscow, November 9, 1960\.<\/p><p>ESTEEMED MR\. KENNEDY, Allow me to congratulate you/);
    assert.match(body, /prosperity to the American people\.<note n="1" place="foot">Printed from an unsigned copy\.<\/note><\/p>/);
  });

  it('writes the other versions of a text as further texts of a group, each in its language', () => {
    const tei = teiOf('bahr-1891-05');
    assert.match(tei, /<text><group><text type="original" xml:lang="de"><body><p>Lieber Freund, dass Sie kommen, freut mich\. Ihr Arthur<\/p><\/body><\/text>/);
    assert.match(tei, /<text type="translation" xml:lang="en"><front><docAuthor>Translated by A\. Translator<\/docAuthor><\/front><body><p>Dear friend, I am glad you are coming\.<\/p><\/body><\/text><\/group><\/text>/);
    assert.match(tei, /<date notBefore="1891-05-01" notAfter="1891-05-31" cert="low">\[Mai 1891\?\]<\/date>/);
    assert.match(tei, /<persName ref="https:\/\/d-nb\.info\/gnd\/118505823" cert="low">Bahr, Hermann<\/persName>/);
  });

  it('writes the description and summary as abstracts, a paragraph per blank-line-separated part', () => {
    const tei = teiOf('khrushchev-to-castro-1963-01-31');
    assert.match(tei, /<abstract n="description"><p>[^<]*Re: Point 3, Protocol No\. 80[^<]*<\/p><\/abstract>/);
    assert.match(tei, /<abstract n="summary"><p>/);
  });

  it('escapes what would be markup', () => {
    const tei = teiOf('formula-letter');
    assert.match(tei, /<title>=HYPERLINK\(&quot;http:\/\/evil\.example\/&quot;,&quot;click&quot;\) \| a &quot;quoted&quot; title, with commas<\/title>/);
  });

  it('links other documents as the reading page does, and writes a source address that is no URL as text', () => {
    const tei = teiOf('bahr-reply');
    assert.match(tei, /<ref type="document" target="https:\/\/archive\.example\.org\/documents\/bahr-1891-05">the letter of May<\/ref>, the draft and <ref type="document" target="https:\/\/example\.org\/briefe\/brief%5B2%5D#a%23b">/);
    assert.ok(!tei.includes('draft-letter'));
    assert.match(tei, /<pb n="2" facs="scan%5B2%5D\.jpg"\/>/);
    assert.match(tei, /<title type="collection">Nachlass Bahr \(50% digitised\)<\/title>, Nachlass Bahr \[Mappe 2\] \(50% digitised\)<\/bibl>/);
  });
});
