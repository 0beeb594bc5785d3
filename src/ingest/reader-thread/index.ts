import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../worker-entry.js';
import type { ReadOptions, RecordOutcome } from '../format.js';
import type { FormatOptions } from '../registry.js';
import type { IngestRecord } from '../../domain/index.js';
import { parseDocumentJson } from '../../store/document-json.js';
import type { ReadJob, ReaderThreadAck, ReaderThreadData, ReaderThreadMessage, SentOutcome } from './messages.js';

/** Below this much input the thread's start-up (about 0.1 s) costs more than it saves. */
const READER_THREAD_FROM_BYTES = 4_000_000;

/**
 * The thread's heap. Its live data is one document at a time, but V8 lets a heap grow far past
 * that before collecting: capped, the thread adds tens of megabytes to an ingest, not hundreds.
 * A file too big for it is read again on the main thread (see {@link ThreadedReader.read}).
 * The young generation is 32 MB: at 16 the thread spent a fifth of its time collecting garbage; 32
 * made a FRUS ingest about 8% faster for about 20 MB more peak RSS (bench/RESULTS.md).
 */
const THREAD_HEAP = { maxYoungGenerationSizeMb: 32, maxOldGenerationSizeMb: 128 };

/**
 * The largest file the thread reads; a larger one is read by the writing thread, whose heap is
 * the process's own (gigabytes), while this thread reads on past it.
 *
 * The thread's heap is capped, and losing the thread is safe only when its heap fills little by
 * little: Node then gives it 16 MB more to stop in. One value bigger than the heap (a 450 MB
 * JSON string or CSV cell, read whole before any record limit can look at it) is made in one
 * allocation that V8 lets through; the next full collection finds the heap still far past its
 * limit, and V8 aborts the whole process ("FATAL ERROR: Reached heap limit", exit 134), not just
 * the thread. Measured with the 128 MB heap: single values from about 150 MB (one byte a
 * character) or 48 MB files of two-byte text aborted; every file of 44 MB or less lost the
 * thread cleanly. A file's largest value takes at most twice its size in memory, so 16 MB keeps a
 * threefold margin, and is four times the largest FRUS volume (4.1 MB).
 */
export const READER_THREAD_MAX_FILE_BYTES = 16 * 1024 * 1024;

export interface ThreadedReaderOptions {
  /** The thread's heap limits (tests make them tiny). */
  heap?: { maxYoungGenerationSizeMb: number; maxOldGenerationSizeMb: number };
  /** The largest file the thread reads (tests make it tiny): {@link READER_THREAD_MAX_FILE_BYTES}. */
  maxFileBytes?: number;
  /** Told once, with the reason, if the thread is lost before it is closed. */
  onLost?: (reason: string) => void;
}

/** An outcome as it was before the thread sent it (see {@link SentOutcome}). */
function receivedOutcome(sent: SentOutcome): RecordOutcome {
  if (!sent.ok) return JSON.parse(sent.outcome) as RecordOutcome;
  const outcome = JSON.parse(sent.outcome) as { label: string; record: Omit<IngestRecord, 'document'> };
  return { ok: true, label: outcome.label, record: { ...outcome.record, document: parseDocumentJson(sent.document) } };
}

/** Whether reading on a second thread can help here: two cores at least, and enough to read. */
export function readerThreadPays(totalBytes: number): boolean {
  return availableParallelism() >= 2 && totalBytes >= READER_THREAD_FROM_BYTES;
}

/**
 * Reads files on a second thread while this one writes to the store, so that parsing and
 * converting overlap with the SQLite writes. The thread is given every file at the start and
 * reads ahead, a few batches at most. `read(job)` yields the same outcomes, in the same order,
 * as the format's own `read`, and throws with the reader's message when the file as a whole
 * cannot be read. Files must be taken in job order; what is left of a file its reader stopped
 * taking early is skipped.
 */
export class ThreadedReader {
  private readonly worker: Worker;
  private readonly inbox: ReaderThreadMessage[] = [];
  private notify: (() => void) | null = null;
  /** Why the thread is gone, once it is; every read from then on is done in line. */
  private lost: string | null = null;
  private closed = false;
  private readonly onLost: ((reason: string) => void) | undefined;

  constructor(jobs: ReadJob[], readOptions: ReadOptions, formatOptions: FormatOptions, options: ThreadedReaderOptions = {}) {
    const heap = options.heap ?? THREAD_HEAP;
    this.onLost = options.onLost;
    const data: ReaderThreadData = { jobs, readOptions, formatOptions, maxFileBytes: options.maxFileBytes ?? READER_THREAD_MAX_FILE_BYTES };
    this.worker = startWorker('worker', import.meta.url, { workerData: data, resourceLimits: heap });
    this.worker.on('message', (message: ReaderThreadMessage) => {
      this.inbox.push(message);
      this.wake();
    });
    this.worker.on('error', (error) => this.lose(`failed: ${error.message}`));
    this.worker.on('exit', () => this.lose('stopped'));
  }

  /**
   * The outcomes of file `job`. Should the thread be lost (out of its heap on a huge file, or
   * killed), the file is read with `inline` instead, skipping what the thread already gave, so
   * no record is lost or counted twice. A file the thread declines, too large for it, is read
   * with `inline` from the start.
   */
  async *read(job: number, inline: () => AsyncIterable<RecordOutcome>): AsyncGenerator<RecordOutcome> {
    let given = 0;
    for (;;) {
      const message = await this.next();
      if (!message) break;
      if (message.job > job) throw new Error(`the reader thread sent file ${message.job} while file ${job} was expected`);
      if ('outcomes' in message) this.worker.postMessage({ ack: true } satisfies ReaderThreadAck);
      // The rest of a file whose reading was given up (its consumer stopped early).
      if (message.job < job) continue;
      if ('done' in message) return;
      if ('error' in message) throw new Error(message.error);
      if ('declined' in message) break;
      for (const sent of message.outcomes) {
        given++;
        yield receivedOutcome(sent);
      }
    }
    let skip = given;
    for await (const outcome of inline()) if (skip-- <= 0) yield outcome;
  }

  /** Why the thread was lost, if it was. */
  get lostReason(): string | null {
    return this.lost;
  }

  /** Stops the thread. */
  async close(): Promise<void> {
    this.closed = true;
    await this.worker.terminate();
  }

  private lose(reason: string): void {
    if (this.lost === null && !this.closed) this.onLost?.(reason);
    this.lost ??= reason;
    this.wake();
  }

  private wake(): void {
    const resolve = this.notify;
    this.notify = null;
    resolve?.();
  }

  /** The thread's next message; null once the thread is lost and has nothing more queued. */
  private async next(): Promise<ReaderThreadMessage | null> {
    while (this.inbox.length === 0) {
      if (this.lost) return null;
      await new Promise<void>((resolve) => (this.notify = resolve));
    }
    return this.inbox.shift()!;
  }
}
