import type { MapPlace } from '../../store/types.js';
import { clusterPlaces, placeCount, placePlaces, type Cluster, type PlaceKind } from '../map/cluster.js';
import { MAP_HEIGHT, MAP_WIDTH } from '../map/projection.js';
import { html, type SafeHtml } from './escape.js';
import { plural } from './format.js';
import { hrefWith } from './scope-form.js';

export interface WorldMapOptions {
  id: string;
  baseHref: string;
  kind: PlaceKind;
  /** Scope of the documents, kept in the links. */
  scope: URLSearchParams;
}

/** Cluster radius in map units at the normal size (about 2 % of the width). */
const CLUSTER_RADIUS = 18;

const KIND_WORDS: Record<Exclude<PlaceKind, 'all'>, string> = { written: 'written there', received: 'received there', mentioned: 'mentioning it' };

function placeLabel(p: MapPlace, kind: PlaceKind): string {
  if (kind !== 'all') return `${plural(placeCount(p, kind), 'document', 'documents')} ${KIND_WORDS[kind]}`;
  // Arrivals are named only where there are some: most archives hold no letters that say.
  const received = p.received ? `, ${p.received} ${KIND_WORDS.received}` : '';
  return `${plural(p.written, 'document', 'documents')} ${KIND_WORDS.written}${received}, ${p.mentioned} ${KIND_WORDS.mentioned}`;
}

/**
 * The world (a cached SVG image drawn from TopoJSON) with the places of the documents on it:
 * clusters at the normal size, single places when zoomed in (the map script switches), each a
 * link to the documents of its places. Circles grow with the square root of the count, so their
 * area is proportional to it.
 */
export function worldMap(places: MapPlace[], o: WorldMapOptions): SafeHtml {
  const placed = placePlaces(places, o.kind);
  const max = Math.max(1, ...placed.map((p) => p.count));
  const r = (count: number) => 3.5 + 12 * Math.sqrt(count / max);
  const searchHref = (ids: string[]) =>
    hrefWith('/search', o.scope, (p) => {
      for (const id of ids) p.append('place', id);
      p.set('sort', 'date');
    });
  const clusters = clusterPlaces(placed, CLUSTER_RADIUS);
  const clusterMarker = (c: Cluster) => {
    const first = c.places[0]!;
    if (c.places.length === 1) {
      const name = `${first.name}: ${placeLabel(first, o.kind)}`;
      return html`<a class="marker" href="${searchHref([first.id])}" aria-label="${name}"><title>${name}</title><circle cx="${f(c.x)}" cy="${f(c.y)}" r="${f(r(c.count))}"></circle></a>`;
    }
    const names = c.places.slice(0, 3).map((p) => p.name).join(', ') + (c.places.length > 3 ? ` and ${c.places.length - 3} more` : '');
    // The visible number (places in the cluster) starts the name, as it must for speech input.
    const name = `${c.places.length} places, ${names}: ${plural(c.count, 'document', 'documents')}`;
    return html`<a class="marker cluster" href="${searchHref(c.places.map((p) => p.id))}" aria-label="${name}"><title>${name}</title><circle cx="${f(c.x)}" cy="${f(c.y)}" r="${f(r(c.count) + 2)}"></circle><text x="${f(c.x)}" y="${f(c.y + 4)}" text-anchor="middle" aria-hidden="true">${c.places.length}</text></a>`;
  };
  return html`<svg class="world-map" id="${o.id}" viewBox="0 0 ${MAP_WIDTH} ${MAP_HEIGHT}" aria-labelledby="${o.id}-title" data-width="${MAP_WIDTH}" data-height="${MAP_HEIGHT}">
<title id="${o.id}-title">World map of ${plural(placed.length, 'place', 'places')}</title>
<image href="${o.baseHref}" x="0" y="0" width="${MAP_WIDTH}" height="${MAP_HEIGHT}"></image>
<g class="clusters">${clusters.map(clusterMarker)}</g>
<g class="places">${placed.map((p) => {
    const name = `${p.name}: ${placeLabel(p, o.kind)}`;
    return html`<a class="marker" href="${searchHref([p.id])}" aria-label="${name}"><title>${name}</title><circle cx="${f(p.x)}" cy="${f(p.y)}" r="${f(r(p.count) * 0.6)}" data-r="${f(r(p.count) * 0.6)}"></circle></a>`;
  })}</g>
</svg>`;
}

function f(n: number): string {
  return (Math.round(n * 10) / 10).toString();
}
