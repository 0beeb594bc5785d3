import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { passwordMatches } from '../../src/accounts/password.js';
import { archivum, tempDir } from './helpers.js';

describe('archivum user', () => {
  let work: { dir: string; cleanup(): void };
  const run = (args: string[], input?: string) => archivum(['user', ...args, '--db', 'users.db'], { cwd: work.dir, ...(input !== undefined ? { input } : {}) });
  const storedHash = (name: string) =>
    new Database(path.join(work.dir, 'users.db'), { readonly: true }).prepare('SELECT password_hash FROM users WHERE name = ?').pluck().get(name) as string | undefined;

  before(() => {
    work = tempDir();
  });
  after(() => work.cleanup());

  it('adds an account with the password read from standard input, kept only as an Argon2id hash', async () => {
    const added = run(['add', 'alice', '--role', 'editor'], 'correct horse battery\n');
    assert.equal(added.code, 0, added.stderr);
    assert.equal(added.stdout, 'added editor "alice"\n');
    const hash = storedHash('alice')!;
    assert.match(hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.equal(await passwordMatches(hash, 'correct horse battery'), true);
    assert.equal(await passwordMatches(hash, 'correct horse battery\n'), false, 'the line end is not part of the password');
  });

  it('lists accounts by name, as text and as JSON, without hashes', () => {
    assert.equal(run(['add', 'bob', '--role', 'admin'], 'another secret\r\n').code, 0);
    const text = run(['list']);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /^alice  editor  added \d{4}-\d\d-\d\d  password changed \d{4}-\d\d-\d\d\nbob    admin   added /);
    const json = JSON.parse(run(['list', '--json']).stdout) as { name: string; role: string }[];
    assert.deepEqual(json.map((u) => [u.name, u.role]), [['alice', 'editor'], ['bob', 'admin']]);
    assert.ok(!JSON.stringify(json).includes('argon2'));
  });

  it('changes a password; the old one no longer matches', async () => {
    const before = storedHash('alice')!;
    const changed = run(['passwd', 'alice'], 'a brand new passphrase\n');
    assert.equal(changed.code, 0, changed.stderr);
    assert.equal(changed.stdout, 'changed the password of "alice"\n');
    const after = storedHash('alice')!;
    assert.notEqual(after, before);
    assert.equal(await passwordMatches(after, 'a brand new passphrase'), true);
    assert.equal(await passwordMatches(after, 'correct horse battery'), false);
  });

  it('refuses, with exit 2 and nothing changed: a password on the command line, a short one, a taken name, a bad name or role, an unknown user', () => {
    const hash = storedHash('alice');
    const cases: [string[], string | undefined, RegExp][] = [
      [['add', 'carol', 'hunter2hunter2', '--role', 'editor'], 'x', /never from the command line/],
      [['add', 'carol', '--role', 'editor'], 'short\n', /at least 8 characters/],
      [['add', 'carol', '--role', 'editor'], '', /at least 8 characters/],
      [['add', 'alice', '--role', 'admin'], 'long enough password\n', /already a user "alice"/],
      [['add', 'Carol Smith', '--role', 'editor'], 'long enough password\n', /cannot be a user name/],
      [['passwd', 'hunter2!hunter2'], 'long enough password\n', /cannot be a user name/],
      [['add', 'carol', '--role', 'owner'], 'long enough password\n', /--role must be admin or editor/],
      [['add', 'carol'], 'long enough password\n', /needs --role/],
      [['passwd', 'nobody'], 'long enough password\n', /no user "nobody"/],
      [['passwd', 'alice', '--role', 'admin'], 'long enough password\n', /only the password/],
      [['remove', 'alice'], undefined, /unknown user action "remove"/],
    ];
    for (const [args, input, message] of cases) {
      const refused = run(args, input);
      assert.equal(refused.code, 2, `${args.join(' ')}: ${refused.stderr}`);
      assert.match(refused.stderr, message, args.join(' '));
      assert.ok(!refused.stderr.includes('hunter2'), 'a password given as an argument is not echoed');
    }
    assert.equal(storedHash('alice'), hash);
    assert.equal(storedHash('carol'), undefined);
    assert.deepEqual((JSON.parse(run(['list', '--json']).stdout) as { name: string }[]).map((u) => u.name), ['alice', 'bob']);
  });
});
