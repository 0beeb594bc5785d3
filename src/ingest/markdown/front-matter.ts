import { type Document, isScalar, LineCounter, parseDocument, visit } from 'yaml';
import { normalizeNewlines } from '../encoding.js';

/** Front matter larger than this is not metadata; refusing it keeps a hostile file cheap. */
const MAX_FRONT_MATTER_CHARS = 1024 * 1024;
/** Enough for shared entity records (`&khrushchev` … `*khrushchev`), far too few for a YAML bomb. */
const MAX_ALIAS_COUNT = 100;

export class FrontMatterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FrontMatterError';
  }
}

export interface SplitMarkdown {
  /** The YAML between the fences, or null when the file has no front matter. */
  yaml: string | null;
  body: string;
  /** 1-based line of the file where the YAML starts, for error positions. */
  yamlFirstLine: number;
}

/**
 * Whether a file's content starts with YAML front matter, whatever its name: a `---` line, then
 * (after blank or comment lines) a key or the closing fence. A text whose first line is a rule of
 * three dashes followed by prose is not taken for Markdown. A comment stops before `\r`, which
 * `\r?\n` then takes: were both able to take it, each comment line ending in CRLF would double
 * the ways a failing match is tried (27 such lines took a minute).
 */
export function startsWithFrontMatter(head: string): boolean {
  return /^\uFEFF?---[ \t]*\r?\n(?:[ \t]*(?:#[^\r\n]*)?\r?\n)*(?:["']?[\p{L}_][\p{L}\p{N}_.-]*["']?[ \t]*:(?:[ \t]|\r?\n|$)|(?:---|\.\.\.)[ \t]*(?:\r?\n|$))/u.test(head);
}

/** Separates `---`-fenced front matter (closed by `---` or `...`) from the Markdown body. */
export function splitFrontMatter(source: string): SplitMarkdown {
  const text = normalizeNewlines(source);
  if (!/^---[ \t]*\n/.test(text)) return { yaml: null, body: text, yamlFirstLine: 0 };
  const start = text.indexOf('\n') + 1;
  const close = /^(?:---|\.\.\.)[ \t]*$/m;
  const rest = text.slice(start);
  const match = close.exec(rest);
  if (!match) throw new FrontMatterError('front matter opened with "---" on line 1 is never closed with "---"');
  const yaml = rest.slice(0, match.index);
  const afterFence = start + match.index + match[0].length;
  return { yaml, body: text.slice(afterFence).replace(/^\n/, ''), yamlFirstLine: 2 };
}

/**
 * Parses front matter as YAML 1.2 core schema only: no custom or language tags, no merge keys,
 * no timestamp objects (dates stay text for the date parser), and a cap on alias expansion.
 */
export function parseFrontMatter(yaml: string, firstLine: number): Record<string, unknown> {
  if (yaml.length > MAX_FRONT_MATTER_CHARS) throw new FrontMatterError('front matter is larger than 1 MB');
  const lineCounter = new LineCounter();
  const doc = parseDocument(yaml, {
    version: '1.2',
    schema: 'core',
    merge: false,
    resolveKnownTags: false,
    // Checked below with a Set: the library compares every pair of keys, n² for many keys.
    uniqueKeys: false,
    stringKeys: true,
    prettyErrors: false,
    logLevel: 'silent',
    lineCounter,
  });
  // The first problem in the text, as the library would report it: its own errors, or a key
  // repeated within one mapping.
  const problem = doc.errors[0] ?? doc.warnings[0];
  const repeated = firstRepeatedKey(doc);
  if (problem || repeated !== undefined) {
    const repeatedFirst = repeated !== undefined && (!problem || repeated < problem.pos[0]);
    const { line, col } = lineCounter.linePos(repeatedFirst ? repeated : problem!.pos[0]);
    throw new FrontMatterError(`invalid YAML at line ${line + firstLine - 1}, column ${col}: ${repeatedFirst ? 'Map keys must be unique' : problem!.message}`);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    throw new FrontMatterError(`front matter rejected: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new FrontMatterError('front matter must be a YAML mapping of field: value');
  return value as Record<string, unknown>;
}

/** Where the earliest key repeated within its mapping starts, if any. */
function firstRepeatedKey(doc: Document): number | undefined {
  let found: number | undefined;
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (seen.has(key)) {
          const at = isScalar(pair.key) ? (pair.key.range?.[0] ?? 0) : 0;
          if (found === undefined || at < found) found = at;
          return undefined;
        }
        seen.add(key);
      }
      return undefined;
    },
  });
  return found;
}
