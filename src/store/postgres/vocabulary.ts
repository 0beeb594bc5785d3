import { namedEntities, type NamedEntity, type NameIndex } from '../../search/names.js';
import type { Vocabulary } from '../../search/tolerance.js';
import { EXACT } from './migrations.js';
import { Params, type Db } from './sql.js';
import type { Viewer } from '../types.js';
import { visibleClause } from './visibility.js';
import { lexemes } from './tsquery.js';

/**
 * The exact (unstemmed) words as `viewer` may know them, as sqlite/vocabulary.ts: whether a word
 * occurs at all from the vocabulary table (kept by the writer, all documents); how many documents
 * hold it counted over the documents the viewer may see.
 */
export function postgresVocabulary(db: Db, viewer: Viewer): Vocabulary {
  return {
    async knownWords(words: string[]): Promise<Set<string>> {
      if (words.length === 0) return new Set();
      const { rows } = await db.query<{ word: string }>('SELECT word FROM vocabulary WHERE word = ANY($1::text[]) AND docs > 0', [words]);
      return new Set(rows.map((r) => r.word));
    },
    async visibleDocumentCounts(words: string[], cap: number): Promise<Map<string, number>> {
      const out = new Map<string, number>();
      if (words.length === 0) return out;
      const p = new Params();
      const wordsParam = p.add(words);
      const queriesParam = p.add(words.map((w) => lexemes([w])));
      const capParam = p.add(cap);
      const { rows } = await db.query<{ word: string; n: number }>(
        `SELECT w.word, (SELECT count(*)::int FROM (SELECT 1 FROM document_search s JOIN documents d ON d.rowid = s.doc
           WHERE s.exact @@ w.q::tsquery AND ${visibleClause(viewer, p)} LIMIT ${capParam}) x) AS n
         FROM unnest(${wordsParam}::text[], ${queriesParam}::text[]) AS w(word, q)`,
        p.values,
      );
      for (const r of rows) if (r.n > 0) out.set(r.word, r.n);
      return out;
    },
  };
}

const MAX_NAMED = 20;

/**
 * People and places by any spelling, from entity_names (the words in this order, as a phrase):
 * those a document the viewer may see cites, as sqlite/vocabulary.ts.
 */
export function postgresNameIndex(db: Db, viewer: Viewer): NameIndex {
  return {
    async entitiesNamed(words: string[]): Promise<NamedEntity[]> {
      const query = lexemes(words);
      if (!query) return [];
      const p = new Params();
      const queryParam = p.add(query);
      const { rows } = await db.query<{ kind: NamedEntity['kind']; id: string; name: string | null; names: string }>(
        `SELECT e.kind, e.id, coalesce(p.name, pl.name) AS name, e.names FROM entity_names e
         LEFT JOIN people p ON e.kind = 'person' AND p.id = e.id
         LEFT JOIN places pl ON e.kind = 'place' AND pl.id = e.id
         WHERE e.tsv @@ to_tsquery('${EXACT}', ${queryParam})
           AND EXISTS (SELECT 1 FROM document_links l JOIN documents d ON d.rowid = l.doc
             WHERE l.target = e.id AND CASE e.kind WHEN 'person' THEN l.role IN ('author', 'recipient', 'person') ELSE l.role = 'place' END AND ${visibleClause(viewer, p)})
         ORDER BY e.kind, e.id LIMIT ${MAX_NAMED}`,
        p.values,
      );
      return namedEntities(rows);
    },
  };
}
