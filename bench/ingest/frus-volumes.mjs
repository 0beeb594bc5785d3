// The 28 FRUS volumes the ingest benchmarks read, and their records read in file-name order.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { frusFormat } from '../../dist/ingest/tei-frus/index.js';

export const volumes = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus/frus/volumes');

/** Every record of every volume that reads without error: parsed, converted and validated. */
export async function* frusRecords() {
  for (const name of readdirSync(volumes).sort()) {
    for await (const outcome of frusFormat.read(path.join(volumes, name), {})) if (outcome.ok) yield outcome.record;
  }
}
