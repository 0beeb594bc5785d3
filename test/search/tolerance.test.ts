import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseQuery } from '../../src/search/parse.js';
import { editNeighbours, ocrVariants, widenQuery, type Vocabulary } from '../../src/search/tolerance.js';

/**
 * A vocabulary held in maps: the widening logic is pure once frequencies are known. `visible`
 * counts the documents the viewer may see; `everywhere` adds words only private documents hold.
 */
function vocabularyOf(visible: Record<string, number>, everywhere: Record<string, number> = visible): Vocabulary {
  return {
    async knownWords(words) {
      return new Set(words.filter((w) => everywhere[w] || visible[w]));
    },
    async visibleDocumentCounts(words, cap) {
      return new Map(words.filter((w) => visible[w]).map((w) => [w, Math.min(cap, visible[w]!)]));
    },
  };
}

describe('spelling and OCR tolerance', () => {
  it('lists OCR mis-readings of a word', () => {
    assert.ok(ocrVariants('would').includes('wou1d'));
    assert.ok(ocrVariants('modern').includes('rnodern'));
    assert.ok(ocrVariants('me').includes('ne'));
    assert.ok(!ocrVariants('would').includes('would'));
  });

  it('lists words one edit away', () => {
    const n = editNeighbours('malinovksy');
    assert.ok(n.includes('malinovsky'), 'transposition');
    assert.ok(editNeighbours('kruschev').includes('khruschev'), 'insertion');
    assert.ok(editNeighbours('castor').includes('castro'));
  });

  it('leaves a word typed with ß, ł or ø as typed: spelled out, it is neither a mis-reading nor a typo', async () => {
    const vocabulary = vocabularyOf({ dass: 1, class: 900, zero: 400, aero: 1 });
    assert.deepEqual((await widenQuery('daß', parseQuery('daß'), vocabulary)).query.root, { kind: 'term', value: 'dass', prefix: false, spelled: true });
    assert.deepEqual((await widenQuery('Ærø', parseQuery('Ærø'), vocabulary)).query.root, { kind: 'term', value: 'aero', prefix: false, spelled: true });
    // Beside the same word typed plainly, which is widened, the spelled one still is not.
    const both = (await widenQuery('title:daß dass', parseQuery('title:daß dass'), vocabulary)).query.root;
    assert.ok(both?.kind === 'and');
    assert.deepEqual(both.children[0], { kind: 'term', value: 'dass', prefix: false, spelled: true, field: 'title' });
    assert.equal(both.children[1]?.kind, 'or');
    // Typed in plain letters, the same word is widened as any other.
    assert.ok(JSON.stringify((await widenQuery('dass', parseQuery('dass'), vocabulary)).query.root).includes('"class"'));
  });

  it('adds the mis-readings that occur in the archive to a word', async () => {
    const widened = await widenQuery('would', parseQuery('would'), vocabularyOf({ would: 500, wou1d: 1 }));
    assert.deepEqual(widened.query.root, {
      kind: 'or',
      children: [
        { kind: 'term', value: 'would', prefix: false },
        { kind: 'term', value: 'wou1d', prefix: false },
      ],
    });
    assert.equal(widened.suggestion, undefined);
  });

  it('suggests the commonest close word for an unknown one, keeping the rest of the query', async () => {
    const widened = await widenQuery('Kruschev Castro', parseQuery('Kruschev Castro'), vocabularyOf({ khruschev: 4, kruscheva: 1, castro: 10 }));
    assert.equal(widened.suggestion, 'Khruschev Castro');
  });

  it('leaves phrases, prefixes, exclusions and known words alone', async () => {
    const vocab = vocabularyOf({ wou1d: 1, would: 50 });
    for (const q of ['"would"', 'would*', 'cuba -would']) {
      const parsed = parseQuery(q);
      const widened = await widenQuery(q, parsed, vocab);
      assert.deepEqual(widened.query, parsed, q);
    }
  });
});
