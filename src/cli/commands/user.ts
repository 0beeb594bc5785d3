import { hashPassword } from '../../accounts/password.js';
import { isUserRole, passwordProblem, USER_ROLES, userNameProblem, type UserRole } from '../../domain/account.js';
import { StoreConflictError } from '../../store/errors.js';
import { resolveDbSetting } from '../../store/open.js';
import { openArchive } from './open-archive.js';
import type { ArchiveStore } from '../../store/types.js';
import { CliUsageError, parseCommandArgs, writeOut } from '../args.js';
import { HiddenPrompt, readPipedLine } from '../secret-input.js';

const USAGE = 'archivum user add NAME --role admin|editor | archivum user passwd NAME | archivum user list [--json]';

/**
 * `archivum user add NAME --role admin|editor`, `user passwd NAME`, `user list`: the accounts of
 * the people who run the archive. A password is typed at a prompt that does not echo it, twice,
 * or read from the first line of standard input; never from the command line. Exit 0 done, 2
 * nothing could be done (a bad name, role or password, a name taken, no such user).
 */
export async function runUser(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { role: { type: 'string' }, json: { type: 'boolean' } });
  const [action, name, ...extra] = positionals;
  if (action === 'list') {
    if (name !== undefined) throw new CliUsageError(`user list takes no arguments: ${USAGE}`);
    return withStore(values.db, async (store) => {
      const users = await store.listUsers();
      if (values.json) return writeOut(process.stdout, `${JSON.stringify(users, null, 2)}\n`);
      if (users.length === 0) return writeOut(process.stdout, 'no users\n');
      const width = Math.max(...users.map((u) => u.name.length));
      const lines = users.map((u) => `${u.name.padEnd(width)}  ${u.role.padEnd(6)}  added ${u.createdAt.slice(0, 10)}  password changed ${u.passwordChangedAt.slice(0, 10)}`);
      return writeOut(process.stdout, `${lines.join('\n')}\n`);
    });
  }
  if (action !== 'add' && action !== 'passwd') throw new CliUsageError(action ? `unknown user action "${action}": ${USAGE}` : USAGE);
  if (name === undefined) throw new CliUsageError(`user ${action} needs a user name: ${USAGE}`);
  // A second word is most likely a password typed where it must not be: refuse it, do not echo it.
  if (extra.length) throw new CliUsageError(`user ${action} takes one name and reads the password from a prompt or standard input, never from the command line`);
  const nameProblem = userNameProblem(name);
  if (nameProblem) throw new CliUsageError(nameProblem);
  const role = action === 'add' ? roleToAdd(values.role) : undefined;
  if (action === 'passwd' && values.role !== undefined) throw new CliUsageError('user passwd changes only the password; --role is for user add');
  const noSuchUser = () => {
    process.stderr.write(`archivum user passwd: there is no user "${name}"\n`);
    return 2;
  };
  return withStore(values.db, async (store) => {
    // Asked before the password, so nobody types one for a user who is not there.
    if (action === 'passwd' && !(await store.listUsers()).some((u) => u.name === name)) return noSuchUser();
    const password = await readNewPassword(name);
    if (password === null) return 2;
    const passwordHash = await hashPassword(password);
    const now = new Date().toISOString();
    if (role !== undefined) {
      try {
        await store.addUser({ name, role, passwordHash, createdAt: now, passwordChangedAt: now });
      } catch (error) {
        if (!(error instanceof StoreConflictError)) throw error;
        process.stderr.write(`archivum user add: ${error.message}; to change the password: archivum user passwd ${name}\n`);
        return 2;
      }
      await writeOut(process.stdout, `added ${role} "${name}"\n`);
      return 0;
    }
    // Removed meanwhile by another process.
    if (!(await store.setUserPassword(name, passwordHash, now))) return noSuchUser();
    await writeOut(process.stdout, `changed the password of "${name}"\n`);
    return 0;
  });
}

/** The role `--role` names for `user add`, or a usage error. */
function roleToAdd(value: string | undefined): UserRole {
  if (value === undefined) throw new CliUsageError(`user add needs --role ${USER_ROLES.join('|')}`);
  if (!isUserRole(value)) throw new CliUsageError(`--role must be ${USER_ROLES.join(' or ')}`);
  return value;
}

async function withStore(db: string | undefined, run: (store: ArchiveStore) => Promise<number | void>): Promise<number> {
  const store = await openArchive(resolveDbSetting(db));
  try {
    return (await run(store)) ?? 0;
  } finally {
    await store.close();
  }
}

/** The new password, typed twice at a terminal or piped once; null (said why on stderr) when refused. */
async function readNewPassword(name: string): Promise<string | null> {
  const stdin = process.stdin;
  let password: string;
  if (stdin.isTTY) {
    try {
      const prompt = new HiddenPrompt(stdin, process.stderr);
      password = await prompt.ask(`New password for ${name}: `);
      const again = await prompt.ask('The same again: ');
      if (again !== password) {
        process.stderr.write('archivum user: the two passwords differ; nothing was changed\n');
        return null;
      }
    } catch {
      process.stderr.write('archivum user: cancelled; nothing was changed\n');
      return null;
    }
  } else {
    password = await readPipedLine(stdin);
  }
  const problem = passwordProblem(password);
  if (problem) {
    process.stderr.write(`archivum user: ${problem}; nothing was changed\n`);
    return null;
  }
  return password;
}
