import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { IngestRecord } from '../domain/index.js';
import type { SourceFormat } from './format.js';
import type { SourceFile } from './walk.js';

/**
 * Source ids claimed in one run by files that share a name. Ids that default to the file name
 * (Markdown, text, CMIF, a CSV's or JSON file's rows) make two files of one name in different
 * folders share their source ids (`markdown:letter`), and the second would silently replace the
 * first: it is refused instead, and the first kept. Only files whose name another file of the run
 * also has are watched, so the memory this takes does not grow with every record of a run; the
 * same source id from a file of another name is the same source read again, an update.
 */
export class SourceIdClaims {
  private readonly claimed = new Map<string, SourceFile>();

  private constructor(private readonly namesakes: Map<string, string>) {}

  static async of(files: SourceFile[]): Promise<SourceIdClaims> {
    return new SourceIdClaims(await filesWithNamesakes(files));
  }

  /** Claims the record's source id for `file`; the reason it is refused, or null. */
  claim(file: SourceFile, format: SourceFormat, record: IngestRecord): string | null {
    const identity = this.namesakes.get(file.path);
    if (identity === undefined || format.sourceIdFromContent?.(record)) return null;
    const { sourceId } = record.document;
    const key = claimKey(file, record);
    const earlier = this.claimed.get(key);
    if (earlier === undefined || this.namesakes.get(earlier.path) === identity) {
      this.claimed.set(key, file);
      return null;
    }
    return `source id "${sourceId}" was already read from ${earlier.path}, a file of the same name, in this run; not stored, so that record is kept (give one of them its own id or sourceId)`;
  }

  /** Gives up a claim whose record the store refused: a later record may have the id. */
  release(file: SourceFile, record: IngestRecord): void {
    const key = claimKey(file, record);
    if (this.claimed.get(key) === file) this.claimed.delete(key);
  }
}

function claimKey(file: SourceFile, record: IngestRecord): string {
  return `${basename(file.path)}\n${record.document.sourceId}`;
}

/**
 * The files of a run whose name another file of the run also has, each with its identity (device
 * and inode: the same file reached by a symbolic or hard link, or named by two paths, is no
 * other file).
 */
async function filesWithNamesakes(files: SourceFile[]): Promise<Map<string, string>> {
  const byName = new Map<string, SourceFile[]>();
  for (const file of files) {
    const name = basename(file.path);
    const group = byName.get(name);
    if (group) group.push(file);
    else byName.set(name, [file]);
  }
  const out = new Map<string, string>();
  for (const group of byName.values()) {
    if (group.length < 2) continue;
    const identities = await Promise.all(
      group.map((file) => stat(file.path).then((s) => `${s.dev}:${s.ino}`, () => resolve(file.path))),
    );
    if (new Set(identities).size < 2) continue;
    group.forEach((file, i) => out.set(file.path, identities[i]!));
  }
  return out;
}
