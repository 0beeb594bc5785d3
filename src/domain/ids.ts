import { LATIN_LETTER_SPELLING } from './latin-letters.js';
import { trimEdges, trimTrailing } from './trim.js';

/** Identifiers are stable and URL-safe: `[a-z0-9][a-z0-9._-]*` (see CONTRACT.md). */
export const ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;

export function isValidId(value: string): boolean {
  return ID_PATTERN.test(value) && value.length <= 200;
}

/**
 * Letters without a decomposition into Latin ones, spelled in Latin: Cyrillic and Greek as
 * English-language catalogues write them (Хрущёв → khrushchev, Αθήνα → athina), and the Latin
 * letters NFKD leaves alone. Lower case only: slugify lowers first.
 */
const LATIN_SPELLING: Record<string, string> = {
  ...LATIN_LETTER_SPELLING,
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ж: 'zh', з: 'z', и: 'i', к: 'k', л: 'l', м: 'm', н: 'n',
  о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', і: 'i', є: 'ye', ґ: 'g', ђ: 'dj', ј: 'j', љ: 'lj',
  њ: 'nj', ћ: 'c', џ: 'dz', ѕ: 'dz', ѣ: 'e', ѳ: 'f', ѵ: 'i', ѫ: 'u', ѧ: 'ya',
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm',
  ν: 'n', ξ: 'x', ο: 'o', π: 'p', ρ: 'r', σ: 's', ς: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps', ω: 'o',
};
const SPELLED = new RegExp(`[${Object.keys(LATIN_SPELLING).join('')}]`, 'g');
const NON_ASCII = /[^\x00-\x7f]/;
/** Letters of other scripts (Han, Arabic, Hebrew …), which an identifier cannot spell. */
const UNSPELLED_LETTER = /[\p{Lu}\p{Ll}\p{Lt}\p{Lo}]/u;

/**
 * Turns a name or title into an identifier: diacritics folded, Cyrillic and Greek spelled in
 * Latin, lower case, runs of anything else collapsed to a single hyphen. Letters of other
 * scripts cannot be spelled: a short hash of the value stands for them, so "北京 1" and "上海 1"
 * do not both become "1". Returns "" when nothing usable is left.
 */
export function slugify(value: string, maxLength = 80): string {
  // Most names and ids are ASCII: nothing to fold, spell or lose.
  const ascii = !NON_ASCII.test(value);
  const folded = ascii
    ? value.toLowerCase()
    : value
        .normalize('NFKD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase()
        .replace(SPELLED, (c) => LATIN_SPELLING[c]!);
  const lost = !ascii && UNSPELLED_LETTER.test(folded.replace(/[a-z]+/g, ''));
  const slug = trimEdges(folded.replace(/[^a-z0-9._]+/g, '-'), '-._');
  if (!lost) return trimTrailing(slug.slice(0, maxLength), '-._');
  // Hashed as compared: "Müller 北京" and "müller  北京 " are one name, so one id.
  const mark = `u${fnv1a(folded.replace(/[^\p{L}\p{N}]+/gu, ' ').trim()).toString(36)}`;
  const kept = trimTrailing(slug.slice(0, Math.max(0, maxLength - mark.length - 1)), '-._');
  return kept ? `${kept}-${mark}` : mark;
}

/** 32-bit FNV-1a over UTF-16 code units: short, stable across runs and platforms. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
