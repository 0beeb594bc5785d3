/**
 * The people who run an archive: administrators and editors. An account is a name, a role and a
 * password (kept only as a hash). Names are short and plain, so they read the same in a
 * terminal, a log line and a URL.
 */
export const USER_ROLES = ['admin', 'editor'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export interface UserSummary {
  name: string;
  role: UserRole;
  createdAt: string;
  passwordChangedAt: string;
}

export interface UserAccount extends UserSummary {
  /** The password hash in PHC string form (`$argon2id$v=19$m=…`). */
  passwordHash: string;
}

export function isUserRole(value: string): value is UserRole {
  return (USER_ROLES as readonly string[]).includes(value);
}

const USER_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/**
 * Why a user name cannot be one, or null when it can. The refused name is not repeated: it may
 * be a password typed in the wrong place, and the message goes to a terminal and its logs.
 */
export function userNameProblem(name: string): string | null {
  if (USER_NAME.test(name)) return null;
  return 'that cannot be a user name: use 1 to 64 lowercase letters, digits, ".", "_" or "-", starting with a letter or digit';
}

/** Passwords shorter than this are refused (NIST SP 800-63B's minimum for a chosen password). */
export const MIN_PASSWORD_LENGTH = 8;
/** Longer ones too: the hash reads all of it, and nobody types a book. */
export const MAX_PASSWORD_LENGTH = 1024;

/** Why a password is refused, or null when it is accepted. Length is counted in characters, as people count. */
export function passwordProblem(password: string): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `the password must have at least ${MIN_PASSWORD_LENGTH} characters`;
  if (length > MAX_PASSWORD_LENGTH) return `the password may have at most ${MAX_PASSWORD_LENGTH} characters`;
  if (password.trim() === '') return 'the password cannot be only spaces';
  return null;
}
