import { openableDocuments } from '../../domain/index.js';
import type { CollectionSectionPage } from '../../store/types.js';
import { NoteContext, renderBlocks, renderFootnotes } from './body.js';
import { html, type SafeHtml } from './escape.js';
import { urls } from './format.js';
import { layout } from './layout.js';

/**
 * A collection's own text (a FRUS volume's preface, sources, list of names), as history.state.gov
 * shows a volume's front matter: under the volume's title, with its notes, and the way to the
 * volume's other sections.
 */
export function sectionPage(page: CollectionSectionPage, styleHref: string): SafeHtml {
  const { collection, section } = page;
  // Links only to the cited documents this reader may open, as on a reading page.
  const notes = new NoteContext(section.footnotes, openableDocuments(page), page.references);
  const text = renderBlocks(section.body, notes);
  const content = html`<article class="entity collection-section">
<header class="entity-header">
<p class="entity-kind"><a href="${urls.collection(collection.slug)}">${collection.title}</a></p>
<h1>${section.title}</h1>
</header>
<div class="prose">${text}</div>
${section.footnotes.length ? html`<section class="doc-notes" aria-labelledby="notes-heading">
<h2 id="notes-heading">Notes</h2>
${renderFootnotes(notes)}
</section>` : ''}
${sectionNav(collection.slug, page.sections, section.id)}
</article>`;
  return layout({ title: `${section.title} · ${collection.title}`, styleHref, bodyClass: 'page-entity' }, content);
}

/** The list of a collection's sections; the one shown, if any, is marked as the current page. */
export function sectionNav(slug: string, sections: { id: string; title: string }[], current?: string): SafeHtml | '' {
  if (!sections.length) return '';
  return html`<nav class="collection-sections" aria-labelledby="sections-heading">
<h2 id="sections-heading">About this collection</h2>
<ul class="collection-list">${sections.map((s) =>
    s.id === current
      ? html`<li><a href="${urls.collectionSection(slug, s.id)}" aria-current="page">${s.title}</a></li>`
      : html`<li><a href="${urls.collectionSection(slug, s.id)}">${s.title}</a></li>`,
  )}</ul>
</nav>`;
}
