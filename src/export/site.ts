import { xmlElement, xmlText } from './xml.js';

/**
 * The archive's public addresses, as the exports cite them: an export is read away from the
 * archive, so every link in it is absolute. The routes are those of CONTRACT.md.
 */
export class SiteLinks {
  readonly root: string;

  /** `baseUrl` as {@link baseUrlProblem} accepts it; written as the URL parser spells it (a space as %20). */
  constructor(baseUrl: string) {
    let href = baseUrl;
    try {
      href = new URL(baseUrl).href;
    } catch {
      // Checked by the caller; kept as given so a test's odd base still names its links.
    }
    this.root = `${href.replace(/\/+$/, '')}/`;
  }

  document(id: string): string {
    return `${this.root}documents/${encodeURIComponent(id)}`;
  }

  person(id: string): string {
    return `${this.root}people/${encodeURIComponent(id)}`;
  }

  place(id: string): string {
    return `${this.root}places/${encodeURIComponent(id)}`;
  }

  topic(id: string): string {
    return `${this.root}topics/${encodeURIComponent(id)}`;
  }

  collection(slug: string): string {
    return `${this.root}collections/${encodeURIComponent(slug)}`;
  }

  /** The archive as the publisher of an exported file: its host, linked to its address. */
  publisherXml(): string {
    return xmlElement('publisher', {}, xmlElement('ref', { target: this.root }, xmlText(this.host)));
  }

  /** The host the archive is served from ("archive.example.org"), to name it where no title is set. */
  get host(): string {
    try {
      return new URL(this.root).host || this.root;
    } catch {
      return this.root;
    }
  }
}

/** Checks an export's `--base-url`: an absolute http(s) address, or the reason it is not. */
export function baseUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value}" is not an absolute URL (for example https://archive.example.org)`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `"${value}" is not an http or https address`;
  if (url.search || url.hash) return `"${value}" has a query or fragment; give the address the archive is served at`;
  return null;
}
