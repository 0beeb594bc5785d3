import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foldLetters, indexWords } from '../../src/search/fold.js';

describe('foldLetters', () => {
  it('spells the Latin letters without a decomposition, in either case', () => {
    assert.equal(foldLetters('Daß ẞ Łódź Ærø Œuvre Þórr Đorđe Ħal Ŋ ı'), 'Dass Ss Lódź Aero Oeuvre Thórr Dorde Hal Ng i');
    assert.equal(foldLetters('Gomułka, Straße'), 'Gomulka, Strasse');
  });

  it('leaves every other text as it is, and splits into the same words', () => {
    const plain = 'Khrushchev wou1d prefer Chruščev — Αθήνα, Хрущёв, 北京 İstanbul';
    assert.equal(foldLetters(plain), plain);
    const written = 'Ich höre, daß er in der Bösendorferstraße wohnt; Gomułka aus Ærø.';
    assert.equal(foldLetters(written).match(/[\p{L}\p{N}]+/gu)!.length, written.match(/[\p{L}\p{N}]+/gu)!.length);
  });

  it('is what query words are folded with', () => {
    assert.deepEqual(indexWords('DAß Bösendorferstraße Gomułka'), ['dass', 'bosendorferstrasse', 'gomulka']);
  });
});
