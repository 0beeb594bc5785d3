import { stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { errorMessage } from '../files.js';
import { streamXmlElements } from '../xml/parse.js';
import { attr, text, childElements } from '../xml/tree.js';
import { type EditionEntity, pmbRefs, readRegisterEntry } from './entities.js';

/**
 * The edition's register files, found beside the letters as `../indices/` (the layout of
 * schnitzler-briefe-data: `editions/L00001.xml`, `indices/listplace.xml`). Each file is read once
 * per process and reduced to compact entries (names, authorities, coordinates), so 1,000 letters
 * share one 3 MB parse instead of repeating it. Missing files are simply absent: the letters'
 * own back matter still resolves most references.
 */
export interface EditionIndex {
  dir: string;
  get(pmb: string): EditionEntity | undefined;
  size: number;
}

const REGISTER_FILES = ['listperson.xml', 'listplace.xml', 'listorg.xml'] as const;
const CORRESPONDENCE_FILE = 'listcorrespondence.xml';

// A handful of editions at most per run; keyed by the resolved indices folder.
const cache = new Map<string, Promise<EditionIndex>>();
const CACHE_LIMIT = 4;

/**
 * Whether a file is one of an edition's registers (`indices/listplace.xml` …): the letter
 * importer reads them for its references, and they hold no records of their own.
 */
export function isEditionRegister(path: string): boolean {
  const name = basename(path).toLowerCase();
  return basename(dirname(path)).toLowerCase() === 'indices' && ((REGISTER_FILES as readonly string[]).includes(name) || name === CORRESPONDENCE_FILE);
}

export function indicesDirFor(letterPath: string): string {
  return resolve(join(dirname(letterPath), '..', 'indices'));
}

export function loadEditionIndex(dir: string): Promise<EditionIndex> {
  const key = resolve(dir);
  let entry = cache.get(key);
  if (!entry) {
    entry = buildIndex(key);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    // A failed load is cached too: every letter of the edition reports it, but the registers
    // (19 MB for Schnitzler) are not parsed again for each one.
    cache.set(key, entry);
    entry.catch(() => undefined);
  }
  return entry;
}

export function clearEditionIndexCache(): void {
  cache.clear();
}

async function buildIndex(dir: string): Promise<EditionIndex> {
  const entries = new Map<string, EditionEntity>();
  for (const file of REGISTER_FILES) {
    const path = join(dir, file);
    if (!(await isFile(path))) continue;
    const select = (name: string, _ns: string, stack: readonly string[]): boolean =>
      (name === 'person' || name === 'place' || name === 'org') && stack.includes('body');
    await inRegister(path, async () => {
      for await (const el of streamXmlElements(path, select)) {
        const entity = readRegisterEntry(el);
        if (entity && !entries.has(entity.pmb)) entries.set(entity.pmb, entity);
      }
    });
  }
  // listcorrespondence names each correspondent ("Brahm, Otto" for #pmb10986): the only name
  // source for people when listperson.xml is not there.
  const corr = join(dir, CORRESPONDENCE_FILE);
  if (await isFile(corr)) {
    const select = (name: string, _ns: string, stack: readonly string[]): boolean => name === 'personGrp' && stack.includes('body');
    await inRegister(corr, async () => {
      for await (const grp of streamXmlElements(corr, select)) {
        for (const p of childElements(grp, 'persName')) {
          const [pmb] = pmbRefs(attr(p, 'ref'));
          const name = text(p);
          if (pmb && name && !entries.has(pmb)) {
            const number = pmb.slice(3);
            entries.set(pmb, {
              kind: 'person',
              pmb,
              name,
              altNames: [],
              authorities: [{ scheme: 'pmb', id: number, uri: `https://pmb.acdh.oeaw.ac.at/entity/${number}/` }],
            });
          }
        }
      }
    });
  }
  return { dir, get: (pmb) => entries.get(pmb), size: entries.size };
}

/**
 * Reads one register; its failure names it. The letter that needed it is what gets reported,
 * and "not well-formed XML at line 300019" would otherwise send the reader to the wrong file.
 */
async function inRegister(path: string, read: () => Promise<void>): Promise<void> {
  try {
    await read();
  } catch (error) {
    throw new Error(`the edition register ${path} cannot be read: ${errorMessage(error)}`);
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
