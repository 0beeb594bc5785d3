import type { ArchiveDocument, Collection, Person, Place } from '../../src/domain/index.js';
import { buildIndexEntry, LINK_ROLES, type ResolvedEntities } from '../../src/store/index-entry.js';
import { PostgresStore } from '../../src/store/postgres/index.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import type { ArchiveStore } from '../../src/store/types.js';

interface Derived {
  /** "role target position", sorted. */
  links: string[];
  /** "facet key value folded", sorted. */
  facets: string[];
  /** Has its full-text row (and, in SQLite, that row's title is the document's). */
  searchRow: boolean;
}

/**
 * What is wrong with a store's derived rows: for every document, its links and facets must be
 * exactly those its stored data and the stored authority records give (buildIndexEntry, as the
 * writer derives them), and its full-text row must be there. A record half-written — a
 * document without its links, facets or text — shows up here.
 */
export async function indexProblems(store: ArchiveStore): Promise<string[]> {
  const entities: ResolvedEntities = { people: new Map(), places: new Map(), topics: new Map(), collections: new Map() };
  const docs: { id: string; title: string; doc: ArchiveDocument }[] = [];
  for await (const row of store.dumpRows()) {
    if (row.kind === 'person') entities.people.set(row.id, JSON.parse(row.data) as Person);
    else if (row.kind === 'place') entities.places.set(row.id, JSON.parse(row.data) as Place);
    else if (row.kind === 'topic') entities.topics.set(row.id, { id: row.id, name: row.name });
    else if (row.kind === 'collection') entities.collections.set(row.slug, JSON.parse(row.data) as Collection);
    else docs.push({ id: row.id, title: row.title, doc: JSON.parse(row.data) as ArchiveDocument });
  }
  const actual = await derivedRows(store);
  const problems: string[] = [];
  for (const { id, title, doc } of docs) {
    const seen = new Set<string>();
    const links = LINK_ROLES.flatMap(([field, role]) =>
      doc[field].flatMap((target, position) => {
        const key = `${role} ${target}`;
        if (seen.has(key)) return [];
        seen.add(key);
        return [`${key} ${position}`];
      }),
    ).sort();
    const facets = buildIndexEntry(doc, entities)
      .facets.map((f) => `${f.facet} ${f.key} ${f.value} ${f.folded}`)
      .sort();
    const got = actual.get(id);
    if (!got) {
      problems.push(`${id}: no derived rows at all`);
      continue;
    }
    if (JSON.stringify(got.links) !== JSON.stringify(links)) problems.push(`${id}: links ${JSON.stringify(got.links)} instead of ${JSON.stringify(links)}`);
    if (JSON.stringify(got.facets) !== JSON.stringify(facets)) problems.push(`${id}: facets ${JSON.stringify(got.facets)} instead of ${JSON.stringify(facets)}`);
    if (!got.searchRow) problems.push(`${id}: no full-text row (title "${title}")`);
  }
  if (actual.size !== docs.length) problems.push(`${actual.size} documents with derived rows, ${docs.length} documents`);
  return problems;
}

async function derivedRows(store: ArchiveStore): Promise<Map<string, Derived>> {
  const out = new Map<string, Derived>();
  const entry = (id: string) => {
    let d = out.get(id);
    if (!d) out.set(id, (d = { links: [], facets: [], searchRow: false }));
    return d;
  };
  type Link = { id: string; role: string; target: string; position: number };
  type Facet = { id: string; facet: string; key: string; value: string; folded: string };
  let links: Link[];
  let facets: Facet[];
  let search: { id: string; ok: boolean | number }[];
  const linkSql = 'SELECT d.id AS id, l.role AS role, l.target AS target, l.position AS position FROM document_links l JOIN documents d ON d.rowid = l.doc';
  const facetSql = 'SELECT d.id AS id, f.facet AS facet, f.key AS key, f.value AS value, f.folded AS folded FROM document_facets f JOIN documents d ON d.rowid = f.doc';
  if (store instanceof SqliteStore) {
    links = store.db.prepare(linkSql).all() as Link[];
    facets = store.db.prepare(facetSql).all() as Facet[];
    search = store.db.prepare('SELECT d.id AS id, coalesce(f.title = d.title, 0) AS ok FROM documents d LEFT JOIN documents_fts f ON f.rowid = d.rowid').all() as {
      id: string;
      ok: number;
    }[];
  } else if (store instanceof PostgresStore) {
    links = (await store.pool.query<Link>(linkSql)).rows;
    facets = (await store.pool.query<Facet>(facetSql)).rows;
    search = (await store.pool.query<{ id: string; ok: boolean }>('SELECT d.id, s.doc IS NOT NULL AS ok FROM documents d LEFT JOIN document_search s ON s.doc = d.rowid')).rows;
  } else {
    throw new Error(`unknown store ${store.kind}`);
  }
  for (const l of links) entry(l.id).links.push(`${l.role} ${l.target} ${l.position}`);
  for (const f of facets) entry(f.id).facets.push(`${f.facet} ${f.key} ${f.value} ${f.folded}`);
  for (const s of search) entry(s.id).searchRow = Boolean(s.ok);
  for (const d of out.values()) {
    d.links.sort();
    d.facets.sort();
  }
  return out;
}
