/**
 * People, places, topics and collections are records of their own with stable ids, shared by
 * every document that cites them.
 */
export interface Person {
  id: string;
  name: string;
  /** Other spellings and transliterations ("Khrushchov", "Chruschtschow"). */
  altNames?: string[];
  /** Office or description as the source gives it ("Chairman of the Council of Ministers"). */
  role?: string;
  birth?: string;
  death?: string;
  /** Authority URIs or ids: gnd, wikidata, viaf, geonames, pmb … keyed by authority. */
  authorities?: Record<string, string>;
}

export interface Place {
  id: string;
  name: string;
  altNames?: string[];
  lat?: number;
  lon?: number;
  authorities?: Record<string, string>;
}

export interface Topic {
  id: string;
  name: string;
}

export interface Collection {
  slug: string;
  title: string;
  /** The enclosing collection (a FRUS chapter sits in its volume). */
  parent?: string;
  description?: string;
  editors?: string[];
  /** Order among siblings, as in the source. */
  position?: number;
  credit?: string;
  /**
   * Named by a record that only cites it, as each letter of an edition cites the edition: it
   * describes the collection until the collection is known, then only adds its editors. Letters
   * that disagree on the edition's title would otherwise retitle it back and forth. Never stored.
   */
  provisional?: boolean;
}

export type EntityKind = 'person' | 'place' | 'topic';

/** A reference as a document shows it: the record's id and its current name. */
export interface EntityRef {
  id: string;
  name: string;
}

/**
 * Merges what a new source says about an entity into what is already known, never losing
 * information: existing values win, new alternative names and authorities are added.
 */
export function mergePerson(existing: Person, incoming: Person): Person {
  return withNamesAndAuthorities({ ...incoming, ...definedOnly(existing) }, existing, incoming);
}

export function mergePlace(existing: Place, incoming: Place): Place {
  return withNamesAndAuthorities({ ...incoming, ...definedOnly(existing) }, existing, incoming);
}

/**
 * What is known of a collection after another document describes it. The description's fields
 * win (a volume's title as its newest file gives it), but editors add up: letters of one edition
 * each name the editors of that letter, and the edition's editors are all of them. A bare slug
 * reference (title equal to slug) leaves a described collection as it is.
 */
export function mergeCollection(known: Collection | undefined, incoming: Collection): Collection {
  const { provisional, ...described } = incoming;
  if (!known) return described;
  if (described.title === described.slug) return known;
  const merged: Collection = provisional ? { ...known } : { ...known, ...described };
  const editors = [...new Set([...(known.editors ?? []), ...(incoming.editors ?? [])])];
  if (editors.length) merged.editors = editors;
  return merged;
}

/** Adds alternative names and authorities from both sides, leaving the keys out when empty so equal records serialize equally. */
function withNamesAndAuthorities<T extends Person | Place>(merged: T, existing: T, incoming: T): T {
  const altNames = mergeNames(existing.name, existing.altNames, incoming.name, incoming.altNames);
  const authorities = { ...incoming.authorities, ...existing.authorities };
  const out: T = { ...merged };
  delete out.altNames;
  delete out.authorities;
  if (altNames.length) out.altNames = altNames;
  if (Object.keys(authorities).length) out.authorities = authorities;
  return out;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(value) as [keyof T, T[keyof T]][]) {
    if (v !== undefined && v !== null && v !== '') out[k] = v;
  }
  return out;
}

function mergeNames(name: string, alts: string[] | undefined, otherName: string, otherAlts: string[] | undefined): string[] {
  const seen = new Set<string>([name]);
  const out: string[] = [];
  for (const n of [...(alts ?? []), otherName, ...(otherAlts ?? [])]) {
    if (!seen.has(n)) {
      seen.add(n);
      out.push(n);
    }
  }
  return out;
}

/** All the names of a person or place in one string: equal exactly when the name set is equal. */
export function nameKey(entity: Person | Place): string {
  return [entity.name, ...(entity.altNames ?? [])].join('\u0000');
}
