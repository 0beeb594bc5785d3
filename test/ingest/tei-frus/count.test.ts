import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseFrusVolume } from '../../../src/ingest/tei-frus/index.js';
import { CORPUS_DIR, volumePath } from './helpers.js';

/** `div[@type="document"]` per volume, as counted in /work/shared/corpus/README.md section 1. */
const EXPECTED: Record<string, number> = {
  'frus1917-72PubDip': 44,
  frus1948v01p1: 271,
  'frus1952-54Guat': 287,
  'frus1955-57v24': 374,
  'frus1958-60v05': 351,
  'frus1961-63v01': 343,
  'frus1961-63v02': 334,
  'frus1961-63v03': 309,
  'frus1961-63v04': 383,
  'frus1961-63v05': 390,
  'frus1961-63v06': 120,
  'frus1961-63v07-09mSupp': 483,
  'frus1961-63v08': 154,
  'frus1961-63v09': 365,
  'frus1961-63v10-12mSupp': 746,
  'frus1961-63v12': 434,
  'frus1961-63v15': 256,
  'frus1961-63v16': 397,
  'frus1961-63v17': 314,
  'frus1961-63v19': 351,
  'frus1961-63v21': 426,
  'frus1961-63v22': 385,
  'frus1964-68v14': 335,
  'frus1964-68v29p2': 140,
  'frus1969-76v01': 123,
  'frus1969-76v12': 229,
  'frus1969-76ve09p1': 128,
  'frus1977-80v01': 163,
};

describe('tei-frus: every corpus volume', () => {
  it('yields exactly the README document count, 8,635 in all, with no failures', { timeout: 120_000 }, async () => {
    const volumes = readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.xml')).map((f) => f.slice(0, -4)).sort();
    assert.deepEqual(volumes, Object.keys(EXPECTED).sort());
    let total = 0;
    const failures: string[] = [];
    const ids = new Set<string>();
    for (const volume of volumes) {
      let count = 0;
      for await (const outcome of parseFrusVolume(volumePath(volume))) {
        count++;
        if (!outcome.ok) failures.push(`${outcome.label}: ${outcome.reason}`);
        else {
          assert.ok(!ids.has(outcome.record.document.id), `duplicate id ${outcome.record.document.id}`);
          ids.add(outcome.record.document.id);
        }
      }
      assert.equal(count, EXPECTED[volume], volume);
      total += count;
    }
    assert.equal(total, 8635);
    assert.deepEqual(failures, []);
  });
});
