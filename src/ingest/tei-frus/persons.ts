import { isValidId, slugify, type Person, type PersonListing } from '../../domain/index.js';
import { trimTrailing } from '../../domain/trim.js';
import { attr, findAll, findFirst, normalizeSpace, textContent, type XmlElement } from './xml.js';
import type { VolumeInfo } from './volume-header.js';
import { personsListUrl } from './refs.js';

/** A volume's persons list: `persName/@xml:id` ("p_KNS2") → the person record. */
export type PersonIndex = ReadonlyMap<string, Person>;

/**
 * Builds person records from `div[@xml:id="persons"]`. Each item is
 * `<hi><persName xml:id="p_KNS2">Khrushchev, Nikita S.</persName>,</hi> Chairman of …`.
 *
 * The id is the person's key ({@link personKey}: "khrushchev-nikita-s"), so the same person listed
 * in two volumes becomes one record; the volume-local xml:id is kept as an authority.
 * Two different entries with the same name in one volume (Ngo Dinh Nhu and Madame Nhu in
 * 1961–63 vol. I) must not merge, so the later one is told apart by its role.
 */
export function buildPersonIndex(personsDiv: XmlElement, volume: Pick<VolumeInfo, 'id' | 'slug'>): Map<string, Person> {
  const index = new Map<string, Person>();
  const usedIds = new Map<string, string>(); // person id → xml:id that took it
  const crossReferences: CrossReference[] = [];
  for (const item of findAll(personsDiv, (e) => e.name === 'item')) {
    const persName = findFirst(item, (e) => e.name === 'persName' && attr(e, 'xml:id') !== undefined);
    if (!persName) continue; // editorial notes inside the list ("Note: Pseudonyms …")
    const xmlId = attr(persName, 'xml:id')!;
    if (index.has(xmlId)) continue;
    const listed = normalizeSpace(textContent(persName));
    if (!listed) continue;
    const rest = normalizeSpace(textContent(item, (e) => e === persName))
      .replace(/^[\s,;:]+/, '')
      .trim();
    const see = SEE.exec(rest);
    if (see) {
      const target = findFirst(item, (e) => e !== persName && e.name === 'persName' && attr(e, 'corresp') !== undefined);
      crossReferences.push({ xmlId, listed, target: correspId(attr(target ?? persName, 'corresp')), name: trimTrailing(see[1]!.trim(), '.') });
      continue;
    }
    const { name, role } = withSuffix(listed, rest);
    addPerson(index, usedIds, xmlId, name, role, volume);
  }
  for (const reference of crossReferences) {
    const person = seeTarget(reference, index);
    if (person) index.set(reference.xmlId, person);
    else addPerson(index, usedIds, reference.xmlId, reference.listed, `see ${reference.name}`, volume);
  }
  return index;
}

function addPerson(index: Map<string, Person>, usedIds: Map<string, string>, xmlId: string, name: string, role: string, volume: Pick<VolumeInfo, 'id' | 'slug'>): void {
  const id = personId(name, role, xmlId, volume.id, usedIds);
  usedIds.set(id, xmlId);
  // Each volume lists its people as of its own years: the name and role are this volume's
  // listing, with the entry on history.state.gov, and the reader is shown the latest volume's role.
  const listing: PersonListing = { source: volume.slug, name, url: personsListUrl(volume, xmlId) };
  if (role) listing.role = role;
  // The record is named as the key reads it ("Kennedy, Robert F."); the misread print stays the
  // listing's, and a name to search by.
  const read = withMisreadF(name);
  const person: Person = read === name ? { id, name, listings: [listing] } : { id, name: `${read}.`, altNames: [name], listings: [listing] };
  index.set(xmlId, person);
}

/**
 * "Diem, see Ngo Dinh Diem": an entry that only sends the reader to another. The text then cites
 * the short form (`corresp="#p_DIEM1"`), which means the person the entry points to.
 */
const SEE = /^see\s+(.+)$/i;

interface CrossReference {
  xmlId: string;
  listed: string;
  /** The xml:id the entry's own `persName/@corresp` points to, when it has one. */
  target: string | undefined;
  /** The name after "see", for entries that print it without markup ("See Menon, V.K. Krishna."). */
  name: string;
}

function seeTarget(reference: CrossReference, index: ReadonlyMap<string, Person>): Person | undefined {
  if (reference.target && reference.target !== reference.xmlId) {
    const person = index.get(reference.target);
    if (person) return person;
  }
  const key = personKey(reference.name);
  if (!key) return undefined;
  const named = [...new Set(index.values())].filter((p) => personKey(p.name) === key);
  return named.length === 1 ? named[0] : undefined;
}

/** A generational suffix at the start of the role text: "Jr., President's Special Assistant". */
const ROLE_SUFFIX = /^(Jr\.|Sr\.|II|III|IV)(?:,\s*|$)/;

/**
 * Some lists print the suffix after the persName (`<persName>Schlesinger, Arthur M.</persName>,
 * Jr., President's …`). It is part of the name, and of the key: Arthur M. Schlesinger, Jr. is
 * not his father.
 */
function withSuffix(name: string, role: string): { name: string; role: string } {
  const match = ROLE_SUFFIX.exec(role);
  if (!match) return { name, role };
  return { name: `${trimTrailing(name, ',', true)}, ${match[1]!}`, role: role.slice(match[0].length).trim() };
}

/**
 * The key that makes one person of the ways volumes list him: surname, the given name he goes by,
 * the initials of his other given names, and a generational suffix. "Khrushchev, Nikita S." and
 * "Khrushchev, Nikita Sergeyevich" are both `khrushchev-nikita-s`; "Rogers, William D." and
 * "Rogers, William P." are two people and stay two keys; "Harriman, W. Averell" is
 * `harriman-w-averell`; "Lodge, Henry Cabot, Jr." is `lodge-henry-c-jr`. A name listed without
 * its middle initial ("Anderson, Robert") is a key of its own: it may be someone else (Robert B.
 * Anderson is not Robert Anderson), and a missed merge costs less than a document attributed to
 * the wrong man. Ranks, offices and honorifics ("Gen.", "Lieutenant General", "Sir") are not
 * part of the name, so a promotion between volumes does not make a second person; "Madame" and
 * "Mrs." are kept, since they name the wife, not the man (Madame Nhu). Asides — "(USA)",
 * "(Chip)", a pseudonym, a quoted nickname — are dropped. Names without a comma are slugified
 * whole, less leading and trailing titles ("Tran Tu Oai Brigadier General" is `tran-tu-oai`), and
 * so is a name whose part after the comma is only a title ("Nguyen Khanh, Brig. Gen.").
 */
export function personKey(name: string): string {
  const [surname = '', given, ...rest] = withMisreadF(withoutAsides(name)).split(',');
  const family = trimTitles(words(surname));
  if (given === undefined) return slugify(family.join(' '));
  const { names, suffixes } = givenNames(given);
  for (const part of rest) addTail(part, names, suffixes);
  return slugify([...family, ...keyNames(names), ...suffixes].join(' '));
}

/**
 * A part after a second comma: a suffix ("Jr."), or an initial after a stray comma ("Resor,
 * Stanley, R."). Anything longer is a description ("Counselor", "Senator (D-Oregon)").
 */
function addTail(part: string, names: string[], suffixes: string[]): void {
  const [word, more] = words(part);
  if (word === undefined || more !== undefined) return;
  const suffix = suffixOf(word);
  if (suffix) suffixes.push(suffix);
  else if (word.length === 1) names.push(word);
}

/**
 * Words of the lists that are ranks, offices, honorifics or service branches, lower case without
 * the full stop. Not here: "Earl", "Count" (also given names); "Madame", "Mrs." (see personKey).
 */
const TITLES = new Set([
  'general', 'gen', 'generalissimo', 'lieutenant', 'lt', 'major', 'maj', 'colonel', 'col', 'brigadier', 'brig',
  'admiral', 'adm', 'rear', 'vice', 'commodore', 'commander', 'cmdr', 'cdr', 'captain', 'capt', 'marshal', 'field',
  'air', 'chief', 'sergeant', 'sgt', 'ensign', 'sir', 'lord', 'lady', 'dame', 'dr', 'mr', 'ms', 'miss',
  'ambassador', 'amb', 'senator', 'sen', 'representative', 'rep', 'governor', 'gov', 'secretary', 'minister',
  'president', 'premier', 'chairman', 'director', 'counselor', 'prince', 'princess', 'king', 'queen', 'emperor',
  'sheikh', 'shaikh', 'sultan', 'emir', 'amir', 'archbishop', 'bishop', 'cardinal', 'monsignor', 'msgr', 'father',
  'rev', 'reverend', 'bonze', 'viscount', 'baron', 'professor', 'prof', 'hon', 'honorable', 'judge', 'justice',
  'usa', 'usaf', 'usn', 'usmc', 'ret', 'retired',
]);

/** Lower-case name particles ("de", "von", "ibn"): part of a name, but no given name of their own. */
const PARTICLES = new Set(['de', 'del', 'della', 'da', 'do', 'dos', 'das', 'di', 'du', 'von', 'van', 'der', 'den', 'ter', 'y', 'e', 'al', 'el', 'bin', 'ibn', 'ben', 'la', 'le', 'los', 'las']);

/**
 * "Kennedy, John E", "Kennedy, Robert E", "Carroll, Joseph E": a final "F." the scans read as
 * "E". The lists otherwise always print an initial with its full stop, so a bare final E is this.
 */
function withMisreadF(name: string): string {
  // Scanned, not matched with a look-behind: that retried from every character of a long name.
  const trimmed = name.trimEnd();
  if (!trimmed.endsWith(' E')) return name;
  const afterComma = trimmed.slice(trimmed.lastIndexOf(',') + 1, -2);
  return trimmed.lastIndexOf(',') >= 0 && /\S$/.test(afterComma) ? `${trimmed.slice(0, -2)} F` : name;
}

/** "Jr.", "II", and "Ill", the way OCR reads "III". */
function suffixOf(word: string): string | undefined {
  const w = word.toLowerCase();
  if (w === 'jr' || w === 'sr' || w === 'ii' || w === 'iii' || w === 'iv') return w;
  return word === 'Ill' ? 'iii' : undefined;
}

/**
 * Parenthesized and bracketed asides ("(USA)", "(Sir John from March 1957)", pseudonyms), quoted
 * nicknames ("“Sandy,”", "“Big Minh''") and the tails of "Marshal of the Soviet Union" and
 * "Admiral of the Fleet" (whose "of the" would otherwise read as a description).
 */
function withoutAsides(name: string): string {
  return name
    .replace(/\([^)]*\)?|\[[^\]]*\]?/g, '')
    .replace(/[“"‘][^”"’]*(?:[”"’]|''|$)/g, ' ')
    .replace(/\bof the (?:Soviet Union|Fleet)\b/g, ' ');
}

/** Words of a name part; full stops separate initials ("J.C." is J, C). */
function words(part: string): string[] {
  return part.replace(/[.]/g, ' ').split(/\s+/).filter((w) => w !== '' && !/^['’]+$/.test(w));
}

function isTitle(word: string): boolean {
  return TITLES.has(word.toLowerCase());
}

/** Leading and trailing titles of a name written in its own order ("Tran Tu Oai Brigadier General"). */
function trimTitles(list: string[]): string[] {
  let start = 0;
  let end = list.length;
  while (start < end && isTitle(list[start]!)) start++;
  while (end > start && isTitle(list[end - 1]!)) end--;
  // A surname that is also a title ("King", "Lord") is still a surname.
  return start < end ? list.slice(start, end) : list;
}

/**
 * The given names after the comma, titles left out. A lower-case word that is not a particle
 * starts a description ("Vietnamese Vice President until November 4", "bonze"): the name ends.
 */
function givenNames(given: string): { names: string[]; suffixes: string[] } {
  const names: string[] = [];
  const suffixes: string[] = [];
  for (const word of words(given)) {
    if (isTitle(word) || PARTICLES.has(word)) continue;
    const suffix = suffixOf(word);
    if (suffix) suffixes.push(suffix);
    else if (/^\p{Ll}+$/u.test(word)) break;
    else names.push(word);
  }
  return { names, suffixes };
}

/**
 * The name he goes by — the first given name longer than an initial — in full, every other given
 * name by its initial: a full middle name and its initial are the same key.
 */
function keyNames(names: string[]): string[] {
  const called = Math.max(0, names.findIndex((n) => n.length > 1));
  return names.map((n, i) => (i === called ? n : n.charAt(0)));
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
