import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import type { ArchiveDocument, Collection, Person, Place, Topic } from '../../src/domain/index.js';
import { foldLetters } from '../../src/search/fold.js';
import { spellingsText } from '../../src/search/names.js';
import { buildIndexEntry, type ResolvedEntities, SEARCH_COLUMNS } from '../../src/store/index-entry.js';
import { fts5ColumnTokens } from '../../src/store/postgres/fts5-stems.js';
import { MIGRATIONS as POSTGRES_MIGRATIONS } from '../../src/store/postgres/migrations.js';
import { termStatistics } from '../../src/store/postgres/rank.js';
import { MIGRATIONS as SQLITE_MIGRATIONS } from '../../src/store/sqlite/migrations.js';

/**
 * What the stores index of a sample of stored documents (14 FRUS documents across the volumes,
 * two Schnitzler letters, as the importers stored them on 2026-11-28), as one digest, and each
 * store's last schema step that derives every document's full-text rows again.
 *
 * An archive keeps the rows it was indexed with: when what is indexed changes (the columns, the
 * facets, the folding, PostgreSQL's tokens and counts, the names index), the archives written
 * before go on finding and ranking by the old rows, as a FRUS source note counted twice until
 * SQLite schema 9. So a new digest comes with a new step in both stores that derives the rows
 * again (SQLite: `{ sql, rebuildSearch: true }`; PostgreSQL: `rebuildSearch: true`): add the steps,
 * then a line here with the digest and their numbers.
 */
const INDEXED_AS: readonly { digest: string; sqlite: number; postgres: number }[] = [
  { digest: 'ed22104045915945124a22890da4bcead61197691d000b3883bfda31e78b1fa8', sqlite: 9, postgres: 8 },
];

interface StoredSample {
  documents: ArchiveDocument[];
  people: Person[];
  places: Place[];
  topics: Topic[];
  collections: Collection[];
}

function indexedDigest(): string {
  const sample = JSON.parse(fs.readFileSync(new URL('../fixtures/indexed-documents.json', import.meta.url), 'utf8')) as StoredSample;
  const entities: ResolvedEntities = {
    people: new Map(sample.people.map((p) => [p.id, p])),
    places: new Map(sample.places.map((p) => [p.id, p])),
    topics: new Map(sample.topics.map((t) => [t.id, t])),
    collections: new Map(sample.collections.map((c) => [c.slug, c])),
  };
  const hash = createHash('sha256');
  for (const doc of sample.documents) {
    const entry = buildIndexEntry(doc, entities);
    const folded = SEARCH_COLUMNS.map((c) => foldLetters(entry.columns[c]));
    const { stems, words } = fts5ColumnTokens(folded);
    hash.update(JSON.stringify([doc.id, entry, folded, stems, words, termStatistics(stems)]));
  }
  for (const entity of [...sample.people, ...sample.places]) hash.update(JSON.stringify([entity.id, foldLetters(spellingsText(entity))]));
  return hash.digest('hex');
}

/** The number of the last step that derives every document's rows again. */
function lastRebuild(migrations: readonly (string | { rebuildSearch?: boolean })[]): number {
  return migrations.reduce((last, m, i) => (typeof m !== 'string' && m.rebuildSearch ? i + 1 : last), 0);
}

describe('what the stores index is versioned', () => {
  it('a change of what is indexed comes with a schema step in both stores that indexes archives written before again', () => {
    const now = { digest: indexedDigest(), sqlite: lastRebuild(SQLITE_MIGRATIONS), postgres: lastRebuild(POSTGRES_MIGRATIONS) };
    const recorded = INDEXED_AS.at(-1)!;
    assert.equal(
      now.digest,
      recorded.digest,
      'What the stores index changed. Add a schema step to both stores that indexes every document again, then a line to INDEXED_AS (see its comment).',
    );
    assert.deepEqual(now, recorded, 'INDEXED_AS names the last steps that index every document again');
    INDEXED_AS.forEach((entry, i) => {
      if (i === 0) return;
      const before = INDEXED_AS[i - 1]!;
      assert.ok(entry.sqlite > before.sqlite && entry.postgres > before.postgres, `${entry.digest}: a new digest needs new steps in both stores`);
    });
  });
});
