import { parseArgs, type ParseArgsConfig } from 'node:util';

type OptionDescriptor = NonNullable<ParseArgsConfig['options']>[string];

/** A command-line mistake: the CLI prints the message and the usage, and exits 2. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

const COMMON_OPTIONS = { db: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

export function parseCommandArgs<const O extends Record<string, OptionDescriptor>>(argv: string[], options: O) {
  const config = {
    args: argv,
    options: { ...options, ...COMMON_OPTIONS } as O & typeof COMMON_OPTIONS,
    allowPositionals: true as const,
    strict: true as const,
  };
  // An empty path would open a throwaway temporary SQLite store: the work would land nowhere.
  if (argv.some((arg, i) => (arg === '--db' && argv[i + 1]?.trim() === '') || (arg.startsWith('--db=') && arg.slice(5).trim() === ''))) {
    throw new CliUsageError('--db needs a value: a SQLite file path or a postgres:// URL');
  }
  try {
    return parseArgs(config);
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
}

export function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new CliUsageError(`--${name} must be a positive whole number`);
  return Number(value);
}

/**
 * Text from an archive or a source file, made safe to print on a terminal: control characters
 * (an escape sequence in a title can recolour, retitle or clear the terminal) become U+FFFD.
 * Line ends and tabs stay.
 */
export function terminalText(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\ufffd');
}

/** Writes to a stream and waits until it has been flushed, so exit codes never truncate output. */
export function writeOut(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (stream.write(text)) resolve();
    else stream.once('drain', () => resolve());
  });
}
