import { hash, verify } from '@node-rs/argon2';

/**
 * Passwords are hashed with Argon2id (the winner of the Password Hashing Competition, OWASP's
 * first choice) at OWASP's minimum cost: 19 MiB of memory, 2 passes, 1 lane. The PHC string it
 * returns carries its own salt and parameters, so the cost can be raised later and old hashes
 * still verify.
 */
const ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID);
}

export async function passwordMatches(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash matches nothing.
    return false;
  }
}
