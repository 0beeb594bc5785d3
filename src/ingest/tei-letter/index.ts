import type { SourceFormat } from '../format.js';
import { isXmlPath, teiShape } from '../xml/sniff.js';
import { readTeiLetter } from './read.js';

/**
 * A TEI letter edition with one letter per file (the Schnitzler letters: correspDesc in the
 * header, a transcribed body, register entries in the back). Claims TEI files that have a
 * correspDesc and a body with content; CMIF files (empty body) and FRUS volumes are not claimed.
 * Its name is "tei" because it is the TEI import for letters; register it after cmifFormat.
 */
export const teiLetterFormat: SourceFormat = {
  name: 'tei',
  sniff(path: string, head: string): boolean {
    if (!isXmlPath(path)) return false;
    const shape = teiShape(path, head);
    return shape.tei && !shape.frus && shape.correspDesc && !shape.emptyBody;
  },
  // Its source id is the edition's URI for the letter (xml:base and xml:id).
  sourceIdsFromContent: true,
  read: readTeiLetter,
};

export { readTeiLetter, letterToInput } from './read.js';
export { convertBody, tidy, type BodyContext } from './body.js';
export { loadEditionIndex, clearEditionIndexCache, indicesDirFor, type EditionIndex } from './indices.js';
export * from './entities.js';
