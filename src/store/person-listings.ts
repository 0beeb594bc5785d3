import { currentRole, type Person } from '../domain/index.js';
import type { PersonListItem } from './types.js';

/** The sources a person's listings name: what a store checks the viewer may see. */
export function listingSources(people: Iterable<Person>): string[] {
  const sources = new Set<string>();
  for (const person of people) for (const l of person.listings ?? []) sources.add(l.source);
  return [...sources];
}

/**
 * A person as a viewer may see them: only the listings of sources (collections) that hold a
 * document the viewer may see, so a volume not yet public says nothing about anyone, on any page
 * or in any export.
 */
export function withVisibleListings(person: Person, visible: ReadonlySet<string>): Person {
  if (!person.listings) return person;
  const { listings, ...rest } = person;
  const shown = listings.filter((l) => visible.has(l.source));
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
