import type { z } from 'zod';

/**
 * Plain reasons from zod issues. zod's own wording ("Invalid input: expected string, received
 * undefined", or a bare "Invalid input" for a union) is written for programmers; a person fixing
 * a spreadsheet row or a JSON file needs to read "title: missing" or "date: expected a string or
 * an object, got true".
 */

type Issue = z.core.$ZodIssue;
export type PathSegment = PropertyKey;

/** At most this many issues are spelled out: a file of 10,000 bad authors needs one line, not 10,000. */
const MAX_REASONS = 5;

/**
 * `authors[0].name`: the notation of JSON tools and JavaScript, so an index reads as one. A key
 * that is not a plain name is quoted as JSON, so that a NUL or a lone surrogate in it does not
 * reach the reason (and the terminal, and the report) raw.
 */
export function fieldPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && PLAIN_KEY.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out || 'record';
}

const PLAIN_KEY = /^[A-Za-z_$][\w$-]{0,80}$/;

/**
 * One reason per issue, `path: what is wrong`, for the value `input` that was validated. `base`
 * is where `input` sits in the record (`['date']` for a date validated on its own).
 */
export function issueReasons(issues: readonly Issue[], input: unknown, base: readonly PathSegment[] = []): string[] {
  const reasons = issues.flatMap((issue) => reasonsFor(issue, input, base));
  if (reasons.length <= MAX_REASONS) return reasons;
  return [...reasons.slice(0, MAX_REASONS), `and ${reasons.length - MAX_REASONS} more problems`];
}

function reasonsFor(issue: Issue, root: unknown, base: readonly PathSegment[]): string[] {
  const path = [...base, ...issue.path];
  const value = valueAt(root, issue.path);
  const where = fieldPath(path);
  switch (issue.code) {
    case 'invalid_type':
      return [`${where}: ${value === undefined ? 'missing' : `expected ${expectedName(issue.expected)}, got ${describe(value)}`}`];
    case 'invalid_union': {
      if (issue.errors.length === 0) {
        // A discriminated union whose `kind` names no branch; the issue's path ends at `kind`.
        const options = 'options' in issue && issue.options ? issue.options : [];
        return [`${where}: ${value === undefined ? 'missing; expected' : `${describeShort(value)} is not`} one of ${orList(options.map((o) => JSON.stringify(o)))}`];
      }
      // The branch the value was meant for is the one whose own type it has: its issues lie
      // deeper, or are not about the type. Its reasons say what to fix; the others only say
      // "expected a string", which the value plainly is not.
      const meant = issue.errors.find((branch) => !branch.every(isTypeMismatchHere));
      if (meant) return meant.flatMap((inner) => reasonsFor(inner, value, path));
      if (value === undefined) return [`${where}: missing`];
      return [`${where}: expected ${orList(unique(issue.errors.flat().flatMap(expectedNames)))}, got ${describe(value)}`];
    }
    case 'invalid_value':
      return [`${where}: ${value === undefined ? 'missing; expected' : `${describeShort(value)} is not`} one of ${orList(issue.values.map((v) => JSON.stringify(v)))}`];
    case 'too_big':
      return [`${where}: ${sizeReason(value, issue.origin, 'at most', issue.maximum, issue.inclusive !== false) ?? plain(issue.message)}`];
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1 && issue.inclusive !== false) return [`${where}: must not be empty`];
      return [`${where}: ${sizeReason(value, issue.origin, 'at least', issue.minimum, issue.inclusive !== false) ?? plain(issue.message)}`];
    case 'unrecognized_keys': {
      // An object inside the record with a key no field has ("referenc", "latitude"): dropped, the
      // value would be lost without a word, as a misspelt top-level field is not.
      const keys = issue.keys.map((k) => JSON.stringify(k));
      return [`${where}: unknown field${keys.length > 1 ? 's' : ''} ${keys.join(', ')}`];
    }
    default:
      // Formats and refinements carry the messages this code base gives them ("must be an ISO
      // 8601 date: …"), already plain.
      return [`${where}: ${plain(issue.message)}`];
  }
}

/** A union branch issue that only says the value is not of the branch's type. */
function isTypeMismatchHere(issue: Issue): boolean {
  if (issue.path.length > 0) return false;
  if (issue.code === 'invalid_type') return true;
  return issue.code === 'invalid_union' && issue.errors.length > 0 && issue.errors.every((branch) => branch.every(isTypeMismatchHere));
}

function expectedNames(issue: Issue): string[] {
  if (issue.code === 'invalid_type') return [expectedName(issue.expected)];
  if (issue.code === 'invalid_union') return issue.errors.flat().flatMap(expectedNames);
  return [];
}

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  record: 'an object',
  null: 'null',
};

function expectedName(expected: string): string {
  return EXPECTED[expected] ?? expected;
}

function sizeReason(value: unknown, origin: string, bound: 'at most' | 'at least', limit: number | bigint, inclusive: boolean): string | null {
  const n = Number(limit);
  if (origin === 'string' && typeof value === 'string') {
    return `is ${formatCount(value.length)} characters; ${bound} ${formatCount(inclusive ? n : bound === 'at most' ? n - 1 : n + 1)}`;
  }
  if (origin === 'array' && Array.isArray(value)) {
    return `has ${formatCount(value.length)} items; ${bound} ${formatCount(inclusive ? n : bound === 'at most' ? n - 1 : n + 1)}`;
  }
  if ((origin === 'number' || origin === 'int') && typeof value === 'number') {
    const comparison = inclusive ? bound : bound === 'at most' ? 'less than' : 'more than';
    return `must be ${comparison} ${n} (got ${value})`;
  }
  return null;
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let value = root;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

/** What a value is, for "got …". */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return `a string (${quoted(value)})`;
    case 'number':
      return `a number (${value})`;
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

/** A value as the subject of a sentence: `"secret" is not one of …`. */
function describeShort(value: unknown): string {
  if (typeof value === 'string') return quoted(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return describe(value);
}

/** A string in quotes, cut short, and never inside a surrogate pair (half a pair is not text). */
function quoted(value: string, max = 40): string {
  if (value.length <= max) return `"${value}"`;
  const end = value.charCodeAt(max - 1) >= 0xd800 && value.charCodeAt(max - 1) <= 0xdbff ? max - 1 : max;
  return `"${value.slice(0, end)}…"`;
}

/** zod's default wording, where nothing better is known, without its "Invalid input:" lead. */
function plain(message: string): string {
  return message.replace(/^Invalid (?:input|option|string|value):\s*/, '');
}

function orList(items: string[]): string {
  if (items.length <= 1) return items[0] ?? 'nothing';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

/** 1,000,000: counts in reasons are read by people. */
export function formatCount(n: number): string {
  return n.toLocaleString('en');
}
