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
