/**
 * What a harvester (OAI-PMH, sitemaps, feeds) reads of the archive: every document the viewer may
 * see, with the moment it last changed for that viewer, and the documents that were public and
 * are no longer ("deleted records"). Both stores answer it with the same SQL shape.
 */

/** Selects a slice of the harvestable records, in (datestamp, id) order. */
export interface HarvestRequest {
  /** Inclusive bounds on the datestamp, as full ISO timestamps (`2026-01-01T00:00:00.000Z`). */
  from?: string;
  until?: string;
  /** Only records linked to one of these collections (the caller adds a set's sub-collections). */
  collections?: readonly string[];
  /** Only these documents (a harvester asks for one record by its identifier). */
  ids?: readonly string[];
  /** Records after this one in (datestamp, id) order: where the previous page ended. */
  after?: { datestamp: string; id: string };
  /** Leave out withdrawn documents (a sitemap lists only what can be read). */
  withoutWithdrawn?: boolean;
  /** Newest first (a feed); the default is oldest first (a harvest). */
  newestFirst?: boolean;
  limit: number;
}

export interface HarvestHeader {
  id: string;
  /** When the document last changed for this viewer, as a full ISO timestamp. */
  datestamp: string;
  /**
   * True for an identifier that was public and is no longer (its document made a draft again,
   * put under a new embargo, or given another id).
   */
  withdrawn: boolean;
  /** The collections the document is listed in, in its own order; for a withdrawn one, those it was public in. */
  collections: string[];
}

/**
 * A document's datestamp, as SQL over a `documents` row (columns prefixed with `alias.` when
 * given): its last update, or the day its embargo ended if that is later (an embargo ending
 * makes the document new to the public, and a harvester that asks "what changed since" must be
 * told). It depends on the row alone, so each store indexes it: SQLite as a generated column
 * (`documents.datestamp`), PostgreSQL as an expression index, which adding does not rewrite the
 * table.
 */
export function datestampSql(greatest: 'max' | 'GREATEST', alias?: string): string {
  const column = (name: string) => (alias ? `${alias}.${name}` : name);
  return `${greatest}(${column('updated_at')}, CASE WHEN ${column('public_from')} IS NULL OR ${column('public_from')} = '' THEN '' ELSE ${column('public_from')} || 'T00:00:00.000Z' END)`;
}

/** Whether a document with this `public_from` is public on `day` (YYYY-MM-DD), as the visibility clauses decide. */
export function isPublicOn(publicFrom: string | null, day: string): boolean {
  return publicFrom !== null && publicFrom <= day;
}

/**
 * The identifier the public loses when a document is written again: the one it was public
 * under, when it is no longer public, or no longer under that id. A harvester is then told that
 * record is deleted, with the collections it was public in, never what the document has become.
 */
export function lostPublicId(previous: { id: string; publicFrom: string | null }, next: { id: string; publicFrom: string | null }, day: string): string | null {
  if (!isPublicOn(previous.publicFrom, day)) return null;
  if (isPublicOn(next.publicFrom, day) && next.id === previous.id) return null;
  return previous.id;
}

/** Rows of either store's harvest query as headers: a document's collections from its links, a lost identifier's from its record. */
export function toHeaders(rows: { doc: number | null; id: string; ds: string; goneFrom: string | null }[], links: { doc: number; target: string }[]): HarvestHeader[] {
  const collections = new Map<number, string[]>();
  for (const l of links) (collections.get(l.doc) ?? collections.set(l.doc, []).get(l.doc)!).push(l.target);
  return rows.map((r) =>
    r.doc === null
      ? { id: r.id, datestamp: r.ds, withdrawn: true, collections: JSON.parse(r.goneFrom ?? '[]') as string[] }
      : { id: r.id, datestamp: r.ds, withdrawn: false, collections: collections.get(r.doc) ?? [] },
  );
}
