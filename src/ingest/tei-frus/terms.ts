import { attr, findAll, findFirst, normalizeSpace, textContent, type XmlElement } from './xml.js';

/** A volume's list of abbreviations and terms: `term/@xml:id` ("t_ACDA1") → what it stands for. */
export type TermIndex = ReadonlyMap<string, string>;

/** An expansion longer than this is not an expansion: the list's markup went wrong. */
const MAX_EXPANSION_CHARS = 500;

/**
 * Reads `div[@xml:id="terms"]`. Each item is `<hi rend="strong"><term xml:id="t_ACDA1">ACDA</term>,</hi>
 * Arms Control and Disarmament Agency`; the text links the term as `<gloss target="#t_ACDA1">`, and
 * history.state.gov shows the expansion on the abbreviation. Items without a `term` (a few print
 * the abbreviation bare) cannot be linked to and are passed over.
 */
export function buildTermIndex(termsDiv: XmlElement): Map<string, string> {
  const index = new Map<string, string>();
  for (const item of findAll(termsDiv, (e) => e.name === 'item')) {
    const term = findFirst(item, (e) => e.name === 'term' && attr(e, 'xml:id') !== undefined);
    if (!term) continue;
    const xmlId = attr(term, 'xml:id')!;
    const expansion = normalizeSpace(textContent(item, (e) => e === term || e.name === 'note')).replace(/^[\s,;:]+/, '').trim();
    if (expansion && expansion.length <= MAX_EXPANSION_CHARS && !index.has(xmlId)) index.set(xmlId, expansion);
  }
  return index;
}
