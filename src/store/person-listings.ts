import { currentRole, type Person } from '../domain/index.js';
import type { PersonListItem, Viewer } from './types.js';

/**
 * Of the sources a person's listings name, as one viewer may see them: the collections that
 * viewer may not see (no visible document, no collection of its own), and the titles of the
 * others. A source that is no collection of the archive is in neither.
 */
export interface ListingSources {
  hidden: Set<string>;
  titles: Map<string, string>;
}

/**
 * Sorts a store's rows for the collections the listings name into what the viewer may see: a
 * collection shows when `shown` (it, or a collection inside it, holds a document the viewer may
 * see, as its page has it); staff see every one.
 */
export function sortListingSources(rows: Iterable<{ slug: string; title: string; shown: boolean | number }>, viewer: Viewer): ListingSources {
  const out: ListingSources = { hidden: new Set(), titles: new Map() };
  for (const row of rows) {
    if (row.shown || viewer.kind === 'staff') out.titles.set(row.slug, row.title);
    else out.hidden.add(row.slug);
  }
  return out;
}

/** A person's page fields as the viewer may see them: the visible listings, and their collections' titles. */
export function personAsSeen(person: Person, sources: ListingSources): { entity: Person; listingTitles: Record<string, string> } {
  return { entity: withVisibleListings(person, sources.hidden), listingTitles: Object.fromEntries(sources.titles) };
}

/** The sources a person's listings name: what a store looks up for the viewer. */
export function sourcesOfListings(people: Iterable<Person>): string[] {
  const sources = new Set<string>();
  for (const person of people) for (const l of person.listings ?? []) sources.add(l.source);
  return [...sources];
}

/**
 * A person as a viewer may see them: without the listings of collections the viewer may not
 * see, so a volume not yet public says nothing about anyone, on any page or in any export. The
 * spelling such a volume alone gives the name goes from the other names too.
 */
export function withVisibleListings(person: Person, hidden: ReadonlySet<string>): Person {
  if (!person.listings) return person;
  const { listings, ...rest } = person;
  const shown = listings.filter((l) => !hidden.has(l.source));
  const unseenNames = new Set(listings.filter((l) => hidden.has(l.source)).map((l) => l.name));
  for (const l of shown) unseenNames.delete(l.name);
  const out: Person = shown.length ? { ...rest, listings: shown } : rest;
  if (unseenNames.size && rest.altNames) {
    const altNames = rest.altNames.filter((n) => !unseenNames.has(n));
    if (altNames.length) out.altNames = altNames;
    else delete out.altNames;
  }
  return out;
}

/** A person's line in the list of people; `person` as the viewer may see it. */
export function personListItem(row: { id: string; name: string; count: number; sent: number; received: number }, person: Person): PersonListItem {
  const item: PersonListItem = { id: row.id, name: row.name, count: row.count, sent: row.sent, received: row.received };
  const role = currentRole(person);
  if (role) item.role = role;
  if (person.birth) item.birth = person.birth;
  if (person.death) item.death = person.death;
  return item;
}
