import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Block, currentRole, type Inline, mergePerson, type Person } from '../../../src/domain/index.js';
import { parseFrusVolume } from '../../../src/ingest/tei-frus/index.js';
import { doc, records, volumePath } from './helpers.js';

/** Golden tests on real FRUS documents from the shared corpus (CI has it beside the clone; without it these fail). */

function findInline(blocks: Block[] | Inline[] | undefined, match: (i: Exclude<Inline, string>) => boolean): Exclude<Inline, string> | undefined {
  for (const node of blocks ?? []) {
    if (typeof node === 'string') continue;
    if ('kind' in node && isInline(node) && match(node)) return node;
    const kids = childrenOf(node);
    for (const list of kids) {
      const found = findInline(list, match);
      if (found) return found;
    }
  }
  return undefined;
}
function isInline(node: Block | Inline): node is Exclude<Inline, string> {
  return typeof node !== 'string' && ['em', 'strong', 'sup', 'sub', 'smallcaps', 'underline', 'abbr', 'noteRef', 'link', 'docRef', 'entity', 'lb', 'pb'].includes(node.kind);
}
function childrenOf(node: Block | Inline): (Block[] | Inline[])[] {
  if (typeof node === 'string') return [];
  const n = node as { children?: (Block | Inline)[]; items?: Block[][]; rows?: { children: Inline[] }[][]; title?: Inline[] };
  const out: (Block[] | Inline[])[] = [];
  if (n.children) out.push(n.children as Block[]);
  if (n.items) out.push(...n.items);
  if (n.rows) for (const row of n.rows) for (const cell of row) out.push(cell.children);
  if (n.title) out.push(n.title);
  return out;
}

describe('tei-frus golden: 1961–63 vol. VI (Kennedy–Khrushchev)', () => {
  it('d1: message from Khrushchev to Kennedy, Moscow, 9 November 1960', async () => {
    const map = await records('frus1961-63v06', ['frus1961-63v06-d1', 'frus1961-63v06-d2', 'frus1961-63v06-d20', 'frus1961-63v06-d79']);
    const rec = map.get('frus1961-63v06-d1')!;
    const d = rec.document;
    assert.equal(d.id, 'frus1961-63v06-d1');
    assert.equal(d.sourceId, 'frus:frus1961-63v06/d1');
    assert.equal(d.number, '1', 'the number the volume prints');
    assert.equal(d.title, 'Message From Chairman Khrushchev to President-elect Kennedy');
    assert.equal(d.type, 'Message');
    assert.deepEqual(d.date, { start: '1960-11-09', end: '1960-11-09', display: 'November 9, 1960' });
    assert.deepEqual(d.authors, ['khrushchev-nikita-s']);
    assert.deepEqual(d.recipients, ['kennedy-john-f']);
    assert.equal(d.placeWritten, 'moscow');
    assert.deepEqual(rec.places, [{ id: 'moscow', name: 'Moscow' }]);
    assert.match(d.source.reference!, /^American Foreign Policy: Current Documents, 1960, p\. 476\./);
    assert.equal(d.source.archive, undefined, 'a printed publication, not an archive');
    assert.equal(d.classification, 'No classification marking');
    assert.deepEqual(d.footnotes, [{ n: '1', text: 'Printed from an unsigned copy.' }]);
    assert.ok(findInline(d.body, (i) => i.kind === 'noteRef' && i.n === '1'));
    assert.match(d.text!, /ESTEEMED MR\. KENNEDY, Allow me to congratulate you/);
    assert.equal(d.language, 'en');
    assert.deepEqual(d.collections, ['frus1961-63v06', 'frus1961-63v06-comp1']);
    const khrushchev = rec.people.find((p) => p.id === 'khrushchev-nikita-s')!;
    assert.equal(khrushchev.name, 'Khrushchev, Nikita S.');
    assert.deepEqual(khrushchev.listings, [
      {
        source: 'frus1961-63v06',
        name: 'Khrushchev, Nikita S.',
        role: 'Chairman of the Council of Ministers of the Soviet Union',
        url: 'https://history.state.gov/historicaldocuments/frus1961-63v06/persons#p_KNS2',
      },
    ]);
    assert.equal(rec.collections[0]!.title, 'Foreign Relations of the United States, 1961–1963, Volume VI, Kennedy-Khrushchev Exchanges');
    assert.deepEqual(rec.collections[0]!.editors, ['Charles S. Sampson', 'Glenn W. LaFantasie']);

    // d2's footnote cites Document 1: a docRef, listed in references.
    const d2 = doc(map, 'frus1961-63v06-d2');
    assert.deepEqual(d2.references, ['frus1961-63v06-d1']);
    assert.deepEqual(d2.footnotes[0]!.body, [{ kind: 'docRef', id: 'frus1961-63v06-d1', children: ['Document 1'] }, '.']);

    // d20 has no dateline: undated.
    assert.deepEqual(doc(map, 'frus1961-63v06-d20').date, { display: '[undated]' });

    // d79 cites a document of another volume ("frus1961-63v11#d183").
    assert.ok(doc(map, 'frus1961-63v06-d79').references.includes('frus1961-63v11-d183'));
  });
});

describe('tei-frus golden: dates, agents and notes across eras', () => {
  it('1955–57 vol. XXIV: date inside hi, nested chapter collections, a source note with paragraphs', async () => {
    const map = await records('frus1955-57v24', ['frus1955-57v24-d2', 'frus1955-57v24-d44', 'frus1955-57v24-d92', 'frus1955-57v24-d99']);
    // "(Tab B <note n="3"/>)": the footnote marker attaches to the word before it.
    assert.match(doc(map, 'frus1955-57v24-d99').text!, /The attached telegram \(Tab B\) \(to be sent by pouch\)/);
    const d2 = doc(map, 'frus1955-57v24-d2');
    assert.deepEqual(d2.date, { start: '1955-01-27', end: '1955-01-27', display: 'January 27, 1955' });
    assert.equal(d2.placeWritten, 'washington');
    assert.equal(d2.source.archive, 'Eisenhower Library');
    assert.equal(d2.classification, 'Top Secret');
    const d44 = doc(map, 'frus1955-57v24-d44');
    assert.match(d44.source.reference!, /^Department of State, OCB Files: Lot 62 D 430, Soviet and Related Problems\. Secret\. According to a memorandum/);
    assert.equal(d44.classification, 'Secret');
    const rec92 = map.get('frus1955-57v24-d92')!;
    assert.deepEqual(rec92.document.collections, ['frus1955-57v24', 'frus1955-57v24-ch2']);
    const ch2 = rec92.collections.find((c) => c.slug === 'frus1955-57v24-ch2')!;
    const comp2 = rec92.collections.find((c) => c.slug === 'frus1955-57v24-comp2')!;
    assert.equal(ch2.parent, 'frus1955-57v24-comp2');
    assert.equal(ch2.title, 'United States Policy in Establishing a Program of Exchange of Information and Persons With the Soviet Bloc');
    assert.equal(comp2.parent, 'frus1955-57v24');
    assert.equal(comp2.title, 'East-West Exchanges');
    assert.equal(comp2.position, 2);
    assert.deepEqual(rec92.document.authors, ['brownell-herbert-jr']);
    assert.deepEqual(rec92.document.recipients, ['cutler-robert']);
  });

  it('1955–57 vol. XXIV d44: an italic section title (rend="sectiontitleital") is a heading', async () => {
    const map = await records('frus1955-57v24', ['frus1955-57v24-d44']);
    const headings = (doc(map, 'frus1955-57v24-d44').body ?? []).filter((b) => b.kind === 'heading');
    assert.ok(
      headings.some((h) => h.kind === 'heading' && h.level === 4 && JSON.stringify(h.children).includes('A. U.S. Objectives To Be Served by Exploitation of the Anti-')),
      JSON.stringify(headings),
    );
  });

  it('1952–54 Guatemala d1: a reference into a volume not in the corpus keeps its history.state.gov page', async () => {
    const map = await records('frus1952-54Guat', ['frus1952-54guat-d1']);
    const d = doc(map, 'frus1952-54guat-d1');
    const withNotes: Block[] = [...(d.body ?? []), { kind: 'p', children: d.footnotes.flatMap((f) => f.body ?? []) }];
    const ref = findInline(withNotes, (n) => n.kind === 'docRef' && n.id === 'frus1952-54v04-d3');
    assert.deepEqual(ref && ref.kind === 'docRef' && ref.href, 'https://history.state.gov/historicaldocuments/frus1952-54v04/d3');
    const local = findInline(withNotes, (n) => n.kind === 'docRef' && n.id.startsWith('frus1952-54guat-'));
    assert.ok(!local || (local.kind === 'docRef' && local.href === undefined));
  });

  it('1961–63 vol. V: telegram with gloss from/to, a from/to date range, a repeated footnote reference', async () => {
    const map = await records('frus1961-63v05', ['frus1961-63v05-d9', 'frus1961-63v05-d266', 'frus1961-63v05-d69', 'frus1961-63v05-d305']);
    const d9 = doc(map, 'frus1961-63v05-d9');
    assert.equal(d9.title, 'Telegram From the Embassy in the Soviet Union to the Department of State');
    assert.equal(d9.type, 'Telegram');
    assert.deepEqual(d9.authors, ['embassy-in-the-soviet-union']);
    assert.deepEqual(d9.recipients, ['department-of-state']);
    assert.equal(d9.placeWritten, 'moscow');
    assert.equal(d9.classification, 'Confidential');
    assert.equal(d9.source.archive, 'Department of State, Central Files');
    assert.deepEqual(map.get('frus1961-63v05-d9')!.people.find((p) => p.id === 'department-of-state'), { id: 'department-of-state', name: 'Department of State' });
    assert.deepEqual(doc(map, 'frus1961-63v05-d266').date, { start: '1962-11-15', end: '1962-11-17', display: 'November 15 and 17, 1962' });
    const d69 = doc(map, 'frus1961-63v05-d69');
    assert.equal(d69.footnotes.filter((f) => f.n === '2').length, 1);
    // "<date>Washington</date>, <date when=…>": the first date with a machine-readable value wins.
    assert.equal(doc(map, 'frus1961-63v05-d305').date.start, '1963-03-18');
  });

  it('1969–76 vol. E-9: summary and source in the source note; times reduced to the day', async () => {
    const map = await records('frus1969-76ve09p1', ['frus1969-76ve09p1-d10', 'frus1969-76ve09p1-d13']);
    const d10 = doc(map, 'frus1969-76ve09p1-d10');
    assert.match(d10.summary!, /^The Embassy was instructed to deliver a note/);
    assert.match(d10.source.reference!, /^Washington National Records Center, OSD Files/);
    assert.equal(d10.source.archive, 'Washington National Records Center');
    assert.deepEqual(d10.date, { start: '1973-04-05', end: '1973-04-05', display: 'April 5, 1973, 1529Z' });
    assert.deepEqual(doc(map, 'frus1969-76ve09p1-d13').date, { start: '1973-04-16', end: '1973-04-16', display: 'April 16, 1973, 10:03–11:45 a.m' });
  });

  it('1961–63 vol. I: two persons listed under the same name stay two records', async () => {
    const all = new Map<string, string>();
    for await (const rec of parseFrusVolume(volumePath('frus1961-63v01'))) {
      if (rec.ok) for (const p of rec.record.people) all.set(p.id, p.listings?.[0]?.url ?? '');
    }
    assert.equal(all.get('ngo-dinh-nhu'), 'https://history.state.gov/historicaldocuments/frus1961-63v01/persons#p_NDN1');
    assert.equal(all.get('ngo-dinh-nhu-madame'), 'https://history.state.gov/historicaldocuments/frus1961-63v01/persons#p_NDN2');
  });

  it('1961–63 vol. III: "Diem, see Ngo Dinh Diem" is no person of its own; the short form cites the man it points to', async () => {
    const map = await records('frus1961-63v03', ['frus1961-63v03-d41']);
    const letter = doc(map, 'frus1961-63v03-d41');
    assert.deepEqual(letter.recipients, ['ngo-dinh-diem']);
    const people = map.get('frus1961-63v03-d41')!.people;
    assert.ok(!people.some((p) => p.id === 'diem' || /^see /i.test(currentRole(p) ?? '')), JSON.stringify(people.map((p) => [p.id, currentRole(p)])));
  });

  it('a sender printed by surname alone is no one record across volumes: William P. Bundy (vol. III) is not McGeorge Bundy (vol. XXII)', async () => {
    const william = doc(await records('frus1961-63v03', ['frus1961-63v03-d49']), 'frus1961-63v03-d49');
    const mcgeorge = doc(await records('frus1961-63v22', ['frus1961-63v22-d54']), 'frus1961-63v22-d54');
    assert.deepEqual(william.authors, ['bundy-frus1961-63v03']);
    assert.deepEqual(mcgeorge.authors, ['bundy-frus1961-63v22']);
    // A full name in its own order is the person the volume lists: "McGeorge Bundy" is "Bundy, McGeorge".
    assert.deepEqual(doc(await records('frus1964-68v14', ['frus1964-68v14-d270']), 'frus1964-68v14-d270').authors, ['bundy-mcgeorge']);
    assert.ok(doc(await records('frus1961-63v03', ['frus1961-63v03-d211']), 'frus1961-63v03-d211').authors.includes('kalischer-peter'));
    // A surname of two words is looked up as a surname ("Ruiz Cortines" is "Ruíz Cortines, Adolfo").
    assert.ok(doc(await records('frus1958-60v05', ['frus1958-60v05-d311']), 'frus1958-60v05-d311').recipients.concat(doc(await records('frus1958-60v05', ['frus1958-60v05-d311']), 'frus1958-60v05-d311').authors).includes('ruiz-cortines-adolfo'));
    // A name only mentioned in a head, without a pointer, makes no record.
    assert.ok(!doc(await records('frus1961-63v15', ['frus1961-63v15-d221']), 'frus1961-63v15-d221').people.some((p) => p.endsWith('-frus1961-63v15')));
  });

  it('1948 vol. I pt 1 d42: minutes without a dateline take the day their head prints, as inferred', async () => {
    const d42 = doc(await records('frus1948v01p1', ['frus1948v01p1-d42']), 'frus1948v01p1-d42');
    assert.deepEqual(d42.date, { start: '1948-10-21', end: '1948-10-21', display: 'October 21, 1948', certainty: 'inferred' });
  });

  it('1964–68 vol. XIV: "59.Intelligence Memorandum" loses its number', async () => {
    const map = await records('frus1964-68v14', ['frus1964-68v14-d59']);
    assert.equal(doc(map, 'frus1964-68v14-d59').title, 'Intelligence Memorandum');
    assert.equal(doc(map, 'frus1964-68v14-d59').type, 'Memorandum');
  });
});

describe('tei-frus golden: structure', () => {
  it('1948 vol. I pt 1: older encoding, no person list, attachments, page-numbered footnotes', async () => {
    const map = await records('frus1948v01p1', ['frus1948v01p1-d1', 'frus1948v01p1-d2']);
    const d2 = doc(map, 'frus1948v01p1-d2');
    assert.equal(d2.title, 'The Acting Secretary of State to the United States Representative at the United Nations (Austin)');
    assert.equal(d2.type, 'Telegram');
    assert.equal(d2.source.reference, '501.BB Interim/1–348: Telegram');
    assert.deepEqual(d2.authors, ['acting-secretary-of-state']);
    assert.deepEqual(d2.recipients, ['austin-frus1948v01p1']);
    assert.deepEqual(d2.date, { start: '1948-01-03', end: '1948-01-03', display: 'January 3, 1948' });
    assert.equal(d2.placeWritten, 'washington');
    const attachments = d2.body!.filter((b) => b.kind === 'attachment');
    assert.equal(attachments.length, 2);
    const first = attachments[0]!;
    assert.ok(first.kind === 'attachment' && first.title);
    assert.deepEqual(first.title[0], { kind: 'em', children: ['The Secretary of State to the Speaker of the House of Representatives'] });
    assert.deepEqual(d2.footnotes.map((f) => f.n), ['1', '1-2', '2', '3']);
    assert.deepEqual(d2.footnotes.map((f) => f.mark), [undefined, '1', undefined, undefined], 'the second note 1 is printed "1"');
    assert.equal(findInline(d2.body, (i) => i.kind === 'entity'), undefined, 'no person list, no entity links');
    const d1 = doc(map, 'frus1948v01p1-d1');
    assert.equal(d1.type, 'Editorial Note');
    assert.deepEqual(d1.date, { display: '[undated]' });
  });

  it('1961–63 vol. VI: an abbreviation in the text carries its expansion from the volume\'s list of terms', async () => {
    const map = await records('frus1961-63v06', ['frus1961-63v06-d3', 'frus1961-63v06-d9']);
    assert.deepEqual(findInline(doc(map, 'frus1961-63v06-d3').body, (i) => i.kind === 'abbr'), {
      kind: 'abbr',
      expansion: 'Union of Soviet Socialist Republics',
      children: ['USSR'],
    });
    const d9 = doc(map, 'frus1961-63v06-d9');
    assert.deepEqual(findInline(d9.body, (i) => i.kind === 'abbr' && i.children[0] === 'USA'), { kind: 'abbr', expansion: 'United States of America', children: ['USA'] });
    // Searched as printed: the abbreviation stays in the text, its expansion is not added there.
    assert.match(d9.text!, /\bUSA\b/);
  });

  it('1961–63 vol. VIII: a table with a label row', async () => {
    const map = await records('frus1961-63v08', ['frus1961-63v08-d17']);
    const d17 = doc(map, 'frus1961-63v08-d17');
    const tables = d17.body!.filter((b) => b.kind === 'table');
    assert.ok(tables.length >= 2);
    const labelled = tables.find((t) => t.kind === 'table' && t.rows[0]!.every((c) => c.header));
    assert.ok(labelled && labelled.kind === 'table', 'a table whose first row is a label row');
    assert.deepEqual(labelled.rows[0]![1]!.children, [{ kind: 'em', children: ['1961'] }]);
    assert.ok(labelled.rows.slice(1).every((row) => row.every((c) => !c.header)));
    assert.match(d17.text!, /1961 1962 1963 1964/);
  });

  it('1961–63 vol. I: a word printed after a note\'s marker is a word of its own ("plan³ just")', async () => {
    const map = await records('frus1961-63v01', ['frus1961-63v01-d3', 'frus1961-63v01-d6']);
    // "counter-insurgency plan<note n="3">…</note>just submitted"
    assert.match(doc(map, 'frus1961-63v01-d3').text!, /counter-insurgency plan just submitted/);
    assert.match(doc(map, 'frus1961-63v01-d6').text!, /subject\. He\b/);
  });
});

describe('tei-frus golden: microfiche supplements (metadata only)', () => {
  it('vols. X–XII supplement: catalogue entries with date, marking, pages, archive', async () => {
    const map = await records('frus1961-63v10-12mSupp', ['frus1961-63v10-12msupp-d1', 'frus1961-63v10-12msupp-d2', 'frus1961-63v10-12msupp-d273a']);
    const rec = map.get('frus1961-63v10-12msupp-d1')!;
    const d1 = rec.document;
    assert.equal(d1.sourceId, 'frus:frus1961-63v10-12mSupp/d1');
    assert.equal(d1.title, 'Telegram 430 from La Paz, February 9, 1961');
    assert.equal(d1.type, 'Microfiche supplement entry');
    assert.deepEqual(d1.date, { start: '1961-02-09', end: '1961-02-09', display: 'February 9, 1961' });
    assert.equal(d1.classification, 'Unclassified');
    assert.equal(d1.source.reference, 'DOS, CF, 611.247/2–961');
    assert.equal(d1.source.archive, 'Department of State, Central Files');
    assert.match(d1.description!, /^Transmits text of Bolivian communique/);
    assert.match(d1.summary!, /^Telegram 430 from La Paz, February 9, 1961\. Transmits/);
    assert.equal(d1.body, undefined);
    assert.equal(d1.text, undefined);
    assert.deepEqual(d1.media, []);
    assert.deepEqual(d1.collections, ['frus1961-63v10-12msupp', 'frus1961-63v10-12msupp-ch1']);
    assert.equal(rec.collections.find((c) => c.slug === 'frus1961-63v10-12msupp-ch1')!.title, 'Bolivia');
    const d2 = doc(map, 'frus1961-63v10-12msupp-d2');
    assert.equal(d2.classification, 'No classification marking');
    assert.equal(d2.source.archive, 'Kennedy Library');
    assert.equal(doc(map, 'frus1961-63v10-12msupp-d273a').id, 'frus1961-63v10-12msupp-d273a');
  });

  it('vols. VII–IX supplement: the year comes from the chapter heading', async () => {
    const map = await records('frus1961-63v07-09mSupp', ['frus1961-63v07-09msupp-d1', 'frus1961-63v07-09msupp-d72a']);
    const d1 = doc(map, 'frus1961-63v07-09msupp-d1');
    assert.equal(d1.title, 'Record of Actions, 474th NSC Meeting, January 12');
    assert.deepEqual(d1.date, { start: '1961-01-12', end: '1961-01-12', display: 'January 12 [1961]', certainty: 'inferred' });
    assert.equal(d1.classification, 'Top Secret');
    assert.equal(d1.source.archive, 'Department of State');
    // An entry the encoders left without a heading still becomes a record.
    assert.equal(doc(map, 'frus1961-63v07-09msupp-d72a').title, 'Document 72A');
  });
});

describe('tei-frus golden: footnotes that point at another note', () => {
  it('1961–63 vol. IV d69: a second note 4 with @target and its own text is kept, with its links', async () => {
    const map = await records('frus1961-63v04', ['frus1961-63v04-d69']);
    const d69 = doc(map, 'frus1961-63v04-d69');
    // `<note n="4" target="d69fn4">See footnote 7, Document 26, and footnote 3, Document 44.</note>`
    // points at the first note 4 but says something else: it was dropped, its marker led to note 4.
    assert.deepEqual(
      d69.footnotes.filter((f) => f.n.startsWith('4')).map((f) => [f.n, f.text]),
      [
        ['4', 'See footnote 3, Document 68.'],
        ['4-2', 'See footnote 7, Document 26, and footnote 3, Document 44.'],
      ],
    );
    const second = d69.footnotes.find((f) => f.n === '4-2')!;
    assert.deepEqual(
      second.body?.filter((i) => typeof i !== 'string' && i.kind === 'docRef').map((i) => (i as { id: string }).id),
      ['frus1961-63v04-d26', 'frus1961-63v04-d44'],
    );
    for (const id of ['frus1961-63v04-d26', 'frus1961-63v04-d44', 'frus1961-63v04-d68']) assert.ok(d69.references.includes(id), id);
    // Each marker in the text leads to its own note.
    assert.ok(findInline(d69.body, (i) => i.kind === 'noteRef' && i.n === '4'));
    assert.ok(findInline(d69.body, (i) => i.kind === 'noteRef' && i.n === '4-2'));
  });

  it('1961–63 vol. VIII d49: notes "##" and "3" that point at other notes are kept, and their persons linked', async () => {
    const map = await records('frus1961-63v08', ['frus1961-63v08-d49']);
    const d49 = doc(map, 'frus1961-63v08-d49');
    assert.deepEqual(d49.footnotes.map((f) => f.n), ['1', '2', '*', '#', '##', '###', '3', '4']);
    assert.equal(d49.footnotes.find((f) => f.n === '##')!.text, 'CSAF believes 250 is the correct figure.');
    assert.match(d49.footnotes.find((f) => f.n === '3')!.text, /^In a memorandum to McNamara dated April 24, 1962, Lemnitzer/);
    assert.ok(d49.people.includes('mcnamara-robert-s'), 'McNamara, named only in the kept note');
  });

  it('1961–63 vol. XXII d119: a note holding another note comes before it in the list', async () => {
    const map = await records('frus1961-63v22', ['frus1961-63v22-d119']);
    assert.deepEqual(doc(map, 'frus1961-63v22-d119').footnotes.map((f) => f.n), ['1', '2']);
  });
});

/** Person records of a volume's documents by their volume-local authority ("frus1977-80v01#p_RWD_1"). */
async function peopleOf(volume: string): Promise<Map<string, Person>> {
  const out = new Map<string, Person>();
  for await (const rec of parseFrusVolume(volumePath(volume))) {
    if (!rec.ok) continue;
    // Keyed "frus1961-63v06#p_JLB1", from the listing's entry on history.state.gov.
    for (const p of rec.record.people) for (const l of p.listings ?? []) out.set((l.url ?? '').replace(/^.*\/historicaldocuments\/([^/]+)\/persons#/, '$1#'), p);
  }
  return out;
}

describe('tei-frus golden: one person per record across volumes', () => {
  it('middle initials tell people apart; ranks and titles do not', { timeout: 60_000 }, async () => {
    const idOf = new Map<string, string>();
    for (const volume of ['frus1977-80v01', 'frus1969-76ve09p1', 'frus1958-60v05', 'frus1961-63v01', 'frus1961-63v15', 'frus1961-63v03']) {
      for (const [authority, p] of await peopleOf(volume)) idOf.set(authority, p.id);
    }
    const cases: [string, string][] = [
      // Listed in the same volume: William D. Rogers took `rogers-william`, and William P.
      // Rogers of every other volume merged into him.
      ['frus1977-80v01#p_RWD_1', 'rogers-william-d'],
      ['frus1977-80v01#p_RWP_1', 'rogers-william-p'],
      ['frus1969-76ve09p1#p_RWP_1', 'rogers-william-p'],
      // Robert Anderson, Ambassador to Morocco, is not Robert B. Anderson, Secretary of the Treasury.
      ['frus1969-76ve09p1#p_AR_1', 'anderson-robert'],
      ['frus1958-60v05#p_ARB1', 'anderson-robert-b'],
      // Edwin W. Martin (Political Adviser, CINCPAC) and Edwin M. Martin (Assistant Secretary).
      ['frus1961-63v01#p_MEW1', 'martin-edwin-w'],
      ['frus1958-60v05#p_MEM1', 'martin-edwin-m'],
      ['frus1961-63v15#p_CJA1', 'calhoun-john-c'],
      ['frus1958-60v05#p_CJA1', 'calhoun-john-a'],
      // "Gen.", "General", "Lieutenant General": one Lemnitzer.
      ['frus1961-63v01#p_LGLL1', 'lemnitzer-lyman-l'],
      ['frus1961-63v15#p_LGLL1', 'lemnitzer-lyman-l'],
      ['frus1961-63v01#p_TGMD1', 'taylor-maxwell-d'],
      // The misprinted "Kennedy, John E" is the President.
      ['frus1961-63v03#p_KJE1', 'kennedy-john-f'],
    ];
    for (const [authority, id] of cases) assert.equal(idOf.get(authority), id, authority);
  });

  it('each volume keeps its own listing of a person; the latest describes him, in whatever order they are read', { timeout: 60_000 }, async () => {
    const volumes = ['frus1964-68v14', 'frus1958-60v05', 'frus1961-63v01'];
    const johnson = await Promise.all(volumes.map(async (v) => (await peopleOf(v)).get(`${v}#p_JLB1`)!));
    for (const [i, p] of johnson.entries()) {
      assert.equal(p.id, 'johnson-lyndon-b');
      assert.deepEqual(p.listings?.map((l) => [l.source, l.name]), [[volumes[i], p.name]]);
      assert.equal(p.role, undefined, 'the role is the listing\'s');
    }
    const merged = johnson.reduce((known, p) => mergePerson(known, p));
    assert.deepEqual(
      merged.listings?.map((l) => [l.source, l.name]),
      [
        ['frus1958-60v05', 'Johnson, Lyndon B.'],
        ['frus1961-63v01', 'Johnson, Lyndon B.'],
        ['frus1964-68v14', 'Johnson, Lyndon Baines'],
      ],
    );
    assert.equal(merged.listings?.[0]?.role, 'Democratic Senator from Texas; Senate Majority Leader');
    assert.match(merged.listings?.[1]?.role ?? '', /^Vice President/);
    assert.match(currentRole(merged) ?? '', /^President of the United States/);
    // Read the other way round, the senator's volume first: the same listings and role.
    const reversed = [...johnson].reverse().reduce((known, p) => mergePerson(known, p));
    assert.deepEqual(reversed.listings, merged.listings);
  });

  it('1961–63 vol. I: a suffix printed after the persName belongs to the name', async () => {
    const schlesinger = (await peopleOf('frus1961-63v01')).get('frus1961-63v01#p_SAM1')!;
    assert.deepEqual([schlesinger.id, schlesinger.name, currentRole(schlesinger)], ['schlesinger-arthur-m-jr', 'Schlesinger, Arthur M., Jr.', "President's Special Assistant"]);
  });

  it('1961–63 vol. IV: a name the scan misread ("Kennedy, Robert E") is named as read, and listed as printed', async () => {
    const rfk = (await peopleOf('frus1961-63v04')).get('frus1961-63v04#p_KRE1')!;
    assert.deepEqual([rfk.id, rfk.name, rfk.altNames], ['kennedy-robert-f', 'Kennedy, Robert F.', ['Kennedy, Robert E']]);
    assert.deepEqual(rfk.listings?.map((l) => l.name), ['Kennedy, Robert E']);
    // Merged with a volume that prints the name right, the record keeps one spelling of it.
    const printedRight = (await peopleOf('frus1961-63v05')).get('frus1961-63v05#p_KRF1')!;
    const merged = mergePerson(rfk, printedRight);
    assert.deepEqual([merged.name, merged.altNames], ['Kennedy, Robert F.', ['Kennedy, Robert E']]);
    assert.deepEqual(merged.listings?.map((l) => [l.source, l.name]), [['frus1961-63v04', 'Kennedy, Robert E'], ['frus1961-63v05', 'Kennedy, Robert F.']]);
  });
});
