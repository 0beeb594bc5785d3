/// <reference lib="dom" />
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { getRequestListener } from '@hono/node-server';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildIngestRecord } from '../../src/domain/index.js';
import { loadDemo } from '../../src/ingest/demo.js';
import { parseSearchParams } from '../../src/search/params.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { PUBLIC, type ArchiveStore } from '../../src/store/types.js';
import { createApp } from '../../src/web/app.js';
import { BROWSER_FIXTURES, MEDIA_PATH, pageImage } from './browser-fixtures.js';

/**
 * The browser suite: a real Chromium (Debian's, /usr/bin/chromium) driven by playwright-core
 * against the demo archive plus the October 1962 fixtures, served by createApp on an ephemeral
 * port. Journeys by mouse, by keyboard alone and with JavaScript off; axe-core on every page
 * type; screenshots at desktop and phone widths in test-results/screenshots/.
 */
const CHROMIUM = '/usr/bin/chromium';
const OUT = join(process.cwd(), 'test-results');
const SHOTS = join(OUT, 'screenshots');
const SEED = 'khrushchev-to-castro-1963-01-31';
const LETTER = 'crisis-1962-10-26-nk';
const NOW = new Date('2025-06-01T12:00:00Z');

let dir: string;
let store: ArchiveStore;
let server: Server;
let base: string;
let browser: Browser;
let context: BrowserContext;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** Console errors of every page (a CSP violation, a script error): none are allowed. */
const consoleErrors: string[] = [];

const PAGE_TYPES: [string, string][] = [
  ['home', '/'],
  ['search', '/search?q=missiles&sort=date'],
  ['search-facets', '/search?author=khrushchev-nikita-s&sort=date'],
  ['reading', `/documents/${LETTER}`],
  ['reading-seed', `/documents/${SEED}`],
  ['reading-compare', `/documents/${LETTER}?compare=0`],
  ['timeline', '/timeline'],
  ['timeline-october-1962', '/timeline?from=1962-10-15&to=1962-11-05'],
  ['map', '/map'],
  ['network', '/network'],
  ['people', '/people'],
  ['places', '/places'],
  ['topics', '/topics'],
  ['person', '/people/khrushchev-nikita-s'],
  ['place', '/places/moscow'],
  ['collection', '/collections/cuban-crisis-1962'],
  ['not-found', '/documents/no-such-document'],
];

/** Candidates for docs/screenshots (README): the viewport, or one section of the page. */
const DOC_SHOTS: Record<string, string | null> = {
  reading: null,
  'reading-frus': null,
  'search-facets': null,
  'timeline-october-1962': null,
  map: '.map',
  network: 'section.network',
  home: null,
};

async function open(path: string, width = 1280, ctx: BrowserContext = context): Promise<Page> {
  const page = await ctx.newPage();
  await page.setViewportSize({ width, height: width > 600 ? 900 : 800 });
  page.on('console', (msg) => {
    // The not-found page is answered with status 404, which Chromium logs as a failed load.
    if (msg.type() === 'error' && !(path.includes('no-such-document') && msg.text().includes('404'))) consoleErrors.push(`${path}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => consoleErrors.push(`${path}: ${err.message}`));
  const res = await page.goto(base + path, { waitUntil: 'load' });
  assert.ok(res, path);
  return page;
}

/** Marks the window, so a later check can tell a full reload (the mark is gone) from an in-page update. */
async function mark(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { archivumMark: number }).archivumMark = 1;
  });
}
async function stillMarked(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { archivumMark?: number }).archivumMark === 1);
}

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

async function axe(page: Page): Promise<AxeViolation[]> {
  // page.evaluate runs through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: AxeViolation[] }> } };
    const result = await w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })) }));
  });
}

before(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: the browser tests need Debian's chromium (apt-get install -y chromium; .ci/run installs it).`);
  }
  mkdirSync(SHOTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'archivum-browser-'));
  store = openSqliteStore(join(dir, 'archive.db'));
  await loadDemo(store);
  for (const input of BROWSER_FIXTURES) await store.upsertRecord(buildIngestRecord(input));
  const app = createApp({ store, now: () => NOW });
  const listener = getRequestListener(app.fetch);
  server = createServer((req, res) => {
    // The fixtures' page images, served by the test server like any same-origin media.
    const m = req.url?.startsWith(MEDIA_PATH) ? /page-(\d)\.svg$/.exec(req.url) : null;
    if (m) {
      res.writeHead(200, { 'Content-Type': 'image/svg+xml' });
      res.end(pageImage(Number(m[1])));
      return;
    }
    void listener(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  context = await browser.newContext({ reducedMotion: 'reduce' });
  // Warm the citation engines (citeproc parses its CSL styles on first use).
  await fetch(`${base}/documents/${SEED}`);
});

after(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('browser', () => {
  it('every page type: no axe violations (WCAG 2.2 AA), no layout shift, no overflow at 360 px; screenshots', async () => {
    const problems: string[] = [];
    // The demo holds FRUS 1961–63 vol. VI: a FRUS document (source note, many footnotes), the
    // volume, and its preface.
    assert.ok(await store.getDocument('frus1961-63v06-d60', PUBLIC), 'the demo holds FRUS 1961–63 vol. VI');
    const frus: [string, string][] = [
      ['reading-frus', '/documents/frus1961-63v06-d60'],
      ['volume', '/collections/frus1961-63v06'],
      ['volume-preface', '/collections/frus1961-63v06/sections/preface'],
    ];
    for (const [name, path] of [...PAGE_TYPES, ...frus]) {
      const page = await open(path);
      // Layout shift while loading, as Chromium measures it.
      const cls = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            let total = 0;
            new PerformanceObserver((list) => {
              for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) if (!e.hadRecentInput) total += e.value;
            }).observe({ type: 'layout-shift', buffered: true });
            setTimeout(() => resolve(total), 300);
          }),
      );
      if (cls > 0.01) problems.push(`${name}: layout shift ${cls.toFixed(3)}`);
      for (const v of await axe(page)) problems.push(`${name} desktop: ${v.id} (${v.impact}) ${v.help} at ${JSON.stringify(v.nodes)}`);
      await page.screenshot({ path: join(SHOTS, `${name}-desktop.png`), fullPage: name !== 'places' && name !== 'people' });
      if (name in DOC_SHOTS) {
        const selector = DOC_SHOTS[name];
        const file = join(SHOTS, `docs-${name}.png`);
        await (selector ? page.locator(selector).first().screenshot({ path: file }) : page.screenshot({ path: file }));
      }
      await page.setViewportSize({ width: 360, height: 800 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow > 0) problems.push(`${name}: ${overflow}px wider than a 360 px screen`);
      await page.setViewportSize({ width: 375, height: 812 });
      for (const v of await axe(page)) problems.push(`${name} phone: ${v.id} (${v.impact}) ${v.help} at ${JSON.stringify(v.nodes)}`);
      await page.screenshot({ path: join(SHOTS, `${name}-phone.png`) });
      await page.close();
    }
    assert.deepEqual(problems, []);
  });

  it('search → facet → open → cite, with facets applied in place (no full reload) and the back button', async () => {
    const page = await open('/search?q=knot');
    await mark(page);
    const total = Number((await page.textContent('.result-count'))?.match(/\d+/)?.[0]);
    await page.locator('input[type="checkbox"][name="author"][value="khrushchev-nikita-s"]').check();
    await page.waitForURL(/author=khrushchev-nikita-s/);
    await page.waitForFunction((t) => !document.querySelector('.result-count')?.textContent?.startsWith(`${t} `), total);
    assert.ok(await stillMarked(page), 'the facet applied without a full reload');
    assert.ok(await page.isChecked('input[type="checkbox"][name="author"][value="khrushchev-nikita-s"]'), 'the checkbox keeps its state and focus target');
    assert.ok((await page.locator('.chip', { hasText: /Author: .*Khrushchev/ }).count()) === 1, 'an active-filter chip');
    const hits = await page.locator('.hit-title a').allTextContents();
    assert.ok(hits.length > 0);
    await page.goBack();
    await page.waitForURL((u) => !u.search.includes('author='));
    assert.ok(await stillMarked(page), 'back restores the previous results in place');
    await page.goForward();
    await page.waitForURL(/author=khrushchev-nikita-s/);
    await page.getByRole('link', { name: 'Message from Chairman Khrushchev to President Kennedy', exact: true }).click();
    await page.waitForURL(new RegExp(`/documents/${LETTER}$`));
    const chicago = await page.textContent('.citation[data-style="chicago"]');
    assert.match(chicago ?? '', /Khrushchev.*\. “Message from Chairman Khrushchev to President Kennedy\.” Letter\. October 26, 1962\./);
    assert.match((await page.textContent('.citation[data-style="apa"]')) ?? '', /\(1962\)/);
    const bibtex = await page.request.get(base + (await page.getAttribute('.cite-links a:text("BibTeX")', 'href'))!);
    assert.equal(bibtex.headers()['content-type']?.split(';')[0], 'application/x-bibtex');
    assert.match(await bibtex.text(), /^@unpublished\{crisis-1962-10-26-nk,/);
    await page.close();
  });

  it('a long facet narrows as one types, and Enter finds values among all of them', async () => {
    const page = await open('/search');
    const box = page.locator('.facet-filter input').first();
    const name = (await box.getAttribute('name'))!;
    const facet = name.replace(/Match$/, '');
    const fieldset = page.locator(`fieldset[data-facet="${facet}"]`);
    const first = (await fieldset.locator('.facet-value').first().textContent())!;
    const needle = first.slice(0, 4).toLowerCase();
    await box.fill(needle);
    const visible = await fieldset.locator('li:not([hidden]) .facet-value').allTextContents();
    assert.ok(visible.length > 0 && visible.every((v) => v.toLowerCase().includes(needle)), visible.join(' | '));
    await box.press('Enter');
    await page.waitForURL(new RegExp(`${name}=${encodeURIComponent(needle)}`));
    const found = await page.locator(`fieldset[data-facet="${facet}"] .facet-value`).allTextContents();
    assert.ok(found.length > 0 && found.every((v) => v.toLowerCase().includes(needle)), found.join(' | '));
    await page.close();
  });

  it('with JavaScript disabled, search with facets and reading still work', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const page = await open('/search?q=missiles', 1280, noJs);
    await page.locator('input[type="checkbox"][name="author"][value="castro-fidel"]').check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/author=castro-fidel/);
    const titles = await page.locator('.hit-title a').allTextContents();
    assert.ok(titles.length > 0 && titles.every((t) => /Castro|Khrushchev/.test(t)), titles.join(' | '));
    // A year bar of the histogram sets the date range.
    await page.goto(`${base}/search?author=khrushchev-nikita-s`);
    await page.locator('#year-histogram a[aria-label^="1962"]').click();
    await page.waitForURL(/from=1962-01-01&to=1962-12-31/);
    await page.goto(`${base}/documents/${LETTER}`);
    await page.locator('.note-ref a').first().click();
    await page.waitForURL(/#fn/);
    assert.ok(await page.locator('.footnote:target').isVisible(), 'the note is reached');
    await page.locator('.footnote:target .footnote-back').first().click();
    assert.match(page.url(), /#fn-1-ref$/);
    await page.locator('.version summary').first().click();
    await page.getByRole('link', { name: 'Show side by side with the reading text' }).click();
    await page.waitForURL(/compare=0/);
    assert.equal(await page.locator('.parallel [lang="ru"]').count(), 1);
    assert.ok((await page.locator('.doc-images img').count()) === 2, 'page images without the viewer script');
    await noJs.close();
  });

  it('timeline: October 1962 is days, not one bar; brushing a range filters the list in place', async () => {
    const page = await open('/timeline');
    // Zoom in by the bars (decades → years → months → days, from whatever the span starts at).
    for (let level = 0; level < 4 && !(await page.textContent('#chart-heading'))?.startsWith('Days'); level++) {
      const links = await page.locator('#timeline-chart a.bar-link').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
      const index = links.findIndex((l) => /^(1960s|1962|October 1962):/.test(l));
      assert.ok(index >= 0, links.join(', '));
      const heading = await page.textContent('#chart-heading');
      await page.locator('#timeline-chart a.bar-link').nth(index).click();
      await page.waitForFunction((l) => document.querySelector('#chart-heading')?.textContent !== l, heading);
    }
    const days = await page.locator('#timeline-chart a.bar-link').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    assert.ok(days.length >= 8, `October 1962 shows ${days.length} days with documents: ${days.join(', ')}`);
    assert.ok(days.some((d) => d.startsWith('26 October 1962:')));
    await mark(page);
    // Drag from the 22nd to the 24th.
    const box = async (day: string) => (await page.locator(`#timeline-chart [data-start="1962-10-${day}"] .bar-hit`).boundingBox())!;
    const from = await box('22');
    const to = await box('24');
    await page.mouse.move(from.x + from.width / 2, from.y + from.height - 5);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + to.height - 5, { steps: 8 });
    await page.mouse.up();
    await page.waitForURL(/from=1962-10-22&to=1962-10-24/);
    await page.waitForSelector('#list-heading:has-text("22 October 1962 – 24 October 1962")');
    assert.ok(await stillMarked(page), 'brushing updated the page in place');
    const dates = await page.locator('#timeline-list time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime') ?? ''));
    assert.ok(dates.length >= 4 && dates.every((d) => d >= '1962-10-22' && d <= '1962-10-24'), dates.join());
    await page.close();
  });

  it('network: the seed letter and the crisis letters are edges; a person leads to their documents', async () => {
    const page = await open('/network');
    const edges = await page.locator('a.edge').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-from')}>${e.getAttribute('data-to')}`));
    assert.ok(edges.includes('khrushchev-nikita-s>castro-fidel'), edges.join(' '));
    assert.ok(edges.includes('kennedy-john-f>khrushchev-nikita-s') && edges.includes('khrushchev-nikita-s>kennedy-john-f'));
    // When the demo has FRUS 1961–63 vol. VI, its Kennedy–Khrushchev letters are edges too.
    const frus = await store.search(parseSearchParams(new URLSearchParams({ collection: 'frus1961-63v06', size: '0' })), PUBLIC);
    if (frus.total > 0) {
      // The fixtures hold five letters each way; FRUS adds dozens.
      for (const [from, to] of [['kennedy-john-f', 'khrushchev-nikita-s'], ['khrushchev-nikita-s', 'kennedy-john-f']]) {
        const label = (await page.getAttribute(`a.edge[data-from="${from}"][data-to="${to}"]`, 'aria-label')) ?? '';
        assert.ok(Number(/: (\d+) documents/.exec(label)?.[1]) > 5, label);
      }
    }
    assert.ok(!(await page.content()).includes('Zanzibar'), 'no draft in the network');
    await page.locator('a.node[data-id="castro-fidel"]').click();
    await page.waitForURL(/\/search\?person=castro-fidel/);
    const titles = await page.locator('.hit-title a').allTextContents();
    assert.ok(titles.includes('Letter from Khrushchev to Fidel Castro'), titles.join(' | '));
    assert.ok(titles.length >= 5);
    await page.close();
  });

  it('map: places of writing from the gazetteer; a click lists their documents; zoom splits clusters', async () => {
    const page = await open('/map?kind=written');
    const labels = await page.locator('.world-map .clusters a').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    assert.ok(labels.some((l) => l.includes('Moscow')), labels.join(' | '));
    assert.ok(labels.some((l) => l.includes('Washington')));
    assert.ok(!(await page.content()).includes('Zanzibar'), 'no draft place on the map');
    await page.getByRole('button', { name: 'Zoom in' }).click();
    assert.ok(await page.locator('svg.world-map.zoomed').count(), 'zoomed in, single places show');
    await page.getByRole('button', { name: 'Reset zoom to the whole world' }).click();
    await page.locator('.world-map .clusters a[aria-label*="Moscow"]').click();
    await page.waitForURL(/\/search\?(place=[a-z-]+&)*place=moscow/);
    const titles = await page.locator('.hit-title a').allTextContents();
    assert.ok(titles.length >= 5, titles.join(' | '));
    await page.close();
  });

  it('keyboard only: skip link, search, open a result, follow a footnote and back, with visible focus', async () => {
    const page = await open('/');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
    const focusVisible = async () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el) return false;
        const s = getComputedStyle(el);
        return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
      });
    assert.ok(await focusVisible(), 'the skip link shows focus');
    const tabTo = async (test: string, max = 60) => {
      for (let i = 0; i < max; i++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, test)) return;
      }
      assert.fail(`never reached ${test}`);
    };
    await tabTo('#home-q');
    await page.keyboard.type('knot');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\?q=knot/);
    await tabTo(`.hit-title a[href="/documents/${LETTER}"]`);
    assert.ok(await focusVisible(), 'a result link shows focus');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/documents/${LETTER}`));
    await tabTo('.note-ref a');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#fn-1$/);
    await tabTo('.footnote-back');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#fn-1-ref$/);
    // The facet checkboxes work from the keyboard too.
    await page.goto(`${base}/search?q=missiles`);
    await tabTo('input[type="checkbox"][name="author"]');
    await page.keyboard.press('Space');
    await page.waitForURL(/author=/);
    assert.ok(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.checked === true), 'focus stays on the ticked checkbox');
    await page.close();
  });

  it('drafts never appear in any view; no console errors (CSP) on any page', async () => {
    for (const path of ['/timeline?from=1962-10-27&to=1962-10-27', '/people?letter=Z', '/places', '/network?from=1962-10-27&to=1962-10-27', '/map']) {
      const res = await fetch(base + path);
      assert.ok(!(await res.text()).includes('Zanzibar'), path);
    }
    assert.deepEqual(consoleErrors, []);
  });

  it('page weights: HTML, CSS and JavaScript per page type (reading and search need no JavaScript to work)', async () => {
    const rows: { page: string; html: number; css: number; js: number; svg: number }[] = [];
    for (const [name, path] of PAGE_TYPES.filter(([n]) => !n.endsWith('-phone'))) {
      const page = await context.newPage();
      const sizes = { html: 0, css: 0, js: 0, svg: 0 };
      page.on('response', async (res) => {
        const type = res.headers()['content-type'] ?? '';
        const body = await res.body().catch(() => Buffer.alloc(0));
        if (type.startsWith('text/html')) sizes.html += body.length;
        else if (type.startsWith('text/css')) sizes.css += body.length;
        else if (type.includes('javascript')) sizes.js += body.length;
        else if (type.startsWith('image/svg')) sizes.svg += body.length;
      });
      await page.goto(base + path, { waitUntil: 'networkidle' });
      rows.push({ page: name, ...sizes });
      await page.close();
    }
    writeFileSync(join(OUT, 'page-weights.json'), `${JSON.stringify(rows, null, 2)}\n`);
    console.log(rows.map((r) => `${r.page}: html ${r.html} B, css ${r.css} B, js ${r.js} B, svg ${r.svg} B`).join('\n'));
    const reading = rows.find((r) => r.page === 'reading-seed')!;
    assert.equal(reading.js, 0, 'a reading page without page images ships no JavaScript');
    for (const r of rows) assert.ok(r.js < 12_000, `${r.page} ships ${r.js} B of JavaScript`);
  });

  it('page images kept on another host load in the scan viewer (the CSP lets images in)', async () => {
    // A second server is another origin, as an archive's image server would be.
    const imageHost = createServer((req, res) => {
      const m = /^\/scans\/page-(\d)\.svg$/.exec(req.url ?? '');
      if (!m) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'image/svg+xml' });
      res.end(pageImage(Number(m[1])));
    });
    await new Promise<void>((resolve) => imageHost.listen(0, '127.0.0.1', resolve));
    const hostBase = `http://127.0.0.1:${(imageHost.address() as AddressInfo).port}`;
    try {
      await store.upsertRecord(
        buildIngestRecord({
          id: 'scans-elsewhere',
          title: 'A memorandum whose scans are on an image server',
          date: { display: '1962-11-02', start: '1962-11-02', end: '1962-11-02' },
          text: 'Scans kept elsewhere.',
          media: [1, 2].map((n) => ({ kind: 'image' as const, url: `${hostBase}/scans/page-${n}.svg`, label: 'Page' })),
        }),
      );
      const page = await open('/documents/scans-elsewhere');
      const images = page.locator('.doc-images img');
      assert.equal(await images.count(), 2);
      for (const img of await images.all()) {
        await img.scrollIntoViewIfNeeded();
        await page.waitForFunction((el) => (el as HTMLImageElement).complete, await img.elementHandle());
        assert.ok((await img.evaluate((el) => (el as HTMLImageElement).naturalWidth)) > 0, `${await img.getAttribute('src')} was not shown`);
      }
      await page.close();
      assert.deepEqual(consoleErrors.filter((e) => e.includes('scans-elsewhere')), []);
    } finally {
      // Chromium keeps its connection to the image host open for reuse (the browser closes only
      // after the last test): close it, or close() waits for it for ever.
      imageHost.closeAllConnections();
      await new Promise<void>((resolve) => imageHost.close(() => resolve()));
    }
  });
});
