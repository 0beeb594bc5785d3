import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Block, Footnote, Inline } from '../../src/domain/index.js';
import { teiText, uriReference, type TeiLinks, type TeiText } from '../../src/export/tei-body.js';
import { scratchDir } from '../ingest/helpers.js';
import { SCHEMAS } from './jing.js';

const SCHEMA = path.join(SCHEMAS, 'tei/tei_all.rng');

const links: TeiLinks = {
  document: (id) => `https://archive.example/documents/${id}`,
  person: (id) => `https://archive.example/people/${id}`,
  place: (id) => `https://archive.example/places/${id}`,
  topic: (id) => `https://archive.example/topics/${id}`,
};

type Doc = { body?: Block[]; text?: string; footnotes: Footnote[] };

const tei = (body: Block[], footnotes: Footnote[] = []): TeiText => teiText({ body, footnotes }, links);
const p = (...children: Inline[]): Block => ({ kind: 'p', children });
/** The body of a single paragraph, without its `<p>` tags. */
const para = (...children: Inline[]): string => {
  const { body } = tei([p(...children)]);
  assert.match(body, /^<p>.*<\/p>$/s);
  return body.slice(3, -4);
};

describe('TEI text: inline content', () => {
  it('writes the type marks as hi with a rend', () => {
    assert.equal(
      para(
        { kind: 'em', children: ['a'] },
        { kind: 'strong', children: ['b'] },
        { kind: 'sup', children: ['c'] },
        { kind: 'sub', children: ['d'] },
        { kind: 'smallcaps', children: ['e'] },
        { kind: 'underline', children: [{ kind: 'em', children: ['f'] }] },
      ),
      '<hi rend="italic">a</hi><hi rend="bold">b</hi><hi rend="superscript">c</hi><hi rend="subscript">d</hi>' +
        '<hi rend="small-caps">e</hi><hi rend="underline"><hi rend="italic">f</hi></hi>',
    );
  });

  it('writes how the writing looks as the Schnitzler edition\'s rend', () => {
    assert.equal(
      para(
        { kind: 'written', as: 'latin', children: ['a'] },
        { kind: 'written', as: 'antiqua', children: ['b'] },
        { kind: 'written', as: 'printed', children: ['c'] },
        { kind: 'written', as: 'stamp', children: ['d'] },
        { kind: 'written', as: 'capitals', children: ['e'] },
      ),
      '<hi rend="latintype">a</hi><hi rend="antiqua">b</hi><hi rend="pre-print">c</hi><hi rend="stamp">d</hi><hi rend="capitals">e</hi>',
    );
  });

  it('writes editorial readings, abbreviations and breaks', () => {
    assert.equal(
      para(
        { kind: 'supplied', children: ['s'] },
        { kind: 'del', children: ['d'] },
        { kind: 'add', children: ['a'] },
        { kind: 'abbr', expansion: 'Arms Control and Disarmament Agency', children: ['ACDA'] },
        { kind: 'lb' },
        { kind: 'pb', n: '12', facs: '0012' },
        { kind: 'pb' },
      ),
      '<supplied>s</supplied><del>d</del><add>a</add><choice><abbr>ACDA</abbr><expan>Arms Control and Disarmament Agency</expan></choice>' +
        '<lb/><pb n="12" facs="0012"/><pb/>',
    );
  });

  it('writes links, document references and entities with their URLs', () => {
    const body: Block[] = [
      p(
        { kind: 'link', href: 'https://example.org/x', children: ['web'] },
        { kind: 'docRef', id: 'frus-d1', children: ['Document 1'] },
        { kind: 'docRef', id: 'frus-d1-held', href: 'https://history.state.gov/d1', children: ['held here'] },
        { kind: 'docRef', id: 'frus-other-d2', href: 'https://history.state.gov/d2', children: ['elsewhere'] },
        { kind: 'docRef', id: 'private-d3', children: ['a draft'] },
        { kind: 'entity', type: 'person', id: 'kennedy', children: ['Kennedy'] },
        { kind: 'entity', type: 'place', id: 'moscow', children: ['Moscow'] },
        { kind: 'entity', type: 'topic', id: 'arms', children: ['arms control'] },
      ),
    ];
    // As the reading page links them: here when the reader may open the document, else where it is kept, else not at all.
    const references = [{ id: 'frus-d1', title: 'Document 1' }, { id: 'frus-d1-held', title: 'Held' }, { id: 'frus-other-d2' }];
    assert.equal(
      teiText({ id: 'this', references, body, footnotes: [] }, links).body,
      '<p><ref target="https://example.org/x">web</ref>' +
        '<ref type="document" target="https://archive.example/documents/frus-d1">Document 1</ref>' +
        '<ref type="document" target="https://archive.example/documents/frus-d1-held">held here</ref>' +
        '<ref type="document" target="https://history.state.gov/d2">elsewhere</ref>' +
        'a draft' +
        '<persName ref="https://archive.example/people/kennedy">Kennedy</persName>' +
        '<placeName ref="https://archive.example/places/moscow">Moscow</placeName>' +
        '<rs type="topic" ref="https://archive.example/topics/arms">arms control</rs></p>',
    );
  });

  it('escapes <, & and " and drops characters XML 1.0 forbids (a form feed becomes a space), in text and attributes', () => {
    assert.equal(
      para('a < b && "c"\f', { kind: 'abbr', expansion: 'x<y>"\u0001', children: ['&'] }, { kind: 'link', href: 'https://e.org/?a=1&b="2"', children: ['l'] }),
      'a &lt; b &amp;&amp; &quot;c&quot; <choice><abbr>&amp;</abbr><expan>x&lt;y&gt;&quot;</expan></choice>' +
        '<ref target="https://e.org/?a=1&amp;b=%222%22">l</ref>',
    );
    assert.equal(tei([{ kind: 'p', rend: 'a"b', children: ['x'] }]).body, '<p rend="a&quot;b">x</p>');
  });

  it('percent-encodes what a URI reference may not hold in facs and targets, keeping existing escapes', () => {
    assert.equal(para({ kind: 'pb', n: '3', facs: ' page 12.jpg ' }), '<pb n="3" facs="page%2012.jpg"/>');
    assert.equal(para({ kind: 'pb', facs: 'a%20b c%zz' }), '<pb facs="a%20b%20c%25zz"/>');
    assert.equal(para({ kind: 'pb', facs: '  ' }), '<pb/>');
    assert.equal(uriReference('http://x.org/ä b|{c}'), 'http://x.org/ä%20b%7C%7Bc%7D');
    // One fragment, and brackets only around an IPv6 host.
    assert.equal(uriReference('https://e.org/brief[2]#a#b'), 'https://e.org/brief%5B2%5D#a%23b');
    assert.equal(uriReference('http://[::1]:8080/x[1]'), 'http://[::1]:8080/x%5B1%5D');
  });

  it('writes empty inline elements as empty TEI elements', () => {
    assert.equal(para({ kind: 'em', children: [] }, { kind: 'entity', type: 'person', id: 'p', children: [] }), '<hi rend="italic"/><persName ref="https://archive.example/people/p"/>');
  });
});

describe('TEI text: notes', () => {
  const notes: Footnote[] = [
    { n: '1', text: 'Not printed.' },
    { n: '2', text: 'See Document 5.', body: ['See ', { kind: 'docRef', id: 'd5', children: ['Document 5'] }, '.'] },
  ];

  it('writes each note where its marker stands, from its structured body when it has one', () => {
    const { body, back } = tei([p('A', { kind: 'noteRef', n: '1' }, ' and ', { kind: 'em', children: ['B', { kind: 'noteRef', n: '2' }] })], notes);
    assert.equal(
      body,
      '<p>A<note n="1" place="foot">Not printed.</note> and <hi rend="italic">B<note n="2" place="foot">See <ref type="document" target="https://archive.example/documents/d5">Document 5</ref>.</note></hi></p>',
    );
    assert.equal(back, '');
  });

  it('puts a note whose marker never appears into back', () => {
    const { body, back } = tei([p('A', { kind: 'noteRef', n: '2' })], notes);
    assert.match(body, /<note n="2" place="foot">/);
    assert.doesNotMatch(body, /Not printed/);
    assert.equal(back, '<div type="notes"><note n="1" place="foot">Not printed.</note></div>');
  });

  it('repeats a note at every marker printed for it, and writes a marker without a note as an empty note', () => {
    const { body, back } = tei([p('a', { kind: 'noteRef', n: '1' }, 'b', { kind: 'noteRef', n: '1' }, 'c', { kind: 'noteRef', n: '9' })], notes.slice(0, 1));
    assert.equal(body, '<p>a<note n="1" place="foot">Not printed.</note>b<note n="1" place="foot">Not printed.</note>c<note n="9" place="foot"/></p>');
    assert.equal(back, '');
  });

  it('writes a note a note points to inside it, and stops at a note that points to itself', () => {
    const nested: Footnote[] = [
      { n: '1', text: 'See note 2.', body: ['See note', { kind: 'noteRef', n: '2' }] },
      { n: '2', text: 'Itself.', body: ['Itself', { kind: 'noteRef', n: '2' }] },
    ];
    const { body, back } = tei([p('x', { kind: 'noteRef', n: '1' })], nested);
    assert.equal(body, '<p>x<note n="1" place="foot">See note<note n="2" place="foot">Itself<note n="2" place="foot"/></note></note></p>');
    assert.equal(back, '');
  });

  it('writes each note with the marker it was printed with', () => {
    const twice: Footnote[] = [
      { n: 'b', text: 'First table.' },
      { n: 'b-2', mark: 'b', text: 'Second table.', body: ['Second table', { kind: 'noteRef', n: 'b-2' }] },
    ];
    const { body } = tei([p('x', { kind: 'noteRef', n: 'b' }, 'y', { kind: 'noteRef', n: 'b-2' })], twice);
    assert.equal(body, '<p>x<note n="b" place="foot">First table.</note>y<note n="b" place="foot">Second table<note n="b" place="foot"/></note></p>');
  });

  it('writes a plain-text note with its line breaks', () => {
    const { body } = tei([p({ kind: 'noteRef', n: 'a' })], [{ n: 'a', text: 'one\ntwo & three' }]);
    assert.equal(body, '<p><note n="a" place="foot">one<lb/>two &amp; three</note></p>');
  });
});

describe('TEI text: blocks', () => {
  it('writes paragraphs with their rend, an empty body as <p/>', () => {
    assert.equal(tei([{ kind: 'p', rend: 'dateline right', children: ['May 1'] }, p()]).body, '<p rend="dateline right">May 1</p><p/>');
    assert.equal(tei([{ kind: 'p', rend: 'a\u00a0b\t', children: ['x'] }]).body, '<p rend="a b">x</p>');
    assert.equal(tei([]).body, '<p/>');
    assert.equal(tei([{ kind: 'pb', n: '1' }]).body, '<pb n="1"/><p/>');
  });

  it('writes lists, numbering the items of an ordered one from its start', () => {
    assert.equal(
      tei([
        { kind: 'list', ordered: false, items: [[p('a')], []] },
        { kind: 'list', ordered: true, start: 1963, items: [[p('x')], [p('y'), { kind: 'list', ordered: true, items: [[p('z')]] }]] },
        { kind: 'list', ordered: false, items: [] },
      ]).body,
      '<list rend="bulleted"><item><p>a</p></item><item/></list>' +
        '<list rend="numbered"><item n="1963"><p>x</p></item><item n="1964"><p>y</p><list rend="numbered"><item n="1"><p>z</p></item></list></item></list>',
    );
  });

  it('writes tables with header cells as labels and spans as cols/rows, leaving out empty rows and tables', () => {
    assert.equal(
      tei([
        {
          kind: 'table',
          rows: [[{ children: ['Name'], header: true, colspan: 2 }], [], [{ children: ['a'], rowspan: 3 }, { children: ['b', { kind: 'noteRef', n: '1' }], colspan: 1 }]],
        },
        { kind: 'table', rows: [[]] },
      ], [{ n: '1', text: 'In a cell.' }]).body,
      '<table><row><cell role="label" cols="2">Name</cell></row><row><cell rows="3">a</cell><cell>b<note n="1" place="foot">In a cell.</note></cell></row></table>',
    );
  });

  it('writes quotes with their paragraphs and lists, headings and closers inside them as ab', () => {
    assert.equal(
      tei([
        p('He wrote:'),
        {
          kind: 'quote',
          children: [
            { kind: 'heading', level: 4, children: ['Text'] },
            p('q'),
            { kind: 'list', ordered: false, items: [[p('i')]] },
            { kind: 'closer', children: [{ kind: 'p', rend: 'signed', children: ['Rusk'] }] },
          ],
        },
        { kind: 'quote', children: [] },
      ]).body,
      '<p>He wrote:</p><quote><ab type="head">Text</ab><p>q</p><list rend="bulleted"><item><p>i</p></item></list><ab type="closer"><seg rend="signed">Rusk</seg></ab></quote><quote/>',
    );
  });

  it('writes attachments as floating texts with their title as head', () => {
    assert.equal(
      tei([p('Enclosed.'), { kind: 'attachment', title: ['Tab ', { kind: 'em', children: ['A'] }], children: [p('x')] }, { kind: 'attachment', children: [] }]).body,
      '<p>Enclosed.</p><floatingText type="attachment"><body><head>Tab <hi rend="italic">A</hi></head><p>x</p></body></floatingText>' +
        '<floatingText type="attachment"><body><p/></body></floatingText>',
    );
  });

  it('writes page breaks between blocks', () => {
    assert.equal(tei([p('a'), { kind: 'pb', n: '2', facs: '0002' }, p('b')]).body, '<p>a</p><pb n="2" facs="0002"/><p>b</p>');
  });
});

describe('TEI text: divisions and closers', () => {
  const h = (level: 2 | 3 | 4, text: string): Block => ({ kind: 'heading', level, children: [text] });

  it('opens a div at each heading, nested by level, with the blocks before the first heading left in the body', () => {
    assert.equal(
      tei([p('intro'), h(2, 'A'), p('a'), h(3, 'A.1'), p('a1'), h(4, 'A.1.a'), h(3, 'A.2'), h(2, 'B'), p('b')]).body,
      '<p>intro</p><div><head>A</head><p>a</p><div><head>A.1</head><p>a1</p><div><head>A.1.a</head></div></div><div><head>A.2</head></div></div>' +
        '<div><head>B</head><p>b</p></div>',
    );
    assert.equal(tei([h(4, 'deep'), h(2, 'high')]).body, '<div><head>deep</head></div><div><head>high</head></div>');
  });

  it('writes a closer with signed, salute and dateline lines, other lines a line break apart', () => {
    const closer: Block = {
      kind: 'closer',
      children: [
        p('With best wishes,'),
        p('yours'),
        { kind: 'p', rend: 'signed right', children: ['Dean Rusk'] },
        { kind: 'p', rend: 'salute', children: ['Hi'] },
        { kind: 'pb', n: '4' },
        { kind: 'p', rend: 'dateline', children: ['Washington'] },
        { kind: 'p', rend: 'affiliation', children: ['Secretary of State'] },
      ],
    };
    assert.equal(
      tei([p('text'), closer]).body,
      '<p>text</p><closer>With best wishes,<lb/>yours<lb/><signed rend="right">Dean Rusk</signed><salute>Hi</salute><pb n="4"/><dateline>Washington</dateline>' +
        '<lb/><seg rend="affiliation">Secretary of State</seg></closer>',
    );
  });

  it('wraps what follows a closer in a postscript', () => {
    const closer = (name: string): Block => ({ kind: 'closer', children: [p(name)] });
    assert.equal(
      tei([p('text'), closer('Arthur'), { kind: 'p', rend: 'dateline', children: ['Wien'] }, p('PS'), closer('A.'), { kind: 'pb' }, { kind: 'attachment', children: [p('x')] }]).body,
      '<p>text</p><closer>Arthur</closer><postscript><p rend="dateline">Wien</p><p>PS</p></postscript><closer>A.</closer>' +
        '<postscript><pb/><floatingText type="attachment"><body><p>x</p></body></floatingText></postscript>',
    );
    assert.equal(tei([p('text'), closer('A'), { kind: 'pb' }]).body, '<p>text</p><closer>A</closer><pb/>');
  });

  it('writes a closer that opens its division as ab, and leaves empty closers out', () => {
    const closer: Block = { kind: 'closer', children: [{ kind: 'p', rend: 'signed', children: ['Thompson'] }, p('line')] };
    assert.equal(tei([closer]).body, '<ab type="closer"><seg rend="signed">Thompson</seg><lb/>line</ab>');
    assert.equal(tei([h(4, 'End text.'), closer]).body, '<div><head>End text.</head><ab type="closer"><seg rend="signed">Thompson</seg><lb/>line</ab></div>');
    assert.equal(tei([p('a'), { kind: 'closer', children: [] }, p('b')]).body, '<p>a</p><p>b</p>');
  });

  it('makes the text a closer ends a division of its own when headings follow', () => {
    assert.equal(
      tei([p('a'), { kind: 'closer', children: [p('X')] }, h(4, 'Annex'), p('b')]).body,
      '<div><p>a</p><closer>X</closer></div><div><head>Annex</head><p>b</p></div>',
    );
  });

  it('writes a closer holding blocks TEI closers cannot hold as ab', () => {
    assert.equal(
      tei([p('a'), { kind: 'closer', children: [p('X'), { kind: 'pb', n: '5' }, { kind: 'list', ordered: false, items: [[p('cc')]] }, { kind: 'p', rend: 'signed', children: ['Y'] }] }]).body,
      '<p>a</p><ab type="closer">X<pb n="5"/><lb/><list rend="bulleted"><item><p>cc</p></item></list><lb/><seg rend="signed">Y</seg></ab>',
    );
  });
});

describe('TEI text: plain text', () => {
  it('splits plain text into paragraphs at blank lines, with line breaks inside, and its notes in back', () => {
    const { body, back } = teiText({ text: 'Dear Sir,\r\nthank you.\n\n \n\nYours & c.\f\n\n', footnotes: [{ n: '1', text: 'A note.' }] }, links);
    assert.equal(body, '<p>Dear Sir,<lb/>thank you.</p><p>Yours &amp; c.</p>');
    assert.equal(back, '<div type="notes"><note n="1" place="foot">A note.</note></div>');
    assert.deepEqual(teiText({ footnotes: [] }, links), { body: '<p/>', back: '' });
    assert.deepEqual(teiText({ body: [], text: 'only text', footnotes: [] }, links), { body: '<p>only text</p>', back: '' });
    assert.deepEqual(teiText({ text: '\f\n\n', footnotes: [] }, links), { body: '<p/>', back: '' });
    assert.equal(teiText({ text: 'page one\n\f\npage two\n  indented \n', footnotes: [] }, links).body, '<p>page one</p><p>page two<lb/>indented</p>');
  });
});

/** Every block and inline kind, where each may stand and with nothing in it. */
function validityCases(): { name: string; doc: Doc }[] {
  const rich: Inline[] = [
    'plain <&> "text"\f\u0000',
    { kind: 'em', children: ['em', { kind: 'strong', children: ['strong'] }] },
    { kind: 'sup', children: ['1'] },
    { kind: 'sub', children: ['2'] },
    { kind: 'smallcaps', children: ['caps'] },
    { kind: 'underline', children: [] },
    { kind: 'supplied', children: ['supplied'] },
    { kind: 'del', children: ['struck', { kind: 'add', children: ['added'] }] },
    { kind: 'abbr', expansion: 'United <States>', children: ['U.S.', { kind: 'pb', n: '2' }, { kind: 'noteRef', n: '1' }] },
    { kind: 'abbr', expansion: '', children: [] },
    { kind: 'link', href: 'https://example.org/a b?c="d"&e', children: ['link', { kind: 'docRef', id: 'd1', children: ['nested'] }] },
    { kind: 'link', href: '', children: ['no target'] },
    { kind: 'docRef', id: 'd2', children: ['doc'] },
    { kind: 'docRef', id: 'd3', href: 'https://history.state.gov/x y', children: [] },
    { kind: 'entity', type: 'person', id: 'p1', children: ['person', { kind: 'entity', type: 'place', id: 'pl1', children: ['place'] }] },
    { kind: 'entity', type: 'topic', id: 't1', children: ['topic', { kind: 'noteRef', n: '2' }] },
    { kind: 'lb' },
    { kind: 'pb', n: '3', facs: 'page 3.jpg' },
    { kind: 'pb', facs: '' },
    { kind: 'noteRef', n: '1' },
    { kind: 'noteRef', n: 'missing' },
  ];
  const notes: Footnote[] = [
    { n: '1', text: 'note 1' },
    { n: '2', text: 'note 2', body: ['Note ', ...rich.filter((node) => typeof node !== 'object' || node.kind !== 'noteRef'), { kind: 'noteRef', n: '3' }, { kind: 'noteRef', n: '2' }] },
    { n: '3', text: 'only in note 2' },
    { n: 'unanchored', text: 'never marked', body: [{ kind: 'em', children: ['never'] }, ' marked', { kind: 'lb' }, { kind: 'pb' }] },
  ];
  const h = (level: 2 | 3 | 4, ...children: Inline[]): Block => ({ kind: 'heading', level, children });
  const closer: Block = {
    kind: 'closer',
    children: [p('Sincerely,', { kind: 'noteRef', n: '1' }), { kind: 'p', rend: 'signed right', children: rich }, { kind: 'p', rend: 'salute', children: ['Hi'] }, { kind: 'pb' }, { kind: 'p', rend: 'dateline', children: rich }, { kind: 'p', rend: 'address', children: ['Street', { kind: 'lb' }, 'Town'] }, p()],
  };
  const list = (ordered: boolean, ...items: Block[][]): Block => ({ kind: 'list', ordered, items });
  const table: Block = {
    kind: 'table',
    rows: [[{ children: rich, header: true, colspan: 2 }], [], [{ children: [{ kind: 'noteRef', n: '2' }], rowspan: 2 }, { children: [], colspan: 0, rowspan: Number.NaN }]],
  };
  const every: Block[] = [
    { kind: 'pb', n: '1', facs: '0001' },
    { kind: 'p', rend: 'dateline\u00a0center', children: rich },
    p(),
    list(false, [p('a')], [], [table, { kind: 'pb' }]),
    list(true, [p('x')]),
    { kind: 'list', ordered: true, start: 0, items: [[p('zero')]] },
    list(false),
    table,
    { kind: 'table', rows: [] },
    { kind: 'quote', children: [p('q'), list(false, [p('in quote')])] },
    { kind: 'quote', children: [] },
    { kind: 'attachment', title: rich, children: [p('attached')] },
    { kind: 'attachment', children: [] },
    { kind: 'attachment', title: ['title only'], children: [] },
    { kind: 'pb' },
    closer,
  ];
  const cases: { name: string; doc: Doc }[] = [
    { name: 'every block and inline kind', doc: { body: every, footnotes: notes } },
    { name: 'every kind under headings', doc: { body: [h(2, 'H2', { kind: 'noteRef', n: '1' }), ...every, h(3, ...rich), ...every, h(4), p('end')], footnotes: notes } },
    { name: 'headings out of order', doc: { body: [h(4, 'deep'), p('a'), h(2, 'top'), h(4, 'deeper'), h(3, 'mid'), p('b'), h(2, 'top again')], footnotes: [] } },
    { name: 'only a heading', doc: { body: [h(4, 'alone')], footnotes: [] } },
    { name: 'only a page break', doc: { body: [{ kind: 'pb', n: '1' }], footnotes: [] } },
    { name: 'page break then heading', doc: { body: [{ kind: 'pb' }, h(3, 'x')], footnotes: [] } },
    { name: 'empty body, no text', doc: { body: [], footnotes: [] } },
    { name: 'nothing at all, notes only', doc: { footnotes: notes } },
    { name: 'plain text with form feed and notes', doc: { text: 'a <b> & "c"\f\n\nline\nbreak\n\n\f', footnotes: notes } },
    { name: 'list inside a quote inside an attachment', doc: { body: [{ kind: 'attachment', title: ['A'], children: [{ kind: 'quote', children: [list(true, [p('deep', { kind: 'noteRef', n: '1' })], [{ kind: 'quote', children: [p('deeper')] }])] }] }], footnotes: notes } },
    { name: 'note inside a table cell', doc: { body: [{ kind: 'table', rows: [[{ children: ['x', { kind: 'noteRef', n: '1' }] }]] }], footnotes: notes } },
    { name: 'heading inside an attachment', doc: { body: [p('a'), { kind: 'attachment', title: ['Annex'], children: [h(4, 'Part'), p('b'), closer, h(4, 'Part 2')] }], footnotes: [] } },
    { name: 'closer followed by more paragraphs', doc: { body: [p('text'), closer, p('PS'), { kind: 'pb' }, p('PPS'), closer, { kind: 'pb' }, closer, list(false, [p('l')]), { kind: 'attachment', children: [p('enclosure'), closer] }], footnotes: notes } },
    { name: 'closer only', doc: { body: [closer], footnotes: notes } },
    { name: 'closer right after a heading', doc: { body: [h(4, 'End text.'), closer, p('after')], footnotes: [] } },
    { name: 'closer before a heading', doc: { body: [p('a'), closer, h(4, 'Annex'), p('b'), closer, h(4, 'Sub'), closer], footnotes: [] } },
    { name: 'closer before a deeper heading', doc: { body: [h(2, 'A'), p('a'), closer, h(3, 'A.1'), p('b')], footnotes: [] } },
    { name: 'closers and headings inside quotes and list items', doc: { body: [{ kind: 'quote', children: [h(4, 'q'), closer, p('after')] }, list(false, [h(3, 'item head'), closer, { kind: 'attachment', children: [closer] }])], footnotes: [] } },
    { name: 'closer holding blocks', doc: { body: [p('a'), { kind: 'closer', children: [p('x'), list(false, [p('y')]), table, { kind: 'quote', children: [p('q')] }, { kind: 'attachment', children: [p('att')] }, h(4, 'head'), closer, { kind: 'pb' }] }], footnotes: [] } },
    { name: 'empty closer', doc: { body: [{ kind: 'closer', children: [] }, p('a'), { kind: 'closer', children: [] }], footnotes: [] } },
    { name: 'empty content everywhere', doc: { body: [p(), list(false, []), list(true, []), { kind: 'table', rows: [[], []] }, { kind: 'quote', children: [] }, { kind: 'attachment', title: [], children: [] }, h(4)], footnotes: [{ n: 'e', text: '' }] } },
    { name: 'markers twice and missing', doc: { body: [p({ kind: 'noteRef', n: '1' }, { kind: 'noteRef', n: '1' }, { kind: 'noteRef', n: 'nope' })], footnotes: notes } },
  ];
  return cases;
}

describe('TEI text: validity', () => {
  it('produces TEI All-valid XML for every block and inline kind, nested and empty (jing)', () => {
    assert.ok(fs.existsSync(SCHEMA), `TEI All schema missing at ${SCHEMA}`);
    const header = (title: string): string =>
      `<teiHeader><fileDesc><titleStmt><title>${title}</title></titleStmt><publicationStmt><p>Archivum test</p></publicationStmt><sourceDesc><p>Generated</p></sourceDesc></fileDesc></teiHeader>`;
    const cases = validityCases();
    const texts = cases.map(({ name, doc }) => {
      const { body, back } = teiText(doc, links);
      return `<TEI>${header(name)}<text><body>${body}</body>${back ? `<back>${back}</back>` : ''}</text></TEI>`;
    });
    // One TEI per line, so jing's line numbers name the failing case.
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<teiCorpus xmlns="http://www.tei-c.org/ns/1.0">${header('cases')}\n${texts.join('\n')}\n</teiCorpus>\n`;
    const scratch = scratchDir('tei-body');
    try {
      const file = scratch.write('cases.xml', xml);
      const result = spawnSync('jing', [SCHEMA, file], { encoding: 'utf8' });
      if (result.error) assert.fail(`jing could not run (${result.error.message}); install it with: apt-get install -y jing`);
      const errors = result.stdout
        .split('\n')
        .filter((line) => line.includes(': error:'))
        .map((line) => {
          const row = Number(/\.xml:(\d+):/.exec(line)?.[1]);
          return `${cases[row - 3]?.name ?? '?'}: ${line.replace(/; expected .*/, '')}`;
        });
      assert.deepEqual(errors, []);
      assert.equal(result.status, 0, result.stdout + result.stderr);
    } finally {
      scratch.cleanup();
    }
  });
});
