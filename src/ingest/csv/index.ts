import type { SourceFormat } from '../format.js';
import { hasExtension } from '../files.js';
import { readCsv } from './read.js';

/** CSV and TSV tables with a header row, mapped to documents (see mapping.ts and docs/importers.md). */
export const csvFormat: SourceFormat = {
  name: 'csv',
  sniff: (path: string): boolean => hasExtension(path, ['.csv', '.tsv']),
  read: readCsv,
  // Rows are bounded (max_record_size in read.ts), so no single value grows past a record.
  streams: true,
};

export { readCsv } from './read.js';
export { mappedJsonFormat, mappedJsonFormatWith, readMappedJsonRecords } from './json.js';
export { parseEdtf, toDocumentDate, type EdtfDate } from './edtf.js';
export {
  buildMappedRecord,
  defaultCsvMapping,
  fillTemplate,
  findMappingFile,
  globMatch,
  FOLDER_MAPPING,
  isMappingFile,
  loadMapping,
  mapRecord,
  MAPPABLE_FIELDS,
  parseMapping,
  type FieldSpec,
  type Mapping,
  type RecordSource,
} from './mapping.js';
