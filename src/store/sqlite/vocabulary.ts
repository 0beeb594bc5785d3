import type { Database } from 'better-sqlite3';
import { namedEntities, type NamedEntity, type NameIndex } from '../../search/names.js';
import type { Vocabulary } from '../../search/tolerance.js';

/**
 * Document frequencies from the unstemmed index's vocabulary. Counts include documents the
 * viewer may not see; they only decide which spellings to try, and every hit is still filtered by
 * visibility — but a suggestion must not reveal a word found only in private documents, so the
 * search offers it only when it finds visible documents (see SqliteStore.search).
 */
export function sqliteVocabulary(db: Database): Vocabulary {
  const lookup = db.prepare('SELECT doc FROM documents_exact_vocab WHERE term = ?').pluck();
  return {
    async documentFrequency(words: string[]): Promise<Map<string, number>> {
      const out = new Map<string, number>();
      for (const word of words) {
        const n = lookup.get(word) as number | undefined;
        if (n) out.set(word, n);
      }
      return out;
    },
  };
}

const MAX_NAMED = 20;

/** People and places by any spelling, from the entity_names index. */
export function sqliteNameIndex(db: Database): NameIndex {
  const lookup = db.prepare(
    `SELECT e.kind AS kind, e.id AS id, coalesce(p.name, pl.name) AS name, e.names AS names FROM entity_names e
     LEFT JOIN people p ON e.kind = 'person' AND p.id = e.id
     LEFT JOIN places pl ON e.kind = 'place' AND pl.id = e.id
     WHERE entity_names MATCH ? LIMIT ${MAX_NAMED}`,
  );
  return {
    async entitiesNamed(words: string[]): Promise<NamedEntity[]> {
      if (words.length === 0) return [];
      const rows = lookup.all(`names : "${words.join(' ').replace(/"/g, '""')}"`) as { kind: NamedEntity['kind']; id: string; name: string | null; names: string }[];
      return namedEntities(rows);
    },
  };
}
