import { Hono, type Context } from 'hono';
import { isValidId } from '../../domain/index.js';
import { QuerySyntaxError } from '../../search/ast.js';
import { parseSearchParams } from '../../search/params.js';
import type { SearchResult } from '../../search/request.js';
import { scriptHref, stylesheet } from '../assets.js';
import { pageParam, type WebDeps } from '../context.js';
import { documentPage } from '../html/document-page.js';
import { collectionPage, personPage, placePage, topicPage, type ListingOptions } from '../html/entity-pages.js';
import { errorPage } from '../html/error-page.js';
import { urls } from '../html/format.js';
import { homePage } from '../html/home.js';
import { searchPage } from '../html/search-page.js';
import { sectionPage } from '../html/section-page.js';

/** Documents listed per page on person, place, topic and collection pages. */
const LISTING_SIZE = 50;
const RECENT_COUNT = 10;
const FEATURED_COUNT = 6;
/** Facet values the search page lists (the long ones get a filter box). */
const SEARCH_FACET_LIMIT = 100;

export function notFoundPage(c: Context): Response {
  return c.html(errorPage(404, stylesheet().href).value, 404);
}

export function pageRoutes(deps: WebDeps): Hono {
  const pages = new Hono();
  const styleHref = (): string => stylesheet().href;

  pages.get('/', async (c) => {
    const viewer = deps.viewer();
    const [collections, recent, stats, featured] = await Promise.all([
      deps.store.listCollections(viewer),
      deps.store.recentDocuments(viewer, RECENT_COUNT),
      deps.store.stats(viewer),
      deps.store.featuredDocuments(viewer, FEATURED_COUNT),
    ]);
    return c.html(homePage({ collections, recent, stats, featured }, styleHref()).value);
  });

  pages.get('/documents/:id', async (c) => {
    const id = c.req.param('id');
    const doc = isValidId(id) ? await deps.store.getDocument(id, deps.viewer()) : null;
    if (!doc) return notFoundPage(c);
    const canonicalUrl = deps.siteLinks(c.req.url).document(doc.id);
    // Previous/next within the most specific collection (sub-collections are listed after their parents).
    const collection = doc.collections.at(-1);
    const adjacent = collection ? await deps.store.adjacentInCollection(doc.id, collection.slug, deps.viewer()) : null;
    const compareParam = c.req.query('compare');
    const compare = compareParam && /^\d{1,2}$/.test(compareParam) ? Number(compareParam) : undefined;
    const scripts = doc.media.some((m) => m.kind === 'image') ? [scriptHref('viewer.js')] : [];
    return c.html(
      documentPage(doc, {
        styleHref: styleHref(),
        canonicalUrl,
        accessed: deps.now(),
        scripts,
        ...(compare !== undefined ? { compare } : {}),
        ...(adjacent && collection ? { adjacent: { ...adjacent, collection } } : {}),
      }).value,
    );
  });

  pages.get('/search', async (c) => {
    const params = new URL(c.req.url).searchParams;
    let result: SearchResult;
    try {
      result = await deps.store.search({ ...parseSearchParams(params), facetLimit: SEARCH_FACET_LIMIT }, deps.viewer());
    } catch (err) {
      // A query the parser refuses is the reader's mistake: show it on the page, never a 500.
      if (err instanceof QuerySyntaxError) {
        return c.html(searchPage({ styleHref: styleHref(), params, result: null, error: err.message }).value, 400);
      }
      throw err;
    }
    return c.html(searchPage({ styleHref: styleHref(), params, result, scripts: [scriptHref('enhance.js'), scriptHref('facets.js')] }).value);
  });

  const listing = (c: Context, path: string): ListingOptions => {
    const page = pageParam(c.req.query('page'));
    return { styleHref: styleHref(), page, size: LISTING_SIZE, path };
  };
  const range = (o: ListingOptions): { offset: number; limit: number } => ({ offset: (o.page - 1) * o.size, limit: o.size });

  pages.get('/people/:id', async (c) => {
    const id = c.req.param('id');
    const o = listing(c, urls.person(id));
    const viewer = deps.viewer();
    const page = isValidId(id) ? await deps.store.getPerson(id, viewer, range(o)) : null;
    if (!page) return notFoundPage(c);
    // Their correspondents: the network restricted to documents involving this person.
    const network = await deps.store.correspondence(parseSearchParams(new URLSearchParams({ person: id })), viewer, { limit: 50 });
    return c.html(personPage(page, o, network).value);
  });

  pages.get('/places/:id', async (c) => {
    const id = c.req.param('id');
    const o = listing(c, urls.place(id));
    const page = isValidId(id) ? await deps.store.getPlace(id, deps.viewer(), range(o)) : null;
    return page ? c.html(placePage(page, o).value) : notFoundPage(c);
  });

  pages.get('/topics/:id', async (c) => {
    const id = c.req.param('id');
    const o = listing(c, urls.topic(id));
    const page = isValidId(id) ? await deps.store.getTopic(id, deps.viewer(), range(o)) : null;
    return page ? c.html(topicPage(page, o).value) : notFoundPage(c);
  });

  pages.get('/collections/:slug', async (c) => {
    const slug = c.req.param('slug');
    const o = listing(c, urls.collection(slug));
    const page = isValidId(slug) ? await deps.store.getCollection(slug, deps.viewer(), range(o)) : null;
    return page ? c.html(collectionPage(page, o).value) : notFoundPage(c);
  });

  pages.get('/collections/:slug/sections/:id', async (c) => {
    const slug = c.req.param('slug');
    const id = c.req.param('id');
    const page = isValidId(slug) && isValidId(id) ? await deps.store.getCollectionSection(slug, id, deps.viewer()) : null;
    return page ? c.html(sectionPage(page, styleHref()).value) : notFoundPage(c);
  });

  return pages;
}
