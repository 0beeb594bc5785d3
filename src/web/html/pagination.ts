import { html, type HtmlValue } from './escape.js';

/**
 * Page links: previous/next, the first and last page, and a window around the current one.
 * Plain links, so paging works without JavaScript and crawlers can follow it.
 */
export function pagination(total: number, page: number, size: number, href: (page: number) => string): HtmlValue {
  const pages = Math.max(1, Math.ceil(total / Math.max(1, size)));
  if (pages <= 1 && page <= 1) return '';
  const shown = new Set<number>([1, pages]);
  for (let p = page - 2; p <= page + 2; p++) if (p >= 1 && p <= pages) shown.add(p);
  const sorted = [...shown].sort((a, b) => a - b);
  const items: HtmlValue[] = [];
  let previous = 0;
  for (const p of sorted) {
    if (p - previous > 1) items.push(html`<li class="gap" aria-hidden="true">…</li>`);
    items.push(
      p === page
        ? html`<li><a href="${href(p)}" aria-current="page" aria-label="${`Page ${p}, current page`}">${p}</a></li>`
        : html`<li><a href="${href(p)}" aria-label="${`Page ${p}`}">${p}</a></li>`,
    );
    previous = p;
  }
  return html`<nav class="pagination" aria-label="Pages">
<ul>
${page > 1 ? html`<li><a href="${href(Math.min(page - 1, pages))}" rel="prev">← Previous</a></li>` : ''}
${items}
${page < pages ? html`<li><a href="${href(page + 1)}" rel="next">Next →</a></li>` : ''}
</ul>
</nav>`;
}
