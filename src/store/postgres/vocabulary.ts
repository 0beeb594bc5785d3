import { namedEntities, type NamedEntity, type NameIndex } from '../../search/names.js';
import type { Vocabulary } from '../../search/tolerance.js';
import { EXACT } from './migrations.js';
import type { Db } from './sql.js';
import { lexemes } from './tsquery.js';

/**
 * Document frequencies from the vocabulary table, kept by the writer (one row per unstemmed
 * word). Counts include documents the viewer may not see; they only decide which spellings to
 * try, and every hit is still filtered by visibility — a suggestion is offered only when it
 * finds visible documents (see PostgresStore.search).
 */
export function postgresVocabulary(db: Db): Vocabulary {
  return {
    async documentFrequency(words: string[]): Promise<Map<string, number>> {
      const out = new Map<string, number>();
      if (words.length === 0) return out;
      const { rows } = await db.query<{ word: string; docs: number }>('SELECT word, docs FROM vocabulary WHERE word = ANY($1::text[]) AND docs > 0', [words]);
      for (const r of rows) out.set(r.word, r.docs);
      return out;
    },
  };
}

const MAX_NAMED = 20;

/** People and places by any spelling, from entity_names (the words in this order, as a phrase). */
export function postgresNameIndex(db: Db): NameIndex {
  return {
    async entitiesNamed(words: string[]): Promise<NamedEntity[]> {
      const query = lexemes(words);
      if (!query) return [];
      const { rows } = await db.query<{ kind: NamedEntity['kind']; id: string; name: string | null; names: string }>(
        `SELECT e.kind, e.id, coalesce(p.name, pl.name) AS name, e.names FROM entity_names e
         LEFT JOIN people p ON e.kind = 'person' AND p.id = e.id
         LEFT JOIN places pl ON e.kind = 'place' AND pl.id = e.id
         WHERE e.tsv @@ to_tsquery('${EXACT}', $1) ORDER BY e.kind, e.id LIMIT ${MAX_NAMED}`,
        [query],
      );
      return namedEntities(rows);
    },
  };
}
