import { LATIN_LETTER_SPELLING } from '../domain/latin-letters.js';

/**
 * Case- and diacritic-insensitive form of a text: what facets and names compare. It folds
 * exactly what the index tokenizer (unicode61 remove_diacritics 2) folds — combining marks — so
 * letters without a decomposition (ß, ł, ø) stay as they are; `foldLetters` spells those.
 */
export function foldText(value: string): string {
  return value.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** Each letter of LATIN_LETTER_SPELLING in either case (ẞ is the capital ß; ı has none of its own). */
const LETTER_SPELLING = new Map<string, string>(Object.entries(LATIN_LETTER_SPELLING));
for (const [letter, spelling] of Object.entries(LATIN_LETTER_SPELLING)) {
  const upper = letter.toUpperCase();
  if (upper.length === 1 && upper.toLowerCase() === letter) LETTER_SPELLING.set(upper, spelling.charAt(0).toUpperCase() + spelling.slice(1));
}
LETTER_SPELLING.set('ẞ', 'Ss');
const SPELLED_LETTER = new RegExp(`[${[...LETTER_SPELLING.keys()].join('')}]`, 'g');
const HAS_SPELLED_LETTER = new RegExp(SPELLED_LETTER.source);

/**
 * The text the full-text indexes are given: the Latin letters their tokenizer cannot fold spelled
 * in plain letters, so "dass" finds "daß", "Strasse" "Straße" and "Gomulka" "Gomułka", and the
 * other way round. Only letters become letters: the text splits into the same words, at the same
 * positions, as the original, which is what snippets are cut from (sqlite/migrations.ts, 4).
 */
export function foldLetters(value: string): string {
  return spellsLetters(value) ? value.replace(SPELLED_LETTER, (c) => LETTER_SPELLING.get(c)!) : value;
}

/** Whether `foldLetters` changes the text: it holds ß, ł, ø … */
export function spellsLetters(value: string): boolean {
  return HAS_SPELLED_LETTER.test(value);
}

/** A name as a text filter compares it: case, diacritics and letters folded ("wladyslaw" is in "Władysław Gomułka"). */
export function foldName(value: string): string {
  return foldLetters(foldText(value));
}

/**
 * Splits folded text into the words the full-text index holds: runs of letters and digits.
 * "Khrushchev's" gives ["khrushchev", "s"], as the index's unicode61 tokenizer does, so a query
 * word that splits into several becomes a phrase of them.
 */
export function indexWords(value: string): string[] {
  return foldName(value).match(/[\p{L}\p{N}]+/gu) ?? [];
}
