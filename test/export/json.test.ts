import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DocumentView } from '../../src/domain/index.js';
import { writeJsonExport } from '../../src/export/json.js';
import { loadDemo } from '../../src/ingest/demo.js';
import { ingestPaths } from '../../src/ingest/driver.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { PUBLIC, STAFF, type ArchiveStore } from '../../src/store/types.js';
import { scratchDir } from '../ingest/helpers.js';

/** Documents that use what the demo does not: footnotes, a body, collection hierarchy, drafts. */
const EXTRA = [
  {
    id: 'frus-intro',
    title: 'Introduction',
    date: '1996',
    collections: [{ slug: 'frus', title: 'Foreign Relations of the United States', description: 'The official documentary record' }],
    text: 'About the series.',
  },
  {
    id: 'frus1961-63v06-d1',
    sourceId: 'frus:frus1961-63v06/d1',
    title: '1. Message From Chairman Khrushchev to President-elect Kennedy',
    date: { start: '1960-11-09', end: '1960-11-09', display: 'November 9, 1960' },
    type: 'Message',
    authors: [{ id: 'khrushchev-nikita', name: 'Nikita Khrushchev', altNames: ['Khrushchev, Nikita S.'], authorities: { wikidata: 'Q35972' } }],
    recipients: [{ id: 'kennedy-john', name: 'John F. Kennedy', role: 'President-elect' }],
    placeWritten: { id: 'moscow', name: 'Moscow', lat: 55.7558, lon: 37.6173 },
    placeWrittenCertainty: 'inferred',
    received: { date: { start: '1960-11-10', end: '1960-11-12', display: '[10–12 November 1960?]', certainty: 'conjecture' }, place: { id: 'new-york', name: 'New York' }, placeCertainty: 'conjecture' },
    collections: [{ slug: 'frus1961-63v06', title: 'Volume VI, Kennedy-Khrushchev Exchanges', parent: 'frus', position: 6 }],
    body: [{ kind: 'p', children: ['ESTEEMED MR. KENNEDY, Allow me to congratulate you.', { kind: 'noteRef', n: '1' }] }],
    footnotes: [{ n: '1', text: 'Printed from an unsigned copy.' }],
    classification: 'No classification marking',
    source: { reference: 'American Foreign Policy: Current Documents, 1960, p. 476' },
    media: [{ kind: 'image', url: 'https://example.org/0023.jpg', pages: 1 }],
  },
  { id: 'draft-note', title: 'Unpublished draft', status: 'draft' },
];

describe('JSON export (SQLite)', () => {
  const scratch = scratchDir('export');
  let source: ArchiveStore;
  let target: ArchiveStore;
  const out = path.join(scratch.dir, 'archive-export.json');
  const quiet = { errors: { write: () => undefined } };

  before(async () => {
    source = openSqliteStore(path.join(scratch.dir, 'source.db'));
    target = openSqliteStore(path.join(scratch.dir, 'target.db'));
    assert.equal((await loadDemo(source, quiet)).failed, 0);
    const extra = scratch.write('extra.jsonl', EXTRA.map((d) => JSON.stringify(d)).join('\n'));
    assert.equal((await ingestPaths([extra], { store: source, format: 'auto', ...quiet })).failed, 0);
  });
  after(async () => {
    await source.close();
    await target.close();
    scratch.cleanup();
  });

  const allDocuments = async (store: ArchiveStore): Promise<DocumentView[]> => {
    const docs: DocumentView[] = [];
    for await (const doc of store.exportDocuments(PUBLIC)) docs.push(doc);
    return docs;
  };
  const withoutUpdatedAt = ({ updatedAt: _ignored, ...rest }: DocumentView): Omit<DocumentView, 'updatedAt'> => rest;

  it('writes one archivum-export object with the published documents and entity tables', async () => {
    const { documents } = await writeJsonExport(source, PUBLIC, out);
    const parsed = JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, unknown>;
    assert.equal(parsed.format, 'archivum-export');
    assert.equal(parsed.version, 1);
    assert.ok(typeof parsed.exportedAt === 'string');
    const docs = parsed.documents as DocumentView[];
    assert.equal(documents, docs.length);
    const published = (await allDocuments(source)).map((d) => d.id).sort();
    assert.deepEqual(docs.map((d) => d.id).sort(), published);
    for (const id of ['frus-intro', 'frus1961-63v06-d1', 'khrushchev-to-castro-1963-01-31']) assert.ok(published.includes(id), id);
    assert.ok(!published.includes('draft-note'));
    // Related documents are worked out by the archive that reads the file, not carried in it.
    assert.ok(((await source.getDocument('frus1961-63v06-d1', PUBLIC))?.related.length ?? 0) > 0);
    assert.ok(docs.every((d) => d.related.length === 0));
    const khrushchev = (parsed.people as { id: string; altNames?: string[] }[]).find((p) => p.id === 'khrushchev-nikita-s');
    assert.ok(khrushchev?.altNames?.includes('Chruščev'));
    const slugs = (parsed.collections as { slug: string }[]).map((c) => c.slug);
    // Parents come before their children, so a reader can create them in order.
    assert.ok(slugs.indexOf('frus') < slugs.indexOf('frus1961-63v06'));
    assert.ok(slugs.includes('wilson-center-digital-archive'));
    assert.deepEqual(fs.readdirSync(scratch.dir).filter((f) => f.endsWith('.tmp')), []);
  });

  it('re-ingests into a fresh archive with every document equal, apart from updatedAt', async () => {
    const summary = await ingestPaths([out], { store: target, format: 'auto', ...quiet });
    const expected = await allDocuments(source);
    assert.deepEqual([summary.new, summary.failed], [expected.length, 0]);
    const actual = await allDocuments(target);
    assert.equal(actual.length, expected.length);
    for (const doc of expected) {
      const copy = await target.getDocument(doc.id, PUBLIC);
      assert.ok(copy, doc.id);
      assert.deepEqual(withoutUpdatedAt(copy), withoutUpdatedAt(doc), doc.id);
    }
  });

  it('keeps the full people, places and collections records through the round trip', async () => {
    for (const id of ['khrushchev-nikita-s', 'castro-fidel', 'malinovsky-rodion', 'kennedy-john-f']) {
      assert.ok(await source.getPerson(id, STAFF, { offset: 0, limit: 0 }), id);
      assert.deepEqual((await target.getPerson(id, STAFF, { offset: 0, limit: 0 }))?.entity, (await source.getPerson(id, STAFF, { offset: 0, limit: 0 }))?.entity, id);
    }
    for (const id of ['moscow', 'havana', 'cuba']) {
      assert.deepEqual((await target.getPlace(id, STAFF, { offset: 0, limit: 0 }))?.entity, (await source.getPlace(id, STAFF, { offset: 0, limit: 0 }))?.entity, id);
    }
    const volume = (await target.getCollection('frus1961-63v06', STAFF, { offset: 0, limit: 0 }))?.collection;
    assert.equal(volume?.parent, 'frus');
    assert.equal(volume?.position, 6);
    assert.equal((await target.getCollection('frus', STAFF, { offset: 0, limit: 0 }))?.collection.description, 'The official documentary record');
  });

  it('re-ingesting the export into the same archive reports every record unchanged', async () => {
    const published = (await allDocuments(source)).length;
    const summary = await ingestPaths([out], { store: source, format: 'auto', ...quiet });
    assert.deepEqual([summary.new, summary.updated, summary.unchanged, summary.failed], [0, 0, published, 0]);
  });

  it('re-ingesting the export into the same archive updates in place, never duplicates', async () => {
    const before = (await allDocuments(source)).length;
    const summary = await ingestPaths([out], { store: source, format: 'auto', ...quiet });
    assert.deepEqual([summary.new, summary.updated + summary.unchanged, summary.failed], [0, before, 0]);
    assert.equal((await allDocuments(source)).length, before);
  });
});

describe('JSON export: what a volume not yet public says of a person', () => {
  it('leaves out the listings of collections with no public document', async () => {
    const scratch = scratchDir('export-listings');
    const store = openSqliteStore(path.join(scratch.dir, 'source.db'));
    try {
      const envoy = (source: string, role: string) => ({ id: 'envoy', name: 'Envoy, An', listings: [{ source, name: 'Envoy, An', role }] });
      const records = [
        { id: 'open-telegram', title: 'Open telegram', authors: [envoy('open-volume', 'Envoy to Ruritania')], collections: [{ slug: 'open-volume', title: 'Open Volume' }] },
        { id: 'closed-telegram', title: 'Closed telegram', status: 'draft', authors: [envoy('closed-volume', 'Zyzzyva Secret Office')], collections: [{ slug: 'closed-volume', title: 'Closed Volume' }] },
      ];
      const file = scratch.write('records.jsonl', records.map((r) => JSON.stringify(r)).join('\n'));
      assert.equal((await ingestPaths([file], { store, format: 'auto', errors: { write: () => undefined } })).failed, 0);
      const out = path.join(scratch.dir, 'export.json');
      await writeJsonExport(store, PUBLIC, out);
      const text = fs.readFileSync(out, 'utf8');
      const people = (JSON.parse(text) as { people: { id: string; listings?: { source: string }[] }[] }).people;
      assert.deepEqual(people.find((p) => p.id === 'envoy')?.listings?.map((l) => l.source), ['open-volume']);
      assert.ok(!text.includes('Zyzzyva') && !text.includes('closed-volume'));
    } finally {
      await store.close();
      scratch.cleanup();
    }
  });
});
