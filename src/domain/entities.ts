/**
 * People, places, topics and collections are records of their own with stable ids, shared by
 * every document that cites them.
 */
export interface Person {
  id: string;
  name: string;
  /** Other spellings and transliterations ("Khrushchov", "Chruschtschow"). */
  altNames?: string[];
  /**
   * Office or description as the source gives it ("Chairman of the Council of Ministers"). A
   * source that lists the person as of its own time gives it in {@link listings} instead; what
   * a reader is shown is {@link currentRole}.
   */
  role?: string;
  /**
   * The person as each source lists them, when sources of different times describe the person:
   * each FRUS volume lists its people as of its years (Lyndon B. Johnson is a senator in 1958–60,
   * Vice President in 1961–63, President in 1964–68). One entry per source, in source order.
   */
  listings?: PersonListing[];
  birth?: string;
  death?: string;
  /** Authority URIs or ids: gnd, wikidata, viaf, geonames, pmb … keyed by authority. */
  authorities?: Record<string, string>;
}

/** A person as one source lists them: the name it prints, and the office it gives. */
export interface PersonListing {
  /** The source's collection slug (a FRUS volume: `frus1961-63v06`). */
  source: string;
  name: string;
  role?: string;
  /** The entry on the source's own site (a FRUS volume's list of persons on history.state.gov). */
  url?: string;
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
 * information: existing values win, new alternative names and authorities are added; a person's
 * listings are kept one per source, the newer reading of a source replacing the older.
 */
export function mergePerson(existing: Person, incoming: Person): Person {
  const merged = withNamesAndAuthorities({ ...incoming, ...definedOnly(existing) }, existing, incoming);
  // The incoming listings come last, so a source read again replaces its own.
  return withListings({ ...merged, listings: [...(existing.listings ?? []), ...(incoming.listings ?? [])] });
}

/** A person with one listing per source (the last given), in source order, and none when there are none. */
export function withListings(person: Person): Person {
  const { listings, ...rest } = person;
  if (!listings?.length) return rest;
  const bySource = new Map(listings.map((l) => [l.source, l]));
  return { ...rest, listings: [...bySource.values()].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0)) };
}

/**
 * The role a reader is shown: the latest listing's that gives one, else the person's own.
 * Slugs of FRUS volumes sort by their years ("frus1958-60v05" before "frus1964-68v14"), so this
 * is what the latest volume says, whatever order the volumes were read in.
 */
export function currentRole(person: Person): string | undefined {
  return person.listings?.filter((l) => l.role).at(-1)?.role ?? person.role;
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
