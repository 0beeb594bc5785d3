import { Hono, type Context } from 'hono';
import { QuerySyntaxError } from '../../search/ast.js';
import { parseSearchParams } from '../../search/params.js';
import type { SearchRequest } from '../../search/request.js';
import type { DateUnit } from '../../store/types.js';
import { scriptHref, stylesheet } from '../assets.js';
import { pageParam, type WebDeps } from '../context.js';
import { peopleIndex, placesIndex, topicsIndex, type IndexOptions } from '../html/browse-pages.js';
import { mapPage } from '../html/map-page.js';
import { networkPage } from '../html/network-page.js';
import { chooseUnit, fillPeriods, isDateUnit, MAX_PERIODS, periodKeys } from '../html/periods.js';
import { scopeParams } from '../html/scope-form.js';
import { timelinePage } from '../html/timeline-page.js';
import { PLACE_KINDS, type PlaceKind } from '../map/cluster.js';
import { worldSvg } from '../map/world.js';
import { errorPage } from '../html/error-page.js';

const NETWORK_EDGES = 150;
const TIMELINE_LIST = 20;
const INDEX_SIZE = 100;

/**
 * The visual ways in — timeline, map, network — and the A–Z indexes of people, places and
 * topics, with the JSON their scripts (and anyone else) can use. Every view takes the search's
 * scope parameters, so a chart, the list under it and /search agree for the same URL.
 */
export function visualRoutes(deps: WebDeps): Hono {
  const r = new Hono();
  const styleHref = (): string => stylesheet().href;

  /** Parses the scope; a malformed one is answered like a bad search (400, with the reason). */
  const scopeOf = (c: Context): { params: URLSearchParams; request: SearchRequest } | Response => {
    const params = scopeParams(new URL(c.req.url).searchParams);
    try {
      return { params, request: parseSearchParams(params) };
    } catch (err) {
      if (err instanceof QuerySyntaxError) {
        return c.req.path.startsWith('/api/') ? c.json({ error: err.message }, 400) : c.html(errorPage(400, styleHref(), err.message).value, 400);
      }
      throw err;
    }
  };

  /** The chart's window and unit: the request's from/to, else the span of the dated documents in scope. */
  const timelineView = async (request: SearchRequest, unitParam: string | undefined) => {
    const viewer = deps.viewer();
    let window: { from: string; to: string } | null = request.from && request.to ? { from: request.from, to: request.to } : null;
    if (!window) {
      const years = await deps.store.dateHistogram(request, viewer, 'year');
      const from = request.from ?? years[0]?.start;
      const to = request.to ?? years.at(-1)?.end;
      window = from && to ? { from, to } : null;
    }
    if (!window) return { window, unit: 'year' as DateUnit, bars: [] };
    const unit: DateUnit = isDateUnit(unitParam) && periodKeys(window.from, window.to, unitParam).length <= MAX_PERIODS ? unitParam : chooseUnit(window.from, window.to);
    const buckets = await deps.store.dateHistogram(request, viewer, unit);
    return { window, unit, bars: fillPeriods(buckets, window.from, window.to, unit) };
  };

  r.get('/timeline', async (c) => {
    const scope = scopeOf(c);
    if (scope instanceof Response) return scope;
    const page = pageParam(c.req.query('page'));
    const [view, list, collections] = await Promise.all([
      timelineView(scope.request, c.req.query('unit')),
      deps.store.search({ ...scope.request, sort: 'date', page, size: TIMELINE_LIST, facetLimit: 0 }, deps.viewer()),
      deps.store.listCollections(deps.viewer()),
    ]);
    return c.html(
      timelinePage({ styleHref: styleHref(), scripts: [scriptHref('enhance.js'), scriptHref('timeline.js')], params: scope.params, ...view, list, collections }).value,
    );
  });

  r.get('/api/timeline', async (c) => {
    const scope = scopeOf(c);
    if (scope instanceof Response) return scope;
    const view = await timelineView(scope.request, c.req.query('unit'));
    return c.json(view);
  });

  r.get('/network', async (c) => {
    const scope = scopeOf(c);
    if (scope instanceof Response) return scope;
    const [network, collections] = await Promise.all([
      deps.store.correspondence(scope.request, deps.viewer(), { limit: NETWORK_EDGES }),
      deps.store.listCollections(deps.viewer()),
    ]);
    return c.html(
      networkPage({ styleHref: styleHref(), scripts: [scriptHref('enhance.js'), scriptHref('network.js')], params: scope.params, network, collections, limit: NETWORK_EDGES }).value,
    );
  });

  r.get('/api/network', async (c) => {
    const scope = scopeOf(c);
    if (scope instanceof Response) return scope;
    const limit = Math.min(5000, Math.max(1, Number(c.req.query('limit')) || NETWORK_EDGES));
    return c.json(await deps.store.correspondence(scope.request, deps.viewer(), { limit }));
  });

  r.get('/map', async (c) => {
    const scope = scopeOf(c);
    if (scope instanceof Response) return scope;
    const kindParam = c.req.query('kind');
    const kind: PlaceKind = PLACE_KINDS.find((k) => k === kindParam) ?? 'all';
    const [places, collections] = await Promise.all([deps.store.mapPlaces(scope.request, deps.viewer()), deps.store.listCollections(deps.viewer())]);
    return c.html(
      mapPage({ styleHref: styleHref(), scripts: [scriptHref('enhance.js'), scriptHref('map.js')], baseHref: worldSvg().href, params: scope.params, kind, places, collections }).value,
    );
  });

  r.get('/api/places', async (c) => {
    const scope = scopeOf(c);
    if (scope instanceof Response) return scope;
    return c.json(await deps.store.mapPlaces(scope.request, deps.viewer()));
  });

  const indexOptions = (c: Context): IndexOptions & { range: { offset: number; limit: number; prefix?: string } } => {
    const page = pageParam(c.req.query('page'));
    const raw = (c.req.query('letter') ?? '').trim();
    // One character: an initial of the A–Z bar (any script), never a pattern.
    const letter = [...raw].length === 1 ? raw.toUpperCase() : undefined;
    return {
      styleHref: styleHref(),
      page,
      size: INDEX_SIZE,
      ...(letter ? { letter } : {}),
      range: { offset: (page - 1) * INDEX_SIZE, limit: INDEX_SIZE, ...(letter ? { prefix: letter } : {}) },
    };
  };

  r.get('/people', async (c) => {
    const o = indexOptions(c);
    return c.html(peopleIndex(await deps.store.listPeople(deps.viewer(), o.range), o).value);
  });

  r.get('/places', async (c) => {
    const o = indexOptions(c);
    const everything = parseSearchParams(new URLSearchParams());
    const [list, places] = await Promise.all([deps.store.listPlaces(deps.viewer(), o.range), deps.store.mapPlaces(everything, deps.viewer())]);
    return c.html(placesIndex(list, places, worldSvg().href, o).value);
  });

  r.get('/topics', async (c) => {
    const o = indexOptions(c);
    return c.html(topicsIndex(await deps.store.listTopics(deps.viewer(), o.range), o).value);
  });

  return r;
}
