import type { SourceFormat } from '../format.js';
import { mayBeXml, teiShape } from '../xml/sniff.js';
import { readCmif } from './read.js';

/**
 * CMIF (Correspondence Metadata Interchange Format): TEI files whose letters are only
 * `teiHeader/profileDesc/correspDesc` and whose `<body>` is empty. Claims such files and nothing
 * else: a letter edition (correspDesc plus a real body) and FRUS volumes are left to their formats.
 * Register before any general TEI format.
 */
export const cmifFormat: SourceFormat = {
  name: 'cmif',
  streams: true,
  sniff(path: string, head: string): boolean {
    if (!mayBeXml(path, head)) return false;
    const shape = teiShape(path, head);
    return shape.tei && !shape.frus && shape.correspDesc && shape.emptyBody;
  },
  read: readCmif,
};

export { readCmif, cmifCollection, correspDescToInput, countCorrespDesc, displayName, entityFrom } from './read.js';
export * from './authority.js';
