import { readdir, realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { isMappingFile } from './csv/mapping.js';
import { isDataPackageDescriptor } from './json/descriptor.js';
import { isEditionRegister } from './tei-letter/indices.js';
import { UsageError } from './errors.js';

export interface SourceFile {
  /** As the user gave it, or joined onto the folder they gave: what reports show. */
  path: string;
  size: number;
  /** Named on the command line, not found in a folder walk. */
  named?: boolean;
}

/**
 * Files that sit next to sources in published data sets but are obviously not sources
 * themselves: repository documents (README, LICENSE, CREDITS …) and media or web assets. In
 * folder walks they are skipped silently; any other file that no format claims is reported as
 * failed ("unrecognized format"), because silently ignoring an unexpected file would hide data
 * that did not land. An edition's register files (`indices/listplace.xml` …) are skipped too:
 * the TEI letter importer reads them for the letters' references. A file named explicitly on the
 * command line is never skipped.
 */
const NOT_SOURCE_NAMES =
  /^(?:readme|licen[cs]e|copying|copyright|credits|changelog|notice|authors|contributors|contributing|code_of_conduct)(?:[._-][a-z]{2})?(?:\.(?:md|markdown|txt|rst|adoc|org|html?))?$/i;
const NOT_SOURCE_EXTENSIONS = new Set([
  '.png', '.jpg', '.jpeg', '.gif', '.tif', '.tiff', '.webp', '.svg', '.bmp', '.jp2', '.ico', '.heic',
  '.mp3', '.wav', '.ogg', '.flac', '.m4a', '.mp4', '.webm', '.mov', '.avi',
  '.css', '.js', '.mjs', '.map', '.woff', '.woff2', '.ttf', '.otf', '.db', '.ini', '.cff',
]);

export function isObviouslyNotSource(name: string): boolean {
  // Mapping files configure how their neighbours are read, and data-package descriptors
  // describe them; neither holds records.
  return NOT_SOURCE_NAMES.test(name) || NOT_SOURCE_EXTENSIONS.has(extname(name).toLowerCase()) || isMappingFile(name) || isDataPackageDescriptor(name);
}

/**
 * Expands the given paths into files: folders recursively, entries sorted by name, dotfiles and
 * dot-folders skipped, each file once, links that lead out of the folder not followed. A path
 * that does not exist, or paths that hold no file to read, are a usage error, raised before
 * anything is ingested: "nothing could be done" must not look like success.
 */
export async function collectFiles(paths: string[]): Promise<SourceFile[]> {
  const out: SourceFile[] = [];
  const seen = new Map<string, SourceFile>();
  const visitedDirs = new Set<string>();
  const add = (path: string, size: number, named = false): void => {
    const key = resolve(path);
    const known = seen.get(key);
    if (known) {
      // Named outright as well as found in a folder: named, whichever came first.
      if (named) known.named = true;
      return;
    }
    const file: SourceFile = named ? { path, size, named } : { path, size };
    seen.set(key, file);
    out.push(file);
  };

  const walk = async (dir: string, root: string): Promise<void> => {
    // Symbolic links may point back up the tree; each real folder is walked once.
    const real = await realpath(dir);
    if (visitedDirs.has(real)) return;
    visitedDirs.add(real);
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      let isDir = entry.isDirectory();
      let size = 0;
      if (entry.isSymbolicLink() || entry.isFile()) {
        // A link out of the folder is not followed: a downloaded data set must not make the
        // ingest read, store and publish the host's files (a link to /etc/passwd). Named on
        // the command line, its target is read like any file.
        if (entry.isSymbolicLink() && !(await leadsInto(path, root))) continue;
        // A broken link stays in the list so that reading it reports the problem.
        const info = await stat(path).catch(() => null);
        // A pipe, socket or device (or a link to one) is no source, and reading it would never
        // end (a FIFO waits for a writer, /dev/zero has no end): skipped here, refused when named.
        if (info && !info.isFile() && !info.isDirectory()) continue;
        isDir = info?.isDirectory() ?? false;
        size = info?.size ?? 0;
      } else if (!isDir) continue;
      if (isDir) await walk(path, root);
      else if (!isObviouslyNotSource(entry.name) && !isEditionRegister(path)) add(path, size);
    }
  };

  const missing: string[] = [];
  const roots: { path: string; isDir: boolean; size: number }[] = [];
  for (const path of paths) {
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return null;
      throw new UsageError(`cannot read ${path}: ${error.message}`);
    });
    if (!info) missing.push(path);
    else if (!info.isDirectory() && !info.isFile()) throw new UsageError(`not a file or folder: ${path}`);
    else roots.push({ path, isDir: info.isDirectory(), size: info.size });
  }
  if (missing.length) throw new UsageError(`no such file or folder: ${missing.join(', ')}`);
  for (const root of roots) {
    if (root.isDir) await walk(root.path, await realpath(root.path));
    else add(root.path, root.size, true);
  }
  if (out.length === 0) {
    throw new UsageError(
      `nothing to ingest: ${paths.join(', ')} ${paths.length === 1 ? 'holds' : 'hold'} no source files ` +
        '(hidden files, READMEs and licences, images, mapping files and edition registers are skipped)',
    );
  }
  return out;
}

/** Whether the link at `path` resolves inside the real folder `root` (a broken link counts as inside: reading it reports it). */
async function leadsInto(path: string, root: string): Promise<boolean> {
  const target = await realpath(path).catch(() => null);
  return target === null || target === root || target.startsWith(root.endsWith(sep) ? root : root + sep);
}
