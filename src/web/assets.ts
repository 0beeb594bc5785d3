import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The stylesheet is a plain file (src/web/assets/style.css) read once at start-up. Its URL
 * carries a content hash, so it can be cached for a year and still change on the next release.
 * `tsc` does not copy .css into dist/, so the compiled module (dist/web/) falls back to the
 * source tree, which ships in the package.
 */
const CANDIDATES = [
  new URL('./assets/style.css', import.meta.url),
  new URL('../../src/web/assets/style.css', import.meta.url),
];

export interface Stylesheet {
  css: string;
  hash: string;
  /** The URL pages link to: /assets/style.css?v=<hash>. */
  href: string;
}

function load(): Stylesheet {
  for (const candidate of CANDIDATES) {
    let css: string;
    try {
      css = readFileSync(fileURLToPath(candidate), 'utf8');
    } catch {
      continue;
    }
    const hash = createHash('sha256').update(css).digest('hex').slice(0, 12);
    return { css, hash, href: `/assets/style.css?v=${hash}` };
  }
  throw new Error(`style.css not found (looked in ${CANDIDATES.map((c) => fileURLToPath(c)).join(', ')})`);
}

let cached: Stylesheet | undefined;

export function stylesheet(): Stylesheet {
  cached ??= load();
  return cached;
}
