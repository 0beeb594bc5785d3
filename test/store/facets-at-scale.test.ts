import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { buildIngestRecord, type IngestRecord } from '../../src/domain/index.js';
import { ingestPaths } from '../../src/ingest/driver.js';
import { parseSearchParams } from '../../src/search/params.js';
import { FACET_NAMES, type FacetName } from '../../src/search/request.js';
import { buildIndexEntry } from '../../src/store/index-entry.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { PUBLIC, type ArchiveStore } from '../../src/store/types.js';

const VOLUMES = fileURLToPath(new URL('../../../shared/corpus/frus/volumes', import.meta.url));

/**
 * Facet counts on the whole FRUS corpus (8,635 documents, thousands of people) against a count
 * made by hand from each hit's own record: the aggregation must be exact, not sampled or capped.
 */
describe('facet counts at corpus scale (FRUS)', () => {
  let dir: string;
  let store: ArchiveStore;
  const entries = new Map<string, { facet: FacetName; key: string }[]>();

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'archivum-facets-'));
    store = openSqliteStore(path.join(dir, 'frus.db'));
    const summary = await ingestPaths([VOLUMES], { store, format: 'auto', errors: { write: () => undefined } });
    assert.equal(summary.new, 8635);
    for await (const view of store.exportDocuments(PUBLIC)) {
      const record: IngestRecord = buildIngestRecord({ ...view, references: [] });
      const entities = {
        people: new Map(record.people.map((p) => [p.id, p])),
        places: new Map(record.places.map((p) => [p.id, p])),
        topics: new Map(record.topics.map((t) => [t.id, t])),
        collections: new Map(record.collections.map((c) => [c.slug, c])),
      };
      entries.set(view.id, buildIndexEntry(record.document, entities).facets);
    }
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function allHits(query: string): Promise<string[]> {
    const ids: string[] = [];
    for (let page = 1; ; page++) {
      const result = await store.search(parseSearchParams(new URLSearchParams(`${query}&size=100&page=${page}&facetLimit=0`)), PUBLIC);
      ids.push(...result.hits.map((h) => h.id));
      if (ids.length >= result.total || result.hits.length === 0) return ids;
    }
  }

  for (const query of ['q=', 'q=Soviet', 'q=Khrushchev Berlin', 'type=Telegram', 'from=1962-10&to=1962-11', 'q=missile*&place=moscow']) {
    it(`counts every facet exactly for ${query}`, async () => {
      const result = await store.search(parseSearchParams(new URLSearchParams(`${query}&facetLimit=10000&size=0`)), PUBLIC);
      const ids = await allHits(query);
      assert.equal(ids.length, result.total);
      assert.ok(result.total > 0, 'the query has hits');
      for (const facet of FACET_NAMES) {
        const expected = new Map<string, number>();
        // Keyed by id: two records can share a display name and are still two facet values.
        for (const id of ids) for (const f of entries.get(id) ?? []) if (f.facet === facet) expected.set(f.key, (expected.get(f.key) ?? 0) + 1);
        const actual = new Map(result.facets[facet].map((v) => [v.id ?? v.value, v.count]));
        assert.deepEqual(actual, expected, `${query}: facet ${facet}`);
      }
    });
  }
});
