import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { QuerySyntaxError } from '../../src/search/ast.js';
import { parseQuery } from '../../src/search/parse.js';

describe('parseQuery', () => {
  it('ANDs words and folds case and diacritics', () => {
    assert.deepEqual(parseQuery('Chruščev  Kennedy').root, {
      kind: 'and',
      children: [
        { kind: 'term', value: 'chruscev', prefix: false },
        { kind: 'term', value: 'kennedy', prefix: false },
      ],
    });
  });

  it('reads phrases, OR, exclusion and prefixes', () => {
    assert.deepEqual(parseQuery('"Protocol No. 80" missile* -Berlin Cuba OR Havana').root, {
      kind: 'and',
      children: [
        { kind: 'phrase', words: ['protocol', 'no', '80'] },
        { kind: 'term', value: 'missile', prefix: true },
        { kind: 'not', child: { kind: 'term', value: 'berlin', prefix: false } },
        { kind: 'or', children: [{ kind: 'term', value: 'cuba', prefix: false }, { kind: 'term', value: 'havana', prefix: false }] },
      ],
    });
  });

  it('reads fields, including a phrase value', () => {
    assert.deepEqual(parseQuery('author:Khrushchev to:"Fidel Castro" type:letter').root, {
      kind: 'and',
      children: [
        { kind: 'term', value: 'khrushchev', prefix: false, field: 'author' },
        { kind: 'phrase', words: ['fidel', 'castro'], field: 'to' },
        { kind: 'term', value: 'letter', prefix: false, field: 'type' },
      ],
    });
  });

  it('treats unknown prefixes as text rather than failing', () => {
    assert.deepEqual(parseQuery('Re:Point').root, { kind: 'phrase', words: ['re', 'point'] });
  });

  it('turns date: clauses into day ranges outside the text tree', () => {
    const parsed = parseQuery('missiles date:1962-10..1962-11');
    assert.deepEqual(parsed.root, { kind: 'term', value: 'missiles', prefix: false });
    assert.deepEqual(parsed.dateRanges, [{ from: '1962-10-01', to: '1962-11-30' }]);
    assert.deepEqual(parseQuery('date:1963').dateRanges, [{ from: '1963-01-01', to: '1963-12-31' }]);
    assert.deepEqual(parseQuery('date:..1962-02').dateRanges, [{ to: '1962-02-28' }]);
    assert.equal(parseQuery('date:1963').root, null);
  });

  it('answers an empty query with "everything"', () => {
    assert.deepEqual(parseQuery('   '), { root: null, dateRanges: [] });
  });

  it('splits words the way the index does', () => {
    assert.deepEqual(parseQuery("Khrushchev's").root, { kind: 'phrase', words: ['khrushchev', 's'] });
    assert.deepEqual(parseQuery('wou1d').root, { kind: 'term', value: 'wou1d', prefix: false });
  });

  const malformed: [string, RegExp][] = [
    ['"unbalanced', /never closed/],
    ['OR', /needs a word before/],
    ['Cuba OR', /needs a word after/],
    ['-', /^"-" at position 1 needs a word right after/],
    ['NOT', /^"NOT" at position 1 needs a word right after/],
    ['Cuba NOT', /^"NOT" at position 6 needs a word right after/],
    ['date:1963-13', /not a date/],
    ['date:1964..1963', /ends before/],
    ['(Cuba', /never closed/],
    ['Cuba)', /closes no/],
    ['Cuba OR -Havana', /OR/],
    ['title:', /needs a value/],
    ['x'.repeat(1001), /too long/],
  ];
  for (const [query, message] of malformed) {
    it(`refuses ${JSON.stringify(query.slice(0, 20))} with a message`, () => {
      assert.throws(() => parseQuery(query), (error: unknown) => error instanceof QuerySyntaxError && message.test(error.message));
    });
  }

  it('keeps SQL fragments and control characters as plain words', () => {
    const parsed = parseQuery("'; DROP TABLE documents; --\u0000\u0007");
    assert.deepEqual(parsed.root, {
      kind: 'and',
      children: [
        { kind: 'term', value: 'drop', prefix: false },
        { kind: 'term', value: 'table', prefix: false },
        { kind: 'term', value: 'documents', prefix: false },
      ],
    });
  });
});
