import { statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { slugify } from '../domain/index.js';

/** The file name without folders and extension: the stable part of a path across checkouts. */
export function fileStem(path: string): string {
  const name = basename(path);
  const ext = extname(name);
  return ext ? name.slice(0, -ext.length) : name;
}

/** An identifier from the file name ("Khrushchev to Castro.md" → "khrushchev-to-castro"). */
export function fileId(path: string): string {
  return slugify(fileStem(path), 120);
}

export function hasExtension(path: string, extensions: readonly string[]): boolean {
  return extensions.includes(extname(path).toLowerCase());
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * What changes when a file is written or replaced (device, inode, size, modification and change
 * times), to know a file read before is unchanged; undefined when it cannot be looked at.
 */
export function fileVersion(path: string): string | undefined {
  try {
    const s = statSync(path, { bigint: true });
    return `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
  } catch {
    return undefined;
  }
}
