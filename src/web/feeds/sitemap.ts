import { xmlElement, xmlTextElement } from '../../export/xml.js';

/** sitemaps.org 0.9: at most this many URLs in one file, and as many sitemaps in one index. */
export const SITEMAP_MAX_URLS = 50_000;

const NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** One `<url>` or `<sitemap>` entry: an absolute address and, when known, when it last changed. */
export interface SitemapEntry {
  loc: string;
  /** W3C Datetime (`2026-11-27T22:00:00Z`); left out when unknown. */
  lastmod?: string | undefined;
}

function entryXml(element: 'url' | 'sitemap', entry: SitemapEntry): string {
  return xmlElement(element, {}, xmlTextElement('loc', entry.loc) + xmlTextElement('lastmod', entry.lastmod));
}

/** A `urlset`: the pages themselves. */
export function urlsetXml(entries: readonly SitemapEntry[]): string {
  // One entry a line: a 50,000-entry file stays readable with head and grep.
  const body = entries.map((e) => entryXml('url', e)).join('\n');
  return `${DECLARATION}<urlset xmlns="${NS}">\n${body}\n</urlset>\n`;
}

/** A `sitemapindex`: the part files, for an archive with more URLs than one file may hold. */
export function sitemapIndexXml(parts: readonly SitemapEntry[]): string {
  const body = parts.map((e) => entryXml('sitemap', e)).join('\n');
  return `${DECLARATION}<sitemapindex xmlns="${NS}">\n${body}\n</sitemapindex>\n`;
}
