import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { QuerySyntaxError } from '../../src/search/ast.js';
import { parseSearchParams } from '../../src/search/params.js';

const parse = (query: string) => parseSearchParams(new URLSearchParams(query));

describe('parseSearchParams', () => {
  it('defaults: relevance with a query, date without one, page 1 of 20', () => {
    assert.equal(parse('q=Cuba').sort, 'relevance');
    const browse = parse('');
    assert.equal(browse.sort, 'date');
    assert.equal(browse.page, 1);
    assert.equal(browse.size, 20);
  });

  it('reads repeated filters and date bounds', () => {
    const r = parse('author=Khrushchev&author=Kennedy&type=Letter&from=1962-10&to=1963');
    assert.deepEqual(r.filters, { author: ['Khrushchev', 'Kennedy'], type: ['Letter'] });
    assert.equal(r.from, '1962-10-01');
    assert.equal(r.to, '1963-12-31');
  });

  it('caps the page size at 100', () => {
    assert.equal(parse('size=5000').size, 100);
  });

  it('says what page numbers go to: 1 or more, and past 500 the cursor', () => {
    assert.throws(() => parse('page=0'), /"page" must be 1 or more\./);
    assert.throws(() => parse('page=501'), /goes up to 500.*nextCursor/);
    assert.throws(() => parse('page=99999999999'), /goes up to 500.*nextCursor/);
  });

  for (const bad of ['sort=random', 'page=0', 'page=abc', 'from=1963-02-30', 'from=1964&to=1963', 'size=-1']) {
    it(`refuses ${bad}`, () => {
      assert.throws(() => parse(bad), QuerySyntaxError);
    });
  }
});
