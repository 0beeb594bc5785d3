import type { SourceFormat } from '../format.js';
import { mayBeXml, teiShape } from '../xml/sniff.js';
import { readTeiLetter, TEI_LETTER_SOURCE_PREFIX } from './read.js';

/**
 * A TEI letter edition with one letter per file (the Schnitzler letters: correspDesc in the
 * header, a transcribed body, register entries in the back). Claims TEI files that have a
 * correspDesc and a body with content; CMIF files (empty body) and FRUS volumes are not claimed.
 * Its name is "tei" because it is the TEI import for letters; register it after cmifFormat.
 */
export const teiLetterFormat: SourceFormat = {
  name: 'tei',
  sniff(path: string, head: string): boolean {
    if (!mayBeXml(path, head)) return false;
    const shape = teiShape(path, head);
    return shape.tei && !shape.frus && shape.correspDesc && !shape.emptyBody;
  },
  // The edition's URI for the letter (xml:base and xml:id); without a base, the file name
  // (`tei-letter:b1.xml`), which two folders' b1.xml share.
  sourceIdFromContent: (record) => !record.document.sourceId.startsWith(TEI_LETTER_SOURCE_PREFIX),
  read: readTeiLetter,
};

export { readTeiLetter, letterToInput } from './read.js';
export { convertBody, tidy, type BodyContext } from './body.js';
export { loadEditionIndex, clearEditionIndexCache, indicesDirFor, type EditionIndex } from './indices.js';
export * from './entities.js';
