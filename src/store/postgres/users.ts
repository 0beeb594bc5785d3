import type { Pool } from 'pg';
import { isUserRole, type UserAccount, type UserSummary } from '../../domain/account.js';
import { StoreConflictError } from '../errors.js';

/** Accounts in the PostgreSQL store (migration 6), as sqlite/users.ts. */
export async function addUser(pool: Pool, account: UserAccount): Promise<void> {
  const inserted = await pool.query(
    `INSERT INTO users (name, role, password_hash, created_at, password_changed_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (name) DO NOTHING`,
    [account.name, account.role, account.passwordHash, account.createdAt, account.passwordChangedAt],
  );
  if (inserted.rowCount !== 1) throw new StoreConflictError(`there is already a user "${account.name}"`);
}

export async function setUserPassword(pool: Pool, name: string, passwordHash: string, changedAt: string): Promise<boolean> {
  const updated = await pool.query('UPDATE users SET password_hash = $1, password_changed_at = $2 WHERE name = $3', [passwordHash, changedAt, name]);
  return updated.rowCount === 1;
}

export async function listUsers(pool: Pool): Promise<UserSummary[]> {
  const { rows } = await pool.query<{ name: string; role: string; created_at: string; password_changed_at: string }>(
    'SELECT name, role, created_at, password_changed_at FROM users ORDER BY name',
  );
  return rows.filter((r) => isUserRole(r.role)).map((r) => ({ name: r.name, role: r.role as UserSummary['role'], createdAt: r.created_at, passwordChangedAt: r.password_changed_at }));
}
