import type { Database } from 'better-sqlite3';
import { isUserRole, type UserAccount, type UserSummary } from '../../domain/account.js';
import { StoreConflictError } from '../errors.js';

/** Accounts in the SQLite store (migration 7). */
export function addUser(db: Database, account: UserAccount): void {
  const taken = db.prepare('SELECT 1 FROM users WHERE name = ?').get(account.name);
  if (taken) throw new StoreConflictError(`there is already a user "${account.name}"`);
  db.prepare('INSERT INTO users (name, role, password_hash, created_at, password_changed_at) VALUES (?, ?, ?, ?, ?)').run(
    account.name,
    account.role,
    account.passwordHash,
    account.createdAt,
    account.passwordChangedAt,
  );
}

export function setUserPassword(db: Database, name: string, passwordHash: string, changedAt: string): boolean {
  return db.prepare('UPDATE users SET password_hash = ?, password_changed_at = ? WHERE name = ?').run(passwordHash, changedAt, name).changes === 1;
}

export function listUsers(db: Database): UserSummary[] {
  const rows = db.prepare('SELECT name, role, created_at, password_changed_at FROM users ORDER BY name').all() as {
    name: string;
    role: string;
    created_at: string;
    password_changed_at: string;
  }[];
  return rows.filter((r) => isUserRole(r.role)).map((r) => ({ name: r.name, role: r.role as UserSummary['role'], createdAt: r.created_at, passwordChangedAt: r.password_changed_at }));
}
