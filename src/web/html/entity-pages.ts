import type { Collection, Person, PersonListing, Place, Topic } from '../../domain/index.js';
import { sectionNav } from './section-page.js';
import type { CollectionView, Correspondence, EntityPage, PersonPage } from '../../store/types.js';
import { html, joinHtml, safeHref, type HtmlValue, type SafeHtml } from './escape.js';
import { renderPlainText } from './body.js';
import { displayDate, plural, urls } from './format.js';
import { documentItem } from './home.js';
import { layout } from './layout.js';
import { pagination } from './pagination.js';

export interface ListingOptions {
  styleHref: string;
  /** Current page (1-based) and page size of the document list. */
  page: number;
  size: number;
  /** The page's own path, for pagination links. */
  path: string;
}

const ROLE_NAMES: Record<string, string> = {
  author: 'author',
  authors: 'author',
  recipient: 'recipient',
  recipients: 'recipient',
  person: 'mentioned',
  people: 'mentioned',
  mentioned: 'mentioned',
  place: 'mentioned',
  places: 'mentioned',
  placeWritten: 'written there',
  placeReceived: 'received there',
  topic: 'topic',
  topics: 'topic',
  collection: 'in collection',
};

function documentsSection(page: EntityPage<unknown>, options: ListingOptions, showRoles: boolean): SafeHtml {
  const first = (options.page - 1) * options.size + 1;
  return html`<section class="entity-documents" aria-labelledby="docs-heading">
<h2 id="docs-heading">${plural(page.total, 'document', 'documents')}</h2>
${page.documents.length
    ? html`<ol class="doc-list" start="${first}">${page.documents.map((d) => {
        const roles = showRoles ? [...new Set(d.roles.map((r) => ROLE_NAMES[r] ?? r))] : [];
        return documentItem(d, roles.length ? html` <span class="roles">(${roles.join(', ')})</span>` : undefined);
      })}</ol>`
    : html`<p class="empty">${page.total ? 'This page is past the last document.' : 'No public documents yet.'}</p>`}
${pagination(page.total, options.page, options.size, (p) => (p > 1 ? `${options.path}?page=${p}` : options.path))}
</section>`;
}

function authorityLinks(authorities: Record<string, string> | undefined): HtmlValue {
  const entries = Object.entries(authorities ?? {});
  if (!entries.length) return '';
  return html`<div class="meta-row"><dt>Authority records</dt><dd><ul class="inline-list">${entries.map(([name, value]) => {
    const href = safeHref(value);
    return html`<li>${href && /^https?:/i.test(href) ? html`<a href="${href}">${name}</a>` : html`${name}: ${value}`}</li>`;
  })}</ul></dd></div>`;
}

function alsoKnownAs(names: string[] | undefined): HtmlValue {
  if (!names?.length) return '';
  return html`<div class="meta-row"><dt>Also written</dt><dd>${names.join('; ')}</dd></div>`;
}

export function personPage(page: PersonPage, options: ListingOptions, network?: Correspondence): SafeHtml {
  const p = page.entity;
  const life = p.birth || p.death ? `${p.birth ? displayDate(p.birth) : '?'} – ${p.death ? displayDate(p.death) : '?'}` : undefined;
  const me = network?.nodes.find((n) => n.id === p.id);
  const rows = html`${personRoles(p, page.listingTitles)}${life ? html`<div class="meta-row"><dt>Life</dt><dd>${life}</dd></div>` : ''}${me ? html`<div class="meta-row"><dt>Letters</dt><dd>wrote ${me.sent}, received ${me.received}</dd></div>` : ''}${alsoKnownAs(p.altNames)}${authorityLinks(p.authorities)}`;
  return entityLayout('Person', p.name, rows, html`${correspondents(p.id, network)}${documentsSection(page, options, true)}`, options);
}

/**
 * What the sources say the person was. Listings given source by source (FRUS volumes) are grouped
 * by role, in source order, each with the sources that give it and their own entries for the
 * person: "Vice President (vol. I ↗; vol. IV ↗)". A role of the person's own comes first.
 */
function personRoles(p: Person, titles: Readonly<Record<string, string>>): HtmlValue {
  const byRole = new Map<string, PersonListing[]>();
  if (p.role) byRole.set(p.role, []);
  for (const listing of p.listings ?? []) {
    const role = listing.role ?? '';
    byRole.set(role, [...(byRole.get(role) ?? []), listing]);
  }
  if (!byRole.size) return '';
  const items = [...byRole].map(([role, listings]) => {
    const listed = joinHtml(
      listings.map((l) => {
        // A source that is no collection of the archive is named by its slug, without a link.
        const title = Object.hasOwn(titles, l.source) ? titles[l.source] : undefined;
        const entry = l.url ? safeHref(l.url) : null;
        return html`${title ? html`<a href="${urls.collection(l.source)}">${title}</a>` : l.source}${entry ? html` <a href="${entry}" class="listing-entry" aria-label="${`${p.name} in the list of ${title ?? l.source}, on its own site`}">↗</a>` : ''}`;
      }),
      '; ',
    );
    if (!listings.length) return html`<li>${role}</li>`;
    return role ? html`<li>${role} <span class="role-sources">(${listed})</span></li>` : html`<li><span class="role-sources">Listed without a role in ${listed}</span></li>`;
  });
  return html`<div class="meta-row"><dt>${byRole.size === 1 ? 'Role' : 'Roles'}</dt><dd><ul class="person-roles">${items}</ul></dd></div>`;
}

/** The people this person wrote to and received letters from, with links to those letters. */
function correspondents(id: string, network: Correspondence | undefined): HtmlValue {
  if (!network) return '';
  const names = new Map(network.nodes.map((n) => [n.id, n.name]));
  const rows = new Map<string, { to: number; from: number }>();
  for (const e of network.edges) {
    if (e.from === id) rows.set(e.to, { to: (rows.get(e.to)?.to ?? 0) + e.count, from: rows.get(e.to)?.from ?? 0 });
    if (e.to === id) rows.set(e.from, { from: (rows.get(e.from)?.from ?? 0) + e.count, to: rows.get(e.from)?.to ?? 0 });
  }
  if (!rows.size) return '';
  const link = (author: string, recipient: string, n: number) =>
    n ? html`<a href="${`/search?author=${encodeURIComponent(author)}&recipient=${encodeURIComponent(recipient)}&sort=date`}">${n}</a>` : '0';
  return html`<section class="correspondents-section" aria-labelledby="corr-heading">
<h2 id="corr-heading">Correspondents</h2>
<div class="table-wrap"><table class="data-table">
<thead><tr><th scope="col">Correspondent</th><th scope="col">Letters to them</th><th scope="col">Letters from them</th></tr></thead>
<tbody>${[...rows].sort((a, b) => b[1].to + b[1].from - (a[1].to + a[1].from)).map(([other, c]) => html`<tr><th scope="row"><a href="${urls.person(other)}">${names.get(other) ?? other}</a></th><td>${link(id, other, c.to)}</td><td>${link(other, id, c.from)}</td></tr>`)}</tbody>
</table></div>
<p><a href="${`/network?person=${encodeURIComponent(id)}`}">See this correspondence as a network</a></p>
</section>`;
}

export function placePage(page: EntityPage<Place>, options: ListingOptions): SafeHtml {
  const p = page.entity;
  const coords = p.lat !== undefined && p.lon !== undefined ? `${p.lat.toFixed(4)}, ${p.lon.toFixed(4)}` : undefined;
  const rows = html`${coords ? html`<div class="meta-row"><dt>Coordinates</dt><dd>${coords}</dd></div>` : ''}${alsoKnownAs(p.altNames)}${authorityLinks(p.authorities)}`;
  return entityLayout('Place', p.name, rows, documentsSection(page, options, true), options);
}

export function topicPage(page: EntityPage<Topic>, options: ListingOptions): SafeHtml {
  return entityLayout('Topic', page.entity.name, '', documentsSection(page, options, false), options);
}

export function collectionPage(page: EntityPage<Collection> & { collection: CollectionView }, options: ListingOptions): SafeHtml {
  const c = page.collection;
  const rows = html`${c.dateSpan ? html`<div class="meta-row"><dt>Dates</dt><dd>${displayDate(c.dateSpan.start)} – ${displayDate(c.dateSpan.end)}</dd></div>` : ''}${c.parent ? html`<div class="meta-row"><dt>Part of</dt><dd><a href="${urls.collection(c.parent)}">${c.parent}</a></dd></div>` : ''}${c.editors?.length ? html`<div class="meta-row"><dt>${c.editors.length === 1 ? 'Editor' : 'Editors'}</dt><dd>${c.editors.join('; ')}</dd></div>` : ''}${c.credit ? html`<div class="meta-row"><dt>Credit</dt><dd>${c.credit}</dd></div>` : ''}<div class="meta-row"><dt>Documents</dt><dd>${c.documentCount.toLocaleString('en-US')}</dd></div>`;
  const children = c.children.length
    ? html`<section class="collection-children" aria-labelledby="children-heading">
<h2 id="children-heading">Sub-collections</h2>
<ul class="collection-list">${c.children.map((child) => html`<li><a href="${urls.collection(child.slug)}">${child.title}</a> <span class="muted">${plural(child.documentCount, 'document', 'documents')}</span></li>`)}</ul>
</section>`
    : '';
  // A FRUS volume's summary runs to several paragraphs (tei-frus/bibliography.ts).
  const description = c.description ? html`<div class="lede collection-description">${renderPlainText(c.description)}</div>` : '';
  const sections = sectionNav(c.slug, c.sections ?? []);
  return entityLayout('Collection', c.title, rows, html`${description}${sections}${children}${documentsSection(page, options, false)}`, options);
}

function entityLayout(kind: string, name: string, rows: HtmlValue, body: HtmlValue, options: ListingOptions): SafeHtml {
  const title = options.page > 1 ? `${name} (page ${options.page})` : name;
  const content = html`<article class="entity">
<header class="entity-header">
<p class="entity-kind">${kind}</p>
<h1>${name}</h1>
${rows && String(rows) !== '' ? html`<dl class="meta-list entity-meta">${rows}</dl>` : ''}
</header>
${body}
</article>`;
  return layout({ title, styleHref: options.styleHref, bodyClass: 'page-entity' }, content);
}
