import { html, type SafeHtml } from './escape.js';
import { plural } from './format.js';

export interface Bar {
  key: string;
  /** Spoken and tooltip label ("October 1962"), and the short tick under the bar ("Oct"). */
  label: string;
  tick: string;
  count: number;
  start: string;
  end: string;
  /** Where the bar leads (zoom into the period, or filter by it); empty bars have no link. */
  href?: string;
  active?: boolean;
}

export interface BarChartOptions {
  id: string;
  /** Accessible name of the chart. */
  title: string;
  width: number;
  height: number;
  /** Draw tick labels under the bars (the small search-page histogram has none). */
  ticks: boolean;
}

/**
 * A bar chart as inline SVG: one link per non-empty bar (a keyboard user tabs through them, a
 * screen reader hears "October 1962: 37 documents"), a fixed viewBox so the page does not shift
 * when it loads, and colours from the stylesheet, so the dark scheme and print apply. Bars carry
 * their period in data attributes for the brushing script.
 */
export function barChart(bars: Bar[], o: BarChartOptions): SafeHtml {
  const labelSpace = o.ticks ? 28 : 2;
  const top = o.ticks ? 18 : 4;
  const plot = o.height - labelSpace - top;
  const max = Math.max(1, ...bars.map((b) => b.count));
  const step = o.width / Math.max(1, bars.length);
  const gap = step > 6 ? Math.min(2, step * 0.15) : 0;
  const every = Math.max(1, Math.ceil(bars.length / Math.max(1, Math.floor(o.width / 70))));
  const y0 = top + plot;
  return html`<svg class="bar-chart" id="${o.id}" viewBox="0 0 ${o.width} ${o.height}" aria-labelledby="${o.id}-title" data-count="${bars.length}">
<title id="${o.id}-title">${o.title}</title>
<line class="axis" x1="0" x2="${o.width}" y1="${y0 + 0.5}" y2="${y0 + 0.5}"></line>
${bars.map((b, i) => {
    const h = b.count ? Math.max(2, (b.count / max) * plot) : 0;
    const x = i * step;
    const rect = html`<rect class="bar-hit" x="${fix(x)}" y="${top}" width="${fix(step)}" height="${plot}"></rect><rect class="bar" x="${fix(x + gap / 2)}" y="${fix(y0 - h)}" width="${fix(Math.max(0.5, step - gap))}" height="${fix(h)}"></rect>`;
    // With room for it, the count stands on its bar (the accessible name says it too).
    const value = o.ticks && step >= 18 && b.count > 0 ? html`<text class="bar-value" x="${fix(x + step / 2)}" y="${fix(y0 - h - 4)}" text-anchor="middle" aria-hidden="true">${b.count}</text>` : '';
    const tick = o.ticks && i % every === 0 ? html`<text class="tick" x="${fix(x + step / 2)}" y="${o.height - 8}" text-anchor="middle" aria-hidden="true">${b.tick}</text>` : '';
    const name = `${b.label}: ${plural(b.count, 'document', 'documents')}`;
    const attrs = html` data-start="${b.start}" data-end="${b.end}" data-index="${i}"`;
    if (b.href && b.count > 0) {
      return html`<a class="bar-link${b.active ? ' active' : ''}" href="${b.href}" aria-label="${name}"${attrs}><title>${name}</title>${rect}</a>${value}${tick}`;
    }
    return html`<g class="bar-empty"${attrs} aria-hidden="true">${rect}</g>${tick}`;
  })}
</svg>`;
}

function fix(n: number): string {
  return (Math.round(n * 10) / 10).toString();
}
