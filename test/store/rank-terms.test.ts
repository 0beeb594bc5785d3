import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseQuery } from '../../src/search/parse.js';
import { compileFtsQuery } from '../../src/store/sqlite/fts-query.js';
import { holdsPhrase, rankTerms, stemmedParts } from '../../src/store/rank-terms.js';

const parts = (q: string) => stemmedParts(parseQuery(q).root!);
const words = (q: string) => rankTerms(parseQuery(q).root!).map((t) => `${t.columns ? `${t.columns.join('+')}:` : ''}${t.word}${t.prefix ? '*' : ''}${t.within.length ? ` (within ${t.within.length})` : ''}`);

describe('the stemmed query and the phrases bm25 scores', () => {
  it('quoted phrases count word by word; excluded phrases are the exact index’s alone', () => {
    assert.equal(compileFtsQuery({ kind: 'and', children: parts('"balance of payments" Galbraith') }).positive, '("balance" AND "of" AND "payments") AND "galbraith"');
    assert.deepEqual(parts('Berlin -"Soviet Union"').length, 1);
    assert.ok(holdsPhrase(parseQuery('("test ban" OR disarmament) Geneva').root!));
    assert.ok(!holdsPhrase(parseQuery('(test OR disarmament) Geneva').root!));
  });

  it('lists the phrases in the order FTS5 numbers them, excluded ones left out, fields and prefixes kept', () => {
    assert.deepEqual(words('Soviet title:Cuba missil* -Castro'), ['soviet', 'title:cuba', 'missil*']);
    assert.deepEqual(words('person:Rusk'), ['authors+recipients+people:rusk']);
  });

  it('a word inside an OR group counts only where its branch matched', () => {
    assert.deepEqual(words('("test ban" OR disarmament) Geneva'), ['test (within 1)', 'ban (within 1)', 'disarmament', 'geneva']);
    assert.deepEqual(words('Berlin OR Cuba'), ['berlin', 'cuba']);
  });
});
