import { isPostgresUrl } from '../../store/open.js';

/** How a command names a store in its messages: a file path, or a URL without its password. */
export function describeStore(value: string): string {
  if (!isPostgresUrl(value)) return value;
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return value.replace(/:[^:@/]*@/, ':***@');
  }
}
