import type { ReadOptions, SourceFormat } from '../format.js';
import { parseFrusVolume } from './reader.js';

export { parseFrusVolume, parseFrusStream, type FrusParseOptions } from './reader.js';
export { FRUS_CREDIT } from './volume-header.js';
export { SUPPLEMENT_TYPE } from './document.js';

/**
 * A FRUS volume: TEI (`http://www.tei-c.org/ns/1.0`) from the Office of the Historian, known by
 * its `frus` namespace (two spellings, both under history.state.gov) or its
 * `idno[@type="frus"]`. TEI letters and CMIF files have neither, so their importers keep theirs.
 */
export function sniffFrus(_path: string, head: string): boolean {
  if (!head.includes('http://www.tei-c.org/ns/1.0')) return false;
  return /xmlns:frus\s*=\s*["']https?:\/\/history\.state\.gov\//.test(head) || /<idno\s+type\s*=\s*["']frus["']/.test(head);
}

export const frusFormat: SourceFormat = {
  name: 'tei',
  sniff: sniffFrus,
  streams: true,
  sourceIdFromContent: () => true,
  read(path: string, options: ReadOptions) {
    return parseFrusVolume(path, options.collection ? { collection: options.collection } : {});
  },
};
