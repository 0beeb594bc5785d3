import { CliUsageError } from './args.js';
import { runBackup, runRestore } from './commands/backup.js';
import { runExport } from './commands/export.js';
import { runIngest } from './commands/ingest.js';
import { runMigrate } from './commands/migrate.js';
import { runSearch } from './commands/search.js';
import { runServe } from './commands/serve.js';
import { runUser } from './commands/user.js';
import { UsageError } from '../ingest/errors.js';

export const EXIT_OK = 0;
export const EXIT_PARTIAL = 1;
export const EXIT_USAGE = 2;

const USAGE = `Usage: archivum <command> [options]

Commands:
  serve  [--port 8080] [--host 127.0.0.1] [--demo]     serve the archive over HTTP
  ingest [--format auto|tei|cmif|csv|markdown|json|pdf|text] [--collection SLUG] [--report FILE] [--mapping FILE] PATH…
  search [--json] [--limit N] QUERY                    search as /api/search does
  export --format json|csv|tei|cmif [--base-url URL] OUT
                                                       write every published document
  backup [--format sqlite|jsonl] FILE                  a verified copy of the whole archive, while it serves
  restore FILE                                         replace the archive with a backup, in one transaction
  migrate --from SQLITE-FILE|POSTGRES-URL --to SQLITE-FILE|POSTGRES-URL
                                                       copy a whole archive into an empty one, verified
  user add NAME --role admin|editor | user passwd NAME | user list [--json]
                                                       accounts; the password is read from a prompt or stdin

Every command takes --db VALUE (else ARCHIVUM_DB, else ./archivum.db).`;

type Command = (argv: string[]) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  serve: runServe,
  ingest: runIngest,
  search: runSearch,
  export: runExport,
  backup: runBackup,
  restore: runRestore,
  migrate: runMigrate,
  user: runUser,
};

/**
 * `archivum --db X ingest …` reads as `archivum ingest --db X …`: "every command takes --db", and
 * people put a store option before the command as often as after it.
 */
function commandFirst(argv: string[]): string[] {
  const leading: string[] = [];
  let at = 0;
  while (at < argv.length) {
    const arg = argv[at]!;
    if (arg === '--db' && at + 1 < argv.length) {
      leading.push(arg, argv[at + 1]!);
      at += 2;
    } else if (arg.startsWith('--db=')) {
      leading.push(arg);
      at += 1;
    } else break;
  }
  if (leading.length === 0) return argv;
  // `archivum --db x.db` alone: no command was given, which the usage says.
  if (at >= argv.length) return [];
  return [argv[at]!, ...leading, ...argv.slice(at + 1)];
}

/** Runs one CLI invocation and returns its exit code (CONTRACT.md: 0 done, 1 some failed, 2 usage). */
export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = commandFirst(argv);
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE + '\n');
    return name ? EXIT_OK : EXIT_USAGE;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`archivum: unknown command "${name}"\n\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(USAGE + '\n');
    return EXIT_OK;
  }
  try {
    return await command(rest);
  } catch (error) {
    if (error instanceof CliUsageError || error instanceof UsageError) {
      process.stderr.write(`archivum ${name}: ${error.message}\n`);
      return EXIT_USAGE;
    }
    process.stderr.write(`archivum ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_USAGE;
  }
}
