import type { Database } from 'better-sqlite3';
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
