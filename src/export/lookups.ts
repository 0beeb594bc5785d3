import type { Collection } from '../domain/index.js';
import {
  type AuthorityRef,
  type AuthorityScheme,
  AUTHORITY_SCHEMES,
  parseAuthority,
  PERSON_AUTHORITY_ORDER,
  PLACE_AUTHORITY_ORDER,
  preferredAuthority,
} from '../ingest/cmif/authority.js';
import type { ArchiveStore, Viewer } from '../store/types.js';

/** An entity page without its list of documents: the record alone. */
export const NO_DOCUMENTS = { offset: 0, limit: 0 };

/**
 * What the exports look up beside each document, asked of the store once per record: a letter
 * file cites the same few correspondents and places thousands of times. Looked up as `viewer`
 * sees them, so an export shows nothing the viewer may not see.
 */
export class ExportLookups {
  private readonly people = new Map<string, Promise<string | undefined>>();
  private readonly places = new Map<string, Promise<string | undefined>>();
  private readonly collections = new Map<string, Promise<Collection | undefined>>();

  constructor(
    private readonly store: ArchiveStore,
    private readonly viewer: Viewer,
  ) {}

  /** The person's authority URI (GND, else VIAF, Wikidata, PMB), if the archive knows one. */
  personAuthority(id: string): Promise<string | undefined> {
    return cached(this.people, id, async () => {
      const page = await this.store.getPerson(id, this.viewer, NO_DOCUMENTS);
      return preferredUri(page?.entity.authorities, PERSON_AUTHORITY_ORDER);
    });
  }

  /** The place's authority URI (GeoNames, else Wikidata, GND, PMB), if the archive knows one. */
  placeAuthority(id: string): Promise<string | undefined> {
    return cached(this.places, id, async () => {
      const page = await this.store.getPlace(id, this.viewer, NO_DOCUMENTS);
      return preferredUri(page?.entity.authorities, PLACE_AUTHORITY_ORDER);
    });
  }

  collection(slug: string): Promise<Collection | undefined> {
    return cached(this.collections, slug, async () => (await this.store.getCollection(slug, this.viewer, NO_DOCUMENTS))?.collection);
  }

  /** The outermost collection above `slug` (a FRUS chapter's volume, a correspondence's edition). */
  async outermostCollection(slug: string): Promise<Collection | undefined> {
    let current = await this.collection(slug);
    // Bounded, so a (corrupt) cycle of parents ends.
    for (let depth = 0; current?.parent && depth < 64; depth++) {
      const parent = await this.collection(current.parent);
      if (!parent) break;
      current = parent;
    }
    return current;
  }
}

function cached<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let found = cache.get(key);
  if (!found) {
    found = load();
    cache.set(key, found);
  }
  return found;
}

/** Authorities are stored as URIs keyed by scheme; one that does not read as its scheme's is passed over. */
function preferredUri(authorities: Record<string, string> | undefined, order: readonly AuthorityScheme[]): string | undefined {
  if (!authorities) return undefined;
  const refs: AuthorityRef[] = [];
  for (const [scheme, value] of Object.entries(authorities)) {
    if (!(AUTHORITY_SCHEMES as readonly string[]).includes(scheme)) continue;
    const ref = parseAuthority(value, scheme as AuthorityScheme);
    if (ref && ref.scheme === scheme) refs.push(ref);
  }
  return preferredAuthority(refs, order)?.uri;
}

export { WITHOUT_RELATED } from '../store/types.js';
