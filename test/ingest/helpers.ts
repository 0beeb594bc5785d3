import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IngestRecord } from '../../src/domain/index.js';
import type { RecordOutcome } from '../../src/ingest/format.js';

/** A scratch folder for one test file; `write` creates files in it (folders included). */
export function scratchDir(prefix: string): { dir: string; write(name: string, content: string | Uint8Array): string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `archivum-${prefix}-`));
  return {
    dir,
    write(name, content) {
      const file = path.join(dir, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
      return file;
    },
    cleanup() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function collect(outcomes: AsyncIterable<RecordOutcome>): Promise<RecordOutcome[]> {
  const out: RecordOutcome[] = [];
  for await (const outcome of outcomes) out.push(outcome);
  return out;
}

export function okRecord(outcome: RecordOutcome | undefined): IngestRecord {
  if (!outcome) throw new Error('no outcome');
  if (!outcome.ok) throw new Error(`expected a record, got failure ${outcome.label}: ${outcome.reason}`);
  return outcome.record;
}

export function failure(outcome: RecordOutcome | undefined): { label: string; reason: string } {
  if (!outcome) throw new Error('no outcome');
  if (outcome.ok) throw new Error(`expected a failure, got record ${outcome.record.document.id}`);
  return outcome;
}

/** The captured seed page, in the shared corpus beside the repository (as CI lays it out). */
export const SEED_FILE = fileURLToPath(new URL('../../../shared/corpus/seed/khrushchev-to-castro-1963-01-31.txt', import.meta.url));

/** The seed letter's translation, paragraph by paragraph, as captured (page chrome left out). */
export function seedParagraphs(): string[] {
  const seed = fs.readFileSync(SEED_FILE, 'utf8').split('\n');
  const start = seed.indexOf('Dear Comrade Fidel Castro,');
  const end = seed.findIndex((line) => line.startsWith('Please accept, Comrade Fidel'));
  return seed
    .slice(start, end + 1)
    .join('\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/^[ \t\n]+|[ \t\n]+$/g, ''))
    .filter((p) => p !== '');
}
