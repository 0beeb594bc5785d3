import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { WRITTEN_AS, type Block } from '../../src/domain/index.js';
import { NoteContext, renderBlocks, renderFootnotes, renderPlainText } from '../../src/web/html/body.js';

test('footnote anchors link to the notes, and each note links back to every anchor', () => {
  const blocks: Block[] = [
    { kind: 'p', children: ['Missiles', { kind: 'noteRef', n: '1' }, ' and again', { kind: 'noteRef', n: '1' }, ' then', { kind: 'noteRef', n: '*' }] },
  ];
  const ctx = new NoteContext([
    { n: '1', text: 'Source: AVP RF.' },
    { n: '*', text: 'Handwritten <note>.' },
    { n: '3', text: 'Never cited.' },
  ]);
  const text = renderBlocks(blocks, ctx).value;
  assert.match(text, /<sup class="note-ref"><a href="#fn-1" id="fn-1-ref" aria-label="Footnote 1">1<\/a><\/sup>/);
  assert.match(text, /<a href="#fn-1" id="fn-1-ref-2"/);
  assert.match(text, /<a href="#fn-2" id="fn-2-ref" aria-label="Footnote \*">\*<\/a>/);
  const notes = renderFootnotes(ctx).value;
  assert.match(notes, /<li id="fn-1" class="footnote">/);
  assert.match(notes, /href="#fn-1-ref"/);
  assert.match(notes, /href="#fn-1-ref-2"/);
  assert.match(notes, /<li id="fn-2" class="footnote">.*href="#fn-2-ref"/);
  assert.ok(notes.includes('Handwritten &lt;note&gt;.'));
  // A note the text never marks has no back-link to a missing anchor.
  assert.ok(!/<li id="fn-3"[^]*footnote-back/.test(notes));
});

test('a note stored under a unique marker shows the marker it was printed with', () => {
  // An attachment's notes restart at 1: the second note 1 is stored as "1-2", printed "1".
  const ctx = new NoteContext([
    { n: '1', text: 'Source note.' },
    { n: '1-2', mark: '1', text: 'Printed from an unsigned copy.' },
  ]);
  const text = renderBlocks([{ kind: 'p', children: ['Letter', { kind: 'noteRef', n: '1' }, ' attached', { kind: 'noteRef', n: '1-2' }] }], ctx).value;
  assert.match(text, /<a href="#fn-2" id="fn-2-ref" aria-label="Footnote 1">1<\/a>/);
  assert.ok(!text.includes('1-2<'), text);
  const notes = renderFootnotes(ctx).value;
  assert.match(notes, /<li id="fn-2" class="footnote"><span class="footnote-marker">1<\/span> <span class="footnote-text">Printed from an unsigned copy.<\/span> <a href="#fn-2-ref" class="footnote-back" aria-label="Back to footnote 1 in the text">/);
});

test('a marker inside a note links to the note it marks, and back; a note never links to itself', () => {
  const ctx = new NoteContext([
    { n: '1', text: 'Source: Central Files. See footnote 2 below.', body: ['Source: Central Files. See footnote 2 below.', { kind: 'noteRef', n: '2' }] },
    { n: '2', text: 'Not printed.', body: ['Not printed.', { kind: 'noteRef', n: '2' }] },
  ]);
  renderBlocks([{ kind: 'p', children: ['Telegram', { kind: 'noteRef', n: '1' }] }], ctx);
  const notes = renderFootnotes(ctx).value;
  assert.match(notes, /<li id="fn-1" class="footnote">.*See footnote 2 below\.<sup class="note-ref"><a href="#fn-2" id="fn-2-ref" aria-label="Footnote 2">2<\/a><\/sup>/);
  assert.match(notes, /<li id="fn-2" class="footnote">.*Not printed\.<sup class="note-ref">2<\/sup><\/span> <a href="#fn-2-ref" class="footnote-back"/);
});

test('a note anchor with no matching note renders as its marker without a dead link', () => {
  const ctx = new NoteContext([]);
  const out = renderBlocks([{ kind: 'p', children: ['x', { kind: 'noteRef', n: '9' }] }], ctx).value;
  assert.equal(out, '<p>x<sup class="note-ref">9</sup></p>');
});

test('document, person, place and topic references become links to their pages', () => {
  const ctx = new NoteContext([]);
  const out = renderBlocks(
    [
      {
        kind: 'p',
        children: [
          { kind: 'docRef', id: 'frus1961-63v06-d84', children: ['Document 84'] },
          ' ',
          { kind: 'entity', type: 'person', id: 'khrushchev-nikita', children: ['Khrushchev'] },
          ' ',
          { kind: 'entity', type: 'place', id: 'havana', children: ['Havana'] },
          ' ',
          { kind: 'entity', type: 'topic', id: 'cuban-missile-crisis', children: ['the crisis'] },
          ' ',
          { kind: 'link', href: 'javascript:alert(1)', children: ['bad'] },
          { kind: 'link', href: 'https://history.state.gov/', children: ['FRUS'] },
        ],
      },
    ],
    ctx,
  ).value;
  assert.ok(out.includes('<a href="/documents/frus1961-63v06-d84" class="doc-ref">Document 84</a>'));
  assert.ok(out.includes('<a href="/people/khrushchev-nikita" class="entity entity-person">Khrushchev</a>'));
  assert.ok(out.includes('<a href="/places/havana" class="entity entity-place">Havana</a>'));
  assert.ok(out.includes('<a href="/topics/cuban-missile-crisis"'));
  assert.ok(!out.includes('javascript:'));
  assert.ok(out.includes('<a href="https://history.state.gov/">FRUS</a>'));
});

test('ids in links are percent-encoded', () => {
  const out = renderBlocks([{ kind: 'p', children: [{ kind: 'docRef', id: 'a"b/../c', children: ['x'] }] }], new NoteContext([])).value;
  assert.ok(out.includes('href="/documents/a%22b%2F..%2Fc"'));
});

test('structure: headings shift under the page h2, lists, tables, quotes, closers, page breaks', () => {
  const out = renderBlocks(
    [
      { kind: 'heading', level: 2, children: ['Part'] },
      { kind: 'list', ordered: true, items: [[{ kind: 'p', children: ['one'] }]] },
      { kind: 'list', ordered: true, start: 1963, items: [[{ kind: 'p', children: ['The year'] }]] },
      { kind: 'table', rows: [[{ children: ['H'], header: true, colspan: 2 }], [{ children: ['a'] }, { children: ['b'] }]] },
      { kind: 'quote', children: [{ kind: 'p', children: ['q'] }] },
      { kind: 'closer', children: [{ kind: 'p', children: ['N. Khrushchev', { kind: 'lb' }, 'Moscow'] }] },
      { kind: 'pb', n: '12' },
      { kind: 'p', rend: 'center "><script>', children: [{ kind: 'em', children: ['e'] }, { kind: 'smallcaps', children: ['sc'] }] },
    ],
    new NoteContext([]),
  ).value;
  assert.ok(out.includes('<h3>Part</h3>'));
  assert.ok(out.includes('<ol><li><p>one</p></li></ol>'));
  assert.ok(out.includes('<ol start="1963"><li><p>The year</p></li></ol>'));
  assert.ok(out.includes('<th colspan="2">H</th>'));
  assert.ok(out.includes('<blockquote><p>q</p></blockquote>'));
  assert.ok(out.includes('<div class="closer"><p>N. Khrushchev<br>Moscow</p></div>'));
  assert.ok(out.includes('[Page 12]'));
  assert.ok(out.includes('<p class="rend-center"><em>e</em><span class="smallcaps">sc</span></p>'));
  assert.ok(!out.includes('<script>'));
});

test('plain text splits into paragraphs on blank lines and escapes everything', () => {
  const out = renderPlainText('Dear Comrade Fidel Castro,\n\n\nI have <b>been</b> thinking.\nLine two.\r\n\r\n31 January 1963').value;
  assert.equal(out, '<p>Dear Comrade Fidel Castro,</p>\n<p>I have &lt;b&gt;been&lt;/b&gt; thinking.<br>Line two.</p>\n<p>31 January 1963</p>');
});

test('a page break inside a paragraph stands apart from the words on either side', () => {
  const ctx = new NoteContext([]);
  const out = renderBlocks([{ kind: 'p', children: ['each of ', { kind: 'pb', n: '159' }, 'which would'] }], ctx).value;
  // Rendered text, as a reader sees it once HTML has collapsed the spaces.
  const seen = out.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
  assert.equal(seen, 'each of [Page 159] which would');
});

test('a page break inside a word keeps the word whole in the page\'s text, its label drawn beside it', () => {
  const ctx = new NoteContext([]);
  const out = renderBlocks(
    [{ kind: 'p', children: ['the Presi', { kind: 'pb', n: '33' }, 'dent’s ', { kind: 'entity', type: 'person', id: 'hofmannsthal', children: ['Hof', { kind: 'pb' }, 'mannsthal'] }] }],
    ctx,
  ).value;
  assert.equal(out.replace(/<[^>]+>/g, ''), 'the President’s Hofmannsthal');
  assert.match(out, /Presi<span class="pb pb-in-word" data-label="\[Page 33\]"><\/span>dent’s/);
  assert.match(out, /Hof<span class="pb pb-in-word" data-label="\[Page break\]"><\/span>mannsthal/);
  assert.match(readFileSync(new URL('../../src/web/assets/style.css', import.meta.url), 'utf8'), /\.pb-in-word::before\s*\{\s*content:\s*attr\(data-label\)/);
});

test('a cited document the reader cannot open links to its page elsewhere, or is text; one it can open links here', () => {
  const ctx = new NoteContext([], new Set(['frus1961-63v06-d1']));
  const out = renderBlocks(
    [
      {
        kind: 'p',
        children: [
          { kind: 'docRef', id: 'frus1952-54v04-d3', href: 'https://history.state.gov/historicaldocuments/frus1952-54v04/d3', children: ['Document 3'] },
          ' and ',
          { kind: 'docRef', id: 'l00025', children: ['Brief L00025'] },
          ' and ',
          { kind: 'docRef', id: 'frus1961-63v06-d1', href: 'https://history.state.gov/historicaldocuments/frus1961-63v06/d1', children: ['Document 1'] },
        ],
      },
    ],
    ctx,
  ).value;
  assert.equal(
    out,
    '<p><a href="https://history.state.gov/historicaldocuments/frus1952-54v04/d3" class="doc-ref-elsewhere">Document 3</a> and Brief L00025 and <a href="/documents/frus1961-63v06-d1" class="doc-ref">Document 1</a></p>',
  );
});

test('a reference that leaves its words to the letter it cites shows that letter\'s title or date, when the reader may open it', () => {
  const cited = [
    { id: 'l00494', title: 'Arthur Schnitzler an Hugo von Hofmannsthal, 25. 9. 1895', date: '25. 9. 1895' },
    { id: 'l00492' },
  ];
  const ctx = new NoteContext([], new Set(['l00494']), cited);
  const out = renderBlocks(
    [
      {
        kind: 'p',
        children: [
          'Am ',
          { kind: 'docRef', id: 'l00494', fill: 'date', children: ['Brief L00494'] },
          ', vgl. ',
          { kind: 'docRef', id: 'l00494', fill: 'title', children: ['Brief L00494'] },
          ', nicht am ',
          { kind: 'docRef', id: 'l00492', fill: 'date', children: ['Brief L00492'] },
        ],
      },
    ],
    ctx,
  ).value;
  assert.equal(
    out,
    '<p>Am <a href="/documents/l00494" class="doc-ref">25. 9. 1895</a>, vgl. <a href="/documents/l00494" class="doc-ref">Arthur Schnitzler an Hugo von Hofmannsthal, 25. 9. 1895</a>, nicht am Brief L00492</p>',
  );
});

test('an edition\'s reading shows supplied letters in brackets, struck text struck and additions marked', () => {
  const out = renderBlocks(
    [{ kind: 'p', children: ['Glückw', { kind: 'supplied', children: ['ün'] }, 'sche; ', { kind: 'del', children: ['bitt'] }, { kind: 'add', children: ['geh'] }] }],
    new NoteContext([]),
  ).value;
  assert.equal(out, '<p>Glückw<span class="supplied">[ün]</span>sche; <del>bitt</del><ins class="add">geh</ins></p>');
});

test('how a manuscript\'s words look is a class the stylesheet shows: Latin script, print, a stamp, capitals', () => {
  const out = renderBlocks(
    [
      {
        kind: 'p',
        children: [
          { kind: 'written', as: 'printed', children: ['Wien, am '] },
          '3. 5. ',
          { kind: 'written', as: 'latin', children: ['Arthur Schnitzler'] },
          { kind: 'written', as: 'stamp', children: ['»Moderne <Dichtung>«'] },
          { kind: 'written', as: 'capitals', children: ['Engel'] },
        ],
      },
    ],
    new NoteContext([]),
  ).value;
  assert.equal(
    out,
    '<p><span class="written-printed">Wien, am </span>3. 5. <span class="written-latin">Arthur Schnitzler</span>' +
      '<span class="written-stamp">»Moderne &lt;Dichtung&gt;«</span><span class="written-capitals">Engel</span></p>',
  );
  const css = readFileSync(new URL('../../src/web/assets/style.css', import.meta.url), 'utf8');
  for (const as of WRITTEN_AS) assert.match(css, new RegExp(`\\.written-${as}\\b`), `style.css shows written-${as}`);
});

test('an abbreviation carries what it stands for, escaped', () => {
  const out = renderBlocks([{ kind: 'p', children: ['The ', { kind: 'abbr', expansion: 'Arms Control & "Disarmament" Agency', children: ['ACDA'] }, ' agreed.'] }], new NoteContext([])).value;
  assert.equal(out, '<p>The <abbr title="Arms Control &amp; &quot;Disarmament&quot; Agency">ACDA</abbr> agreed.</p>');
});
