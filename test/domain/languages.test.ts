import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { languageName, languageTag, normalizeLanguage } from '../../src/domain/languages.js';

describe('languages', () => {
  it('tells a BCP 47 tag from a tag or a name, and names a tag in English', () => {
    assert.equal(languageTag('ru'), 'ru');
    assert.equal(languageTag(' de-at '), 'de-AT');
    assert.equal(languageTag('Russian'), 'ru');
    assert.equal(languageTag('Klingon'), undefined);
    assert.equal(languageTag(undefined), undefined);
    assert.equal(languageTag('constructor'), undefined);
    assert.equal(languageTag('__proto__'), undefined);
    assert.equal(normalizeLanguage('toString'), 'toString');
    assert.equal(normalizeLanguage('Klingon '), 'Klingon');
    assert.equal(languageName('ru'), 'Russian');
    assert.equal(languageName('de-AT'), 'Austrian German');
    assert.equal(languageName('Klingon'), 'Klingon');
  });

  it('answers the same however many distinct languages came before', () => {
    for (let i = 0; i < 2500; i++) assert.equal(languageTag(`lang ${i}`), undefined);
    assert.equal(languageTag('ru'), 'ru');
    assert.equal(languageTag('Klingon'), undefined);
    assert.equal(languageName('fr'), 'French');
  });
});
