/**
 * Resumption tokens carry the whole state of a list request (format, range, set, where the last
 * page ended), so any server behind the same archive can answer the next page, and a token
 * stays good across restarts. It is opaque to harvesters, not secret: it only names records
 * they were already shown.
 */
import { OaiError } from './errors.js';

export interface ListToken {
  metadataPrefix: string;
  from?: string;
  until?: string;
  set?: string;
  /** The last record of the previous page, in (datestamp, id) order. */
  after?: { datestamp: string; id: string };
  /** How many records the earlier pages held (the token's `cursor` attribute). */
  cursor: number;
}

export function encodeListToken(token: ListToken): string {
  return Buffer.from(JSON.stringify(token), 'utf8').toString('base64url');
}

export function decodeListToken(value: string): ListToken {
  const fail = () => new OaiError('badResumptionToken', 'The resumptionToken is not one this repository issued.');
  if (value.length > 2000 || !/^[A-Za-z0-9_-]+$/.test(value)) throw fail();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw fail();
  }
  if (!isListToken(parsed)) throw fail();
  return parsed;
}

function isListToken(value: unknown): value is ListToken {
  if (typeof value !== 'object' || value === null) return false;
  const t = value as Record<string, unknown>;
  const optionalString = (key: string) => t[key] === undefined || typeof t[key] === 'string';
  const after = t.after as Record<string, unknown> | undefined;
  return (
    typeof t.metadataPrefix === 'string' &&
    Number.isSafeInteger(t.cursor) &&
    (t.cursor as number) >= 0 &&
    optionalString('from') &&
    optionalString('until') &&
    optionalString('set') &&
    (after === undefined || (typeof after === 'object' && after !== null && typeof after.datestamp === 'string' && typeof after.id === 'string'))
  );
}
