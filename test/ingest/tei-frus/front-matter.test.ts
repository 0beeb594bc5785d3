import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inlineRuns, inlineText, type Block, type CollectionSection, type Inline } from '../../../src/domain/index.js';
import { MAX_ELEMENTS_PER_RECORD, type RecordOutcome } from '../../../src/ingest/format.js';
import { parseFrusStream } from '../../../src/ingest/tei-frus/index.js';
import { collect, volumePath } from './helpers.js';

async function read(xml: string): Promise<RecordOutcome[]> {
  const out: RecordOutcome[] = [];
  // Small chunks: a section is read across many of them.
  async function* chunks(): AsyncGenerator<string> {
    for (let i = 0; i < xml.length; i += 97) yield xml.slice(i, i + 97);
  }
  for await (const outcome of parseFrusStream(chunks(), 'test.xml')) out.push(outcome);
  return out;
}

function volume(front: string, body = '<div type="document" xml:id="d1" n="1"><head>One</head><p>Text.</p></div>'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="frus9999v01">
  <teiHeader><fileDesc><titleStmt><title type="complete">A Volume</title></titleStmt></fileDesc></teiHeader>
  <text><front>${front}</front><body><div type="compilation" xml:id="comp1"><head>C</head>${body}</div></body></text>
</TEI>`;
}

function textOf(section: CollectionSection): string {
  return [...inlineRuns(section.body)].map((run) => inlineText(run)).join('\n');
}

function hasKind(blocks: Block[], kind: Inline extends infer I ? (I extends { kind: infer K } ? K : never) : never): boolean {
  const visit = (nodes: Inline[]): boolean => nodes.some((n) => typeof n !== 'string' && (n.kind === kind || ('children' in n && visit(n.children))));
  return [...inlineRuns(blocks)].some(visit);
}

describe('tei-frus front matter', () => {
  it('a volume\'s preface, sources and lists come with its first document, in the order printed; the contents and the index do not', async () => {
    const outcomes = await collect(volumePath('frus1961-63v06'));
    const carriers = outcomes.filter((o) => o.ok && o.record.sections);
    assert.deepEqual(carriers.map((o) => o.label), ['frus1961-63v06-d1']);
    const given = carriers[0]!.ok ? carriers[0]!.record.sections! : undefined;
    assert.equal(given?.collection, 'frus1961-63v06');
    assert.deepEqual(
      given?.sections.map((s) => [s.id, s.title]),
      [
        ['preface', 'Preface'],
        ['intro1', 'Introduction'],
        ['subseriesvols', 'List of Kennedy Administration Volumes'],
        ['sources', 'List of Sources'],
        ['terms', 'List of Abbreviations'],
        ['persons', 'List of Names'],
      ],
    );
    const [preface, , , sources, , persons] = given!.sections;
    assert.match(textOf(preface!), /The editors have sought to present in this volume all the correspondence between President Kennedy and Chairman Khrushchev/);
    assert.match(textOf(sources!), /Department of State/);
    // The list of names as printed; its names are not linked to person pages a reader may not find.
    assert.match(textOf(persons!), /Adzhubei, Aleksei I\., Editor in Chief of Izvestia/);
    assert.equal(hasKind(persons!.body, 'entity'), false);
    // Every document is read as before.
    assert.equal(outcomes.filter((o) => o.ok).length, 120);
  });

  it('a heading\'s note, cross-references, an empty division and one without an id', async () => {
    const outcomes = await read(
      volume(`<div type="toc" xml:id="toc"><head>Contents</head><list><item>1</item></list></div>
        <div type="section" xml:id="Preface"><head>Preface<note n="1">Revised 2020.</note></head>
          <p>See <ref target="#d1">Document 1</ref> and <ref target="frus1961-63v05#d3">another volume</ref>.<note n="2">A <hi rend="italic">note</hi>.</note></p></div>
        <div type="section" xml:id="front-matter"><head>Front Matter</head></div>
        <div type="section"><p>Untitled text.</p></div>`),
    );
    const first = outcomes[0]!;
    assert.ok(first.ok);
    const sections = first.record.sections!.sections;
    assert.deepEqual(sections.map((s) => [s.id, s.title]), [['preface', 'Preface'], ['section-1', 'Section 1']]);
    assert.deepEqual(sections[0]!.footnotes.map((n) => n.text), ['Revised 2020.', 'A note.']);
    assert.deepEqual(sections[0]!.body[0], {
      kind: 'p',
      children: [
        'See ',
        { kind: 'docRef', id: 'frus9999v01-d1', children: ['Document 1'] },
        ' and ',
        { kind: 'docRef', id: 'frus1961-63v05-d3', href: 'https://history.state.gov/historicaldocuments/frus1961-63v05/d3', children: ['another volume'] },
        '.',
        { kind: 'noteRef', n: '2' },
      ],
    });
  });

  it('the sections ride on the first document that is stored, not on one refused', async () => {
    const outcomes = await read(
      volume(
        '<div type="section" xml:id="preface"><head>Preface</head><p>Words.</p></div>',
        '<div type="document"><head>No id</head><p>x</p></div><div type="document" xml:id="d2" n="2"><head>Two</head><p>y</p></div>',
      ),
    );
    assert.deepEqual(outcomes.map((o) => [o.label, o.ok, o.ok && Boolean(o.record.sections)]), [
      ['frus9999v01 document (no number)', false, false],
      ['frus9999v01-d2', true, true],
    ]);
  });

  it('front matter too large to keep in all is bounded as one record: the sections past the bound are reported and left out', async () => {
    const section = (i: number): string => `<div type="section" xml:id="s${i}"><head>S${i}</head><p>${'<hi>x</hi> '.repeat(997)}</p></div>`;
    const outcomes = await read(volume(Array.from({ length: 51 }, (_, i) => section(i)).join('')));
    const refused = outcomes.filter((o) => !o.ok);
    assert.deepEqual(refused.map((o) => o.label), ['frus9999v01 front matter s50']);
    assert.match(refused[0]!.ok ? '' : refused[0]!.reason, /the front matter holds more than 50,000 elements; this section and those after it are left out/);
    const first = outcomes.find((o) => o.ok)!;
    assert.equal(first.ok && first.record.sections?.sections.length, 50);
  });

  it('a section too large to keep is reported and left out; the documents are read as ever', async () => {
    const items = '<lb/>'.repeat(MAX_ELEMENTS_PER_RECORD + 1);
    const outcomes = await read(volume(`<div type="section" xml:id="sources"><head>Sources</head><p>${items}</p></div><div type="section" xml:id="preface"><head>Preface</head><p>Kept.</p></div>`));
    assert.deepEqual(outcomes.map((o) => [o.label, o.ok]), [
      ['frus9999v01 front matter sources', false],
      ['frus9999v01-d1', true],
    ]);
    assert.match(outcomes[0]!.ok ? '' : outcomes[0]!.reason, /more than 50,000 elements; left out/);
    assert.deepEqual(outcomes[1]!.ok && outcomes[1]!.record.sections?.sections.map((s) => s.id), ['preface']);
  });
});

describe('tei-frus front matter holding the lists', () => {
  it('lists of persons and abbreviations inside a front-matter division still link names and expand abbreviations', async () => {
    const outcomes = await read(
      volume(
        `<div type="section" xml:id="lists"><head>Lists</head>
          <div xml:id="terms"><head>Abbreviations</head><list type="terms"><item><hi rend="strong"><term xml:id="t_CIA1">CIA</term></hi>, Central Intelligence Agency</item></list></div>
          <div xml:id="persons"><head>Persons</head><list type="participants"><item><hi rend="strong"><persName xml:id="p_AA1">Able, Alice</persName></hi>, Director</item></list></div>
        </div>`,
        '<div type="document" xml:id="d1" n="1"><head>One</head><p>Met <persName corresp="#p_AA1">Able</persName> of <gloss target="#t_CIA1">CIA</gloss>.</p></div>',
      ),
    );
    const first = outcomes[0]!;
    assert.ok(first.ok);
    assert.deepEqual(first.record.people.map((p) => p.name), ['Able, Alice']);
    assert.deepEqual(first.record.document.body?.[0], {
      kind: 'p',
      children: ['Met ', { kind: 'entity', type: 'person', id: first.record.people[0]!.id, children: ['Able'] }, ' of ', { kind: 'abbr', expansion: 'Central Intelligence Agency', children: ['CIA'] }, '.'],
    });
    assert.deepEqual(first.record.sections?.sections.map((s) => s.id), ['lists']);
  });
});
