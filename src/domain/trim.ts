/*
 * Trimming given characters off a string's ends by scanning from each end. The obvious regex,
 * `/[.,;]+$/`, retries from every character of a run that does not reach the end, so a long run
 * of them in the middle of a value costs n² (40,000 characters: seconds).
 */

const isWhite = (c: string): boolean => /\s/.test(c);

/** `s` without any of `chars` (and, with `whitespace`, any white space) at its end. */
export function trimTrailing(s: string, chars: string, whitespace = false): string {
  let end = s.length;
  while (end > 0 && (chars.includes(s[end - 1]!) || (whitespace && isWhite(s[end - 1]!)))) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** `s` without any of `chars` (and, with `whitespace`, any white space) at its start. */
export function trimLeading(s: string, chars: string, whitespace = false): string {
  let start = 0;
  while (start < s.length && (chars.includes(s[start]!) || (whitespace && isWhite(s[start]!)))) start++;
  return start === 0 ? s : s.slice(start);
}

/** Both ends. */
export function trimEdges(s: string, chars: string, whitespace = false): string {
  return trimLeading(trimTrailing(s, chars, whitespace), chars, whitespace);
}
