import type { ReadOptions, RecordOutcome, SourceFormat } from '../format.js';
import { rootElement } from '../xml/sniff.js';
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

/**
 * A record of the FRUS series catalogue (`bibliography/frus1961-63v06.xml`, `<volume
 * id="frus…">`). It holds no documents: a volume ingested from `volumes/` beside it takes its
 * summary from it (bibliography.ts). It is claimed so that a folder laid out as the Office of the
 * Historian's repository is read without a failure for each of its 601 records.
 */
export const frusCatalogueFormat: SourceFormat = {
  name: 'tei',
  sniff: (_path: string, head: string): boolean => rootElement(head) === 'volume' && /<volume\s[^>]*\bid\s*=\s*["']frus/.test(head),
  passesOver: (): string =>
    'a FRUS catalogue record, which holds no documents: a volume ingested from volumes/ beside its bibliography/ folder takes its summary from it',
  read: async function* (): AsyncGenerator<RecordOutcome> {},
};
