import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseEnglishDate, yearOf } from '../../../src/ingest/tei-frus/dates.js';
import { inferDocumentType } from '../../../src/ingest/tei-frus/doc-type.js';
import { buildPersonIndex, correspId, personKey } from '../../../src/ingest/tei-frus/persons.js';
import { resolveRef } from '../../../src/ingest/tei-frus/refs.js';
import { buildTermIndex } from '../../../src/ingest/tei-frus/terms.js';
import { archiveOf } from '../../../src/ingest/tei-frus/source-note.js';
import { parseSupplementEntry, sentenceEnd } from '../../../src/ingest/tei-frus/supplement.js';
import type { VolumeInfo } from '../../../src/ingest/tei-frus/volume-header.js';
import type { XmlElement, XmlNode } from '../../../src/ingest/tei-frus/xml.js';

const volume: VolumeInfo = { id: 'frus1961-63v06', slug: 'frus1961-63v06', title: 'T', editors: [] };

describe('tei-frus parts', () => {
  it('resolves ref targets to document ids or links', () => {
    assert.deepEqual(resolveRef('#d12', volume), { kind: 'doc', id: 'frus1961-63v06-d12' });
    assert.deepEqual(resolveRef('#d12fn3', volume), { kind: 'doc', id: 'frus1961-63v06-d12' });
    assert.deepEqual(resolveRef('frus1961-63v05#d3', volume), { kind: 'doc', id: 'frus1961-63v05-d3', href: 'https://history.state.gov/historicaldocuments/frus1961-63v05/d3' });
    assert.deepEqual(resolveRef('frus1917-72PubDip#d7', volume), { kind: 'doc', id: 'frus1917-72pubdip-d7', href: 'https://history.state.gov/historicaldocuments/frus1917-72PubDip/d7' });
    assert.deepEqual(resolveRef('#pg_12', volume), { kind: 'link', href: 'https://history.state.gov/historicaldocuments/frus1961-63v06/pg_12' });
    assert.deepEqual(resolveRef('frus1947v01#pg_1', volume), { kind: 'link', href: 'https://history.state.gov/historicaldocuments/frus1947v01/pg_1' });
    assert.deepEqual(resolveRef('frus1952-54v08', volume), { kind: 'link', href: 'https://history.state.gov/historicaldocuments/frus1952-54v08' });
    assert.deepEqual(resolveRef('https://example.org/a b', volume), { kind: 'link', href: 'https://example.org/a' });
    assert.equal(resolveRef('#t_NATO1', volume), undefined);
    assert.equal(resolveRef('', volume), undefined);
  });

  it('reads corresp pointers, tolerating stray characters', () => {
    assert.equal(correspId('#p_KNS2'), 'p_KNS2');
    assert.equal(correspId('#$p_ZGN1'), 'p_ZGN1');
    assert.equal(correspId('.#p_SA_3'), 'p_SA_3');
    assert.equal(correspId(undefined), undefined);
  });

  it('keys persons by surname, given name and initials, without ranks, titles or asides (names as the lists print them)', () => {
    const cases: [string, string][] = [
      ['Khrushchev, Nikita', 'khrushchev-nikita'],
      ['Khrushchev, Nikita S.', 'khrushchev-nikita-s'],
      ['Khrushchev, Nikita Sergeyevich', 'khrushchev-nikita-s'],
      ['Rogers, William D.', 'rogers-william-d'],
      ['Rogers, William P.', 'rogers-william-p'],
      ['Lemnitzer, Gen. Lyman L.', 'lemnitzer-lyman-l'],
      ['Lemnitzer, Lieutenant General Lyman L.', 'lemnitzer-lyman-l'],
      ['Clifton,. Brig. Gen. Chester V.', 'clifton-chester-v'],
      ['Heinz, Rear Adm. Luther C.', 'heinz-luther-c'],
      ['Caccia, Sir Harold', 'caccia-harold'],
      ['Konev, Marshal of the Soviet Union Ivan S.', 'konev-ivan-s'],
      ['Taylor, Gen. Maxwell D. (USA)', 'taylor-maxwell-d'],
      ['Harriman, W. Averell', 'harriman-w-averell'],
      ['Jackson, C.D.', 'jackson-c-d'],
      ['Lodge, Henry Cabot, Jr.', 'lodge-henry-c-jr'],
      ['Stevenson, Adlai E., III', 'stevenson-adlai-e-iii'],
      ['Hutcheson, Richard G., Ill', 'hutcheson-richard-g-iii'],
      ['Resor, Stanley, R.', 'resor-stanley-r'],
      ['McGhee, George C., Counselor', 'mcghee-george-c'],
      ['Berger, Samuel R. “Sandy,”', 'berger-samuel-r'],
      ['Barnes, Tracy (Playdon, William D.)', 'barnes-tracy'],
      ['Kennedy, John E', 'kennedy-john-f'],
      ['Nhu, Madame', 'nhu-madame'],
      ['Ngo Dinh Nhu', 'ngo-dinh-nhu'],
      ['Nguyen Khanh, Brig. Gen.', 'nguyen-khanh'],
      ['Tran Tu Oai Brigadier General', 'tran-tu-oai'],
      ['Chiang Kai-shek, Generalissimo', 'chiang-kai-shek'],
      ['Tam Chau, bonze', 'tam-chau'],
      ['Lord, Winston', 'lord-winston'],
    ];
    for (const [name, key] of cases) assert.equal(personKey(name), key, name);
  });

  it('reads a hostile name of 100,000 characters in linear time (a persons list is input)', { timeout: 5000 }, async () => {
    // A look-behind for the misread "E" and a trailing-comma regex each took seconds here.
    assert.equal(personKey(`${'a '.repeat(50_000)}E`).slice(0, 8), 'a-a-a-a-');
    assert.equal(personKey(`x${' ,'.repeat(50_000)}y`), 'x-y');
    const persName = { name: 'persName', attrs: { 'xml:id': 'p_X1' }, children: [`X${' ,'.repeat(50_000)}`] };
    const item = { name: 'item', attrs: {}, children: [{ name: 'hi', attrs: {}, children: [persName, ','] }, ' Jr., Counselor'] };
    const people = buildPersonIndex({ name: 'div', attrs: { 'xml:id': 'persons' }, children: [{ name: 'list', attrs: {}, children: [item] }] }, { id: 'frus9999v01', slug: 'frus9999v01' });
    assert.equal(people.get('p_X1')?.name, 'X, Jr.');
  });

  it('reads the list of terms: each term its expansion, without the comma; a bare abbreviation is passed over', () => {
    const item = (...children: XmlNode[]): XmlElement => ({ name: 'item', attrs: {}, children });
    const term = (id: string, text: string): XmlElement => ({ name: 'term', attrs: { 'xml:id': id }, children: [text] });
    const strong = (...children: XmlNode[]): XmlElement => ({ name: 'hi', attrs: { rend: 'strong' }, children });
    const terms = buildTermIndex({
      name: 'div',
      attrs: { 'xml:id': 'terms' },
      children: [
        { name: 'list', attrs: {}, children: [
          item(' ', strong(' ', term('t_ACDA1', 'ACDA'), ','), ' Arms Control and\n   Disarmament Agency'),
          item(strong('A,'), ' Bureau of Administration'),
          item(strong(term('t_WSBURNT1', 'WSBURNT'), ', '), 'Guatemala', { name: 'note', attrs: { n: '1' }, children: ['A cryptonym.'] }),
          item(strong(term('t_EMPTY1', 'X'), ',')),
        ] },
      ],
    });
    assert.deepEqual([...terms], [
      ['t_ACDA1', 'Arms Control and Disarmament Agency'],
      ['t_WSBURNT1', 'Guatemala'],
    ]);
  });

  it('names the archive from the first words of the source note', () => {
    assert.equal(archiveOf('Department of State, Central Files, 611.61/1–1261. Secret.'), 'Department of State, Central Files');
    assert.equal(archiveOf('Department of State, Presidential Correspondence: Lot 66 D 204.'), 'Department of State');
    assert.equal(archiveOf('Kennedy Library, National Security Files, Countries Series.'), 'Kennedy Library');
    assert.equal(archiveOf('National Archives, RG 59, Central Files.'), 'National Archives');
    assert.equal(archiveOf('DOS, CF, 611.247/2–961'), 'Department of State, Central Files');
    assert.equal(archiveOf('CIA Files: Job 85–00664R, Box 3'), 'Central Intelligence Agency');
    assert.equal(archiveOf('501.BB/4–1348'), undefined);
    assert.equal(archiveOf('Department of State Bulletin, May 1, 1961, p. 4.'), undefined);
    assert.equal(archiveOf('American Foreign Policy: Current Documents, 1960, p. 476.', true), undefined);
  });

  it('infers the document type from the title', () => {
    const cases: [string, string | undefined][] = [
      ['Telegram From the Embassy in the Soviet Union to the Department of State', 'Telegram'],
      ['Circular Telegram From the Department of State to Certain Posts', 'Telegram'],
      ['Memorandum of Conversation', 'Memorandum of Conversation'],
      ['Memorandum of Telephone Conversation Between Rusk and Ball', 'Telephone Conversation'],
      ['Memorandum From the President’s Special Assistant (Bundy) to President Kennedy', 'Memorandum'],
      ['Message From Chairman Khrushchev to President-elect Kennedy', 'Message'],
      ['Letter From President Kennedy to Chairman Khrushchev', 'Letter'],
      ['Editorial Note', 'Editorial Note'],
      ['Minutes of a Washington Special Actions Group Meeting', 'Minutes'],
      ['Special National Intelligence Estimate', 'National Intelligence Estimate'],
      ['Paper Prepared in the Department of State', 'Paper'],
      ['United States Delegation Position Paper', 'Paper'],
      ['Central Intelligence Agency Information Report', 'Report'],
      ['National Security Council Record of Action No. 2455', 'Record of Action'],
      ['The Secretary of State to the Embassy in France', undefined],
    ];
    for (const [title, type] of cases) assert.equal(inferDocumentType(title), type, title);
  });

  it('reads English dates, inferring a missing year from the context', () => {
    assert.deepEqual(parseEnglishDate('Telegram 430 from La Paz, February 9, 1961')?.date, { start: '1961-02-09', end: '1961-02-09', display: 'February 9, 1961' });
    assert.deepEqual(parseEnglishDate('Letter from Fisk to McCloy, March 2', 1961)?.date, { start: '1961-03-02', end: '1961-03-02', display: 'March 2 [1961]', certainty: 'inferred' });
    assert.deepEqual(parseEnglishDate('Letter, March 2')?.date, { display: 'March 2' });
    assert.deepEqual(parseEnglishDate('October 23–24, 1962')?.date, { start: '1962-10-23', end: '1962-10-24', display: 'October 23–24, 1962' });
    assert.deepEqual(parseEnglishDate('Paper, September 1962')?.date, { start: '1962-09', end: '1962-09', display: 'September 1962' });
    assert.equal(parseEnglishDate('February 30, 1961'), undefined);
    assert.equal(yearOf('January 1962'), 1962);
    assert.equal(yearOf('November–December 1960'), 1960);
    assert.equal(yearOf('Bolivia'), undefined);
  });

  it('splits a microfiche catalogue entry', () => {
    const e = parseSupplementEntry(
      '1. Telegram 430 from La Paz, February 9, 1961. Transmits text of Bolivian communique on U.S.-Bolivian agreement. Unclassified. 1 p. DOS, CF, 611.247/2–961.',
      ['Bolivia', 'American Republics'],
    );
    assert.deepEqual(e, {
      title: 'Telegram 430 from La Paz, February 9, 1961',
      description: 'Transmits text of Bolivian communique on U.S.-Bolivian agreement.',
      date: { start: '1961-02-09', end: '1961-02-09', display: 'February 9, 1961' },
      classification: 'Unclassified',
      pages: 1,
      reference: 'DOS, CF, 611.247/2–961',
      archive: 'Department of State, Central Files',
    });
    const m = parseSupplementEntry('2. Memorandum of Conversation, February 21, among Wohlstetter, Wiesner, Owen, and Stern. Safety and stability of nuclear weapons. Top Secret. 5 pp. Department of State, Central Files, 711.5611/2–2161.', ['February 1961', 'Arms Control and Disarmament']);
    assert.equal(m.title, 'Memorandum of Conversation, February 21, among Wohlstetter, Wiesner, Owen, and Stern');
    assert.deepEqual(m.date, { start: '1961-02-21', end: '1961-02-21', display: 'February 21 [1961]', certainty: 'inferred' });
    assert.equal(m.classification, 'Top Secret');
    assert.equal(m.pages, 5);
    const u = parseSupplementEntry('94. Telegram 211 to Quito, undated. DOS response to request. Secret. 2 pp. Kennedy Library, National Security Files.', ['Ecuador']);
    assert.deepEqual(u.date, { display: '[undated]' });
    assert.equal(u.archive, 'Kennedy Library');
    assert.equal(sentenceEnd('Memorandum from Gen. Lemnitzer to McNamara. Next', 0), 'Memorandum from Gen. Lemnitzer to McNamara.'.length);
    // "US." is the catalogue's "U.S." (vols. X–XII supplement: "to the US. Intelligence Board"); "UK." and "UN." end sentences there.
    assert.equal(sentenceEnd('Memorandum to the US. Intelligence Board, February 11. Next', 0), 'Memorandum to the US. Intelligence Board, February 11.'.length);
    assert.equal(sentenceEnd('Textiles exported to Italy and UK. Also', 0), 'Textiles exported to Italy and UK.'.length);
  });
});
