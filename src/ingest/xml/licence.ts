import { attr, firstDescendant, text, type XElement } from './tree.js';

/**
 * A rights statement from a TEI `availability/licence`: a short label and the licence URL as the
 * file gives them ("CC0 (https://creativecommons.org/licenses/by/null/)" is kept even where label
 * and URL disagree: it is what the source says). Long licence prose (the Schnitzler letters carry
 * the full German CC text) is replaced by a label derived from the Creative Commons URL.
 */
export function rightsFromAvailability(scope: XElement | undefined): string | undefined {
  const licence = firstDescendant(scope, 'licence');
  if (!licence) {
    const p = text(firstDescendant(scope, 'availability'));
    return p || undefined;
  }
  const target = attr(licence, 'target')?.trim();
  const written = text(licence);
  const derived = target ? creativeCommonsLabel(target) : undefined;
  const label = written && written.length <= 40 ? written : (derived ?? (written || undefined));
  if (!label) return target || undefined;
  return target ? `${label} (${target})` : label;
}

export function creativeCommonsLabel(url: string): string | undefined {
  const zero = /creativecommons\.org\/publicdomain\/zero\/([0-9.]+)/.exec(url);
  if (zero) return `CC0 ${zero[1]}`;
  const m = /creativecommons\.org\/licenses\/([a-z-]+)\/([0-9.]+)/.exec(url);
  if (m) return `CC ${m[1]!.toUpperCase()} ${m[2]}`;
  return undefined;
}
