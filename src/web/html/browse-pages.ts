import type { EntityList, EntityListItem, MapPlace, PersonListItem, PlaceListItem } from '../../store/types.js';
import { html, type HtmlValue, type SafeHtml } from './escape.js';
import { displayDate, plural, urls } from './format.js';
import { layout, type NavSection } from './layout.js';
import { pagination } from './pagination.js';
import { worldMap } from './world-map.js';

export interface IndexOptions {
  styleHref: string;
  /** The chosen initial, if any. */
  letter?: string;
  page: number;
  size: number;
}

/** A–Z bar: one link per initial present, the current one marked; "All" clears it. */
function azBar(path: string, list: EntityList<EntityListItem>, letter: string | undefined): SafeHtml {
  return html`<nav class="az" aria-label="By first letter"><ul>
<li><a href="${path}"${letter ? '' : html` aria-current="page"`}>All</a></li>
${list.initials.map((i) => html`<li><a href="${`${path}?letter=${encodeURIComponent(i.letter)}`}"${letter === i.letter ? html` aria-current="page"` : ''} aria-label="${`${i.letter}: ${plural(i.count, 'name', 'names')}`}">${i.letter}</a></li>`)}
</ul></nav>`;
}

function pages(path: string, list: EntityList<EntityListItem>, o: IndexOptions): HtmlValue {
  return pagination(list.total, o.page, o.size, (p) => {
    const q = new URLSearchParams();
    if (o.letter) q.set('letter', o.letter);
    if (p > 1) q.set('page', String(p));
    const s = q.toString();
    return s ? `${path}?${s}` : path;
  });
}

function indexLayout(section: NavSection, title: string, intro: string, body: HtmlValue, o: IndexOptions): SafeHtml {
  const heading = o.letter ? `${title}: ${o.letter}` : title;
  return layout(
    { title: o.page > 1 ? `${heading} (page ${o.page})` : heading, styleHref: o.styleHref, current: section, bodyClass: 'page-index' },
    html`<h1>${heading}</h1><p class="lede">${intro}</p>${body}`,
  );
}

function life(p: PersonListItem): string | undefined {
  if (!p.birth && !p.death) return undefined;
  return `${p.birth ? displayDate(p.birth) : '?'} – ${p.death ? displayDate(p.death) : '?'}`;
}

/** People A–Z: name, role, life dates where known, and letters written and received. */
export function peopleIndex(list: EntityList<PersonListItem>, o: IndexOptions): SafeHtml {
  const body = html`${azBar('/people', list, o.letter)}
<p class="result-count">${plural(list.total, 'person', 'people')}</p>
${list.items.length ? html`<ul class="entity-index">${list.items.map((p) => {
    const lifeText = life(p);
    return html`<li><a href="${urls.person(p.id)}">${p.name}</a>
<span class="doc-list-meta">${p.role ? html`<span class="role">${p.role}</span>` : ''}${lifeText ? html` <span class="life">(${lifeText})</span>` : ''}</span>
<span class="doc-list-meta">${plural(p.count, 'document', 'documents')}${p.sent || p.received ? html`: wrote ${p.sent}, received ${p.received}` : ''}</span></li>`;
  })}</ul>` : html`<p class="empty">No people.</p>`}
${pages('/people', list, o)}`;
  return indexLayout('people', 'People', 'Everyone who wrote, received or is named in a document.', body, o);
}

/** Places A–Z, with the same places on a small world map above the list. */
export function placesIndex(list: EntityList<PlaceListItem>, mapPlaces: MapPlace[], baseHref: string, o: IndexOptions): SafeHtml {
  const body = html`<div class="map-frame map-small">${worldMap(mapPlaces, { id: 'places-map', baseHref, kind: 'all', scope: new URLSearchParams() })}</div>
<p><a href="/map">Open the full map</a></p>
${azBar('/places', list, o.letter)}
<p class="result-count">${plural(list.total, 'place', 'places')}</p>
${list.items.length ? html`<ul class="entity-index">${list.items.map((p) => html`<li><a href="${urls.place(p.id)}">${p.name}</a> <span class="doc-list-meta">${plural(p.count, 'document', 'documents')}</span></li>`)}</ul>` : html`<p class="empty">No places.</p>`}
${pages('/places', list, o)}`;
  return indexLayout('places', 'Places', 'Places where documents were written and places they mention.', body, o);
}

export function topicsIndex(list: EntityList<EntityListItem>, o: IndexOptions): SafeHtml {
  const body = html`${azBar('/topics', list, o.letter)}
<p class="result-count">${plural(list.total, 'topic', 'topics')}</p>
${list.items.length ? html`<ul class="entity-index">${list.items.map((t) => html`<li><a href="${urls.topic(t.id)}">${t.name}</a> <span class="doc-list-meta">${plural(t.count, 'document', 'documents')}</span></li>`)}</ul>` : html`<p class="empty">No topics.</p>`}
${pages('/topics', list, o)}`;
  return indexLayout('topics', 'Topics', 'Themes the documents are catalogued under.', body, o);
}
