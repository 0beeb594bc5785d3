import { mergeCollection, mergePerson, mergePlace, type Collection, type IngestRecord, type Person, type Place } from '../domain/index.js';
import { canonicalJson } from './canonical-json.js';

/**
 * People, places and collections are shared records: whatever a document says of them shows
 * wherever they do. So what a document not yet public (a draft, a running embargo) says of them
 * is not merged into them. It is kept beside the document as a withheld description, and merged
 * on reading for a viewer who may see that document (its editors; everyone once an embargo
 * ends). The shared record gets only what it needs to exist: a person's or place's id and name,
 * a collection's title and place in its tree; a public description of a person or place no
 * public document cites yet replaces that whole, so the name a draft gave stays the draft's.
 * Once the document is ingested as public, its descriptions are merged as any public record's
 * are, and nothing is withheld any more.
 */
export type DescribedKind = 'person' | 'place' | 'collection';

export interface WithheldDescription {
  kind: DescribedKind;
  id: string;
  /** The description as the record gives it, as JSON text. */
  data: string;
}

type Described = Person | Place | Collection;

/** What the record says of each person, place and collection it describes, one per record and kind, in (kind, id) order. */
export function withheldDescriptions(record: IngestRecord): WithheldDescription[] {
  const byKey = new Map<string, { kind: DescribedKind; id: string; entity: Described }>();
  const add = (kind: DescribedKind, id: string, entity: Described) => {
    const key = `${kind}\u0000${id}`;
    const known = byKey.get(key);
    byKey.set(key, { kind, id, entity: known ? mergeDescription(kind, known.entity, entity) : entity });
  };
  for (const p of record.people) add('person', p.id, p);
  for (const p of record.places) add('place', p.id, p);
  for (const c of record.collections) add('collection', c.slug, c);
  return [...byKey.values()]
    .sort((a, b) => (a.kind !== b.kind ? (a.kind < b.kind ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map(({ kind, id, entity }) => ({ kind, id, data: canonicalJson(entity) }));
}

/** The same descriptions give the same key: how a store tells that a record withholds nothing new. */
export function withheldKey(descriptions: readonly { kind: string; id: string; data: string }[]): string {
  return descriptions.map((d) => `${d.kind}\u0000${d.id}\u0000${d.data}`).join('\u0001');
}

/** The link roles by which a document cites a person, a place or a topic. */
export const CITING_ROLES = { person: ['author', 'recipient', 'person'], place: ['place'], topic: ['topic'] } as const;

/** The least a shared record needs, when a document not yet public is the first to name it. */
export function bareDescription<E extends Described>(kind: DescribedKind, entity: E): E {
  if (kind !== 'collection') {
    const { id, name } = entity as Person | Place;
    return { id, name } as E;
  }
  const { slug, title, parent, position, provisional } = entity as Collection;
  const bare: Collection = { slug, title };
  if (parent !== undefined) bare.parent = parent;
  if (position !== undefined) bare.position = position;
  if (provisional) bare.provisional = provisional;
  return bare as E;
}

/**
 * A shared record with the descriptions withheld by documents the viewer may see, merged in the
 * order the documents were first written (stores give them by creation time, then id: both
 * travel with a copy of the archive), as they would have been merged on ingest. A collection
 * keeps its place in the tree: the archive's structure (its children, its sets in OAI-PMH) is
 * the shared records', whoever reads.
 */
export function withWithheld<E extends Described>(kind: DescribedKind, stored: E, descriptions: readonly { data: string }[]): E {
  let out: Described = stored;
  for (const d of descriptions) out = mergeDescription(kind, out, JSON.parse(d.data) as Described);
  if (kind !== 'collection' || out === stored) return out as E;
  const { parent, position, ...described } = out as Collection;
  const { parent: storedParent, position: storedPosition } = stored as Collection;
  return { ...described, ...(storedParent !== undefined ? { parent: storedParent } : {}), ...(storedPosition !== undefined ? { position: storedPosition } : {}) } as E;
}

/** A person's or place's id, a collection's slug. */
export function describedId(entity: Described): string {
  return 'slug' in entity ? entity.slug : entity.id;
}

function mergeDescription(kind: DescribedKind, known: Described, incoming: Described): Described {
  if (kind === 'person') return mergePerson(known as Person, incoming as Person);
  if (kind === 'place') return mergePlace(known as Place, incoming as Place);
  // A record that both describes a collection and only names it (provisional) describes it.
  const [first, second] = (known as Collection).provisional && !(incoming as Collection).provisional ? [incoming, known] : [known, incoming];
  return mergeCollection(first as Collection, second as Collection);
}
