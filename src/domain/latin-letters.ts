/**
 * Latin letters that Unicode does not decompose into a base letter and a mark, so NFKD and FTS5's
 * remove_diacritics leave them alone, spelled as the plain letters readers type for them
 * ("Straße" as "Strasse", "Gomułka" as "Gomulka"). Lower case: callers lower first.
 */
export const LATIN_LETTER_SPELLING: Readonly<Record<string, string>> = {
  ß: 'ss', ø: 'o', ł: 'l', æ: 'ae', œ: 'oe', þ: 'th', ð: 'd', đ: 'd', ħ: 'h', ı: 'i', ŧ: 't', ŋ: 'ng',
};
