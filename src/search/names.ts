import type { ParsedQuery, QueryField, QueryNode } from './ast.js';
import { indexWords } from './fold.js';

export interface NamedEntity {
  kind: 'person' | 'place';
  id: string;
  /** The name documents are indexed with. */
  name: string;
  /** Every spelling on the record: its name and its other names. */
  spellings: string[];
}

const SPELLING_SEPARATOR = ' ; ';

/** The text a store's name index holds for a record: all its spellings, one string. */
export function spellingsText(entity: { name: string; altNames?: string[] }): string {
  return [entity.name, ...(entity.altNames ?? [])].join(SPELLING_SEPARATOR);
}

/** A name index's rows as entities; a row whose record is gone (name null) is dropped. */
export function namedEntities(rows: { kind: NamedEntity['kind']; id: string; name: string | null; names: string }[]): NamedEntity[] {
  const out: NamedEntity[] = [];
  for (const { kind, id, name, names } of rows) if (name !== null) out.push({ kind, id, name, spellings: names.split(SPELLING_SEPARATOR) });
  return out;
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
        // Words that are a record's whole name search as typed. Another record's spelling that
        // repeats them (a CMIF letter labelling Vienna's GeoNames id "Berlin") must not pull
        // that record's documents in too.
        if (entities.some((e) => sameWords(indexWords(e.name), words))) return node;
        const alternatives: QueryNode[] = [];
        for (const entity of entities) {
          const nameWords = indexWords(entity.name);
          // Already found by the words as typed: the record name holds them.
          if (containsRun(nameWords, words) || nameWords.length === 0) continue;
          // A spelling stands for its record when the words begin it ("Chruschtschow" for
          // "Chruschtschow, Nikita"), not when they sit inside a label ("Loew" in "Wien,
          // Sanatorium Loew") or straddle two spellings.
          if (!entity.spellings.some((s) => startsRun(indexWords(s), words))) continue;
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

function sameWords(a: string[], b: string[]): boolean {
  return a.length === b.length && startsRun(a, b);
}

function startsRun(haystack: string[], needle: string[]): boolean {
  return needle.length <= haystack.length && needle.every((word, i) => haystack[i] === word);
}

function containsRun(haystack: string[], needle: string[]): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
