import type { ParsedQuery, QueryField, QueryNode } from './ast.js';
import { indexWords } from './fold.js';

export interface NamedEntity {
  kind: 'person' | 'place';
  id: string;
  /** The name documents are indexed with. */
  name: string;
}

/** Finds people and places by any of their spellings; each store provides one. */
export interface NameIndex {
  /** Entities with a spelling that holds these words in this order (folded words). */
  entitiesNamed(words: string[]): Promise<NamedEntity[]>;
}

/** Fields a name can stand in; unfielded words may be names too. */
const NAME_FIELDS: Partial<Record<QueryField, NamedEntity['kind']>> = { author: 'person', to: 'person', person: 'person', place: 'place' };

export interface NamedQuery {
  query: ParsedQuery;
  /** Words that are some person's or place's name: known, however rare in documents. */
  named: Set<string>;
}

/**
 * Lets a query reach documents through the other spellings on people and place records:
 * "Chruschtschow" also asks for documents citing the person recorded as "Khrushchev, Nikita S.".
 * Documents are indexed with the record name only, so this happens here, at query time.
 */
export async function widenWithNames(parsed: ParsedQuery, index: NameIndex): Promise<NamedQuery> {
  const named = new Set<string>();
  if (!parsed.root) return { query: parsed, named };
  const lookups = new Map<string, NamedEntity[]>();
  for (const words of nameCandidates(parsed.root)) {
    const key = words.join(' ');
    if (!lookups.has(key)) lookups.set(key, await index.entitiesNamed(words));
  }
  const widen = (node: QueryNode): QueryNode => {
    switch (node.kind) {
      case 'term':
      case 'phrase': {
        const words = node.kind === 'term' ? [node.value] : node.words;
        if (node.kind === 'term' && node.prefix) return node;
        const kind = node.field ? NAME_FIELDS[node.field] : undefined;
        if (node.field && !kind) return node;
        const entities = (lookups.get(words.join(' ')) ?? []).filter((e) => !kind || e.kind === kind);
        if (entities.length) for (const w of words) named.add(w);
        const alternatives: QueryNode[] = [];
        for (const entity of entities) {
          const nameWords = indexWords(entity.name);
          // Already found by the words as typed: the record name holds them.
          if (containsRun(nameWords, words) || nameWords.length === 0) continue;
          const field: QueryField = node.field ?? (entity.kind === 'person' ? 'person' : 'place');
          const alternative: QueryNode = { kind: 'phrase', words: nameWords, field };
          if (!alternatives.some((a) => JSON.stringify(a) === JSON.stringify(alternative))) alternatives.push(alternative);
        }
        return alternatives.length ? { kind: 'or', children: [node, ...alternatives] } : node;
      }
      case 'and':
      case 'or':
        return { kind: node.kind, children: node.children.map(widen) };
      case 'not':
        return node;
    }
  };
  return { query: { ...parsed, root: widen(parsed.root) }, named };
}

function nameCandidates(node: QueryNode): string[][] {
  switch (node.kind) {
    case 'term':
      return node.prefix || (node.field && !NAME_FIELDS[node.field]) ? [] : [[node.value]];
    case 'phrase':
      return node.field && !NAME_FIELDS[node.field] ? [] : [node.words];
    case 'and':
    case 'or':
      return node.children.flatMap(nameCandidates);
    case 'not':
      return [];
  }
}

function containsRun(haystack: string[], needle: string[]): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
