import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

/**
 * WCAG 2.x contrast of the stylesheet's colour pairs, in the light and the dark scheme: text
 * needs 4.5:1, focus rings 3:1 against the page. Changing a colour re-runs the check.
 */
const css = readFileSync(new URL('../../src/web/assets/style.css', import.meta.url), 'utf8');

function variables(block: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of block.matchAll(/--([a-z-]+):\s*(#[0-9a-f]{6})\s*;/gi)) out[m[1]!] = m[2]!;
  return out;
}

const light = variables(/:root\s*\{([^}]*)\}/.exec(css)![1]!);
const darkBlock = /@media \(prefers-color-scheme: dark\)\s*\{\s*:root\s*\{([^}]*)\}/.exec(css);
const dark = { ...light, ...variables(darkBlock![1]!) };

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

const TEXT_PAIRS: [string, string][] = [
  ['text', 'bg'], ['muted', 'bg'], ['link', 'bg'], ['link-visited', 'bg'],
  ['text', 'panel'], ['muted', 'panel'], ['link', 'panel'], ['link-visited', 'panel'],
  ['mark-text', 'mark'], ['link', 'chip'], ['header-text', 'header-bg'], ['error-text', 'error-bg'],
  ['on-link', 'link'],
];

for (const [scheme, vars] of [['light', light], ['dark', dark]] as const) {
  test(`${scheme} scheme: every text colour meets WCAG AA (4.5:1) on its background`, () => {
    for (const [fg, bg] of TEXT_PAIRS) {
      assert.ok(vars[fg] && vars[bg], `--${fg} and --${bg} are defined`);
      const ratio = contrast(vars[fg]!, vars[bg]!);
      assert.ok(ratio >= 4.5, `${scheme}: --${fg} on --${bg} is ${ratio.toFixed(2)}:1`);
    }
  });

  test(`${scheme} scheme: the focus ring stands out (3:1) against the page and panels`, () => {
    for (const bg of ['bg', 'panel']) {
      const ratio = contrast(vars.focus!, vars[bg]!);
      assert.ok(ratio >= 3, `${scheme}: --focus on --${bg} is ${ratio.toFixed(2)}:1`);
    }
  });
}
