/**
 * Texts snippets are cut from are stored with `<`, `>` and `&` swapped for private-use
 * characters. ts_headline re-parses the text with PostgreSQL's parser, which reads `<script>…`
 * as a tag (and drops it, and everything up to `</script>` becomes one blank) and `&amp;` as an
 * entity: a document quoting markup would lose its words from the snippet. Swapped, they are
 * plain separators; the snippet gets the characters back before shared escaping (snippet.ts).
 */
const SHIELD: [string, string][] = [
  ['<', '\uE000'],
  ['>', '\uE001'],
  ['&', '\uE002'],
];

export function shieldMarkup(text: string): string {
  return SHIELD.reduce((t, [from, to]) => t.replaceAll(from, to), text);
}

export function unshieldMarkup(text: string): string {
  return SHIELD.reduce((t, [from, to]) => t.replaceAll(to, from), text);
}
