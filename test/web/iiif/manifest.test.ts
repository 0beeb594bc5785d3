import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import type { DocumentInput } from '../../../src/domain/index.js';
import { startServer, type TestServer } from '../helpers.js';

const SCHEMA = fileURLToPath(new URL('../../../../shared/schemas/iiif/iiif_3_0.json', import.meta.url));
// As the official validator runs it (../shared/schemas/README.md): draft-07, formats unchecked.
const schemaCheck = new Ajv({ strict: false, validateFormats: false, allErrors: true }).compile(JSON.parse(readFileSync(SCHEMA, 'utf8')) as object);
const validate = Object.assign((manifest: unknown): boolean => schemaCheck(manifest), {
  get errors() {
    return schemaCheck.errors;
  },
});

const SCANNED: DocumentInput = {
  id: 'scanned-telegram-1962',
  title: 'Telegram <with> "scans" & notes',
  date: '1962-10-27',
  type: 'Telegram',
  summary: 'A telegram with two page images.',
  authors: [{ id: 'rusk', name: 'Dean Rusk' }],
  rights: 'Public domain',
  collections: [{ slug: 'scans', title: 'Scanned telegrams' }],
  media: [
    { kind: 'image', url: '/media/telegram-1.jpg', label: 'Folio', width: 2400, height: 3300 },
    { kind: 'pdf', url: 'https://example.org/telegram.pdf', pages: 2 },
    { kind: 'image', url: 'javascript:alert(1)' },
    { kind: 'image', url: 'scans/p1.jpg' },
    { kind: 'image', url: '//evil.example/x.jpg' },
    { kind: 'image', url: 'mailto:archivist@example.org' },
    { kind: 'image', url: 'https://images.example.org/telegram-2.png' },
  ],
};
const UNSCANNED: DocumentInput = { id: 'unscanned-note', title: 'A note without scans', date: '1962-10-28' };
const HIDDEN: DocumentInput = { ...SCANNED, id: 'scanned-draft', title: 'Scanned draft Quagga', status: 'draft' };

let server: TestServer;
before(async () => {
  server = await startServer({ extra: [SCANNED, UNSCANNED, HIDDEN] });
});
after(async () => {
  await server.close();
});

describe('GET /iiif/{id}/manifest.json', () => {
  it('is a valid IIIF Presentation 3 manifest with a canvas per page image, in order', async () => {
    const res = await server.get(`/iiif/${SCANNED.id}/manifest.json`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"');
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    const manifest = JSON.parse(res.text);
    assert.ok(validate(manifest), JSON.stringify(validate.errors, null, 1));
    assert.equal(manifest.id, `${server.base}/iiif/${SCANNED.id}/manifest.json`);
    assert.deepEqual(manifest.label, { none: [SCANNED.title] });
    assert.deepEqual(manifest.homepage[0].id, `${server.base}/documents/${SCANNED.id}`);
    assert.deepEqual(manifest.requiredStatement, { label: { en: ['Rights'] }, value: { en: ['Public domain'] } });
    assert.deepEqual(manifest.metadata.find((m: { label: { en: string[] } }) => m.label.en[0] === 'Author').value, { none: ['Dean Rusk'] });
    // The PDF and the javascript:, mailto:, protocol-relative and relative "images" are not
    // pages; an image on this site is made absolute.
    const bodies = manifest.items.map((c: { items: { items: { body: unknown }[] }[] }) => c.items[0]!.items[0]!.body);
    assert.deepEqual(bodies, [
      { id: `${server.base}/media/telegram-1.jpg`, type: 'Image', format: 'image/jpeg', width: 2400, height: 3300 },
      { id: 'https://images.example.org/telegram-2.png', type: 'Image', format: 'image/png' },
    ]);
    // A canvas takes the image's size when the source gives it, else the A4 default.
    assert.deepEqual(manifest.items.map((c: { width: number; height: number; label: unknown }) => [c.width, c.height, c.label]), [
      [2400, 3300, { none: ['Folio 1'] }],
      [1000, 1414, { none: ['Page 2'] }],
    ]);
    for (const canvas of manifest.items) assert.equal(canvas.items[0].items[0].target, canvas.id);
  });

  it('the schema check can fail: a canvas without its size is refused', async () => {
    const manifest = JSON.parse((await server.get(`/iiif/${SCANNED.id}/manifest.json`)).text);
    delete manifest.items[0].width;
    assert.equal(validate(manifest), false);
  });

  it('answers 404 JSON for a document without images, and the same as for an unknown id for one the public may not see', async () => {
    const none = await server.json(`/iiif/${UNSCANNED.id}/manifest.json`);
    assert.equal(none.status, 404);
    assert.deepEqual(none.body, { error: 'This document has no page images.' });
    const hidden = await server.get(`/iiif/${HIDDEN.id}/manifest.json`);
    const unknown = await server.get('/iiif/no-such-document/manifest.json');
    // The manifest's id is the document's own address, however the request spelled it.
    const spelled = JSON.parse((await server.get(`/iiif/${SCANNED.id!.replace('t', '%74')}/manifest.json`)).text) as { id: string };
    assert.equal(spelled.id, `${server.base}/iiif/${SCANNED.id}/manifest.json`);
    assert.equal(hidden.status, 404);
    assert.equal(hidden.text, unknown.text);
    assert.ok(!hidden.text.includes('Quagga'));
  });

  it('the reading page links the manifest of a document with page images, and only then, and shows the same pages', async () => {
    const page = (await server.get(`/documents/${SCANNED.id}`)).text;
    assert.match(page, new RegExp(`href="/iiif/${SCANNED.id}/manifest.json"`));
    assert.deepEqual([...page.matchAll(/<img src="([^"]+)"/g)].map((m) => m[1]), ['/media/telegram-1.jpg', 'https://images.example.org/telegram-2.png']);
    assert.doesNotMatch((await server.get(`/documents/${UNSCANNED.id}`)).text, /\/iiif\//);
  });
});
