import { fileURLToPath } from 'node:url';
import type { ArchiveStore } from '../store/types.js';
import { ingestPaths, type IngestOptions, type IngestSummary } from './driver.js';

/** `demo/` at the package root: two levels up from both src/ingest/ and dist/ingest/. */
export const DEMO_DIR = fileURLToPath(new URL('../../demo/', import.meta.url));

/**
 * Loads the bundled demo collection: every folder under demo/ (the folder walk leaves out
 * CREDITS and README files), each file in the format its content shows.
 */
export async function loadDemo(store: ArchiveStore, options: Pick<IngestOptions, 'progress' | 'errors'> = {}): Promise<IngestSummary> {
  return ingestPaths([DEMO_DIR], { store, format: 'auto', ...options });
}
