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
