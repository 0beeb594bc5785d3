import { Hono, type Context } from 'hono';
import type { SiteLinks } from '../../export/site.js';
import type { HarvestHeader } from '../../store/harvest.js';
import { WITHOUT_RELATED, type Viewer } from '../../store/types.js';
import { SITE_NAME } from '../citation/csl.js';
import type { WebDeps } from '../context.js';
import { atomFeedXml, type AtomEntry } from '../feeds/atom.js';
import { sitemapIndexXml, SITEMAP_MAX_URLS, urlsetXml, type SitemapEntry } from '../feeds/sitemap.js';
import { secondsUtc } from '../feeds/timestamps.js';

export interface FeedOptions {
  /** URLs per sitemap file; above it /sitemap.xml becomes an index. Lowered only by tests. */
  sitemapLimit?: number;
  /** Records per store read while walking the archive. */
  harvestPage?: number;
  /** Entries in the Atom feed. */
  feedSize?: number;
}

const HARVEST_PAGE = 5_000;
const FEED_SIZE = 50;

const XML = 'application/xml; charset=utf-8';
const ATOM = 'application/atom+xml; charset=utf-8';

/**
 * `GET /sitemap.xml` (every public document, for search engines) and `GET /feed.atom` (the
 * newest ones, for feed readers), CONTRACT.md "HTTP". Both read the store's harvest, the same
 * list OAI-PMH serves, so the three never disagree about what is public or when it changed.
 *
 * A sitemap file holds at most `sitemapLimit` URLs: the home page, then the documents in
 * (datestamp, id) order. When they do not fit, /sitemap.xml is an index of `/sitemap.xml?part=N`,
 * part N being the N-th run of `sitemapLimit` URLs of that list. The parts stay at the root path
 * because the protocol lets a sitemap list only URLs under its own directory.
 */
export function feedRoutes(deps: WebDeps, options: FeedOptions = {}): Hono {
  const limit = Math.max(1, Math.floor(options.sitemapLimit ?? SITEMAP_MAX_URLS));
  const pageSize = Math.max(1, Math.floor(options.harvestPage ?? HARVEST_PAGE));
  const feedSize = Math.max(1, Math.floor(options.feedSize ?? FEED_SIZE));
  const r = new Hono();

  /**
   * The public documents oldest first, read a page at a time by cursor so a large archive is
   * never one query or one array. Withdrawn documents are left out: a sitemap lists what can be
   * read, and a withdrawn document's page answers 404.
   */
  async function* publicDocuments(viewer: Viewer): AsyncGenerator<HarvestHeader> {
    let after: HarvestHeader | undefined;
    for (;;) {
      const page = await deps.store.harvest(
        { limit: pageSize, withoutWithdrawn: true, ...(after ? { after: { datestamp: after.datestamp, id: after.id } } : {}) },
        viewer,
      );
      yield* page;
      if (page.length < pageSize) return;
      after = page.at(-1);
    }
  }

  const documentEntry = (links: SiteLinks, h: HarvestHeader): SitemapEntry => ({ loc: links.document(h.id), lastmod: secondsUtc(h.datestamp) });

  const xml = (c: Context, body: string, contentType: string): Response => c.body(body, 200, { 'Content-Type': contentType });

  r.get('/sitemap.xml', async (c) => {
    const links = deps.siteLinks(c.req.url);
    // One viewer for the whole walk, so every page is read with the same "today".
    const viewer = deps.viewer();
    const part = c.req.query('part');

    if (part === undefined) {
      // One walk decides single file or index: it counts the URLs, keeps the first file's
      // documents (at most `limit`) and each part's newest datestamp, which is its last one.
      const first: HarvestHeader[] = [];
      const lastmods: (string | undefined)[] = [undefined];
      let position = 0; // the home page holds position 0
      for await (const h of publicDocuments(viewer)) {
        position += 1;
        const index = Math.floor(position / limit);
        if (index === 0) first.push(h);
        lastmods[index] = h.datestamp;
      }
      if (lastmods.length === 1) return xml(c, urlsetXml([{ loc: links.root }, ...first.map((h) => documentEntry(links, h))]), XML);
      const parts = lastmods.map((ds, i) => ({ loc: `${links.root}sitemap.xml?part=${i + 1}`, lastmod: ds === undefined ? undefined : secondsUtc(ds) }));
      return xml(c, sitemapIndexXml(parts), XML);
    }

    // A part number as the index writes it; anything else (0, 01, 2x) names no part.
    if (!/^[1-9]\d{0,8}$/.test(part)) return c.notFound();
    const n = Number(part);
    const start = (n - 1) * limit;
    const end = n * limit;
    const entries: SitemapEntry[] = start === 0 ? [{ loc: links.root }] : [];
    let position = 0;
    // Finding where part N starts walks the cursor from the beginning: a position is all the
    // index promises, and a cursor handed out by the index would go stale as documents change.
    for await (const h of publicDocuments(viewer)) {
      position += 1;
      if (position < start) continue;
      if (position >= end) break;
      entries.push(documentEntry(links, h));
    }
    if (entries.length === 0) return c.notFound();
    return xml(c, urlsetXml(entries), XML);
  });

  r.get('/feed.atom', async (c) => {
    const links = deps.siteLinks(c.req.url);
    const viewer = deps.viewer();
    const headers = await deps.store.harvest({ limit: feedSize, newestFirst: true, withoutWithdrawn: true }, viewer);
    const entries: AtomEntry[] = [];
    // One document at a time: a feed is not worth holding fifty of a PostgreSQL pool's connections.
    for (const h of headers) {
      const doc = await deps.store.getDocument(h.id, viewer, WITHOUT_RELATED);
      // Gone or hidden since the harvest read (a separate snapshot): left out, never guessed at.
      if (!doc) continue;
      const url = links.document(doc.id);
      entries.push({
        id: url,
        title: nonBlank(doc.title) ?? doc.id,
        updated: secondsUtc(h.datestamp) ?? secondsUtc(doc.updatedAt) ?? nowSeconds(deps),
        link: url,
        authors: doc.authors.map((a) => a.name).filter((name) => nonBlank(name) !== undefined),
        summary: nonBlank(doc.summary) ?? nonBlank(doc.description) ?? nonBlank(doc.date.display),
      });
    }
    const self = `${links.root}feed.atom`;
    const body = atomFeedXml({
      id: self,
      title: `${SITE_NAME} — newest documents`,
      // Entries come newest first, so the first one's moment is the feed's.
      updated: entries[0]?.updated ?? nowSeconds(deps),
      selfHref: self,
      alternateHref: links.root,
      // Atom requires an author for every entry; the archive itself stands in for documents
      // that name none (anonymous memoranda, unsigned telegrams) and so inherit this one.
      author: { name: links.host, uri: links.root },
      entries,
    });
    return xml(c, body, ATOM);
  });

  return r;
}

function nonBlank(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined;
}

function nowSeconds(deps: WebDeps): string {
  return secondsUtc(deps.now().toISOString())!;
}
