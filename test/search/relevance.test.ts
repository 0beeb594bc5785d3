/**
 * Relevance test over the FRUS corpus: each judgement is a query a historian might type and the
 * document that must rank in the top 3 for it. The judgements (relevance-judgements.json) were
 * written by reading the TEI documents; docs/relevance.md explains how and records the scores.
 *
 * One ingest of all 28 volumes into a temporary SQLite file, then one search per judgement.
 * Run alone: node --import tsx --test test/search/relevance.test.ts
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { ingestPaths } from '../../src/ingest/driver.js';
import { parseSearchParams } from '../../src/search/params.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/index.js';
import { PUBLIC } from '../../src/store/types.js';

interface Judgement {
  query: string;
  /** Archive id of the document that must rank in the top 3 (`<volume>-d<n>`, lower case). */
  expect: string;
  /** name, multi-word, phrase, fielded, date, diacritics, case, prefix, spelling. */
  kind: string;
  /** What in the document makes it the right answer. */
  reason: string;
}

const VOLUMES = fileURLToPath(new URL('../../../shared/corpus/frus/volumes', import.meta.url));
const JUDGEMENTS = JSON.parse(readFileSync(new URL('./relevance-judgements.json', import.meta.url), 'utf8')) as Judgement[];
const TOP = 3;
const DEPTH = 10;

interface Outcome {
  judgement: Judgement;
  /** 1-based rank of the expected document within the first DEPTH hits, or null. */
  rank: number | null;
  top: { id: string; title: string }[];
  total: number;
}

describe('search relevance over FRUS (judged queries)', () => {
  let dir: string;
  let store: SqliteStore;
  const outcomes: Outcome[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'archivum-relevance-'));
    store = openSqliteStore(join(dir, 'frus.db'));
    const summary = await ingestPaths([VOLUMES], { store, format: 'auto', errors: { write: () => undefined } });
    assert.equal(summary.failed, 0, 'every FRUS document ingests');
  });

  after(async () => {
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Judgements the ranking does not meet yet, with the diagnosis (docs/relevance.md). Each is an
   * open defect of issue 4, not a relaxed judgement: the fix is per-column length normalisation
   * (BM25F re-scoring of the top candidates), which FTS5's bm25() cannot do.
   */
  const KNOWN_MISSES: Record<string, string> = {
    'Galbraith balance of payments':
      'rank 6: bm25 normalises by the whole document length, so the 4,000-token report loses to its short covering letters',
  };

  it('the judgement set is well formed', () => {
    assert.ok(JUDGEMENTS.length >= 30, 'at least 30 judgements');
    const volumes = new Set(JUDGEMENTS.map((j) => j.expect.replace(/-d[0-9a-z]+$/, '')));
    assert.ok(volumes.size >= 12, `at least 12 volumes (${volumes.size})`);
    for (const j of JUDGEMENTS) assert.match(j.expect, /^frus[0-9a-z-]+-d[0-9a-z]+$/, j.expect);
  });

  for (const judgement of JUDGEMENTS) {
    // A known miss stays in the set and is still run and reported, as a todo, until ranking fixes it.
    const known = KNOWN_MISSES[judgement.query];
    it(`[${judgement.kind}] ${judgement.query} → ${judgement.expect}`, known ? { todo: known } : {}, async () => {
      const doc = await store.getDocument(judgement.expect, PUBLIC);
      assert.ok(doc, `${judgement.expect} exists in the archive`);
      const result = await store.search(parseSearchParams(new URLSearchParams({ q: judgement.query, size: String(DEPTH) })), PUBLIC);
      const index = result.hits.findIndex((h) => h.id === judgement.expect);
      const outcome: Outcome = {
        judgement,
        rank: index < 0 ? null : index + 1,
        top: result.hits.map((h) => ({ id: h.id, title: h.title })),
        total: result.total,
      };
      outcomes.push(outcome);
      const ranked = outcome.top
        .slice(0, 5)
        .map((h, i) => `  ${i + 1}. ${h.id} — ${h.title.slice(0, 90)}`)
        .join('\n');
      assert.ok(
        outcome.rank !== null && outcome.rank <= TOP,
        `"${judgement.query}" should rank ${judgement.expect} in the top ${TOP}, ` +
          `got ${outcome.rank === null ? `not in the top ${DEPTH}` : `rank ${outcome.rank}`} of ${result.total} hits.\n` +
          `Why it is the right answer: ${judgement.reason}\nRanked first:\n${ranked}`,
      );
    });
  }

  it(`reports success@${TOP} and MRR@${DEPTH} over the set`, (t) => {
    const n = outcomes.length;
    const success = outcomes.filter((o) => o.rank !== null && o.rank <= TOP).length;
    const mrr = outcomes.reduce((sum, o) => sum + (o.rank === null ? 0 : 1 / o.rank), 0) / (n || 1);
    t.diagnostic(`success@${TOP} = ${success}/${n} = ${(success / (n || 1)).toFixed(3)}; MRR@${DEPTH} = ${mrr.toFixed(3)}`);
    for (const o of outcomes) {
      if (o.rank !== null && o.rank <= TOP) continue;
      t.diagnostic(`miss: "${o.judgement.query}" → ${o.judgement.expect} at ${o.rank ?? `>${DEPTH}`}; first: ${o.top[0]?.id ?? '(none)'}`);
    }
    assert.equal(n, JUDGEMENTS.length, 'every judgement was searched');
  });
});
