import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Static files under src/web/assets (the stylesheet and the small enhancement scripts), read
 * once at start-up. Each URL carries a content hash, so a file can be cached for a year and
 * still change on the next release. `tsc` does not copy them into dist/, so the compiled module
 * (dist/web/) falls back to the source tree, which ships in the package.
 */
export const ASSET_FILES = {
  'style.css': 'text/css; charset=utf-8',
  'enhance.js': 'text/javascript; charset=utf-8',
  'facets.js': 'text/javascript; charset=utf-8',
  'timeline.js': 'text/javascript; charset=utf-8',
  'network.js': 'text/javascript; charset=utf-8',
  'map.js': 'text/javascript; charset=utf-8',
  'viewer.js': 'text/javascript; charset=utf-8',
  'favicon.svg': 'image/svg+xml',
} as const;
export type AssetName = keyof typeof ASSET_FILES;

export interface Asset {
  body: string;
  hash: string;
  /** The URL pages link to: /assets/NAME?v=<hash>. */
  href: string;
  contentType: string;
}

/** Kept for the stylesheet's callers. */
export interface Stylesheet {
  css: string;
  hash: string;
  href: string;
}

function candidates(name: string): URL[] {
  return [new URL(`./assets/${name}`, import.meta.url), new URL(`../../src/web/assets/${name}`, import.meta.url)];
}

export function hashOf(body: string): string {
  return createHash('sha256').update(body).digest('hex').slice(0, 12);
}

function load(name: AssetName): Asset {
  for (const candidate of candidates(name)) {
    let body: string;
    try {
      body = readFileSync(fileURLToPath(candidate), 'utf8');
    } catch {
      continue;
    }
    const hash = hashOf(body);
    return { body, hash, href: `/assets/${name}?v=${hash}`, contentType: ASSET_FILES[name] };
  }
  throw new Error(`${name} not found (looked in ${candidates(name).map((c) => fileURLToPath(c)).join(', ')})`);
}

const cache = new Map<AssetName, Asset>();

export function asset(name: AssetName): Asset {
  let found = cache.get(name);
  if (!found) {
    found = load(name);
    cache.set(name, found);
  }
  return found;
}

export function isAssetName(name: string): name is AssetName {
  return Object.hasOwn(ASSET_FILES, name);
}

export function stylesheet(): Stylesheet {
  const a = asset('style.css');
  return { css: a.body, hash: a.hash, href: a.href };
}

/** The URL of a script for a page's <head>. */
export function scriptHref(name: AssetName): string {
  return asset(name).href;
}
