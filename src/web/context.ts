import { SiteLinks } from '../export/site.js';
import type { RepositoryInfo } from './oai/repository.js';
import { PUBLIC, type ArchiveStore, type Viewer } from '../store/types.js';

export interface AppOptions {
  store: ArchiveStore;
  /** The clock: decides which embargoes have ended and the "accessed" date of citations. */
  now?: () => Date;
  /** The name and administrator's address the OAI-PMH repository gives (Identify). */
  repository?: Partial<RepositoryInfo>;
  /**
   * The public address the archive is served at (`ARCHIVUM_BASE_URL`), for the absolute links
   * harvesters and citations keep: behind a proxy, the address a request arrives at is not it.
   * Without it, each request's own origin.
   */
  baseUrl?: string;
}

/** What every route needs, built once by createApp. */
export interface WebDeps {
  store: ArchiveStore;
  now: () => Date;
  /** The viewer for store reads. Only the public for now; signed-in staff come later. */
  viewer: () => Viewer;
  /** Absolute links to the archive's pages, for a request to `requestUrl`. */
  siteLinks: (requestUrl: string) => SiteLinks;
}

export function makeDeps(options: AppOptions): WebDeps {
  const now = options.now;
  return {
    store: options.store,
    now: now ?? (() => new Date()),
    // An injected clock must reach the store too, or embargo checks would use the wall clock.
    viewer: now ? () => ({ kind: 'public', now: now() }) : () => PUBLIC,
    siteLinks: (requestUrl) => new SiteLinks(options.baseUrl ?? new URL(requestUrl).origin),
  };
}

/** `?page=` for listings: a positive integer, anything else is the first page. */
export function pageParam(value: string | undefined): number {
  if (!value || !/^\d{1,6}$/.test(value)) return 1;
  return Math.max(1, Number(value));
}
