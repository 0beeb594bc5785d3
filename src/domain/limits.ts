import { formatCount, fieldPath, type PathSegment } from './issues.js';

/**
 * Bounds on one record, and the text every record must hold, checked on the raw input before
 * anything else is done with it (docs/formats.md, "Limits on one record").
 *
 * The bounds are 20 times and more the largest real values in the corpora (FRUS, State of the
 * Union, Schnitzler letters and CMIF): the longest title is 446 characters (a CMIF/CSV letter;
 * FRUS 299), the longest single text 217,083 (the 1981 State of the Union; FRUS 134,153) and the
 * most text in one record 274,740 characters (a FRUS document whose body and text each hold it).
 * A record past them is a mistake or an attack, and would otherwise cost gigabytes on its way
 * into the store, or fail there with "Invalid string length".
 */
export const MAX_TITLE_CHARS = 10_000;
/** Every string of the record together: its text, body, notes, versions, names and fields. */
export const MAX_RECORD_CHARS = 8_000_000;
/**
 * Strings, numbers, objects and list items in one record. The largest real record holds about
 * 4,500 (a FRUS document, body nodes included). The walk below stops here, so that a record of a
 * hundred million list items is refused at once instead of validated item by item.
 */
export const MAX_RECORD_VALUES = 1_000_000;

// `String.prototype.isWellFormed` is in Node 20 but not in the ES2023 library this code is typed with.
type WellFormedString = string & { isWellFormed(): boolean };

/**
 * Why the raw input of a record cannot be stored, or null: too large (see the bounds above), or
 * a string that is not text: a NUL character, which PostgreSQL cannot store and XML cannot hold,
 * or an unpaired UTF-16 surrogate (from a JSON `"\ud800"`), which is not Unicode and would be
 * stored as invalid UTF-8. Each string is scanned only while the record is within its
 * size bound, so a huge record is refused before its characters are scanned. Object keys are not
 * checked here: only those of `authorities` are kept, and {@link textProblem} checks them there.
 */
export function recordInputProblem(raw: unknown): string | null {
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    const title = (raw as Record<string, unknown>).title;
    if (typeof title === 'string' && title.length > MAX_TITLE_CHARS) {
      return `title is ${formatCount(title.length)} characters; at most ${formatCount(MAX_TITLE_CHARS)}`;
    }
  }
  // The walk that runs for every record keeps no paths (on a FRUS ingest that would cost more
  // than the check); only a record found wanting is walked again to say where.
  const stack: unknown[] = [raw];
  let chars = 0;
  let values = 0;
  while (stack.length > 0) {
    const value = stack.pop();
    if (++values > MAX_RECORD_VALUES) {
      return `the record holds more than ${formatCount(MAX_RECORD_VALUES)} values (fields, list items, body nodes); at most ${formatCount(MAX_RECORD_VALUES)}`;
    }
    if (typeof value === 'string') {
      chars += value.length;
      if (chars > MAX_RECORD_CHARS) return tooMuchText(raw);
      if (textProblem(value) !== null) return whereText(raw);
    } else if (value !== null && typeof value === 'object') {
      pushChildren(stack, value);
    }
  }
  return null;
}

/**
 * Why one string is not storable text, or null. Two native scans (a NUL, then well-formed UTF-16),
 * the test of every string of every record: about five times faster than one regular expression
 * for both (measured on English text).
 */
export function textProblem(text: string): string | null {
  const nul = text.indexOf('\0');
  if (nul !== -1) return `contains a NUL character (at character ${formatCount(nul + 1)})`;
  if (!(text as WellFormedString).isWellFormed()) {
    return `holds an unpaired surrogate (not valid Unicode) at character ${formatCount(unpairedSurrogate(text) + 1)}`;
  }
  return null;
}

function unpairedSurrogate(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return i;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return i;
    }
  }
  return -1;
}

/** Children last to first, so that they are popped in document order. */
function pushChildren(stack: unknown[], value: object): void {
  if (Array.isArray(value)) {
    for (let i = value.length - 1; i >= 0; i--) stack.push(value[i]);
    return;
  }
  const keys = Object.keys(value);
  for (let i = keys.length - 1; i >= 0; i--) stack.push((value as Record<string, unknown>)[keys[i]!]);
}

/** The reason for a string that is not text: the first such string, with its place. */
function whereText(raw: unknown): string {
  let reason = 'holds text that is not valid Unicode';
  walkStrings(raw, (text, path) => {
    const problem = textProblem(text);
    if (problem) reason = `${fieldPath(path)}: ${problem}`;
    return problem === null;
  });
  return reason;
}

/** The reason for a record past {@link MAX_RECORD_CHARS}: its size, and the field that holds most of it. */
function tooMuchText(raw: unknown): string {
  const byField = new Map<string, number>();
  let total = 0;
  // Lengths only, no scanning: cheap even for a record of hundreds of megabytes.
  walkStrings(raw, (text, path) => {
    total += text.length;
    const field = fieldPath(path.slice(0, 1));
    byField.set(field, (byField.get(field) ?? 0) + text.length);
    return true;
  });
  let [field, most] = ['record', 0];
  for (const [name, chars] of byField) if (chars > most) [field, most] = [name, chars];
  const share = most === total ? `all of it in ${field}` : `${formatCount(most)} of them in ${field}`;
  return `the document's text is ${formatCount(total)} characters (${share}); at most ${formatCount(MAX_RECORD_CHARS)}`;
}

/**
 * Calls `visit` with every string of `root` and where it is, in the order of
 * {@link recordInputProblem}, until it returns false. Iterative, because a body may nest deeper
 * than the call stack goes; and bounded like that walk, which has already been through `root`.
 */
function walkStrings(root: unknown, visit: (text: string, path: readonly PathSegment[]) => boolean): void {
  const values: unknown[] = [root];
  const depths: number[] = [0];
  const keys: PathSegment[] = [''];
  const path: PathSegment[] = [];
  for (let seen = 0; values.length > 0 && seen <= MAX_RECORD_VALUES; seen++) {
    const value = values.pop();
    const depth = depths.pop()!;
    const key = keys.pop()!;
    // Depth first: the values above this one are the last popped at each lesser depth.
    path.length = Math.max(0, depth - 1);
    if (depth > 0) path.push(key);
    if (typeof value === 'string') {
      if (!visit(value, path)) return;
    } else if (value !== null && typeof value === 'object') {
      const children: [PathSegment, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
      for (let i = children.length - 1; i >= 0; i--) {
        const [name, child] = children[i]!;
        values.push(child);
        depths.push(depth + 1);
        keys.push(name);
      }
    }
  }
}
