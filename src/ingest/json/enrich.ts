import { z } from 'zod';
import { ID_PATTERN, type Collection, type IngestRecord } from '../../domain/index.js';

/**
 * Entity tables of an Archivum export, keyed by id (collections by slug). A document in the
 * export names people as {id, name} only; the tables carry the rest (alternative names, roles,
 * authority ids, coordinates, collection parents), so a round trip loses nothing.
 */
export interface EntityTables {
  people: Map<string, Record<string, unknown>>;
  places: Map<string, Record<string, unknown>>;
  topics: Map<string, Record<string, unknown>>;
  collections: Map<string, Record<string, unknown>>;
}

export const TABLE_NAMES = ['people', 'places', 'topics', 'collections'] as const;
export type TableName = (typeof TABLE_NAMES)[number];

export function emptyTables(): EntityTables {
  return { people: new Map(), places: new Map(), topics: new Map(), collections: new Map() };
}

/** Adds a table's rows; rows without a usable key are ignored (they cannot be referenced). */
export function addTableRows(tables: EntityTables, name: TableName, rows: unknown[]): void {
  const key = name === 'collections' ? 'slug' : 'id';
  for (const row of rows) {
    if (!isPlainObject(row)) continue;
    const id = row[key];
    if (typeof id === 'string') tables[name].set(id, dropNulls(row));
  }
}

const PERSON_FIELDS = ['authors', 'recipients', 'people'] as const;

/** Replaces {id, name} references by the full records of the tables, where the tables have them. */
export function enrichDocument(doc: Record<string, unknown>, tables: EntityTables): Record<string, unknown> {
  const out: Record<string, unknown> = { ...doc };
  for (const field of PERSON_FIELDS) out[field] = enrichList(doc[field], tables.people, 'id');
  out.places = enrichList(doc.places, tables.places, 'id');
  out.topics = enrichList(doc.topics, tables.topics, 'id');
  out.collections = enrichList(doc.collections, tables.collections, 'slug');
  if (doc.placeWritten !== undefined) out.placeWritten = enrichOne(doc.placeWritten, tables.places, 'id');
  // The place of arrival too: read before `places`, its bare reference would otherwise stand for the place.
  if (isPlainObject(doc.received) && doc.received.place !== undefined) out.received = { ...doc.received, place: enrichOne(doc.received.place, tables.places, 'id') };
  for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
  return out;
}

function enrichList(value: unknown, table: Map<string, Record<string, unknown>>, key: string): unknown {
  return Array.isArray(value) ? value.map((item) => enrichOne(item, table, key)) : value;
}

function enrichOne(item: unknown, table: Map<string, Record<string, unknown>>, key: string): unknown {
  if (!isPlainObject(item)) return item;
  const id = item[key];
  const full = typeof id === 'string' ? table.get(id) : undefined;
  return full ? { ...dropNulls(item), ...full } : item;
}

const collectionRow = z.object({
  slug: z.string().regex(ID_PATTERN),
  title: z.string().min(1),
  parent: z.string().regex(ID_PATTERN).optional(),
  description: z.string().optional(),
  editors: z.array(z.string()).optional(),
  position: z.number().optional(),
  credit: z.string().optional(),
});

/**
 * Deeper than any archival hierarchy (fonds, series, file, item; FRUS nests four levels). Every
 * document carries its whole chain, so an absurd chain in a hostile export would cost
 * documents × depth; past this depth the missing parent is reported by the store instead.
 */
const MAX_COLLECTION_DEPTH = 64;

/**
 * Puts the ancestors of the record's collections (from the tables) before them in the record,
 * so a parent exists when its child is written. The document itself stays a member of the
 * collections it names only.
 */
export function addAncestorCollections(record: IngestRecord, tables: EntityTables): void {
  const have = new Set(record.collections.map((c) => c.slug));
  const ancestors: Collection[] = [];
  for (const collection of record.collections) {
    const chain: Collection[] = [];
    let parent = collection.parent;
    while (parent && !have.has(parent) && chain.length < MAX_COLLECTION_DEPTH) {
      const row = collectionRow.safeParse(tables.collections.get(parent));
      if (!row.success) break;
      have.add(parent);
      chain.push(row.data);
      parent = row.data.parent;
    }
    ancestors.push(...chain.reverse());
  }
  if (ancestors.length) record.collections = [...ancestors, ...record.collections];
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Stores write absent values as null; the input schema wants them left out. */
function dropNulls(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (v !== null && v !== undefined) out[k] = v;
  return out;
}
