import type { Collection } from '../../domain/index.js';
import { STAFF, type ArchiveStore, type Viewer } from '../../store/types.js';

export interface OaiSet {
  spec: string;
  name: string;
  description?: string;
}

/**
 * Collections as OAI-PMH sets: a collection's setSpec is the path of slugs from its outermost
 * collection down (`frus1961-63v06:ch1`), and a set holds the documents of its collection and of
 * every collection inside it. ListSets lists the collections the viewer may see. Paths and
 * members are worked out over every collection, so that a record withdrawn from a collection
 * that is no longer public keeps that collection's setSpec and is still in its set (the
 * records themselves are always read as the viewer). Each collection is looked up once per
 * request.
 */
type CollectionNode = Promise<{ collection: Collection; children: string[] } | null>;

export class CollectionSets {
  private readonly known = new Map<string, CollectionNode>();
  private readonly shown = new Map<string, CollectionNode>();

  constructor(
    private readonly store: ArchiveStore,
    private readonly viewer: Viewer,
  ) {}

  /** A collection and the collections inside it, as `viewer` sees them (memoized in `cache`). */
  private read(slug: string, viewer: Viewer, cache: Map<string, CollectionNode>): CollectionNode {
    let found = cache.get(slug);
    if (!found) {
      found = this.store
        .getCollection(slug, viewer, { offset: 0, limit: 0 })
        .then((page) => (page ? { collection: page.entity, children: page.collection.children.map((c) => c.slug) } : null));
      cache.set(slug, found);
    }
    return found;
  }

  /** The archive's structure, private collections included: only ever used to name or select, never listed. */
  private lookup(slug: string) {
    return this.read(slug, STAFF, this.known);
  }

  /** The setSpec of a collection, else null. */
  async spec(slug: string): Promise<string | null> {
    const path: string[] = [];
    const seen = new Set<string>();
    let current: string | undefined = slug;
    while (current !== undefined && !seen.has(current)) {
      seen.add(current);
      const found = await this.lookup(current);
      if (!found) {
        if (current === slug) return null;
        break;
      }
      path.unshift(current);
      current = found.collection.parent;
    }
    return path.join(':');
  }

  /** The collections a setSpec selects (the collection and all inside it), or null for no such set. */
  async members(spec: string): Promise<string[] | null> {
    const slug = spec.split(':').at(-1)!;
    if ((await this.spec(slug)) !== spec) return null;
    const out: string[] = [];
    const queue = [slug];
    while (queue.length) {
      const next = queue.shift()!;
      if (out.includes(next)) continue;
      out.push(next);
      queue.push(...((await this.lookup(next))?.children ?? []));
    }
    return out;
  }

  /** Every set, outermost collections first, each followed by those inside it. */
  async all(): Promise<OaiSet[]> {
    const out: OaiSet[] = [];
    const visit = async (slug: string, parentSpec: string | null, seen: Set<string>) => {
      if (seen.has(slug)) return;
      seen.add(slug);
      const found = await this.read(slug, this.viewer, this.shown);
      if (!found) return;
      const spec = parentSpec === null ? slug : `${parentSpec}:${slug}`;
      const set: OaiSet = { spec, name: found.collection.title };
      if (found.collection.description) set.description = found.collection.description;
      out.push(set);
      for (const child of found.children) await visit(child, spec, seen);
    };
    const seen = new Set<string>();
    for (const top of await this.store.listCollections(this.viewer)) await visit(top.slug, null, seen);
    return out;
  }
}
