import type { CollectionView, Correspondence, CorrespondentNode } from '../../store/types.js';
import { forceLayout } from '../network/layout.js';
import { html, type SafeHtml } from './escape.js';
import { displayDate, plural, urls } from './format.js';
import { layout } from './layout.js';
import { hrefWith, scopeForm } from './scope-form.js';

export interface NetworkData {
  styleHref: string;
  scripts: string[];
  params: URLSearchParams;
  network: Correspondence;
  collections: CollectionView[];
  /** How many edges the store was asked for (the heaviest are shown). */
  limit: number;
}

const WIDTH = 960;
const HEIGHT = 620;
/** Names drawn next to their nodes; the others are named on hover, focus and in the table. */
const LABELLED = 24;

/** "Khrushchev, Nikita S." → "Khrushchev"; other names as written. */
export function shortName(name: string): string {
  const comma = name.indexOf(',');
  return comma > 0 ? name.slice(0, comma) : name;
}

/** Letters from one person (in scope): the search for author=id. */
function personHref(scope: URLSearchParams, id: string): string {
  return hrefWith('/search', scope, (p) => {
    p.append('person', id);
    p.set('sort', 'date');
  });
}

/**
 * Who wrote to whom: people as circles sized by their letters, arrows from author to recipient
 * as wide as the number of documents. Every node and edge is a link to the documents behind it,
 * and the same information is given as two tables, so the picture is never the only way in.
 */
export function networkPage(d: NetworkData): SafeHtml {
  const { nodes, edges } = d.network;
  const scope = d.params;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const ordered = [...nodes].sort((a, b) => b.sent + b.received - (a.sent + a.received) || a.name.localeCompare(b.name));
  const maxNode = Math.max(1, ...nodes.map((n) => n.sent + n.received));
  const radius = (n: CorrespondentNode) => 5 + 17 * Math.sqrt((n.sent + n.received) / maxNode);
  const positions = forceLayout(
    ordered.map((n) => ({ id: n.id, weight: n.sent + n.received, radius: radius(n) })),
    edges.map((e) => ({ from: e.from, to: e.to, weight: e.count })),
    WIDTH,
    HEIGHT,
    60,
  );
  const maxEdge = Math.max(1, ...edges.map((e) => e.count));
  const labelled = new Set(ordered.slice(0, LABELLED).map((n) => n.id));
  const pairs = new Set(edges.map((e) => `${e.from}\u0000${e.to}`));

  const edgeSvg = edges.map((e) => {
    const a = positions.get(e.from);
    const b = positions.get(e.to);
    const from = byId.get(e.from);
    const to = byId.get(e.to);
    if (!a || !b || !from || !to) return '';
    // Letters both ways are two arcs bending apart; one way is a straight line.
    const bend = pairs.has(`${e.to}\u0000${e.from}`) ? 0.18 : 0;
    const [mx, my] = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
    const [nx, ny] = [-(b[1] - a[1]) * bend, (b[0] - a[0]) * bend];
    // Stop the arrow at the recipient's edge.
    const [cx, cy] = [mx + nx, my + ny];
    const len = Math.hypot(b[0] - cx, b[1] - cy) || 1;
    const r = radius(to) + 3;
    const end: [number, number] = [b[0] - ((b[0] - cx) / len) * r, b[1] - ((b[1] - cy) / len) * r];
    const width = 1 + 5 * Math.sqrt(e.count / maxEdge);
    const name = `${from.name} to ${to.name}: ${plural(e.count, 'document', 'documents')}`;
    const href = hrefWith('/search', scope, (p) => {
      p.append('author', e.from);
      p.append('recipient', e.to);
      p.set('sort', 'date');
    });
    return html`<a class="edge" href="${href}" aria-label="${name}" data-from="${e.from}" data-to="${e.to}"><title>${name}</title><path d="M${f(a[0])} ${f(a[1])} Q${f(cx)} ${f(cy)} ${f(end[0])} ${f(end[1])}" stroke-width="${f(width)}" marker-end="url(#arrow)"></path></a>`;
  });

  const nodeSvg = ordered.map((n) => {
    const p = positions.get(n.id);
    if (!p) return '';
    const r = radius(n);
    const name = `${n.name}: wrote ${plural(n.sent, 'document', 'documents')}, received ${n.received}`;
    // Names go to the right of the circle unless they would run off the frame (13 px bold ≈ 7.5 px a character).
    const left = p[0] + r + 4 + shortName(n.name).length * 7.5 > WIDTH;
    return html`<a class="node" href="${personHref(scope, n.id)}" aria-label="${name}" data-id="${n.id}"><title>${name}</title><circle cx="${f(p[0])}" cy="${f(p[1])}" r="${f(r)}"></circle>${labelled.has(n.id) ? html`<text x="${f(left ? p[0] - r - 4 : p[0] + r + 4)}" y="${f(p[1] + 4)}"${left ? html` text-anchor="end"` : ''}>${shortName(n.name)}</text>` : ''}</a>`;
  });

  const content = html`<h1>Correspondence network</h1>
<p class="lede">Who wrote to whom: each arrow runs from author to recipient and is as wide as the number of documents between them. Choose a person or an arrow to read the documents.</p>
${scopeForm('/network', scope, d.collections)}
${nodes.length ? html`<section class="network" aria-labelledby="graph-heading">
<h2 id="graph-heading">${plural(nodes.length, 'correspondent', 'correspondents')}, ${plural(edges.length, 'connection', 'connections')}</h2>
${edges.length >= d.limit ? html`<p class="help">Showing the ${d.limit} heaviest connections; narrow the dates or the collection to see the others.</p>` : ''}
<div class="chart-scroll" tabindex="0" role="region" aria-label="Network graph, scrolls sideways on small screens">
<svg class="network-graph" viewBox="0 0 ${WIDTH} ${HEIGHT}" aria-labelledby="network-title">
<title id="network-title">Correspondence network: ${plural(nodes.length, 'person', 'people')}</title>
<defs><marker id="arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="3" markerHeight="3" orient="auto-start-reverse"><path class="arrow-head" d="M0 0L10 5L0 10z"></path></marker></defs>
<g class="edges">${edgeSvg}</g>
<g class="nodes">${nodeSvg}</g>
</svg>
</div>
</section>
<section aria-labelledby="people-table-heading">
<h2 id="people-table-heading">Correspondents</h2>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="people-table-heading">
<table class="data-table">
<thead><tr><th scope="col">Person</th><th scope="col">Wrote</th><th scope="col">Received</th><th scope="col">Documents</th></tr></thead>
<tbody>${ordered.map((n) => html`<tr><th scope="row"><a href="${urls.person(n.id)}">${n.name}</a></th><td>${n.sent}</td><td>${n.received}</td><td><a href="${personHref(scope, n.id)}" aria-label="${`List documents of ${n.name}`}">List</a></td></tr>`)}</tbody>
</table></div>
</section>
<section aria-labelledby="edges-table-heading">
<h2 id="edges-table-heading">Connections</h2>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="edges-table-heading">
<table class="data-table">
<thead><tr><th scope="col">From</th><th scope="col">To</th><th scope="col">Documents</th><th scope="col">First</th><th scope="col">Last</th></tr></thead>
<tbody>${edges.map((e) => {
    const from = byId.get(e.from)?.name ?? e.from;
    const to = byId.get(e.to)?.name ?? e.to;
    const href = hrefWith('/search', scope, (p) => {
      p.append('author', e.from);
      p.append('recipient', e.to);
      p.set('sort', 'date');
    });
    return html`<tr><td>${from}</td><td>${to}</td><td><a href="${href}" aria-label="${`${plural(e.count, 'document', 'documents')} from ${from} to ${to}`}">${e.count}</a></td><td>${e.first ? displayDate(e.first) : ''}</td><td>${e.last ? displayDate(e.last) : ''}</td></tr>`;
  })}</tbody>
</table></div>
</section>` : html`<p class="empty">No letters with both an author and a recipient match.</p>`}`;
  return layout({ title: 'Correspondence network', styleHref: d.styleHref, current: 'network', bodyClass: 'page-network', scripts: d.scripts }, content);
}

function f(n: number): string {
  return (Math.round(n * 10) / 10).toString();
}
