import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { IngestRecord } from '../domain/index.js';
import type { SourceFormat } from './format.js';
import type { SourceFile } from './walk.js';

/**
 * Source ids claimed in one run, so that one file's record never silently replaces another
 * file's. Two kinds of files are watched:
 * - files that share a name: ids that default to the file name (Markdown, text, CMIF, a CSV's or
 *   JSON file's rows) make two files of one name in different folders share their source ids
 *   (`markdown:letter` from a/ and b/letter.md);
 * - files of a format that holds one record per file (Markdown, text): two of them can give one
 *   source id under different names, by one `id:` in two front matters (a copied file) or by
 *   names that spell one id (`Minutes 1963.txt`, `minutes-1963.txt`). Watching them all takes
 *   memory in proportion to the run's files, which the run holds anyway.
 * The second file's record is refused, and the first kept. Any other source id read again from a
 * file of another name is the same source read again, an update.
 */
export class SourceIdClaims {
  private readonly claimed = new Map<string, SourceFile>();

  private constructor(private readonly namesakes: Set<string>) {}

  static of(files: SourceFile[]): SourceIdClaims {
    return new SourceIdClaims(filesWithNamesakes(files));
  }

  /** Claims the record's source id for `file`; the reason it is refused, or null. */
  async claim(file: SourceFile, format: SourceFormat, record: IngestRecord): Promise<string | null> {
    const key = this.claimKey(file, format, record);
    if (key === null) return null;
    const earlier = this.claimed.get(key);
    if (earlier === undefined || earlier === file || (await sameFile(earlier, file))) {
      this.claimed.set(key, file);
      return null;
    }
    const named = basename(earlier.path) === basename(file.path) ? ', a file of the same name,' : '';
    const advice = format.name === 'text' ? 'rename one of them' : 'give one of them its own id or sourceId';
    return `source id "${record.document.sourceId}" was already read from ${earlier.path}${named} in this run; not stored, so that record is kept (${advice})`;
  }

  /** Gives up a claim whose record the store refused: a later record may have the id. */
  release(file: SourceFile, format: SourceFormat, record: IngestRecord): void {
    const key = this.claimKey(file, format, record);
    if (key !== null && this.claimed.get(key) === file) this.claimed.delete(key);
  }

  /** What the claim is kept under, or null for a record that is not watched. */
  private claimKey(file: SourceFile, format: SourceFormat, record: IngestRecord): string | null {
    if (format.sourceIdFromContent?.(record)) return null;
    const { sourceId } = record.document;
    if (format.oneRecordPerFile) return `\n${sourceId}`;
    return this.namesakes.has(file.path) ? `${basename(file.path)}\n${sourceId}` : null;
  }
}

/** The files of a run whose name another file of the run also has. */
function filesWithNamesakes(files: SourceFile[]): Set<string> {
  const byName = new Map<string, SourceFile[]>();
  for (const file of files) {
    const name = basename(file.path);
    const group = byName.get(name);
    if (group) group.push(file);
    else byName.set(name, [file]);
  }
  const out = new Set<string>();
  for (const group of byName.values()) if (group.length > 1) for (const file of group) out.add(file.path);
  return out;
}

/** The same file reached by a symbolic or hard link, or named by two paths, is no other file. */
async function sameFile(a: SourceFile, b: SourceFile): Promise<boolean> {
  const [x, y] = await Promise.all([a, b].map((f) => stat(f.path).then((s) => `${s.dev}:${s.ino}`, () => f.path)));
  return x === y;
}
