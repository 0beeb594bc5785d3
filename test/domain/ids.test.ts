import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isValidId, slugify } from '../../src/domain/index.js';

describe('slugify', () => {
  it('folds diacritics and spells Cyrillic and Greek in Latin letters', () => {
    assert.equal(slugify('Хрущёв, Никита Сергеевич'), 'khrushchev-nikita-sergeevich');
    assert.equal(slugify('Αθήνα 1'), 'athina-1');
    assert.equal(slugify('Œuvres complètes, Łódź, Straße, Ærø'), 'oeuvres-completes-lodz-strasse-aero');
    assert.equal(slugify("O'Brien"), 'o-brien');
  });

  it('stands a stable hash for letters it cannot spell, so such names do not collide', () => {
    const beijing = slugify('北京 1');
    const shanghai = slugify('上海 1');
    assert.match(beijing, /^1-u[0-9a-z]+$/);
    assert.notEqual(beijing, shanghai);
    assert.equal(slugify('北京 1'), beijing, 'the same value gives the same id');
    assert.equal(slugify('Müller, 北京'), slugify('müller  北京 '), 'case, accents and spacing aside, the same name');
    assert.equal(slugify('Дѣло'), 'delo');
    assert.match(slugify('日本語'), /^u[0-9a-z]+$/);
    const long = slugify(`${'x'.repeat(100)}北`, 80);
    assert.equal(long.length, 80);
    for (const id of [beijing, shanghai, long]) assert.ok(isValidId(id), id);
    assert.equal(slugify('— … —'), '');
  });
});
