import type { Database, Statement } from 'better-sqlite3';
import { namedEntities, type NamedEntity, type NameIndex } from '../../search/names.js';
import type { Vocabulary } from '../../search/tolerance.js';
import type { Viewer } from '../types.js';
import { visibleClause } from './visibility.js';

/**
 * The unstemmed index's words as `viewer` may know them. Whether a word occurs at all is read
 * from the index's vocabulary (all documents); how many documents hold it is counted over the
 * documents the viewer may see, so no decision of the widening rests on private documents.
 */
export function sqliteVocabulary(db: Database): (viewer: Viewer) => Vocabulary {
  const occurs = db.prepare('SELECT 1 FROM documents_exact_vocab WHERE term = ?').pluck();
  const countFor = preparedPerVisibility(db, (visible) =>
    `SELECT count(*) FROM (SELECT 1 FROM documents_exact e JOIN documents d ON d.rowid = e.rowid
     WHERE documents_exact MATCH ? AND ${visible} LIMIT ?)`,
  );
  return (viewer) => {
    const vis = visibleClause(viewer);
    return {
      async knownWords(words: string[]): Promise<Set<string>> {
        return new Set(words.filter((word) => occurs.get(word) !== undefined));
      },
      async visibleDocumentCounts(words: string[], cap: number): Promise<Map<string, number>> {
        const out = new Map<string, number>();
        if (words.length === 0) return out;
        const count = countFor(vis.sql).pluck();
        for (const word of words) {
          const n = count.get(`"${word.replace(/"/g, '""')}"`, ...vis.params, cap) as number;
          if (n) out.set(word, n);
        }
        return out;
      },
    };
  };
}

const MAX_NAMED = 20;

/**
 * People and places by any spelling, from the entity_names index: those a document the viewer
 * may see cites. A person or place only private documents cite is no name to the public, so a
 * word that names one is neither widened to its documents nor spared spelling tolerance.
 */
export function sqliteNameIndex(db: Database): (viewer: Viewer) => NameIndex {
  const lookupFor = preparedPerVisibility(
    db,
    (visible) =>
      `SELECT e.kind AS kind, e.id AS id, coalesce(p.name, pl.name) AS name, e.names AS names FROM entity_names e
       LEFT JOIN people p ON e.kind = 'person' AND p.id = e.id
       LEFT JOIN places pl ON e.kind = 'place' AND pl.id = e.id
       WHERE entity_names MATCH ?
         AND EXISTS (SELECT 1 FROM document_links l JOIN documents d ON d.rowid = l.doc
           WHERE l.target = e.id AND CASE e.kind WHEN 'person' THEN l.role IN ('author', 'recipient', 'person') ELSE l.role = 'place' END AND ${visible})
       ORDER BY e.kind, e.id LIMIT ${MAX_NAMED}`,
  );
  return (viewer) => {
    const vis = visibleClause(viewer);
    return {
      async entitiesNamed(words: string[]): Promise<NamedEntity[]> {
        if (words.length === 0) return [];
        const rows = lookupFor(vis.sql).all(`names : "${words.join(' ').replace(/"/g, '""')}"`, ...vis.params) as { kind: NamedEntity['kind']; id: string; name: string | null; names: string }[];
        return namedEntities(rows);
      },
    };
  };
}

/**
 * A statement for each form the visibility clause takes (the public's, staff's), prepared the
 * first time it is needed and kept: `sqlFor` gets the clause's SQL.
 */
function preparedPerVisibility(db: Database, sqlFor: (visible: string) => string): (visible: string) => Statement {
  const prepared = new Map<string, Statement>();
  return (visible) => {
    let statement = prepared.get(visible);
    if (!statement) {
      statement = db.prepare(sqlFor(visible));
      prepared.set(visible, statement);
    }
    return statement;
  };
}
