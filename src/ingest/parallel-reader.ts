import { Worker } from 'node:worker_threads';
import type { RecordOutcome, ReadOptions } from './format.js';
import type { ReadFileMessage, WorkerMessage } from './parse-worker.js';
import type { FormatOptions } from './registry.js';

/**
 * Runs readers in a worker thread, so that on a machine with two cores parsing the next records
 * and writing the last ones happen at once. Yields the same outcomes, in the same order, as
 * calling the format's `read` directly; a file-level failure is rethrown as an Error with the
 * reader's message.
 */
export class ParallelReader {
  private readonly worker: Worker;
  private listener: ((message: WorkerMessage) => void) | null = null;

  constructor(formatOptions: FormatOptions) {
    // From dist/ the worker is the compiled .js file. From source (tests run through tsx) it is
    // the .ts file, and the thread must first register tsx's loader, which threads do not inherit.
    const fromSource = import.meta.url.endsWith('.ts');
    if (fromSource) {
      const tsx = import.meta.resolve('tsx/esm/api');
      const entry = new URL('./parse-worker.ts', import.meta.url).href;
      const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`;
      this.worker = new Worker(boot, { eval: true, workerData: formatOptions });
    } else {
      this.worker = new Worker(new URL('./parse-worker.js', import.meta.url), { workerData: formatOptions });
    }
    this.worker.on('message', (message: WorkerMessage) => this.listener?.(message));
    this.worker.on('error', (error) => this.listener?.({ error: `reader thread failed: ${error.message}` }));
  }

  async *read(file: string, formatIndex: number, readOptions: ReadOptions): AsyncIterable<RecordOutcome> {
    const inbox: WorkerMessage[] = [];
    let notify: (() => void) | null = null;
    this.listener = (message) => {
      inbox.push(message);
      const resolve = notify;
      notify = null;
      resolve?.();
    };
    const job: ReadFileMessage = { file, formatIndex, readOptions };
    this.worker.postMessage(job);
    try {
      for (;;) {
        if (inbox.length === 0) await new Promise<void>((resolve) => (notify = resolve));
        const message = inbox.shift()!;
        if ('records' in message) {
          this.worker.postMessage({ ack: true });
          yield* JSON.parse(message.records) as RecordOutcome[];
        } else if ('done' in message) {
          return;
        } else {
          throw new Error(message.error);
        }
      }
    } finally {
      this.listener = null;
    }
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
