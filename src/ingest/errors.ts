/**
 * The command line was asked for something that cannot be done at all (a path that does not
 * exist, a format that is not available): the CLI answers with exit code 2 before touching the
 * store, unlike record and file failures, which are reported and skipped.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Names for a message: a file with 100,000 columns must not make a message of 100,000 names. */
export function namesList(names: readonly string[], shown = 20): string {
  if (names.length <= shown) return names.join(', ');
  return `${names.slice(0, shown).join(', ')} and ${(names.length - shown).toLocaleString('en')} more`;
}
