import type { SearchHit } from '../../search/request.js';
import { html, sanitizeSnippet, type SafeHtml } from './escape.js';
import { machineDate, urls } from './format.js';

/** A numbered list of search hits: title link, date, type and snippet (search and timeline pages). */
export function hitList(hits: SearchHit[], first: number): SafeHtml {
  return html`<ol class="hits" start="${first}">${hits.map((hit) => {
    const iso = hit.date.start && (!hit.date.end || hit.date.end === hit.date.start) ? machineDate(hit.date.start) : undefined;
    return html`<li class="hit">
<h3 class="hit-title"><a href="${urls.document(hit.id)}">${hit.title}</a></h3>
<p class="hit-meta">${iso ? html`<time datetime="${iso}">${hit.date.display}</time>` : hit.date.display}${hit.type ? html` <span class="sep" aria-hidden="true">·</span> <span class="hit-type">${hit.type}</span>` : ''}</p>
${hit.snippet ? html`<p class="snippet">${sanitizeSnippet(hit.snippet)}</p>` : ''}
</li>`;
  })}</ol>`;
}
