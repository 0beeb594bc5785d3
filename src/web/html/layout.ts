import { asset } from '../assets.js';
import { html, type HtmlValue, type SafeHtml } from './escape.js';

export type NavSection = 'home' | 'search' | 'timeline' | 'map' | 'network' | 'people' | 'places' | 'topics';

const NAV: [NavSection, string, string][] = [
  ['search', '/search', 'Search'],
  ['timeline', '/timeline', 'Timeline'],
  ['map', '/map', 'Map'],
  ['network', '/network', 'Network'],
  ['people', '/people', 'People'],
  ['places', '/places', 'Places'],
  ['topics', '/topics', 'Topics'],
];

export interface LayoutOptions {
  /** The page's <title> (the site name is appended). */
  title: string;
  /** Link to the stylesheet, with its content hash. */
  styleHref: string;
  /** Extra <head> content: citation metadata, canonical and alternate links. */
  head?: HtmlValue;
  /** The search page has its own search box; others show a compact one in the header. */
  headerSearch?: boolean;
  /** Marks the current section in the navigation. */
  current?: NavSection;
  /** Enhancement scripts (module files under /assets); every page works without them. */
  scripts?: string[];
  /** Class on <body>, for page-specific layout. */
  bodyClass?: string;
}

/**
 * Every page: a skip link as the first focusable element, header with site navigation, one
 * <main id="main"> for the page's content (which carries the page's only h1), and a footer.
 */
export function layout(options: LayoutOptions, content: HtmlValue): SafeHtml {
  const headerSearch = options.headerSearch ?? true;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · Archivum</title>
<link rel="stylesheet" href="${options.styleHref}">
<link rel="icon" href="${asset('favicon.svg').href}" type="image/svg+xml">
${(options.scripts ?? []).map((src) => html`<script type="module" src="${src}"></script>
`)}${options.head ?? ''}
</head>
<body${options.bodyClass ? html` class="${options.bodyClass}"` : ''}>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
<div class="site-header-inner">
<a class="site-name" href="/"${options.current === 'home' ? html` aria-current="page"` : ''}>Archivum</a>
<nav class="site-nav" aria-label="Site">
<ul>
${NAV.map(([section, href, label]) => html`<li><a href="${href}"${options.current === section ? html` aria-current="page"` : ''}>${label}</a></li>`)}
</ul>
</nav>
${headerSearch ? html`<form class="header-search" role="search" action="/search" method="get">
<label for="header-q" class="visually-hidden">Search the archive</label>
<input id="header-q" name="q" type="search" placeholder="Search the archive" autocomplete="off">
<button type="submit">Search</button>
</form>` : ''}
</div>
</header>
<main id="main" tabindex="-1">
${content}
</main>
<footer class="site-footer">
<p>Archivum — an open digital archive of historical primary sources. Every record is also available as <abbr title="JavaScript Object Notation">JSON</abbr> through the public API.</p>
</footer>
</body>
</html>
`;
}
