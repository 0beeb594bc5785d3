import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { inlineText } from '../../src/domain/index.js';
import { SourceFileError } from '../../src/ingest/format.js';
import { markdownFormat, readMarkdownFile } from '../../src/ingest/markdown/index.js';
import { collect, failure, okRecord, scratchDir, seedParagraphs } from './helpers.js';

const scratch = scratchDir('markdown');
after(() => scratch.cleanup());

const DEMO_FILE = fileURLToPath(new URL('../../demo/wilson-center/khrushchev-to-castro-1963-01-31.md', import.meta.url));

describe('markdown reader: front matter', () => {
  it('reads the document fields from YAML front matter', async () => {
    const file = scratch.write(
      'fields/letter.md',
      `---
title: Letter from Khrushchev to Fidel Castro
date: 1963-01-31
type: Letter
description: "Re: Point 3, Protocol No. 80"
authors:
  - id: khrushchev-nikita
    name: Nikita Khrushchev
    altNames: [Khrushchov, Chruščev]
recipients: [Fidel Castro]
places:
  - { id: moscow, name: Moscow, lat: 55.7558, lon: 37.6173 }
topics: [Cuban Missile Crisis]
collections:
  - { slug: wilson-center-digital-archive, title: Wilson Center Digital Archive }
source:
  archive: Archive of Foreign Policy, Russian Federation (AVP RF)
funders: Leon Levy Foundation
language: en
originalLanguage: ru
recordId: 114507
---
Dear Comrade Fidel Castro,
`,
    );
    const { document, people, places, collections } = okRecord(await readMarkdownFile(file));
    assert.equal(document.title, 'Letter from Khrushchev to Fidel Castro');
    assert.deepEqual(document.date, { start: '1963-01-31', end: '1963-01-31', display: '31 January 1963' });
    assert.equal(document.type, 'Letter');
    assert.equal(document.description, 'Re: Point 3, Protocol No. 80');
    assert.deepEqual(document.authors, ['khrushchev-nikita']);
    assert.deepEqual(document.recipients, ['fidel-castro']);
    assert.deepEqual(people.find((p) => p.id === 'khrushchev-nikita')?.altNames, ['Khrushchov', 'Chruščev']);
    assert.deepEqual(places, [{ id: 'moscow', name: 'Moscow', lat: 55.7558, lon: 37.6173 }]);
    assert.deepEqual(document.topics, ['cuban-missile-crisis']);
    assert.deepEqual(collections, [{ slug: 'wilson-center-digital-archive', title: 'Wilson Center Digital Archive' }]);
    assert.equal(document.source.archive, 'Archive of Foreign Policy, Russian Federation (AVP RF)');
    assert.deepEqual(document.funders, ['Leon Levy Foundation']);
    assert.equal(document.originalLanguage, 'ru');
    assert.equal(document.recordId, '114507');
    assert.equal(document.text, 'Dear Comrade Fidel Castro,');
  });

  it('takes the id from the file name and a sourceId that does not depend on the folder', async () => {
    const a = okRecord(await readMarkdownFile(scratch.write('one/Castro Letter.md', '---\ntitle: A\n---\nText.\n')));
    const b = okRecord(await readMarkdownFile(scratch.write('two/deeper/Castro Letter.md', '---\ntitle: A\n---\nText.\n')));
    assert.equal(a.document.id, 'castro-letter');
    assert.equal(a.document.sourceId, 'markdown:castro-letter');
    assert.equal(b.document.sourceId, a.document.sourceId);
  });

  it('prefers the front-matter id and keeps an explicit sourceId', async () => {
    const withId = okRecord(await readMarkdownFile(scratch.write('ids/x.md', '---\nid: my-letter\ntitle: A\n---\n')));
    assert.equal(withId.document.id, 'my-letter');
    assert.equal(withId.document.sourceId, 'markdown:my-letter');
    const withSource = okRecord(await readMarkdownFile(scratch.write('ids/y.md', '---\ntitle: A\nsourceId: wilson:114507\n---\n')));
    assert.equal(withSource.document.sourceId, 'wilson:114507');
  });

  it('fails a record without a title, naming the field', async () => {
    const reason = failure(await readMarkdownFile(scratch.write('bad/untitled.md', '---\ndate: 1963-01-31\n---\nJust text.\n')));
    assert.equal(reason.label, 'untitled');
    assert.match(reason.reason, /title/);
  });

  it('uses a leading "# Heading" as the title when the front matter has none', async () => {
    const { document } = okRecord(await readMarkdownFile(scratch.write('heading.md', '# A *Memorandum*\n\nFirst paragraph.\n')));
    assert.equal(document.title, 'A Memorandum');
    assert.equal(document.text, 'First paragraph.');
  });

  it('reports invalid YAML with its line in the file', async () => {
    const reason = failure(await readMarkdownFile(scratch.write('bad/yaml.md', '---\ntitle: A\nauthors: [Khrushchev\n---\nText\n')));
    assert.match(reason.reason, /invalid YAML at line \d+/);
  });

  it('rejects a front matter that is never closed', async () => {
    const reason = failure(await readMarkdownFile(scratch.write('bad/open.md', '---\ntitle: A\n\nText\n')));
    assert.match(reason.reason, /never closed/);
  });

  it('refuses a YAML alias bomb instead of expanding it', async () => {
    const names = 'abcdefghi';
    const lines = ['title: Bomb', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < names.length; i++) lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(',')}]`);
    const reason = failure(await readMarkdownFile(scratch.write('bad/bomb.md', `---\n${lines.join('\n')}\n---\n`)));
    assert.match(reason.reason, /front matter/);
  });

  it('rejects unknown front-matter fields rather than dropping them', async () => {
    const reason = failure(await readMarkdownFile(scratch.write('bad/typo.md', '---\ntitle: A\ntitel: B\n---\n')));
    assert.match(reason.reason, /unknown field "titel"/);
  });

  it('rejects unknown fields inside a field too: a misspelt key, or a decimal comma that YAML splits', async () => {
    const typo = await readMarkdownFile(scratch.write('fm/nested.md', '---\ntitle: T\nsource: {archive: Bundesarchiv, referenc: R 43}\n---\nText.\n'));
    assert.equal(failure(typo).reason, 'source: unknown field "referenc"');
    const comma = await readMarkdownFile(scratch.write('fm/comma.md', '---\ntitle: T\nplaces: [{name: Wien, lat: 48,2, lon: 16.37}]\n---\nText.\n'));
    assert.equal(failure(comma).reason, 'places[0]: unknown field "2"');
  });

  it('does not turn YAML timestamps or tags into objects', async () => {
    const { document } = okRecord(await readMarkdownFile(scratch.write('dates.md', '---\ntitle: A\ndate: 1962-10..1962-11\nuploadedAt: 2011-11-02\n---\n')));
    assert.equal(document.date.start, '1962-10');
    assert.equal(document.uploadedAt, '2011-11-02');
  });

  it('files the body under texts when textRole says what it is', async () => {
    const { document } = okRecord(
      await readMarkdownFile(scratch.write('role.md', '---\ntitle: A\ntextRole: translation\ntextLanguage: en\ntextTranslator: Svetlana Savranskaya\n---\nOne.\n\nTwo.\n')),
    );
    assert.deepEqual(document.texts, [{ role: 'translation', language: 'en', translator: 'Svetlana Savranskaya', text: 'One.\n\nTwo.' }]);
    const bad = failure(await readMarkdownFile(scratch.write('bad/role.md', '---\ntitle: A\ntextRole: gloss\n---\nOne.\n')));
    assert.match(bad.reason, /textRole/);
  });

  it('adds the --collection of the batch', async () => {
    const { document, collections } = okRecord(await readMarkdownFile(scratch.write('coll.md', '---\ntitle: A\n---\n'), { collection: 'cuba-1963' }));
    assert.deepEqual(document.collections, ['cuba-1963']);
    assert.equal(collections[0]?.slug, 'cuba-1963');
  });
});

describe('markdown reader: body', () => {
  it('makes paragraphs from blank-line-separated blocks, joining lines with a space', async () => {
    const { document } = okRecord(await readMarkdownFile(scratch.write('body/paras.md', '---\ntitle: A\n---\nFirst line\nsame paragraph.\n\n\nSecond\u00a0paragraph.\n')));
    assert.deepEqual(document.body, [
      { kind: 'p', children: ['First line same paragraph.'] },
      { kind: 'p', children: ['Second\u00a0paragraph.'] },
    ]);
    assert.equal(document.text, 'First line same paragraph.\n\nSecond\u00a0paragraph.');
  });

  it('turns [^n] references and their definitions into note references and footnotes', async () => {
    const source = '---\ntitle: A\n---\nSee the protocol.[^2] And the reply.[^1] Not a note: [^9].\n\n[^1]: Printed from an unsigned copy.\n[^2]: Source: *AVP RF*, fond 0104.\n    Continued here.\n';
    const { document } = okRecord(await readMarkdownFile(scratch.write('body/notes.md', source)));
    assert.deepEqual(document.body, [
      { kind: 'p', children: ['See the protocol.', { kind: 'noteRef', n: '2' }, ' And the reply.', { kind: 'noteRef', n: '1' }, ' Not a note: [^9].'] },
    ]);
    assert.deepEqual(document.footnotes, [
      { n: '2', text: 'Source: AVP RF, fond 0104. Continued here.', body: ['Source: ', { kind: 'em', children: ['AVP RF'] }, ', fond 0104. Continued here.'] },
      { n: '1', text: 'Printed from an unsigned copy.' },
    ]);
    assert.equal(document.text, 'See the protocol. And the reply. Not a note: [^9].');
  });

  it('reads emphasis as CommonMark does: *em*, **strong**, ~~struck~~, escapes, no underscore emphasis inside words', async () => {
    const { document } = okRecord(await readMarkdownFile(scratch.write('body/marks.md', '---\ntitle: A\n---\nA *very* **firm** ~~weak~~ reply, snake_case_name, 2 * 3 * 4, \\*literal\\* and * * *.\n')));
    const block = document.body?.[0];
    assert.ok(block && block.kind === 'p');
    assert.deepEqual(block.children, [
      'A ',
      { kind: 'em', children: ['very'] },
      ' ',
      { kind: 'strong', children: ['firm'] },
      ' ',
      { kind: 'del', children: ['weak'] },
      ' reply, snake_case_name, 2 * 3 * 4, *literal* and * * *.',
    ]);
    // Struck text is shown, not searched.
    assert.equal(inlineText(block.children), 'A very firm  reply, snake_case_name, 2 * 3 * 4, *literal* and * * *.');
  });

  // Each of these once made the inline parser scan to the end of the paragraph for every opener
  // (minutes for a 1 MB paragraph): the suite would stall here (a test's timeout cannot interrupt
  // synchronous work). The assertions check that the text still arrives literally.
  it('reads paragraphs of unmatched openers and brackets literally, in linear time', { timeout: 20_000 }, async () => {
    const openers = '*a '.repeat(100_000).trim();
    const brackets = '['.repeat(100_000);
    const notes = '[^'.repeat(100_000);
    const source = `---\ntitle: A\n---\n${openers}\n\n${brackets}\n\n${notes}\n\n*closed* at last, [a link](https://example.org) too.\n`;
    const { document } = okRecord(await readMarkdownFile(scratch.write('body/hostile.md', source)));
    assert.deepEqual(
      document.body?.map((b) => b.kind === 'p' && inlineText(b.children)),
      [openers, brackets, notes, 'closed at last, a link too.'],
    );
    const last = document.body?.[3];
    assert.ok(last?.kind === 'p');
    assert.deepEqual(last.children[0], { kind: 'em', children: ['closed'] });
    assert.deepEqual(last.children[2], { kind: 'link', href: 'https://example.org', children: ['a link'] });
  });

  it('refuses a text of more blocks than a record may hold, as a failed record', async () => {
    const source = `---\ntitle: A\n---\n${'Paragraph.\n\n'.repeat(50_001)}`;
    assert.match(failure(await readMarkdownFile(scratch.write('body/too-many.md', source))).reason, /more than 50,000 blocks \(paragraphs, headings, lists, notes\); refused/);
  });

  it('makes headings and lists', async () => {
    const { document } = okRecord(await readMarkdownFile(scratch.write('body/lists.md', '---\ntitle: A\n---\n## Enclosure\n- first item\n  continued\n- second\n')));
    assert.deepEqual(document.body, [
      { kind: 'heading', level: 2, children: ['Enclosure'] },
      { kind: 'list', ordered: false, items: [[{ kind: 'p', children: ['first item continued'] }], [{ kind: 'p', children: ['second'] }]] },
    ]);
  });

  it('breaks a line where it ends in two spaces or a backslash (an address, a signature), as CommonMark does', async () => {
    const source = '---\ntitle: A\n---\n**Herrn Dr. Müller**  \nHauptstraße 5\\\nWien\nIII. Bezirk\n';
    const { document } = okRecord(await readMarkdownFile(scratch.write('body/address.md', source)));
    assert.deepEqual(document.body, [
      { kind: 'p', children: [{ kind: 'strong', children: ['Herrn Dr. Müller'] }, { kind: 'lb' }, 'Hauptstraße 5', { kind: 'lb' }, 'Wien III. Bezirk'] },
    ]);
    assert.equal(document.text, 'Herrn Dr. Müller\nHauptstraße 5\nWien III. Bezirk');
    // In a list item's continuation lines too; an escaped backslash at a line's end is no break.
    const more = okRecord(await readMarkdownFile(scratch.write('body/address-list.md', '---\ntitle: A\n---\n- item one  \n  continued\n- Path C:\\\\\n  on\n')));
    assert.deepEqual(more.document.body, [
      { kind: 'list', ordered: false, items: [[{ kind: 'p', children: ['item one', { kind: 'lb' }, 'continued'] }], [{ kind: 'p', children: ['Path C:\\ on'] }]] },
    ]);
  });

  it('keeps the number an ordered list starts at, in the structure and in the text: "1963. The year …"', async () => {
    const source = '---\ntitle: A\n---\n1963. The year began with the letter from Moscow.\n\nThen:\n\n1. one\n2. two\n';
    const { document } = okRecord(await readMarkdownFile(scratch.write('body/numbers.md', source)));
    assert.deepEqual(document.body, [
      { kind: 'list', ordered: true, start: 1963, items: [[{ kind: 'p', children: ['The year began with the letter from Moscow.'] }]] },
      { kind: 'p', children: ['Then:'] },
      { kind: 'list', ordered: true, items: [[{ kind: 'p', children: ['one'] }], [{ kind: 'p', children: ['two'] }]] },
    ]);
    assert.equal(document.text, '1963. The year began with the letter from Moscow.\n\nThen:\n\n1. one\n\n2. two');
  });
});

describe('markdown reader: CommonMark and GitHub blocks', () => {
  it('reads quotes, tables, code, rules, underlined headings, nested lists, comments and images as a Markdown preview shows them', async () => {
    const source = [
      '---', 'title: A', '---',
      '> Quoted line one', '> quoted line two', '',
      '***', '',
      'Setext Heading', '==============', '',
      '| Name | Office |', '|---|---|', '| Rusk | Secretary |', '',
      '<!-- a note to myself -->', '',
      'Line<br>break ![Seal](https://example.org/seal.png) ![scan](scan.png)', '',
      '```', 'STOP ARRIVING', '  MOSCOW   TUESDAY', '```', '',
      '- item', '  - nested item', '- item two', '',
    ].join('\n');
    const { document } = okRecord(await readMarkdownFile(scratch.write('body/commonmark.md', source)));
    assert.deepEqual(document.body, [
      { kind: 'quote', children: [{ kind: 'p', children: ['Quoted line one quoted line two'] }] },
      { kind: 'p', rend: 'center', children: ['* * *'] },
      { kind: 'heading', level: 2, children: ['Setext Heading'] },
      {
        kind: 'table',
        rows: [
          [{ children: ['Name'], header: true }, { children: ['Office'], header: true }],
          [{ children: ['Rusk'] }, { children: ['Secretary'] }],
        ],
      },
      { kind: 'p', children: ['Line', { kind: 'lb' }, 'break ', { kind: 'link', href: 'https://example.org/seal.png', children: ['Seal'] }, ' scan'] },
      { kind: 'p', rend: 'pre', children: ['STOP ARRIVING', { kind: 'lb' }, '  MOSCOW   TUESDAY'] },
      {
        kind: 'list',
        ordered: false,
        items: [
          [{ kind: 'p', children: ['item'] }, { kind: 'list', ordered: false, items: [[{ kind: 'p', children: ['nested item'] }]] }],
          [{ kind: 'p', children: ['item two'] }],
        ],
      },
    ]);
    assert.ok(!document.text?.includes('note to myself'));
    assert.match(document.text ?? '', /^Quoted line one quoted line two\n\n\* \* \*\n\nSetext Heading\n\nName Office\n\nRusk Secretary\n\n/);
  });

  it('reads an indented paragraph as a paragraph, an inline ^[note] as text, and counts rules and fences as blocks', async () => {
    const source = '---\ntitle: A\n---\n    Dear Sir, I thank you[^1] for *your* letter.\n\nText^[an inline note] here.\n\n[^1]: A note.\n';
    const { document } = okRecord(await readMarkdownFile(scratch.write('body/indented.md', source)));
    assert.deepEqual(document.body, [
      { kind: 'p', children: ['Dear Sir, I thank you', { kind: 'noteRef', n: '1' }, ' for ', { kind: 'em', children: ['your'] }, ' letter.'] },
      { kind: 'p', children: ['Text^[an inline note] here.'] },
    ]);
    const rules = `---\ntitle: A\n---\n${'***\n\n'.repeat(50_001)}`;
    assert.match(failure(await readMarkdownFile(scratch.write('body/rules.md', rules))).reason, /more than 50,000 blocks/);
  });

  it('keeps a note the text never cites, after the cited ones, and a note of two paragraphs', async () => {
    const source = '---\ntitle: A\n---\nText.[^b]\n\n[^a]: Never cited.\n\n[^b]: First paragraph.\n\n    Second paragraph.\n';
    const { document } = okRecord(await readMarkdownFile(scratch.write('body/notes-kept.md', source)));
    assert.deepEqual(document.footnotes, [
      { n: 'b', text: 'First paragraph.\n\nSecond paragraph.' },
      { n: 'a', text: 'Never cited.' },
    ]);
  });
});

describe('markdown reader: encoding', () => {
  it('refuses UTF-16 and invalid UTF-8 as a file-level error', async () => {
    const utf16 = scratch.write('enc/utf16.md', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('---\ntitle: A\n---\n', 'utf16le')]));
    await assert.rejects(readMarkdownFile(utf16), (error: unknown) => error instanceof SourceFileError && /UTF-16LE/.test(error.message));
    const latin1 = scratch.write('enc/latin1.md', Buffer.from('---\ntitle: Andr\u00e9\n---\n', 'latin1'));
    await assert.rejects(readMarkdownFile(latin1), (error: unknown) => error instanceof SourceFileError && /not valid UTF-8: invalid byte 0xE9 on line 2, at byte 15;/.test(error.message));
  });

  it('strips a UTF-8 byte-order mark before the front matter', async () => {
    const file = scratch.write('enc/bom.md', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('---\ntitle: Chruščev\n---\n')]));
    assert.equal(okRecord(await readMarkdownFile(file)).document.title, 'Chruščev');
  });
});

describe('markdown format', () => {
  it('claims Markdown files by extension or front matter and yields one record', async () => {
    assert.equal(markdownFormat.sniff('a/b.md', ''), true);
    assert.equal(markdownFormat.sniff('a/b.markdown', ''), true);
    // Front matter makes any file Markdown but one named as JSON; a rule of dashes alone does not.
    assert.equal(markdownFormat.sniff('a/b.txt', '---\ntitle: A\n---'), true);
    assert.equal(markdownFormat.sniff('a/b', '---\ntitle: A\n---'), true);
    assert.equal(markdownFormat.sniff('a/b.json', '---\ntitle: A\n---'), false);
    assert.equal(markdownFormat.sniff('a/b.txt', '---\nA rule, then prose.'), false);
    const outcomes = await collect(markdownFormat.read(scratch.write('fmt.md', '---\ntitle: A\n---\n'), {}));
    assert.equal(outcomes.length, 1);
  });
});

describe('demo record (demo/wilson-center)', () => {
  it('holds every field of the captured page', async () => {
    const { document, people, places } = okRecord(await readMarkdownFile(DEMO_FILE));
    assert.equal(document.id, 'khrushchev-to-castro-1963-01-31');
    assert.equal(document.title, 'Letter from Khrushchev to Fidel Castro');
    assert.deepEqual(document.date, { start: '1963-01-31', end: '1963-01-31', display: '31 January 1963' });
    assert.equal(document.type, 'Letter');
    assert.equal(document.description, 'Letter from Khrushchev to Fidel Castro. Re: Point 3, Protocol No. 80');
    assert.match(document.summary ?? '', /^Khrushchev wrote to Fidel Castro .* discuss the preparations for such a trip\.$/);
    assert.equal(document.source.archive, 'Archive of Foreign Policy, Russian Federation (AVP RF)');
    assert.match(document.rights ?? '', /^The History and Public Policy Program welcomes reuse .*materials\.\n\nTo enquire about this document's rights status/s);
    assert.deepEqual(document.funders, ['Leon Levy Foundation']);
    assert.equal(document.recordId, undefined);
    assert.equal(document.uploadedAt, undefined);
    assert.equal(document.language, 'en');
    assert.equal(document.originalLanguage, 'ru');
    assert.deepEqual(document.authors, ['khrushchev-nikita-s']);
    assert.deepEqual(document.recipients, ['castro-fidel']);
    for (const id of ['malinovsky-rodion', 'kennedy-john-f', 'mikoyan-anastas-i']) assert.ok(document.people.includes(id), id);
    assert.ok(people.find((p) => p.id === 'khrushchev-nikita-s')?.altNames?.includes('Chruščev'));
    for (const id of ['moscow', 'havana', 'cuba', 'berlin', 'new-york-city']) assert.ok(document.places.includes(id), id);
    assert.ok(places.every((p) => (p.lat === undefined) === (p.lon === undefined)));
    assert.deepEqual(document.collections, ['wilson-center-digital-archive']);
    assert.deepEqual(document.texts.map((t) => [t.role, t.language]), [['translation', 'en']]);
    assert.equal(document.texts[0]?.text, document.text);
  });

  it('keeps the translation as captured, OCR slips included', async () => {
    const text = okRecord(await readMarkdownFile(DEMO_FILE)).document.text ?? '';
    assert.ok(text.startsWith('Dear Comrade Fidel Castro,\n\nI have been thinking of writing this letter'));
    assert.ok(text.endsWith('Please accept, Comrade Fidel, heartfelt Communist greetings from me and from all my comrades.'));
    for (const slip of ['wou1d', 'distract ne', 'reached out our hard', 'encouraging than', 'between then']) assert.ok(text.includes(slip), slip);
    for (const chrome of ['Skip to content', 'Document Information', 'Record ID']) assert.ok(!text.includes(chrome), chrome);
  });

  it('matches the captured page paragraph for paragraph', async () => {
    const text = okRecord(await readMarkdownFile(DEMO_FILE)).document.text ?? '';
    assert.deepEqual(text.split('\n\n'), seedParagraphs());
  });
});
