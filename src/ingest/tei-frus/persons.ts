import { isValidId, slugify, type Person } from '../../domain/index.js';
import { attr, findAll, findFirst, normalizeSpace, textContent, type XmlElement } from './xml.js';

/** A volume's persons list: `persName/@xml:id` ("p_KNS2") → the person record. */
export type PersonIndex = ReadonlyMap<string, Person>;

/**
 * Builds person records from `div[@xml:id="persons"]`. Each item is
 * `<hi><persName xml:id="p_KNS2">Khrushchev, Nikita S.</persName>,</hi> Chairman of …`.
 *
 * The id is the person's key ({@link personKey}: "khrushchev-nikita"), so the same person listed
 * in two volumes becomes one record; the volume-local xml:id is kept as an authority.
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

/**
 * The key that makes one person of the ways volumes list him: surname and first given name.
 * "Khrushchev, Nikita S.", "Khrushchev, Nikita Sergeyevich" and "Khrushchev, Nikita" are all
 * `khrushchev-nikita`; "Kennedy, John F." and the misprinted "Kennedy, John E" are `kennedy-john`.
 * Middle names, initials and suffixes are dropped (the full forms become alternative names when
 * the records merge). Names without a comma are slugified whole.
 */
export function personKey(name: string): string {
  const [surname, given] = name.split(',', 2).map((part) => part.replace(/\./g, ' ').trim());
  if (!surname || !given) return slugify(name.replace(/\./g, ' '));
  const first = given.split(/\s+/).find((token) => token.length > 1) ?? given.split(/\s+/)[0] ?? '';
  return slugify(`${surname} ${first}`);
}

function personId(name: string, role: string, xmlId: string, volumeId: string, used: Map<string, string>): string {
  const base = personKey(name);
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
