import { xmlElement, xmlText, xmlTextElement } from '../../export/xml.js';

const NS = 'http://www.w3.org/2005/Atom';

export interface AtomEntry {
  /** The document's absolute URL: stable (CONTRACT.md), so it serves as the entry's permanent id too. */
  id: string;
  title: string;
  /** RFC 3339 (`2026-11-27T22:00:00Z`). */
  updated: string;
  link: string;
  /** Names; none means the entry takes the feed's author (RFC 4287 §4.1.1). */
  authors: readonly string[];
  summary?: string | undefined;
}

export interface AtomFeed {
  id: string;
  title: string;
  updated: string;
  selfHref: string;
  alternateHref: string;
  /** The feed-level author, which every entry without authors of its own inherits. */
  author: { name: string; uri?: string | undefined };
  entries: readonly AtomEntry[];
}

function authorXml(name: string, uri?: string): string {
  return xmlElement('author', {}, xmlTextElement('name', name) + xmlTextElement('uri', uri));
}

/**
 * Title and name are required and must not be empty; `xmlTextElement` drops blank text, so these
 * are written with `xmlText` directly (the caller guarantees a non-blank value).
 */
function required(name: string, text: string): string {
  return `<${name}>${xmlText(text)}</${name}>`;
}

function entryXml(entry: AtomEntry): string {
  return xmlElement(
    'entry',
    {},
    required('id', entry.id) +
      required('title', entry.title) +
      required('updated', entry.updated) +
      xmlElement('link', { rel: 'alternate', type: 'text/html', href: entry.link }) +
      entry.authors.map((name) => authorXml(name)).join('') +
      xmlTextElement('summary', entry.summary),
  );
}

/** An Atom 1.0 feed document (RFC 4287). Text constructs are plain text, escaped. */
export function atomFeedXml(feed: AtomFeed): string {
  const head =
    required('id', feed.id) +
    required('title', feed.title) +
    required('updated', feed.updated) +
    xmlElement('link', { rel: 'self', type: 'application/atom+xml', href: feed.selfHref }) +
    xmlElement('link', { rel: 'alternate', type: 'text/html', href: feed.alternateHref }) +
    authorXml(feed.author.name, feed.author.uri);
  const entries = feed.entries.map(entryXml).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="${NS}">\n${head}\n${entries}${entries ? '\n' : ''}</feed>\n`;
}
