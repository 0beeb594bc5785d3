import { isValidId, slugify, type Person } from '../../domain/index.js';
import { attr, findAll, findFirst, normalizeSpace, textContent, type XmlElement } from './xml.js';

/** A volume's persons list: `persName/@xml:id` ("p_KNS2") → the person record. */
export type PersonIndex = ReadonlyMap<string, Person>;

/**
 * Builds person records from `div[@xml:id="persons"]`. Each item is
 * `<hi><persName xml:id="p_KNS2">Khrushchev, Nikita S.</persName>,</hi> Chairman of …`.
 *
 * The id is the slugified name as listed ("khrushchev-nikita-s"), so the same person listed the
 * same way in two volumes becomes one record; the volume-local xml:id is kept as an authority.
 * Two different entries with the same name in one volume (Ngo Dinh Nhu and Madame Nhu in
 * 1961–63 vol. I) must not merge, so the later one is told apart by its role.
 */
export function buildPersonIndex(personsDiv: XmlElement, volumeId: string): Map<string, Person> {
  const index = new Map<string, Person>();
  const usedIds = new Map<string, string>(); // person id → xml:id that took it
  for (const item of findAll(personsDiv, (e) => e.name === 'item')) {
    const persName = findFirst(item, (e) => e.name === 'persName' && attr(e, 'xml:id') !== undefined);
    if (!persName) continue; // editorial notes inside the list ("Note: Pseudonyms …")
    const xmlId = attr(persName, 'xml:id')!;
    if (index.has(xmlId)) continue;
    const name = normalizeSpace(textContent(persName));
    if (!name) continue;
    const role = normalizeSpace(textContent(item, (e) => e === persName))
      .replace(/^[\s,;:]+/, '')
      .trim();
    const id = personId(name, role, xmlId, volumeId, usedIds);
    usedIds.set(id, xmlId);
    const person: Person = { id, name, authorities: { [`frus:${volumeId}`]: `${volumeId}#${xmlId}` } };
    if (role) person.role = role;
    index.set(xmlId, person);
  }
  return index;
}

function personId(name: string, role: string, xmlId: string, volumeId: string, used: Map<string, string>): string {
  // Periods out first: "Thompson, Llewellyn E., Jr." → "thompson-llewellyn-e-jr", not "…-e.-jr".
  const base = slugify(name.replace(/\./g, ' '));
  if (base && !used.has(base)) return base;
  const fallback = slugify(`${volumeId}-${xmlId}`);
  if (!base) return fallback;
  const qualifier = slugify(role.split(',')[0] ?? '', 40);
  const qualified = qualifier ? `${base}-${qualifier}` : '';
  if (qualified && isValidId(qualified) && !used.has(qualified)) return qualified;
  return `${base}-${slugify(xmlId)}`;
}

/** `corresp="#p_KNS2"` → "p_KNS2"; tolerates the stray characters seen in the corpus ("#$p_ZGN1"). */
export function correspId(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const first = value.trim().split(/\s+/)[0] ?? '';
  const hash = first.lastIndexOf('#');
  const id = (hash >= 0 ? first.slice(hash + 1) : first).replace(/^[^A-Za-z_]+/, '');
  return id || undefined;
}
