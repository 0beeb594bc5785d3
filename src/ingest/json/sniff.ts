/**
 * Whether a file's content starts as JSON records, whatever its name: after an optional
 * byte-order mark and whitespace, an object that opens with a key (or is empty), or an array that
 * opens with an object (or is empty). That is what both JSON formats read (one object, an array
 * of them, JSON Lines), and it is narrower than "starts with { or [" on purpose: a text that
 * opens with `[Draft]` or `{sic}` is no JSON. A head cut off inside the opening whitespace counts.
 */
export function looksLikeJson(head: string): boolean {
  return /^\uFEFF?\s*(?:\{\s*(?:"|\}|$)|\[\s*(?:\{|\]|$))/.test(head);
}

/** The names the JSON formats claim whatever the content: their readers say what is wrong with it. */
export const JSON_FILE_EXTENSIONS: readonly string[] = ['.json', '.jsonl', '.ndjson'];
