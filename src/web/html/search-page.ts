import { FACET_NAMES, FILTER_NAMES, type FacetName, type FacetValue, type SearchResult } from '../../search/request.js';
import { barChart } from './bar-chart.js';
import { html, type HtmlValue, type SafeHtml } from './escape.js';
import { languageName, plural } from './format.js';
import { hitList } from './hit-list.js';
import { layout } from './layout.js';
import { pagination } from './pagination.js';

/** The parameters the page reads and writes back into links; anything else is dropped. */
const KEPT = ['q', 'from', 'to', 'sort', 'size', ...FILTER_NAMES] as const;

export const FACET_LABELS: Record<FacetName, string> = {
  type: 'Document type',
  author: 'Author',
  recipient: 'Recipient',
  person: 'Person mentioned',
  place: 'Place',
  topic: 'Topic',
  collection: 'Collection',
  archive: 'Archive',
  language: 'Language',
  decade: 'Decade',
  year: 'Year',
};

/** Facet values shown before the rest is folded into "more". */
const FACET_VISIBLE = 8;

export interface SearchPageOptions {
  styleHref: string;
  params: URLSearchParams;
  /** Null when the request was refused; `error` then says why. */
  result: SearchResult | null;
  error?: string;
  /** Enhancement scripts (no-reload navigation, facet filter boxes); the page works without them. */
  scripts?: string[];
}

/**
 * The search page is one GET form and plain links, so it works with JavaScript off: facet values
 * add a filter parameter, chips remove one, decade/year facets set the from/to range.
 */
export function searchPage(options: SearchPageOptions): SafeHtml {
  const params = keptParams(options.params);
  const q = params.get('q') ?? '';
  const { result, error } = options;
  const title = error ? 'Search: error' : q.trim() ? `Search: ${q.trim()}` : 'Browse and search';

  const content = html`<h1>${q.trim() ? 'Search results' : 'Browse and search'}</h1>
${searchForm(params)}
${error ? html`<div class="search-error" role="alert"><h2>The search could not be run</h2><p>${error}</p><p>Words are combined with AND; use <code>"quotes"</code> for a phrase, <code>OR</code> between alternatives, <code>-word</code> to exclude, <code>word*</code> for a prefix, and <code>date:1962-10..1962-11</code> for dates.</p></div>` : ''}
${activeFilters(params, result)}
${result ? results(params, result) : ''}`;

  return layout({ title, styleHref: options.styleHref, headerSearch: false, current: 'search', bodyClass: 'page-search', scripts: options.scripts ?? [] }, content);
}

function keptParams(input: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  // The find boxes' text (`personMatch`) stays on this page's form, not in its links.
  for (const name of [...KEPT, 'page', ...FACET_NAMES.map((f) => `${f}Match` as const)]) {
    for (const value of input.getAll(name)) if (value !== '') out.append(name, value);
  }
  return out;
}

/** `/search?…` from the current parameters with some changed; filters reset to page 1. */
export function searchHref(params: URLSearchParams, change: (p: URLSearchParams) => void): string {
  const next = new URLSearchParams();
  for (const name of KEPT) for (const value of params.getAll(name)) next.append(name, value);
  change(next);
  const query = next.toString();
  return query ? `/search?${query}` : '/search';
}

function searchForm(params: URLSearchParams): SafeHtml {
  // With no explicit sort the search ranks by relevance when there are words, else by date.
  const sort = params.get('sort') || (params.get('q')?.trim() ? 'relevance' : 'date');
  const option = (value: string, label: string): SafeHtml =>
    html`<option value="${value}"${sort === value ? html` selected` : ''}>${label}</option>`;
  // Active filters travel as hidden fields, so editing the words keeps them.
  const hidden = FILTER_NAMES.flatMap((name) => params.getAll(name).map((value) => html`<input type="hidden" name="${name}" value="${value}">`));
  const size = params.get('size');
  return html`<form class="search-form" role="search" action="/search" method="get">
<div class="search-main">
<label for="q">Search the documents</label>
<div class="search-row">
<input id="q" name="q" type="search" value="${params.get('q') ?? ''}" aria-describedby="q-help">
<button type="submit">Search</button>
</div>
<p id="q-help" class="help">Try <code>"missile crisis"</code>, <code>Khrushchev OR Kennedy</code>, <code>-Berlin</code>, <code>author:Castro</code>, <code>date:1962-10..1962-11</code>.</p>
</div>
<fieldset class="search-options">
<legend>Dates and order</legend>
<div class="field">
<label for="from">From</label>
<input id="from" name="from" type="text" inputmode="numeric" value="${params.get('from') ?? ''}" placeholder="YYYY-MM-DD" aria-describedby="date-help" size="10">
</div>
<div class="field">
<label for="to">To</label>
<input id="to" name="to" type="text" inputmode="numeric" value="${params.get('to') ?? ''}" placeholder="YYYY-MM-DD" aria-describedby="date-help" size="10">
</div>
<div class="field">
<label for="sort">Sort by</label>
<select id="sort" name="sort">
${option('relevance', 'Best match')}
${option('date', 'Date, oldest first')}
${option('-date', 'Date, newest first')}
</select>
</div>
<button type="submit" class="secondary">Apply</button>
<p id="date-help" class="help">Dates as YYYY, YYYY-MM or YYYY-MM-DD.</p>
</fieldset>
${hidden}${size ? html`<input type="hidden" name="size" value="${size}">` : ''}
</form>`;
}

/** Label of a filter value: the facet's display value when the filter names its id. */
function filterLabel(name: FacetName, value: string, result: SearchResult | null): string {
  const match = result?.facets[name]?.find((f) => f.id === value || f.value === value);
  const shown = match ? match.value : value;
  return name === 'language' ? languageName(shown) : shown;
}

function activeFilters(params: URLSearchParams, result: SearchResult | null): HtmlValue {
  const chips: SafeHtml[] = [];
  for (const name of FILTER_NAMES) {
    for (const value of params.getAll(name)) {
      const label = `${FACET_LABELS[name]}: ${filterLabel(name, value, result)}`;
      const href = searchHref(params, (p) => removeValue(p, name, value));
      chips.push(html`<li><a class="chip" href="${href}" aria-label="${`Remove filter ${label}`}">${label} <span aria-hidden="true">×</span></a></li>`);
    }
  }
  for (const [name, label] of [['from', 'From'], ['to', 'To']] as const) {
    const value = params.get(name);
    if (value) {
      const href = searchHref(params, (p) => p.delete(name));
      chips.push(html`<li><a class="chip" href="${href}" aria-label="${`Remove filter ${label} ${value}`}">${label} ${value} <span aria-hidden="true">×</span></a></li>`);
    }
  }
  if (!chips.length) return '';
  const q = params.get('q');
  const clear = q ? `/search?${new URLSearchParams({ q }).toString()}` : '/search';
  return html`<section class="active-filters" aria-labelledby="active-heading">
<h2 id="active-heading" class="visually-hidden">Active filters</h2>
<ul class="chips">${chips}<li><a class="chip chip-clear" href="${clear}">Clear all filters</a></li></ul>
</section>`;
}

function removeValue(p: URLSearchParams, name: string, value: string): void {
  const rest = p.getAll(name).filter((v) => v !== value);
  p.delete(name);
  for (const v of rest) p.append(name, v);
}

function results(params: URLSearchParams, result: SearchResult): SafeHtml {
  const q = params.get('q')?.trim();
  const first = (result.page - 1) * result.size + 1;
  const last = Math.min(result.total, first + result.hits.length - 1);
  const count = result.total === 0
    ? html`No documents match${q ? html` <q>${q}</q>` : ''}.`
    : result.hits.length === 0
      ? html`${plural(result.total, 'document', 'documents')}; this page is past the last result.`
      : html`${plural(result.total, 'document', 'documents')}${q ? html` for <q>${q}</q>` : ''}${result.total > result.hits.length ? html`, showing ${first.toLocaleString('en-US')}–${last.toLocaleString('en-US')}` : ''}.`;

  return html`<div class="search-layout">
<section class="results" aria-labelledby="results-heading">
<h2 id="results-heading" class="result-count">${count}</h2>
${result.hits.length ? hitList(result.hits, first) : ''}
${pagination(result.total, result.page, result.size, (page) => searchHref(params, (p) => { if (page > 1) p.set('page', String(page)); }))}
</section>
${facets(params, result)}
</div>`;
}

/**
 * Facets as one GET form of checkboxes with counts: tick values, then "Apply" (the facets
 * script submits on each change, without a full reload). Within a facet values are ORed, across
 * facets ANDed. The words, dates and sort travel as hidden fields. Decades are links that set
 * the date range, and years are a histogram whose bars do the same.
 */
function facets(params: URLSearchParams, result: SearchResult): HtmlValue {
  const sections = FACET_NAMES.flatMap((name) => {
    const values = result.facets[name] ?? [];
    const matching = params.get(`${name}Match`)?.trim() ?? '';
    if (!values.length && !matching) return [];
    if (name === 'year') return [yearHistogram(params, values)];
    if (name === 'decade') return [decadeLinks(params, values)];
    const items = values.map((f, i) => facetCheckbox(params, name, f, i));
    const shown = items.slice(0, FACET_VISIBLE);
    const more = items.slice(FACET_VISIBLE);
    return [html`<fieldset class="facet" data-facet="${name}">
<legend>${FACET_LABELS[name]}</legend>
${values.length > FACET_VISIBLE || matching ? facetMatchBox(name, matching) : ''}
${values.length ? html`<ul>${shown}</ul>` : html`<p class="facet-none">No value contains “${matching}”.</p>`}
${more.length ? html`<details${matching ? html` open` : ''}><summary>Show ${plural(more.length, 'more value', 'more values')}</summary><ul>${more}</ul></details>` : ''}
</fieldset>`];
  });
  if (!sections.length) return '';
  const hidden = (['q', 'from', 'to', 'sort', 'size'] as const).flatMap((n) => params.getAll(n).map((v) => html`<input type="hidden" name="${n}" value="${v}">`));
  return html`<aside class="facets" aria-labelledby="facets-heading">
<h2 id="facets-heading">Refine results</h2>
<form class="facets-form" action="/search" method="get">
${hidden}
${sections}
<p class="facets-apply"><button type="submit">Apply filters</button></p>
</form>
</aside>`;
}

/**
 * Finds values among all of a facet's (thousands of people), not only those listed: Enter sends
 * `<facet>Match` with the form, and the server lists the values containing the text, with their
 * counts in the whole result. The facets script also narrows the listed values as one types.
 */
function facetMatchBox(name: FacetName, matching: string): SafeHtml {
  const id = `match-${name}`;
  return html`<div class="facet-filter"><label for="${id}" class="visually-hidden">Find a value of ${FACET_LABELS[name]} (Enter searches all of them)</label><input type="search" id="${id}" name="${name}Match" value="${matching}" placeholder="Find…" autocomplete="off"></div>`;
}

function facetCheckbox(params: URLSearchParams, name: FacetName, facet: FacetValue, index: number): SafeHtml {
  const label = name === 'language' ? languageName(facet.value) : facet.value;
  const key = facet.id ?? facet.value;
  const active = params.getAll(name).some((v) => v === key || v === facet.value);
  const id = `f-${name}-${index}`;
  return html`<li><input type="checkbox" id="${id}" name="${name}" value="${key}"${active ? html` checked` : ''}><label for="${id}"><span class="facet-value">${label}</span> <span class="count">${facet.count.toLocaleString('en-US')}</span></label></li>`;
}

function decadeLinks(params: URLSearchParams, values: FacetValue[]): SafeHtml {
  return html`<section class="facet" aria-labelledby="facet-decade">
<h3 id="facet-decade">${FACET_LABELS.decade}</h3>
<ul>${values.map((f) => facetItem(params, 'decade', f))}</ul>
</section>`;
}

/** Documents per year as bars (gaps included); a bar sets the date range to its year. */
function yearHistogram(params: URLSearchParams, values: FacetValue[]): SafeHtml {
  const counts = new Map(values.map((v) => [Number(v.id ?? v.value), v.count]));
  const years = [...counts.keys()].filter((y) => Number.isFinite(y));
  if (!years.length) return html``;
  const first = Math.min(...years);
  const last = Math.max(...years);
  // A long span is summed per decade's years anyway; cap the bars so they stay visible.
  const span = Math.min(last - first + 1, 200);
  const bars = Array.from({ length: span }, (_, i) => {
    const year = String(first + i).padStart(4, '0');
    const range = dateRange('year', year)!;
    const active = params.get('from') === range.from && params.get('to') === range.to;
    return {
      key: year, label: year, tick: year, count: counts.get(first + i) ?? 0, start: range.from, end: range.to, active,
      href: searchHref(params, (p) => { p.set('from', range.from); p.set('to', range.to); }),
    };
  });
  return html`<section class="facet facet-years" aria-labelledby="facet-year">
<h3 id="facet-year">Documents per year</h3>
${barChart(bars, { id: 'year-histogram', title: `Documents per year, ${first} to ${last}`, width: 272, height: 72, ticks: false })}
<p class="histogram-range" aria-hidden="true"><span>${String(first)}</span><span>${String(last)}</span></p>
</section>`;
}

/** A facet value as a link: decades set the date range; other facets add or remove their filter. */
function facetItem(params: URLSearchParams, name: FacetName, facet: FacetValue): SafeHtml {
  const label = name === 'language' ? languageName(facet.value) : name === 'decade' ? decadeLabel(facet.value) : facet.value;
  const count = html`<span class="count">${facet.count.toLocaleString('en-US')}</span>`;
  if (name === 'decade' || name === 'year') {
    const range = dateRange(name, facet.value);
    if (!range) return html`<li><span class="facet-value">${label}</span> ${count}</li>`;
    const active = params.get('from') === range.from && params.get('to') === range.to;
    const href = searchHref(params, (p) => {
      p.set('from', range.from);
      p.set('to', range.to);
    });
    return html`<li><a href="${href}"${active ? html` aria-current="true"` : ''}>${label}</a> ${count}</li>`;
  }
  const key = facet.id ?? facet.value;
  const active = params.getAll(name).some((v) => v === key || v === facet.value);
  if (active) {
    const href = searchHref(params, (p) => {
      removeValue(p, name, key);
      removeValue(p, name, facet.value);
    });
    return html`<li><a href="${href}" aria-current="true" aria-label="${`${label}, active filter: remove`}">${label}</a> ${count}</li>`;
  }
  const href = searchHref(params, (p) => p.append(name, key));
  return html`<li><a href="${href}">${label}</a> ${count}</li>`;
}

function decadeLabel(value: string): string {
  return /^\d{3,4}$/.test(value) ? `${value}s` : value;
}

/** "1960" / "1960s" decade, "1963" year → inclusive day bounds. */
function dateRange(name: 'decade' | 'year', value: string): { from: string; to: string } | null {
  const m = /^(\d{4})s?$/.exec(value.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const last = name === 'decade' ? year - (year % 10) + 9 : year;
  const first = name === 'decade' ? year - (year % 10) : year;
  return { from: `${String(first).padStart(4, '0')}-01-01`, to: `${String(last).padStart(4, '0')}-12-31` };
}
