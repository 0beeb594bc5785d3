import { FILTER_NAMES } from '../../search/request.js';
import type { CollectionView } from '../../store/types.js';
import { html, type SafeHtml } from './escape.js';

/** The parameters that choose documents (as a search does): words, dates and facet filters. */
export const SCOPE_PARAMS = ['q', 'from', 'to', ...FILTER_NAMES] as const;

/** The scope parameters of a request, dropping everything else (paging, view options). */
export function scopeParams(input: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const name of SCOPE_PARAMS) for (const value of input.getAll(name)) if (value.trim() !== '') out.append(name, value);
  return out;
}

/** `path?…` from parameters with some changed. */
export function hrefWith(path: string, params: URLSearchParams, change?: (p: URLSearchParams) => void): string {
  const next = new URLSearchParams(params);
  change?.(next);
  const query = next.toString();
  return query ? `${path}?${query}` : path;
}

/** Collections and their sub-collections, flattened for a <select>, children indented. */
export function collectionOptions(collections: CollectionView[]): { slug: string; label: string }[] {
  return collections.flatMap((c) => [{ slug: c.slug, label: c.title }, ...c.children.map((child) => ({ slug: child.slug, label: `— ${child.title}` }))]);
}

/**
 * The filter form of the timeline, map and network pages: words, a date range and a collection,
 * as one GET form so every view has a URL and works without JavaScript. Other active filters
 * (an author picked on the search page) travel as hidden fields.
 */
export function scopeForm(path: string, params: URLSearchParams, collections: CollectionView[], extra: SafeHtml | string = ''): SafeHtml {
  const selected = params.get('collection') ?? '';
  const hidden = FILTER_NAMES.filter((n) => n !== 'collection').flatMap((name) =>
    params.getAll(name).map((value) => html`<input type="hidden" name="${name}" value="${value}">`),
  );
  const id = (name: string) => `scope-${name}`;
  return html`<form class="scope-form" action="${path}" method="get" aria-label="Choose documents">
<div class="field field-q"><label for="${id('q')}">Words</label>
<input id="${id('q')}" name="q" type="search" value="${params.get('q') ?? ''}"></div>
<div class="field"><label for="${id('from')}">From</label>
<input id="${id('from')}" name="from" type="text" inputmode="numeric" size="10" placeholder="YYYY-MM-DD" value="${params.get('from') ?? ''}" aria-describedby="${id('help')}"></div>
<div class="field"><label for="${id('to')}">To</label>
<input id="${id('to')}" name="to" type="text" inputmode="numeric" size="10" placeholder="YYYY-MM-DD" value="${params.get('to') ?? ''}" aria-describedby="${id('help')}"></div>
<div class="field"><label for="${id('collection')}">Collection</label>
<select id="${id('collection')}" name="collection">
<option value="">All collections</option>
${collectionOptions(collections).map((c) => html`<option value="${c.slug}"${c.slug === selected ? html` selected` : ''}>${c.label}</option>`)}
</select></div>
${extra}${hidden}
<button type="submit">Show</button>
<p id="${id('help')}" class="help">Dates as YYYY, YYYY-MM or YYYY-MM-DD.${[...params.keys()].length ? html` <a href="${path}">Clear</a>` : ''}</p>
</form>`;
}
