import { parentPort, workerData } from 'node:worker_threads';
import type { RecordOutcome, ReadOptions } from './format.js';
import { registeredFormats, type FormatOptions } from './registry.js';

/**
 * Reads source files on a second core while the main thread writes to the store. Messages:
 * in  { file, formatIndex, readOptions } to read a file; { ack } when a batch was consumed.
 * out { records: RecordOutcome[] } batches, then { done } or { error } per file.
 */
export interface ReadFileMessage {
  file: string;
  formatIndex: number;
  readOptions: ReadOptions;
}

/** Records travel as one JSON string per batch: far cheaper to pass than a structured clone of deep body trees. */
export type WorkerMessage = { records: string } | { done: true } | { error: string };

const BATCH = 64;
// Batches posted but not yet consumed: past this the worker waits, so memory stays bounded when
// parsing outruns writing.
const MAX_IN_FLIGHT = 4;

const port = parentPort;
if (port) {
  const formats = registeredFormats(workerData as FormatOptions);
  let inFlight = 0;
  let wake: (() => void) | null = null;
  const queue: ReadFileMessage[] = [];
  let busy = false;

  const post = async (message: WorkerMessage): Promise<void> => {
    if ('records' in message) {
      while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve));
      inFlight++;
    }
    port.postMessage(message);
  };

  const readFile = async (job: ReadFileMessage): Promise<void> => {
    const format = formats[job.formatIndex];
    if (!format) return post({ error: `no format ${job.formatIndex}` });
    let batch: RecordOutcome[] = [];
    try {
      for await (const outcome of format.read(job.file, job.readOptions)) {
        batch.push(outcome);
        if (batch.length >= BATCH) {
          await post({ records: JSON.stringify(batch) });
          batch = [];
        }
      }
      if (batch.length) await post({ records: JSON.stringify(batch) });
      await post({ done: true });
    } catch (error) {
      if (batch.length) await post({ records: JSON.stringify(batch) });
      await post({ error: error instanceof Error ? error.message : String(error) });
    }
  };

  const drain = async (): Promise<void> => {
    if (busy) return;
    busy = true;
    while (queue.length) await readFile(queue.shift()!);
    busy = false;
  };

  port.on('message', (message: ReadFileMessage | { ack: true }) => {
    if ('ack' in message) {
      inFlight--;
      const resolve = wake;
      wake = null;
      resolve?.();
      return;
    }
    queue.push(message);
    void drain();
  });
}
