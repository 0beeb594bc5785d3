import type { CollectionView, MapPlace } from '../../store/types.js';
import { placeCount, type PlaceKind } from '../map/cluster.js';
import { html, type SafeHtml } from './escape.js';
import { plural, urls } from './format.js';
import { layout } from './layout.js';
import { hrefWith, scopeForm } from './scope-form.js';
import { worldMap } from './world-map.js';

export interface MapData {
  styleHref: string;
  scripts: string[];
  baseHref: string;
  params: URLSearchParams;
  kind: PlaceKind;
  places: MapPlace[];
  collections: CollectionView[];
}

const KINDS: [PlaceKind, string][] = [
  ['all', 'All places'],
  ['written', 'Places of writing'],
  ['received', 'Places of arrival'],
  ['mentioned', 'Places mentioned'],
];

/**
 * Places on a world map: where documents were written (their datelines), where letters arrived,
 * and the places they mention. Coordinates come from the place records or, for datelines that give none, from the
 * bundled gazetteer. The table below names every place, those without coordinates too.
 */
export function mapPage(d: MapData): SafeHtml {
  const scope = d.params;
  const kindSelect = html`<div class="field"><label for="scope-kind">Show</label>
<select id="scope-kind" name="kind">${KINDS.map(([k, label]) => html`<option value="${k}"${k === d.kind ? html` selected` : ''}>${label}</option>`)}</select></div>`;
  const listed = d.places.filter((p) => placeCount(p, d.kind) > 0);
  const unmapped = listed.filter((p) => p.lat === undefined);
  const content = html`<h1>Map</h1>
<p class="lede">Where the documents were written, where letters arrived, and the places they mention. Choose a circle to read the documents; numbered circles group nearby places${d.scripts.length ? ' — zoom in to separate them' : ''}.</p>
${scopeForm('/map', scope, d.collections, kindSelect)}
<section class="map" aria-labelledby="map-heading">
<h2 id="map-heading">${plural(listed.length - unmapped.length, 'place', 'places')} on the map</h2>
<div class="map-frame">${worldMap(d.places, { id: 'world-map', baseHref: d.baseHref, kind: d.kind, scope })}</div>
<p class="help map-credit">Base map: Natural Earth 1:110m (public domain), via world-atlas.</p>
</section>
<section aria-labelledby="places-table-heading">
<h2 id="places-table-heading">Places</h2>
${listed.length ? html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="places-table-heading"><table class="data-table">
<thead><tr><th scope="col">Place</th><th scope="col">Written there</th><th scope="col">Received there</th><th scope="col">Mentioned</th><th scope="col">Documents</th></tr></thead>
<tbody>${listed.map((p) => html`<tr><th scope="row"><a href="${urls.place(p.id)}">${p.name}</a>${p.lat === undefined ? html` <span class="muted">(no coordinates)</span>` : ''}</th><td>${p.written}</td><td>${p.received}</td><td>${p.mentioned}</td><td><a href="${hrefWith('/search', scope, (q) => { q.append('place', p.id); q.set('sort', 'date'); })}" aria-label="${`List documents about ${p.name}`}">List</a></td></tr>`)}</tbody>
</table></div>` : html`<p class="empty">No places match.</p>`}
</section>`;
  return layout({ title: 'Map', styleHref: d.styleHref, current: 'map', bodyClass: 'page-map', scripts: d.scripts }, content);
}
