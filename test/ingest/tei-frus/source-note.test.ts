import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Block, IngestRecord, Inline } from '../../../src/domain/index.js';
import { classificationMarkings } from '../../../src/ingest/tei-frus/source-note.js';
import { parseSupplementEntry } from '../../../src/ingest/tei-frus/supplement.js';
import { doc, records } from './helpers.js';

/**
 * Golden tests on real documents for what the source note, the head's notes and the 1948 opener
 * give: person and document links, classification, source reference, footnote order and markers.
 */

/** The id a record gives the person listed in the volume as `xmlId` (person ids are the persons module's business). */
function personId(rec: IngestRecord, volume: string, xmlId: string): string {
  const person = rec.people.find((p) => p.listings?.some((l) => l.url === `https://history.state.gov/historicaldocuments/${volume}/persons#${xmlId}`));
  assert.ok(person, `${volume}#${xmlId} is among the record's people`);
  return person.id;
}

function noteRefs(nodes: Inline[]): string[] {
  return nodes.flatMap((n) => (typeof n !== 'string' && n.kind === 'noteRef' ? [n.n] : []));
}

function titleNotes(body: Block[] | undefined): Block | undefined {
  return body?.find((b) => b.kind === 'p' && b.rend === 'title-notes');
}

describe('tei-frus source note: names and cross-references link', () => {
  it('1952–54 Guatemala: a person cited only in the source note is stored and linked; a #dN ref is a reference', async () => {
    const map = await records('frus1952-54Guat', ['frus1952-54guat-d2', 'frus1952-54guat-d49']);
    // d2: "… a January 14 memorandum from <persName corresp="#p_EJS1">J.S. Earman</persName> …"
    const rec2 = map.get('frus1952-54guat-d2')!;
    const earman = personId(rec2, 'frus1952-54Guat', 'p_EJS1');
    assert.ok(rec2.document.people.includes(earman));
    assert.equal(rec2.people.find((p) => p.id === earman)!.name, 'Earman, J.S.');
    // d49: "A memorandum for the record of this discussion is printed as <ref target="#d50">Document 50</ref>."
    const d49 = doc(map, 'frus1952-54guat-d49');
    assert.deepEqual(d49.references, ['frus1952-54guat-d50', 'frus1952-54v04-d13']);
    // The note itself is still stored as the plain text it was.
    assert.equal(
      d49.source.reference,
      'Central Intelligence Agency, Job 79-010125A, Box 76, Folder 2. Secret; Eyes Only. A memorandum for the record of this discussion is printed as Document 50.',
    );
    assert.equal(d49.classification, 'Secret');
  });

  it('1961–63 vol. I: an unlabelled source note (chosen by its marking) links its drafter and its ref', async () => {
    const map = await records('frus1961-63v01', ['frus1961-63v01-d47', 'frus1961-63v01-d308']);
    // d308: "Drafted by <persName corresp="#p_CSJ1">Cottrell</persName>, cleared with the President …"
    const rec308 = map.get('frus1961-63v01-d308')!;
    assert.ok(rec308.document.people.includes(personId(rec308, 'frus1961-63v01', 'p_CSJ1')));
    assert.ok(rec308.document.people.includes(personId(rec308, 'frus1961-63v01', 'p_RD1')));
    // d47: "Repeated to CINCPAC for <persName corresp="#p_FAHD1">Felt</persName> … see <ref target="#d41">Document 41</ref>."
    const rec47 = map.get('frus1961-63v01-d47')!;
    assert.ok(rec47.document.people.includes(personId(rec47, 'frus1961-63v01', 'p_FAHD1')));
    assert.ok(rec47.document.references.includes('frus1961-63v01-d41'));
    assert.equal(rec47.document.classification, 'Top Secret');
  });
});

describe('tei-frus classification', () => {
  it('markings after a colon, with "Personal", with two more words or "with …", and after a file designation', async () => {
    const cases: [string, string, string][] = [
      ['frus1961-63v19', 'frus1961-63v19-d49', 'Secret'], // "Secret: Niact."
      ['frus1961-63v19', 'frus1961-63v19-d251', 'Secret'], // "Secret: Niact; Limit Distribution."
      ['frus1961-63v22', 'frus1961-63v22-d290', 'Secret'],
      ['frus1961-63v22', 'frus1961-63v22-d147', 'Top Secret and Personal'],
      ['frus1961-63v16', 'frus1961-63v16-d242', 'Secret and Personal'],
      ['frus1961-63v17', 'frus1961-63v17-d293', 'Personal and Secret'],
      ['frus1961-63v04', 'frus1961-63v04-d327', 'Secret'], // "Secret Limit Distribution."
      ['frus1961-63v04', 'frus1961-63v04-d148', 'Top Secret'], // "… AID (US) S VIET Top Secret, Priority."
      ['frus1961-63v01', 'frus1961-63v01-d85', 'Secret'], // "… Viet-Nam Country Series Secret. Drafted …"
      ['frus1961-63v01', 'frus1961-63v01-d66', 'Secret'], // "… Eyes Only Messages In. Secret: Eyes Only; Exclusive."
      ['frus1969-76v12', 'frus1969-76v12-d194', 'Confidential'], // "Confidential with Nodis Attachment."
    ];
    const byVolume = new Map<string, [string, string][]>();
    for (const [volume, id, expected] of cases) byVolume.set(volume, [...(byVolume.get(volume) ?? []), [id, expected]]);
    for (const [volume, expected] of byVolume) {
      const map = await records(volume, expected.map(([id]) => id));
      for (const [id, classification] of expected) assert.equal(doc(map, id).classification, classification, id);
    }
  });

  it('supplement entries: the whole marking line ends the description, its first phrase is the level', async () => {
    const v7 = await records('frus1961-63v07-09mSupp', ['frus1961-63v07-09msupp-d268', 'frus1961-63v07-09msupp-d310']);
    const d268 = doc(v7, 'frus1961-63v07-09msupp-d268');
    assert.equal(d268.classification, 'Secret');
    assert.equal(d268.description, 'Readout of April 28 meeting among Kennedy, Macmillan, McCone, and McNamara on TKH photography.');
    assert.equal(d268.source.reference, 'CIA Files, Job 80B01285A, Mtgs w/President 12/1/61–6/30/62');
    // "Memorandum for the Record …, December 12. Secret; Eyes Only. 2 pp. …": no description left.
    assert.equal(doc(v7, 'frus1961-63v07-09msupp-d310').classification, 'Secret');
    assert.equal(doc(v7, 'frus1961-63v07-09msupp-d310').description, undefined);
    const v10 = await records('frus1961-63v10-12mSupp', ['frus1961-63v10-12msupp-d417', 'frus1961-63v10-12msupp-d572']);
    const d417 = doc(v10, 'frus1961-63v10-12msupp-d417');
    assert.equal(d417.classification, 'Top Secret');
    assert.equal(d417.description, 'Planning for Cuba, status of quarantine, political measures, negotiation with U Thant.');
    assert.equal(doc(v10, 'frus1961-63v10-12msupp-d572').classification, 'Top Secret');
  });

  it('finds classification markings as printed, in every form the volumes use, not words in prose', () => {
    const first = (t: string): string | undefined => classificationMarkings(t)[0]?.phrase;
    assert.equal(first('Department of State, Central Files, 611.61/1–1261. Secret; Priority. Drafted by Kohler.'), 'Secret');
    assert.equal(first('Kennedy Library. Top Secret; Eyes Only.'), 'Top Secret');
    assert.equal(first('p. 476. No classification marking.'), 'No classification marking');
    assert.equal(first('Files, 720.5–MSP/8–1358, Confidential. Drafted by Spencer.'), 'Confidential');
    assert.equal(first('Central Files, POL 26-1 S VIET Top Secret; Priority.'), 'Top Secret');
    assert.equal(first('Lot 65 D 330. Secret Flash. Drafted by X.'), 'Secret');
    assert.equal(first('Lot 66 D 204. Limited Official Use.'), 'Limited Official Use');
    assert.equal(first('Hagerty Papers. Drafted by Confidential sources of nothing'), undefined);
    assert.equal(first('Central Files, 689.90D/10-361. Secret: Niact. Repeated to Karachi.'), 'Secret');
    assert.equal(first('Lot 66 D 204. Secret and Personal.'), 'Secret and Personal');
    assert.equal(first('Michael Forrestal. Top Secret and Personal. A note …'), 'Top Secret and Personal');
    assert.equal(first('Country Series, Israel. Personal and Secret. A handwritten note'), 'Personal and Secret');
    assert.equal(first('POL 1 S VIET-US. Secret Limit Distribution. Drafted by Hilsman.'), 'Secret');
    assert.equal(first('Missile Crisis. Confidential with Nodis Attachment. Sent for information.'), 'Confidential');
    assert.equal(first('Viet-Nam Country Series Secret. Drafted by Cottrell.'), 'Secret');
    assert.equal(first('AID (US) S VIET Top Secret, Priority. Drafted by Mendenhall.'), 'Top Secret');
    assert.equal(first('Lot 57 D 634. Restricted Security Information. Drafted by Peurifoy.'), 'Restricted Security Information');
    assert.equal(first('Files, 611.12/3-462. Administratively Restricted. Drafted by X.'), 'Administratively Restricted');
    assert.equal(first('No drafting information. The letter has no classification markings; the attachment is Secret, Eyes Only.'), 'No classification marking');
    // Prose and other papers' markings.
    assert.equal(first('Drafted by the Secretary. He met the Secretary, who spoke of secret talks.'), undefined);
    assert.equal(first('He spoke of the Secret Service agents.'), undefined);
    assert.equal(first('Drafted by Smith; the attachment is Top Secret.'), undefined);
    assert.equal(parseSupplementEntry('1. Memorandum, May 15. Transmits paper. Attachment is Top Secret. 4 pp. Kennedy Library.', []).classification, undefined);
  });

  it('1948: the marking printed in the opener, not an attachment’s', async () => {
    const map = await records('frus1948v01p1', ['frus1948v01p1-d1', 'frus1948v01p1-d15', 'frus1948v01p1-d36', 'frus1948v01p1-d46', 'frus1948v01p1-d191', 'frus1948v01p1-d221']);
    assert.equal(doc(map, 'frus1948v01p1-d15').classification, 'Secret');
    assert.equal(doc(map, 'frus1948v01p1-d36').classification, 'Restricted');
    assert.equal(doc(map, 'frus1948v01p1-d191').classification, 'Top Secret');
    assert.equal(doc(map, 'frus1948v01p1-d221').classification, 'Personal and Confidential');
    // d46 is secret; its attachment's opener says confidential.
    assert.equal(doc(map, 'frus1948v01p1-d46').classification, 'Secret');
    assert.equal(doc(map, 'frus1948v01p1-d1').classification, undefined, 'an editorial note has no marking');
  });
});

describe('tei-frus source reference', () => {
  it('1948: a seg[@type="source"] of the opener is the source when there is no source note', async () => {
    const map = await records('frus1948v01p1', ['frus1948v01p1-d2', 'frus1948v01p1-d45', 'frus1948v01p1-d181', 'frus1948v01p1-d194']);
    const d181 = doc(map, 'frus1948v01p1-d181');
    assert.equal(d181.source.reference, 'IO Files: US(P)/A/M/(Chr)/4');
    assert.doesNotMatch(d181.text!, /IO Files/, 'the source line is metadata, as the 1948 file notes are');
    assert.equal(doc(map, 'frus1948v01p1-d45').source.reference, 'IO Files: US/S/608');
    assert.equal(doc(map, 'frus1948v01p1-d194').source.reference, 'Policy Planning Staff Files');
    // A file note still wins.
    assert.equal(doc(map, 'frus1948v01p1-d2').source.reference, '501.BB Interim/1–348: Telegram');
  });

  it('"Source." and "Source," labels are stripped whole', async () => {
    const v01 = await records('frus1961-63v01', ['frus1961-63v01-d298']);
    assert.equal(doc(v01, 'frus1961-63v01-d298').source.reference, 'Department of State, Johnson Files, Official and Classified Letters. Confidential; Official-Informal.');
    assert.equal(doc(v01, 'frus1961-63v01-d298').source.archive, 'Department of State');
    const v04 = await records('frus1961-63v04', ['frus1961-63v04-d81']);
    assert.match(doc(v04, 'frus1961-63v04-d81').source.reference!, /^Kennedy Library, National Security Files, Vietnam Country Series/);
    const v29 = await records('frus1964-68v29p2', ['frus1964-68v29p2-d47', 'frus1964-68v29p2-d10']);
    const d47 = doc(v29, 'frus1964-68v29p2-d47');
    assert.equal(d47.source.reference, 'National Archives and Records Administration, RG 59, Central Files 1964–66, POL 7 JAPAN. Confidential.');
    assert.equal(d47.source.archive, 'National Archives and Records Administration');
    // "Telegram From <gloss type="from">the Embassy in Japan</gloss> to the Department of State"
    assert.deepEqual(d47.authors, ['embassy-in-japan']);
    const rec10 = v29.get('frus1964-68v29p2-d10')!;
    assert.deepEqual(rec10.document.authors, ['embassy-in-japan']);
    assert.deepEqual(rec10.people.find((p) => p.id === 'embassy-in-japan'), { id: 'embassy-in-japan', name: 'Embassy in Japan' });
  });
});

describe('tei-frus head notes', () => {
  it('1948: notes of the head and of the source line are in printed order and have markers where the head stood', async () => {
    const map = await records('frus1948v01p1', ['frus1948v01p1-d13', 'frus1948v01p1-d146', 'frus1948v01p1-d181']);
    const d181 = doc(map, 'frus1948v01p1-d181');
    assert.deepEqual(d181.footnotes.map((f) => f.n), ['1', '2', '3', '4', '5', '6', '7']);
    assert.match(d181.footnotes[0]!.text, /^Short title for the master files/);
    assert.match(d181.footnotes[1]!.text, /^The General Assembly began its third regular session/);
    assert.deepEqual(d181.body![0], { kind: 'pb', n: '289', facs: '0309' });
    assert.deepEqual(d181.body![1], { kind: 'p', rend: 'title-notes', children: [{ kind: 'noteRef', n: '1' }, ' ', { kind: 'noteRef', n: '2' }] });
    // d146: note 2 in the opener before the head, note 3 in the head.
    assert.deepEqual(doc(map, 'frus1948v01p1-d146').footnotes.map((f) => f.n), ['2', '3', '4']);
    const d13 = doc(map, 'frus1948v01p1-d13');
    const line = titleNotes(d13.body);
    assert.ok(line && line.kind === 'p');
    assert.deepEqual(noteRefs(line.children), ['1']);
    assert.match(d13.footnotes[0]!.text, /^Made before the House Foreign Affairs Committee on May 5, 1948/);
    // The marker line adds nothing to the text.
    assert.match(d13.text!, /^Mr\. Chairman, Gentlemen: I will outline/);
  });

  it('1961–63 vol. XXII: notes nested in the source note get markers', async () => {
    const map = await records('frus1961-63v22', ['frus1961-63v22-d101', 'frus1961-63v22-d103']);
    const d101 = doc(map, 'frus1961-63v22-d101');
    const line = titleNotes(d101.body);
    assert.ok(line && line.kind === 'p');
    assert.deepEqual(noteRefs(line.children), ['1', '2']);
    assert.deepEqual(d101.footnotes.map((f) => f.n).slice(0, 2), ['1', '2']);
    assert.deepEqual(d101.authors, ['embassy-in-poland']);
    // A head whose only note is the source note gets no marker line.
    assert.equal(titleNotes(doc(map, 'frus1961-63v22-d103').body), undefined);
  });

  it('1961–63 vol. XXII d158: the reference is the source note\'s own text, not the footnotes nested in it by a slip', async () => {
    const d158 = doc(await records('frus1961-63v22', ['frus1961-63v22-d158']), 'frus1961-63v22-d158');
    assert.doesNotMatch(d158.source.reference ?? '', /Telegram 530 to Warsaw/);
    assert.ok(d158.footnotes.some((f) => /^Telegram 530 to Warsaw/.test(f.text)));
  });

  it('a source note printed as note 1 is listed as note 1, with its italics (1961–63 vol. V d69)', async () => {
    const d69 = doc(await records('frus1961-63v05', ['frus1961-63v05-d69']), 'frus1961-63v05-d69');
    assert.equal(d69.footnotes[0]?.n, '1');
    assert.match(d69.footnotes[0]!.text, /^Source: Department of State, Central Files, 611\.61\/5-1661\. Secret\./);
    const line = titleNotes(d69.body);
    assert.ok(line && line.kind === 'p');
    assert.deepEqual(noteRefs(line.children), ['1']);
  });
});
