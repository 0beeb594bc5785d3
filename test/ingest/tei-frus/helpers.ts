import { fileURLToPath } from 'node:url';
import type { ArchiveDocument, IngestRecord } from '../../../src/domain/index.js';
import type { RecordOutcome } from '../../../src/ingest/format.js';
import { parseFrusVolume, type FrusParseOptions } from '../../../src/ingest/tei-frus/index.js';

/** The shared real corpus (read-only); FRUS_CORPUS overrides, tests fail when it is absent. */
export const CORPUS_DIR = process.env['FRUS_CORPUS'] ?? fileURLToPath(new URL('../../../../shared/corpus/frus/volumes/', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('../../fixtures/tei-frus/', import.meta.url));

export function volumePath(volume: string): string {
  return `${CORPUS_DIR.replace(/\/?$/, '/')}${volume}.xml`;
}

export async function collect(path: string, options: FrusParseOptions = {}): Promise<RecordOutcome[]> {
  const out: RecordOutcome[] = [];
  for await (const outcome of parseFrusVolume(path, options)) out.push(outcome);
  return out;
}

/** The records with the given labels from one pass over a volume. */
export async function records(volume: string, labels: string[]): Promise<Map<string, IngestRecord>> {
  const wanted = new Set(labels);
  const found = new Map<string, IngestRecord>();
  for await (const outcome of parseFrusVolume(volumePath(volume))) {
    if (outcome.ok && wanted.has(outcome.label)) found.set(outcome.label, outcome.record);
  }
  for (const label of labels) if (!found.has(label)) throw new Error(`${label} not found (or failed) in ${volume}`);
  return found;
}

export function doc(map: Map<string, IngestRecord>, label: string): ArchiveDocument {
  return map.get(label)!.document;
}

/** Outcome of a fixture read: the records, and the file-level error if there was one. */
export async function readFixture(name: string): Promise<{ outcomes: RecordOutcome[]; error?: Error }> {
  const outcomes: RecordOutcome[] = [];
  try {
    for await (const outcome of parseFrusVolume(FIXTURES + name, { highWaterMark: 512 })) outcomes.push(outcome);
    return { outcomes };
  } catch (error) {
    return { outcomes, error: error as Error };
  }
}
