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
  /** True when the document was public and is no longer (draft again, or under a new embargo). */
  withdrawn: boolean;
  /** The collections the document is listed in, in its own order. */
  collections: string[];
}

/**
 * A document's datestamp, as SQL over a `documents` row aliased `alias`: its last update, or the
 * day its embargo ended if that is later (an embargo ending makes the document new to the
 * public, and a harvester that asks "what changed since" must be told).
 */
export function datestampSql(alias: string, greatest: 'max' | 'GREATEST'): string {
  return `${greatest}(${alias}.updated_at, CASE WHEN ${alias}.public_from IS NULL OR ${alias}.public_from = '' THEN '' ELSE ${alias}.public_from || 'T00:00:00.000Z' END)`;
}

/**
 * When a document stopped being public, after an update: `now` if it was public before and is
 * not now; unchanged while it stays hidden; null once it is public again.
 */
export function withdrawnAt(
  previous: { publicFrom: string | null; withdrawnAt: string | null } | undefined,
  publicFrom: string | null,
  now: string,
): string | null {
  const day = now.slice(0, 10);
  const visible = (from: string | null) => from !== null && from <= day;
  if (visible(publicFrom)) return null;
  if (!previous) return null;
  if (visible(previous.publicFrom)) return now;
  return previous.withdrawnAt;
}
