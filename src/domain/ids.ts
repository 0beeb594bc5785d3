import { trimEdges, trimTrailing } from './trim.js';

/** Identifiers are stable and URL-safe: `[a-z0-9][a-z0-9._-]*` (see CONTRACT.md). */
export const ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;

export function isValidId(value: string): boolean {
  return ID_PATTERN.test(value) && value.length <= 200;
}

/**
 * Turns a name or title into an identifier: diacritics folded, lower case, runs of anything
 * else collapsed to a single hyphen. Returns "" when nothing usable is left.
 */
export function slugify(value: string, maxLength = 80): string {
  const folded = value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[øØ]/g, 'o')
    .replace(/[łŁ]/g, 'l')
    .replace(/[æÆ]/g, 'ae')
    .toLowerCase();
  const slug = trimEdges(folded.replace(/[^a-z0-9._]+/g, '-'), '-._');
  return trimTrailing(slug.slice(0, maxLength), '-._');
}
