/**
 * Latin letters that Unicode does not decompose into a base letter and a mark, so NFKD and FTS5's
 * remove_diacritics leave them alone, spelled as the plain letters readers type for them
 * ("Straße" as "Strasse", "Gomułka" as "Gomulka"). Lower case: callers lower first.
 *
 * This table is part of every stored archive: ids are slugs spelled with it, and the full-text
 * indexes hold text spelled with it, from which a row is removed only by spelling it again
 * (sqlite/write.ts). Changing it needs a migration that indexes every archive again, and changes
 * ids; test/domain/latin-letters.test.ts holds it as it is.
 */
export const LATIN_LETTER_SPELLING: Readonly<Record<string, string>> = {
  ß: 'ss', ø: 'o', ł: 'l', æ: 'ae', œ: 'oe', þ: 'th', ð: 'd', đ: 'd', ħ: 'h', ı: 'i', ŧ: 't', ŋ: 'ng',
};
