import { currentRole, type Person } from '../domain/index.js';
import type { PersonListItem } from './types.js';

/**
 * Of the sources a person's listings name, as one viewer may see them: the collections that
 * viewer may not see (no visible document, no collection of its own), and the titles of the
 * others. A source that is no collection of the archive is in neither.
 */
export interface ListingSources {
  hidden: Set<string>;
  titles: Map<string, string>;
}

/** The sources a person's listings name: what a store looks up for the viewer. */
export function sourcesOfListings(people: Iterable<Person>): string[] {
  const sources = new Set<string>();
  for (const person of people) for (const l of person.listings ?? []) sources.add(l.source);
  return [...sources];
}

/**
 * A person as a viewer may see them: without the listings of collections the viewer may not
 * see, so a volume not yet public says nothing about anyone, on any page or in any export.
 */
export function withVisibleListings(person: Person, hidden: ReadonlySet<string>): Person {
  if (!person.listings) return person;
  const { listings, ...rest } = person;
  const shown = listings.filter((l) => !hidden.has(l.source));
  return shown.length ? { ...rest, listings: shown } : rest;
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
