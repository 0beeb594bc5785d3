/**
 * Case- and diacritic-insensitive form of a text: what the index and the query both compare.
 * It folds exactly what the index tokenizer (unicode61 remove_diacritics 2) folds — combining
 * marks — so a folded query word always meets the indexed one; letters without a decomposition
 * (ß, ł, ø) stay as they are.
 */
export function foldText(value: string): string {
  return value.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/**
 * Splits folded text into the words the full-text index holds: runs of letters and digits.
 * "Khrushchev's" gives ["khrushchev", "s"], as the index's unicode61 tokenizer does, so a query
 * word that splits into several becomes a phrase of them.
 */
export function indexWords(value: string): string[] {
  return foldText(value).match(/[\p{L}\p{N}]+/gu) ?? [];
}
