import type { ParsedQuery, QueryNode } from './ast.js';
import { foldText, indexWords } from './fold.js';

/**
 * The words of the archive (as the unstemmed index saw them), as one viewer may know them; each
 * store provides one. Every decision of the widening is taken on what the viewer may see, so
 * what the public finds never depends on words that only private documents hold.
 */
export interface Vocabulary {
  /** Which of `words` occur in any document, private ones included: a cheap first sieve. */
  knownWords(words: string[]): Promise<Set<string>>;
  /** For each word, how many documents the viewer may see hold it, counted up to `cap`. */
  visibleDocumentCounts(words: string[], cap: number): Promise<Map<string, number>>;
}

/** A word in fewer documents than this is probably misspelt or mis-read: its neighbours are tried. */
export const RARE_WORD_DOCUMENTS = 3;
const MAX_NEIGHBOURS = 3;
/**
 * Neighbours are ranked by how many documents hold them, counted up to this: past it, the
 * likelier spelling is clear enough, and counting a common word's documents one by one is not free.
 */
const NEIGHBOUR_COUNT_CAP = 1_000;

/** How many visible documents hold each word that occurs anywhere (0 for the others). */
async function visibleCounts(vocabulary: Vocabulary, words: string[], cap: number): Promise<Map<string, number>> {
  const known = await vocabulary.knownWords(words);
  return known.size ? vocabulary.visibleDocumentCounts([...known], cap) : new Map();
}

/**
 * Characters OCR confuses ("wou1d", "rn" read for "m"). Each pair is tried both ways, one
 * substitution at a time, so a query for the right word also reaches its mis-read copies.
 */
const OCR_CONFUSIONS: [string, string][] = [
  ['l', '1'], ['i', '1'], ['l', 'i'], ['o', '0'], ['s', '5'], ['b', '8'], ['m', 'rn'], ['d', 'cl'],
  ['w', 'vv'], ['e', 'c'], ['m', 'n'], ['h', 'b'], ['n', 'ri'], ['h', 'li'], ['u', 'ii'], ['t', 'f'],
];

export interface WidenedQuery {
  query: ParsedQuery;
  /** The query with unknown words replaced by their likeliest spelling, for "did you mean". */
  suggestion?: string;
}

/**
 * Widens a parsed query for the text archives are full of: every plain word also matches its
 * OCR mis-readings that occur in the archive, and a rare or unknown word also matches known
 * words one edit away (offered back as a suggestion when the word itself is unknown).
 * Phrases and prefixes are left as typed: quoting asks for exactly those words.
 */
export async function widenQuery(
  q: string,
  parsed: ParsedQuery,
  vocabulary: Vocabulary,
  /** Words known to be right although rare in documents (a person's other spelling). */
  known: ReadonlySet<string> = new Set(),
): Promise<WidenedQuery> {
  if (!parsed.root) return { query: parsed };
  const terms = collectTerms(parsed.root).filter((t) => !t.spelled && isWidenable(t.value) && !known.has(t.value));
  if (terms.length === 0) return { query: parsed };

  const words = [...new Set(terms.map((t) => t.value))];
  const candidates = new Map<string, string[]>();
  for (const word of words) candidates.set(word, ocrVariants(word));
  // Only whether a word is rare (and whether a variant occurs at all) matters here.
  const frequencies = await visibleCounts(vocabulary, [...new Set([...words, ...[...candidates.values()].flat()])], RARE_WORD_DOCUMENTS);

  const alternatives = new Map<string, string[]>();
  const replacements = new Map<string, string>();
  for (const word of words) {
    const df = frequencies.get(word) ?? 0;
    const found = candidates.get(word)!.filter((v) => (frequencies.get(v) ?? 0) > 0);
    if (df < RARE_WORD_DOCUMENTS) {
      const neighbours = editNeighbours(word);
      const neighbourFrequencies = await visibleCounts(vocabulary, neighbours, NEIGHBOUR_COUNT_CAP);
      const better = neighbours
        .filter((n) => (neighbourFrequencies.get(n) ?? 0) > df)
        .sort((a, b) => neighbourFrequencies.get(b)! - neighbourFrequencies.get(a)! || a.localeCompare(b))
        .slice(0, MAX_NEIGHBOURS);
      for (const n of better) if (!found.includes(n)) found.push(n);
      if (df === 0 && better[0]) replacements.set(word, better[0]);
    }
    if (found.length) alternatives.set(word, found);
  }
  if (alternatives.size === 0) return { query: parsed };

  const root = widenNode(parsed.root, alternatives);
  const widened: WidenedQuery = { query: { ...parsed, root } };
  if (replacements.size) widened.suggestion = suggest(q, replacements);
  return widened;
}

function collectTerms(node: QueryNode): Extract<QueryNode, { kind: 'term' }>[] {
  switch (node.kind) {
    case 'term':
      return node.prefix ? [] : [node];
    case 'phrase':
      return [];
    case 'and':
    case 'or':
      return node.children.flatMap(collectTerms);
    case 'not':
      // An excluded word is excluded as typed; widening it would hide more than was asked.
      return [];
  }
}

function isWidenable(word: string): boolean {
  return word.length >= 4 && !/^\d+$/.test(word);
}

function widenNode(node: QueryNode, alternatives: Map<string, string[]>): QueryNode {
  switch (node.kind) {
    case 'term': {
      const more = node.prefix || node.spelled ? undefined : alternatives.get(node.value);
      if (!more) return node;
      return { kind: 'or', children: [node, ...more.map((value) => ({ ...node, value }))] };
    }
    case 'phrase':
      return node;
    case 'and':
    case 'or':
      return { kind: node.kind, children: node.children.map((c) => widenNode(c, alternatives)) };
    case 'not':
      return node;
  }
}

export function ocrVariants(word: string): string[] {
  const out = new Set<string>();
  for (const [a, b] of OCR_CONFUSIONS) {
    for (const [from, to] of [[a, b], [b, a]] as const) {
      let at = word.indexOf(from);
      while (at >= 0) {
        out.add(word.slice(0, at) + to + word.slice(at + from.length));
        at = word.indexOf(from, at + 1);
      }
    }
  }
  out.delete(word);
  return [...out];
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';

/** Every word one deletion, substitution, insertion or transposition away (Damerau edit 1). */
export function editNeighbours(word: string): string[] {
  const out = new Set<string>();
  const letters = new Set([...ALPHABET, ...word]);
  for (let i = 0; i <= word.length; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    if (tail) out.add(head + tail.slice(1));
    if (tail.length > 1) out.add(head + tail[1] + tail[0] + tail.slice(2));
    for (const c of letters) {
      if (tail) out.add(head + c + tail.slice(1));
      out.add(head + c + tail);
    }
  }
  out.delete(word);
  return [...out].filter((w) => w.length >= 2);
}

/** Rewrites the typed query, replacing each word whose folded form was unknown. */
function suggest(q: string, replacements: Map<string, string>): string {
  return q.replace(/[\p{L}\p{N}]+/gu, (word) => {
    const folded = indexWords(word);
    if (folded.length !== 1) return word;
    const replacement = replacements.get(folded[0]!);
    if (!replacement) return word;
    return word === word.toUpperCase() && word.length > 1 ? replacement.toUpperCase() : foldText(word) === word ? replacement : capitalize(replacement);
  });
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
