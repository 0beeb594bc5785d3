import type { SearchResult } from '../../search/request.js';
import type { CollectionView, DateBucket, DateUnit } from '../../store/types.js';
import { barChart } from './bar-chart.js';
import { html, type HtmlValue, type SafeHtml } from './escape.js';
import { displayDate, plural } from './format.js';
import { hitList } from './hit-list.js';
import { layout } from './layout.js';
import { pagination } from './pagination.js';
import { MAX_PERIODS, periodKeys, periodLabel, tickLabel, UNITS } from './periods.js';
import { hrefWith, scopeForm } from './scope-form.js';

export interface TimelineData {
  styleHref: string;
  scripts: string[];
  /** Scope parameters (words, dates, filters) of the view. */
  params: URLSearchParams;
  unit: DateUnit;
  /** The span the chart covers; null when no visible document has a date. */
  window: { from: string; to: string } | null;
  /** Every period of the window, empty ones included. */
  bars: DateBucket[];
  list: SearchResult;
  collections: CollectionView[];
}

const UNIT_NAMES: Record<DateUnit, string> = { decade: 'Decades', year: 'Years', month: 'Months', day: 'Days' };

/**
 * Documents over time: a bar chart whose bars zoom into their period (decades → years → months
 * → days, so the thirteen days of October 1962 are thirteen bars, not one), breadcrumbs to zoom
 * out, and the documents of the window listed below. With JavaScript, dragging across bars
 * (brushing) selects a range, which filters the list and zooms the chart without a reload.
 */
export function timelinePage(d: TimelineData): SafeHtml {
  const scope = d.params;
  const zoomHref = (b: DateBucket) =>
    hrefWith('/timeline', scope, (p) => {
      p.set('from', b.start);
      p.set('to', b.end);
      p.delete('unit');
    });
  const chart = d.window
    ? barChart(
        d.bars.map((b) => ({ ...b, label: periodLabel(b.key, d.unit), tick: tickLabel(b.key, d.unit), href: zoomHref(b) })),
        { id: 'timeline-chart', title: `Documents per ${d.unit}, ${displayDate(d.window.from)} to ${displayDate(d.window.to)}`, width: 960, height: 240, ticks: true },
      )
    : '';
  const range = d.window ? `${displayDate(d.window.from)} – ${displayDate(d.window.to)}` : '';
  const first = (d.list.page - 1) * d.list.size + 1;

  const content = html`<h1>Timeline</h1>
<p class="lede">Documents by date. Choose a bar to zoom in, from decades down to single days${d.scripts.length ? ', or drag across bars to select a range' : ''}.</p>
${scopeForm('/timeline', scope, d.collections)}
${d.window ? html`<nav class="crumbs" aria-label="Zoom levels">${crumbs(scope, d.window)}</nav>
<section class="timeline" aria-labelledby="chart-heading">
<h2 id="chart-heading">${UNIT_NAMES[d.unit]}, ${range}</h2>
${unitSwitch(scope, d.window, d.unit)}
<div class="chart-scroll" tabindex="0" role="region" aria-label="Timeline chart, scrolls sideways on small screens">${chart}</div>
<details class="chart-table"><summary>Counts as a table</summary>
<table><caption class="visually-hidden">Documents per ${d.unit}</caption><thead><tr><th scope="col">Period</th><th scope="col">Documents</th></tr></thead>
<tbody>${d.bars.filter((b) => b.count > 0).map((b) => html`<tr><th scope="row"><a href="${zoomHref(b)}">${periodLabel(b.key, d.unit)}</a></th><td>${b.count.toLocaleString('en-US')}</td></tr>`)}</tbody></table>
</details>
</section>` : html`<p class="empty">No dated documents match.</p>`}
<section class="timeline-list" aria-labelledby="list-heading" id="timeline-list">
<h2 id="list-heading">${plural(d.list.total, 'document', 'documents')}${range ? html`, ${range}` : ''}</h2>
${d.list.hits.length ? hitList(d.list.hits, first) : html`<p class="empty">No documents in this range.</p>`}
${pagination(d.list.total, d.list.page, d.list.size, (page) => hrefWith('/timeline', scope, (p) => { if (page > 1) p.set('page', String(page)); }))}
<p><a href="${hrefWith('/search', scope, (p) => p.set('sort', 'date'))}">Open these documents in search</a> to refine them by author, place or topic.</p>
</section>`;
  return layout({ title: range ? `Timeline: ${range}` : 'Timeline', styleHref: d.styleHref, current: 'timeline', bodyClass: 'page-timeline', scripts: d.scripts }, content);
}

/** All time › 1960s › 1962 › October 1962: each level the window sits inside. */
function crumbs(scope: URLSearchParams, window: { from: string; to: string }): SafeHtml {
  const items: HtmlValue[] = [];
  const all = hrefWith('/timeline', scope, (p) => {
    p.delete('from');
    p.delete('to');
  });
  items.push(html`<li><a href="${all}">All dates</a></li>`);
  for (const unit of ['decade', 'year', 'month'] as const) {
    const keys = periodKeys(window.from, window.to, unit, 2);
    if (keys.length !== 1) break;
    const key = keys[0]!;
    // from/to accept partial dates: "1962" is the whole year, "1962-10" the whole month.
    const href = hrefWith('/timeline', scope, (p) => {
      p.set('from', key);
      p.set('to', unit === 'decade' ? String(Number(key) + 9) : key);
    });
    items.push(html`<li><a href="${href}">${periodLabel(key, unit)}</a></li>`);
  }
  return html`<ol>${items}</ol>`;
}

function unitSwitch(scope: URLSearchParams, window: { from: string; to: string }, current: DateUnit): SafeHtml {
  const options = UNITS.filter((u) => periodKeys(window.from, window.to, u).length <= MAX_PERIODS);
  return html`<p class="unit-switch">Bars for: ${options.map((u, i) => {
    const href = hrefWith('/timeline', scope, (p) => p.set('unit', u));
    return html`${i ? ' · ' : ''}${u === current ? html`<strong aria-current="true">${UNIT_NAMES[u]}</strong>` : html`<a href="${href}">${UNIT_NAMES[u]}</a>`}`;
  })}</p>`;
}
