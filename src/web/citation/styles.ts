import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import CSL from 'citeproc';
import type { CslItem } from './csl.js';

export const CSL_STYLES = {
  chicago: { file: 'chicago-notes-bibliography.csl', label: 'Chicago (18th ed., notes and bibliography)' },
  mla: { file: 'modern-language-association.csl', label: 'MLA (9th ed.)' },
  apa: { file: 'apa.csl', label: 'APA (7th ed.)' },
} as const;
export type CslStyleName = keyof typeof CSL_STYLES;

/**
 * The CSL styles and locale ship in src/web/citation/styles (copies of the Citation Style
 * Language project's files, CC BY-SA 3.0, see LICENSE.md there). `tsc` does not copy them to
 * dist/, so the compiled module falls back to the source tree, which ships in the package.
 */
function readStyleFile(name: string): string {
  const candidates = [new URL(`./styles/${name}`, import.meta.url), new URL(`../../../src/web/citation/styles/${name}`, import.meta.url)];
  for (const candidate of candidates) {
    try {
      return readFileSync(fileURLToPath(candidate), 'utf8');
    } catch {
      // try the next place
    }
  }
  throw new Error(`CSL file ${name} not found`);
}

interface StyleEngine {
  engine: InstanceType<typeof CSL.Engine>;
  items: Map<string, CslItem>;
}

const engines = new Map<CslStyleName, StyleEngine>();

/**
 * One citeproc engine per style, built on first use (parsing a 240 kB style takes a while) and
 * reused: rendering is synchronous, so the item map is never shared between two requests.
 */
function engineFor(style: CslStyleName): StyleEngine {
  let entry = engines.get(style);
  if (!entry) {
    const items = new Map<string, CslItem>();
    const locale = readStyleFile('locales-en-US.xml');
    const engine = new CSL.Engine(
      { retrieveLocale: () => locale, retrieveItem: (id: string) => items.get(id) },
      readStyleFile(CSL_STYLES[style].file),
      'en-US',
    );
    entry = { engine, items };
    engines.set(style, entry);
  }
  return entry;
}

/**
 * The bibliography entry of one item in a style, as plain text or as citeproc's HTML (which
 * escapes the item's text and adds only <i>, <b>, <span> and the entry <div>).
 */
export function renderCsl(item: CslItem, style: CslStyleName, format: 'text' | 'html'): string {
  const { engine, items } = engineFor(style);
  const shielded = shieldAngles(item);
  items.clear();
  items.set(shielded.id, shielded);
  engine.setOutputFormat(format);
  // citeproc keeps what it read of an id it already holds: without emptying its registry first, a
  // corrected title would be cited as it was until the server restarts.
  engine.updateItems([]);
  engine.updateItems([shielded.id]);
  const bibliography = engine.makeBibliography();
  items.clear();
  if (!bibliography) return '';
  const entry = bibliography[1].join('').trim();
  return format === 'html' ? entry.replaceAll(LT, '&#60;').replaceAll(GT, '&#62;') : entry.replaceAll(LT, '<').replaceAll(GT, '>');
}

/**
 * citeproc reads `<i>`, `<b>`, `<sup>` … in an item's fields as formatting: a title that quotes
 * markup ("A <b>co</b> note") would lose the tags from a plain-text citation and turn bold in an
 * HTML one. The item's angle brackets are swapped for private-use characters while citeproc
 * renders, and given back as text.
 */
const LT = '\uE000';
const GT = '\uE001';

function shieldAngles<T>(value: T): T {
  if (typeof value === 'string') return value.replaceAll('<', LT).replaceAll('>', GT) as T;
  if (Array.isArray(value)) return value.map(shieldAngles) as T;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shieldAngles(v)])) as T;
  return value;
}

/** Builds every style's engine now rather than on the first reading page (a few seconds each). */
export function warmCitationEngines(): void {
  for (const style of Object.keys(CSL_STYLES) as CslStyleName[]) engineFor(style);
}
