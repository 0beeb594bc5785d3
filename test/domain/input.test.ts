import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  buildIngestRecord,
  currentRole,
  mergePerson,
  type Person,
  MAX_RECORD_CHARS,
  MAX_RECORD_VALUES,
  MAX_TITLE_CHARS,
  RecordValidationError,
} from '../../src/domain/index.js';

/** The reason buildIngestRecord refuses `raw` with. */
function reason(raw: unknown): string {
  try {
    buildIngestRecord(raw);
  } catch (error) {
    assert.ok(error instanceof RecordValidationError, `a validation error, not ${String(error)}`);
    return error.message;
  }
  assert.fail('the record was accepted');
}

describe('record limits', () => {
  it('refuses a title past the bound, saying how long it is', () => {
    assert.equal(reason({ title: 'y'.repeat(MAX_TITLE_CHARS + 1) }), 'title is 10,001 characters; at most 10,000');
    assert.equal(buildIngestRecord({ title: 'y'.repeat(MAX_TITLE_CHARS) }).document.title.length, MAX_TITLE_CHARS);
  });

  it("refuses a record whose text is past the bound, and names the field that holds it", () => {
    assert.equal(
      reason({ title: 'Big', text: 'y'.repeat(MAX_RECORD_CHARS) }),
      "the document's text is 8,000,003 characters (8,000,000 of them in text); at most 8,000,000",
    );
    // The bound is on the record, not on one field: many notes count as much as one text.
    const notes = Array.from({ length: 9 }, () => 'n'.repeat(1_000_000));
    assert.match(reason({ title: 'Notes', footnotes: notes }), /^the document's text is 9,000,005 characters \(9,000,000 of them in footnotes\)/);
    assert.equal(buildIngestRecord({ title: 'Fits', text: 'y'.repeat(MAX_RECORD_CHARS - 4) }).document.text?.length, MAX_RECORD_CHARS - 4);
  });

  it('refuses a record of more values than any real one, before validating them one by one', () => {
    const references = Array.from({ length: MAX_RECORD_VALUES }, () => 'a');
    assert.equal(
      reason({ title: 'Many', references }),
      'the record holds more than 1,000,000 values (fields, list items, body nodes); at most 1,000,000',
    );
  });

  it('is checked before the schema: an oversized record is refused by its size, whatever else is wrong', () => {
    assert.match(reason({ title: 'y'.repeat(MAX_TITLE_CHARS + 1), status: 'nonsense' }), /^title is 10,001 characters/);
  });
});

describe('text that is not text', () => {
  it('refuses a NUL character in any string, naming the field and where', () => {
    assert.equal(reason({ title: 'a\u0000b' }), 'title: contains a NUL character (at character 2)');
    assert.equal(reason({ title: 'T', footnotes: ['ok', 'x\u0000'] }), 'footnotes[1]: contains a NUL character (at character 2)');
    assert.equal(reason({ title: 'T', source: { archive: '\u0000' } }), 'source.archive: contains a NUL character (at character 1)');
  });

  it('refuses an unpaired surrogate, and accepts a pair', () => {
    assert.equal(reason({ title: 'T', text: 'ab\ud800c' }), 'text: holds an unpaired surrogate (not valid Unicode) at character 3');
    assert.equal(
      reason({ title: 'T', body: [{ kind: 'p', children: ['ok', { kind: 'em', children: ['\udc00'] }] }] }),
      'body[0].children[1].children[0]: holds an unpaired surrogate (not valid Unicode) at character 1',
    );
    assert.equal(reason({ title: 'T', text: 'end\ud83d' }), 'text: holds an unpaired surrogate (not valid Unicode) at character 4');
    assert.equal(buildIngestRecord({ title: 'Emoji \ud83d\ude00', text: '\u{1f600} and 丈' }).document.title, 'Emoji 😀');
  });

  it("refuses such a character in an authority's name, which is a key and is stored", () => {
    assert.equal(
      reason({ title: 'T', authors: [{ name: 'A', authorities: { 'gn\u0000d': '118' } }] }),
      'authorities["gn\\u0000d"]: the name contains a NUL character (at character 3)',
    );
  });
});

describe('reasons in plain words', () => {
  const cases: [unknown, string][] = [
    [{}, 'title: missing'],
    [{ title: 5 }, 'title: expected a string, got a number (5)'],
    [{ title: null }, 'title: expected a string, got null'],
    [{ title: '  ' }, 'title: must not be empty'],
    [[], 'record: expected an object, got a list'],
    [{ title: 'T', date: true }, 'date: expected a string, a number or an object, got true'],
    [{ title: 'T', date: { start: 1963 } }, 'date.start: expected a string, got a number (1963)'],
    [{ title: 'T', date: { start: '1963-13' } }, 'date.start: must be an ISO 8601 date: YYYY, YYYY-MM or YYYY-MM-DD'],
    [{ title: 'T', date: '1963-01-31..1963-01-15' }, 'date: "1963-01-31..1963-01-15" ends before it starts'],
    [{ title: 'T', source: { archiv: 'B', referenc: 'R 43' } }, 'source: unknown fields "archiv", "referenc"'],
    [{ title: 'T', places: [{ name: 'Wien', latitude: 48.2, lon: 16.37 }] }, 'places[0]: unknown field "latitude"'],
    [{ title: 'T', authors: [{ name: 'X', gnd: '118540238' }] }, 'authors[0]: unknown field "gnd"'],
    [{ title: 'T', received: { date: '1963-02/1963-01' } }, 'received.date: "1963-02/1963-01" ends before it starts'],
    [{ title: 'T', authors: 'Bob' }, 'authors: expected a list, got a string ("Bob")'],
    [{ title: 'T', authors: [7] }, 'authors[0]: expected a string or an object, got a number (7)'],
    [{ title: 'T', authors: [{ name: 5 }] }, 'authors[0].name: expected a string, got a number (5)'],
    [{ title: 'T', authors: [{}] }, 'authors[0].name: missing'],
    [{ title: 'T', status: 'secret' }, 'status: "secret" is not one of "draft", "published" or "embargoed"'],
    [{ title: 'T', status: 'published', embargoUntil: '2999-01-01' }, 'embargoUntil: a published document has no embargo (give status "embargoed" to keep it private until 2999-01-01)'],
    [{ title: 'T', places: [{ name: 'P', lat: 100 }] }, 'places[0].lat: must be at most 90 (got 100)'],
    [{ title: 'T', id: 'a'.repeat(201) }, 'id: is 201 characters; at most 200'],
    [{ title: 'T', body: [{ kind: 'p' }] }, 'body[0].children: missing'],
    [{ title: 'T', body: [{ kind: 'para', children: [] }] }, 'body[0].kind: "para" is not one of "p", "heading", "list", "table", "quote", "closer", "attachment" or "pb"'],
    [{ title: 'T', footnotes: [{ n: true, text: 't' }] }, 'footnotes[0].n: expected a string or a number, got true'],
  ];
  for (const [raw, expected] of cases) {
    it(expected, () => assert.equal(reason(raw), expected));
  }

  it('says five problems and counts the rest', () => {
    assert.equal(
      reason({ title: 'T', authors: [1, 2, 3, 4, 5, 6, 7] }),
      [1, 2, 3, 4, 5].map((n) => `authors[${n - 1}]: expected a string or an object, got a number (${n})`).join('; ') + '; and 2 more problems',
    );
  });
});

describe('an embargo date', () => {
  it('without a status makes the document embargoed, never published today', () => {
    const { document: doc } = buildIngestRecord({ title: 'T', embargoUntil: '2999-01-01' });
    assert.deepEqual([doc.status, doc.embargoUntil], ['embargoed', '2999-01-01']);
    assert.equal(buildIngestRecord({ title: 'T' }).document.status, 'published');
  });
});

describe('when and where a letter arrived', () => {
  it('keeps a received date and place, the place also among the places', () => {
    const { document: doc, places } = buildIngestRecord({ title: 'T', received: { date: '1889-08-05', place: { id: 'wien', name: 'Wien' } } });
    assert.deepEqual(doc.received, { date: { start: '1889-08-05', end: '1889-08-05', display: '5 August 1889' }, place: 'wien' });
    assert.deepEqual(doc.places, ['wien']);
    assert.deepEqual(places.map((p) => p.id), ['wien']);
    // Nothing said is no arrival.
    assert.equal(buildIngestRecord({ title: 'T', received: { date: null } }).document.received, undefined);
  });

  it('names the received date in a reason', () => {
    assert.match(reason({ title: 'T', received: { date: 'sometime' } }), /^received\.date: "sometime" is not a date/);
    assert.match(reason({ title: 'T', received: { date: { start: '1890-01-02', end: '1890-01-01' } } }), /^received\.date/);
  });

  it('keeps dates a reader read as they are: an open range stays open', () => {
    const after = { start: '1891-10-02', display: 'after 2 October 1891' };
    const record = buildIngestRecord({ title: 'T', date: after, received: { date: after } }, { datesAsRead: { date: after, received: after } });
    assert.deepEqual(record.document.date, after);
    assert.deepEqual(record.document.received?.date, after);
    // As plain input, a lone start is that day.
    assert.equal(buildIngestRecord({ title: 'T', date: after }).document.date.end, '1891-10-02');
  });
});

describe('titles', () => {
  it('are one line: line breaks and runs of spaces read as one space', () => {
    assert.equal(buildIngestRecord({ title: '  Letter with\r\r\n blank\tline  ' }).document.title, 'Letter with blank line');
    assert.equal(buildIngestRecord({ title: 'Bahr, 21.\u00a04.\u00a01898' }).document.title, 'Bahr, 21.\u00a04.\u00a01898', 'a no-break space is kept');
  });
});

describe('how the writing looks', () => {
  it('is kept in a body, and only as the kinds the reading page shows', () => {
    const body = [{ kind: 'p', children: [{ kind: 'written', as: 'latin', children: ['Arthur Schnitzler'] }] }];
    assert.deepEqual(buildIngestRecord({ title: 'Brief', body }).document.body, body);
    assert.throws(() => buildIngestRecord({ title: 'Brief', body: [{ kind: 'p', children: [{ kind: 'written', as: 'gothic', children: ['x'] }] }] }), /body/);
  });
});

describe('footnotes', () => {
  it('keep the marker a note was printed with beside its unique one, as an export writes them', () => {
    const { document } = buildIngestRecord({
      title: 'Memo',
      footnotes: [{ n: 'b', text: 'One.' }, { n: 'b-2', mark: 'b', text: 'Two.' }, { n: 3, mark: '3', text: 'Three.' }],
    });
    assert.deepEqual(document.footnotes, [{ n: 'b', text: 'One.' }, { n: 'b-2', mark: 'b', text: 'Two.' }, { n: '3', text: 'Three.' }]);
  });
});

describe('lists given as null', () => {
  it('read as none, as a database export writes an empty list', () => {
    const { document } = buildIngestRecord({ title: 'Memo', authors: null, recipients: null, places: null, topics: null, collections: null, references: null, footnotes: null, body: null, texts: null, media: null });
    assert.deepEqual([document.authors, document.places, document.collections], [[], [], []]);
  });
});

describe('people listed by several sources', () => {
  it('keep one listing per source, in source order; the role shown is the latest listing\'s', () => {
    const record = buildIngestRecord({
      title: 'A telegram',
      authors: [
        {
          name: 'Rusk, D.',
          id: 'rusk-dean',
          role: 'as typed',
          listings: [
            { source: 'frus1964-68v14', name: 'Rusk, Dean', role: 'Secretary of State', url: 'https://history.state.gov/historicaldocuments/frus1964-68v14/persons#p_RD1' },
            { source: 'frus1958-60v05', name: 'Rusk, David Dean', role: 'President, Rockefeller Foundation' },
            { source: 'frus1961-63v01', name: 'Rusk, Dean' },
          ],
        },
      ],
    });
    const rusk = record.people[0]!;
    assert.deepEqual(rusk, {
      id: 'rusk-dean',
      name: 'Rusk, D.',
      role: 'as typed',
      listings: [
        { source: 'frus1958-60v05', name: 'Rusk, David Dean', role: 'President, Rockefeller Foundation' },
        { source: 'frus1961-63v01', name: 'Rusk, Dean' },
        { source: 'frus1964-68v14', name: 'Rusk, Dean', role: 'Secretary of State', url: 'https://history.state.gov/historicaldocuments/frus1964-68v14/persons#p_RD1' },
      ],
    });
    assert.equal(currentRole(rusk), 'Secretary of State');
    assert.equal(currentRole({ id: 'x', name: 'X', role: 'own' }), 'own');
  });

  it('a source read again replaces its listing, role and all, whatever order the sources come in', () => {
    const listed = (source: string, role?: string): Person => ({ id: 'x', name: 'X', listings: [role ? { source, name: 'X', role } : { source, name: 'X' }] });
    const merged = mergePerson(mergePerson(listed('v1', 'Envoy'), listed('v2', 'Minister')), listed('v1'));
    assert.deepEqual(merged.listings, [{ source: 'v1', name: 'X' }, { source: 'v2', name: 'X', role: 'Minister' }]);
    assert.deepEqual(mergePerson(listed('v2', 'Minister'), listed('v1')), merged);
    assert.equal(currentRole(mergePerson(listed('v2'), listed('v1', 'Envoy'))), 'Envoy');
    assert.deepEqual(mergePerson(merged, listed('v1')), merged, 'merging again changes nothing');
  });

  it('refuses a listing without a source or a name, an empty role, and one source listed twice', () => {
    assert.match(reason({ title: 'T', people: [{ name: 'X', listings: [{ name: 'X' }] }] }), /source/);
    assert.match(reason({ title: 'T', people: [{ name: 'X', listings: [{ source: 'v1', name: ' ' }] }] }), /name/);
    assert.match(reason({ title: 'T', people: [{ name: 'X', listings: [{ source: 'v1', name: 'X', role: '  ' }] }] }), /role/);
    assert.match(reason({ title: 'T', people: [{ name: 'X', listings: [{ source: 'v1', name: 'X' }, { source: 'v1', name: 'Y' }] }] }), /lists one source twice/);
  });
});
