import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LATIN_LETTER_SPELLING } from '../../src/domain/latin-letters.js';

describe('the Latin letter spelling table', () => {
  it('is as every stored archive was indexed and identified with: a change needs a migration that indexes again', () => {
    assert.deepEqual(LATIN_LETTER_SPELLING, {
      ß: 'ss', ø: 'o', ł: 'l', æ: 'ae', œ: 'oe', þ: 'th', ð: 'd', đ: 'd', ħ: 'h', ı: 'i', ŧ: 't', ŋ: 'ng',
    });
  });
});
