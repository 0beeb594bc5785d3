import type { Collection, DocumentView, Person, Place, Topic } from '../domain/index.js';
import { EXPORT_FORMAT, EXPORT_VERSION } from '../ingest/json/index.js';
import type { ArchiveStore, Viewer } from '../store/types.js';
import { NO_DOCUMENTS, WITHOUT_RELATED } from './lookups.js';
import { writeFileAtomically, type WriteText } from './writer.js';

/**
 * Writes `{"format":"archivum-export","version":1,"exportedAt":…,"documents":[…],"people":[…],
 * "places":[…],"topics":[…],"collections":[…]}`: one document per line, streamed from the store,
 * then the full records of every person, place, topic and collection the documents cite (the
 * documents carry only {id, name}), so re-ingesting the file restores alternative names, roles,
 * authorities and collection hierarchy. `related` is left empty: the archive that reads the file
 * works it out again, and finding it is most of the cost of reading a document. Written to a
 * temporary file and renamed, so `out` is either the previous file or the complete new one.
 */
export async function writeJsonExport(store: ArchiveStore, viewer: Viewer, out: string): Promise<{ documents: number }> {
  return writeFileAtomically(out, async (write) => {
    const refs = { people: new Set<string>(), places: new Set<string>(), topics: new Set<string>(), collections: new Set<string>() };
    let documents = 0;
    const header = { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: new Date().toISOString() };
    await write(`${JSON.stringify(header).slice(0, -1)},\n"documents":[`);
    for await (const doc of store.exportDocuments(viewer, WITHOUT_RELATED)) {
      await write(`${documents === 0 ? '\n' : ',\n'}${JSON.stringify(doc)}`);
      documents++;
      collectRefs(doc, refs);
    }
    await write('\n]');
    await writeTable(write, 'people', await fetchAll(refs.people, async (id) => (await store.getPerson(id, viewer, NO_DOCUMENTS))?.entity));
    await writeTable(write, 'places', await fetchAll(refs.places, async (id) => (await store.getPlace(id, viewer, NO_DOCUMENTS))?.entity));
    await writeTable(write, 'topics', await fetchAll(refs.topics, async (id) => (await store.getTopic(id, viewer, NO_DOCUMENTS))?.entity));
    await writeTable(write, 'collections', await fetchCollections(store, viewer, refs.collections));
    await write('\n}\n');
    return { documents };
  });
}

type Refs = Record<'people' | 'places' | 'topics' | 'collections', Set<string>>;

function collectRefs(doc: DocumentView, refs: Refs): void {
  for (const p of [...doc.authors, ...doc.recipients, ...doc.people]) refs.people.add(p.id);
  for (const p of doc.places) refs.places.add(p.id);
  if (doc.placeWritten) refs.places.add(doc.placeWritten.id);
  for (const t of doc.topics) refs.topics.add(t.id);
  for (const c of doc.collections) refs.collections.add(c.slug);
}

async function fetchAll<T>(ids: Set<string>, get: (id: string) => Promise<T | undefined>): Promise<T[]> {
  const out: T[] = [];
  for (const id of [...ids].sort()) {
    const entity = await get(id);
    if (entity) out.push(entity);
  }
  return out;
}

/** The cited collections and all their ancestors, parents first, as plain Collection records. */
async function fetchCollections(store: ArchiveStore, viewer: Viewer, slugs: Set<string>): Promise<Collection[]> {
  const found = new Map<string, Collection>();
  const pending = [...slugs].sort();
  while (pending.length) {
    const slug = pending.shift()!;
    if (found.has(slug)) continue;
    const page = await store.getCollection(slug, viewer, NO_DOCUMENTS);
    if (!page) continue;
    const { slug: s, title, parent, description, editors, position, credit } = page.collection;
    found.set(slug, definedOnly({ slug: s, title, parent, description, editors, position, credit }));
    if (parent && !found.has(parent)) pending.push(parent);
  }
  // Bounded so that a (corrupt) cycle of parents cannot recurse forever.
  const depth = (c: Collection, n = 0): number => (n < 64 && c.parent && found.has(c.parent) ? depth(found.get(c.parent)!, n + 1) : n);
  return [...found.values()].sort((a, b) => depth(a) - depth(b) || (a.slug < b.slug ? -1 : 1));
}

async function writeTable(write: WriteText, name: string, rows: (Person | Place | Topic | Collection)[]): Promise<void> {
  await write(`,\n${JSON.stringify(name)}:[`);
  for (const [i, row] of rows.entries()) await write(`${i === 0 ? '\n' : ',\n'}${JSON.stringify(definedOnly(row))}`);
  await write(rows.length ? '\n]' : ']');
}

function definedOnly<T extends object>(value: T): T {
  const out = {} as T;
  for (const [k, v] of Object.entries(value)) if (v !== undefined && v !== null) (out as Record<string, unknown>)[k] = v;
  return out;
}
