import type { ArchiveStats, CollectionView, DocumentSummary } from '../../store/types.js';
import { html, type SafeHtml } from './escape.js';
import { plainParagraphs } from './body.js';
import { displayDate, machineDate, plural, urls } from './format.js';
import { layout } from './layout.js';

export interface HomeData {
  collections: CollectionView[];
  recent: DocumentSummary[];
  stats: ArchiveStats;
  featured: DocumentSummary[];
}

export function homePage(data: HomeData, styleHref: string): SafeHtml {
  const { stats } = data;
  const span = stats.earliest && stats.latest ? `${displayDate(stats.earliest)} – ${displayDate(stats.latest)}` : undefined;
  const content = html`<section class="hero" aria-labelledby="home-heading">
<h1 id="home-heading">Archivum</h1>
<p class="lede">Letters, memoranda, telegrams and minutes: historical primary sources to find, read and cite.</p>
<form class="search-form home-search" role="search" action="/search" method="get">
<label for="home-q">Search the documents</label>
<div class="search-row">
<input id="home-q" name="q" type="search" aria-describedby="home-q-help">
<button type="submit">Search</button>
</div>
<p id="home-q-help" class="help">Words, <code>"a phrase"</code>, <code>OR</code>, <code>-exclude</code>, <code>author:Khrushchev</code>, <code>date:1962-10..1962-11</code>. Leave it empty to browse everything.</p>
</form>
</section>
<section class="stats" aria-labelledby="stats-heading">
<h2 id="stats-heading" class="visually-hidden">The archive in numbers</h2>
<dl class="stat-list">
<div><dt>Documents</dt><dd>${stats.documents.toLocaleString('en-US')}</dd></div>
<div><dt>People</dt><dd>${stats.people.toLocaleString('en-US')}</dd></div>
<div><dt>Places</dt><dd>${stats.places.toLocaleString('en-US')}</dd></div>
<div><dt>Collections</dt><dd>${stats.collections.toLocaleString('en-US')}</dd></div>
${span ? html`<div><dt>Spanning</dt><dd class="stat-span">${span}</dd></div>` : ''}
</dl>
</section>
<div class="home-columns">
<section class="home-collections" aria-labelledby="collections-heading">
<h2 id="collections-heading">Collections</h2>
${data.collections.length ? html`<ul class="collection-list">${data.collections.map((c) => html`<li>
<a href="${urls.collection(c.slug)}">${c.title}</a>
<span class="muted">${plural(c.documentCount, 'document', 'documents')}${c.dateSpan ? html`, ${displayDate(c.dateSpan.start)} – ${displayDate(c.dateSpan.end)}` : ''}</span>
${c.description ? html`<p>${plainParagraphs(c.description)[0] ?? ''}</p>` : '' /* a list shows a description's first paragraph; its page, all */}
</li>`)}</ul>` : html`<p class="empty">No collections yet.</p>`}
</section>
<section class="home-featured" aria-labelledby="featured-heading">
<h2 id="featured-heading">Featured documents</h2>
<p class="help">The documents other documents in the archive cite most.</p>
${data.featured.length ? html`<ul class="doc-list">${data.featured.map((d) => documentItem(d))}</ul>` : html`<p class="empty">No documents yet.</p>`}
</section>
<section class="home-explore" aria-labelledby="explore-heading">
<h2 id="explore-heading">Explore</h2>
<ul class="explore-list">
<li><a href="/timeline">Timeline</a> <span class="muted">documents over time, from decades down to days</span></li>
<li><a href="/map">Map</a> <span class="muted">where they were written and the places they mention</span></li>
<li><a href="/network">Network</a> <span class="muted">who wrote to whom</span></li>
<li><a href="/people">People</a>, <a href="/places">places</a> and <a href="/topics">topics</a> <span class="muted">A–Z</span></li>
</ul>
</section>
<section class="home-recent" aria-labelledby="recent-heading">
<h2 id="recent-heading">Recently added</h2>
${data.recent.length ? html`<ul class="doc-list">${data.recent.map((d) => documentItem(d))}</ul>` : html`<p class="empty">No documents yet.</p>`}
</section>
</div>`;
  return layout({ title: 'Historical primary sources', styleHref, headerSearch: false, current: 'home', bodyClass: 'page-home' }, content);
}

/** One document in a list: title link, date and type. Shared by the home and entity pages. */
export function documentItem(d: DocumentSummary, extra?: SafeHtml): SafeHtml {
  const iso = d.date.start && (!d.date.end || d.date.end === d.date.start) ? machineDate(d.date.start) : undefined;
  return html`<li><a href="${urls.document(d.id)}">${d.title}</a>
<span class="doc-list-meta">${iso ? html`<time datetime="${iso}">${d.date.display}</time>` : d.date.display}${d.type ? html` · ${d.type}` : ''}${extra ?? ''}</span></li>`;
}
