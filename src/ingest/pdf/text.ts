import type { Worker } from 'node:worker_threads';
import { startWorker } from '../worker-entry.js';
import type { PdfText } from './extract.js';

export type { PdfText } from './extract.js';

export interface PdfRequest {
  id: number;
  path: string;
  length: number;
}

export type PdfReply = { ready: true } | { id: number; ok: true; pdf: PdfText } | { id: number; ok: false; name: string; message: string };

/** A file that takes longer is given up, and the thread with it. */
const PDF_TIME_LIMIT_MS = 120_000;
/** pdf.js's own heap; the file's bytes are held outside it. */
const PDF_HEAP_MB = 512;
/**
 * What a file may add to the process's memory while it is read. The heap limit does not hold
 * the buffers pdf.js decompresses streams into: 6 MB of compressed blanks took 9 GB. The
 * process's resident memory is watched instead, and the thread ended past this.
 */
export const PDF_MEMORY_MB = 400;
const MEMORY_CHECK_MS = 25;

/**
 * Reads a PDF's text on a thread of its own (src/ingest/pdf/worker.ts). pdf.js leaves promises of
 * its own unhandled on some damaged files, which would end the process that runs it, and a
 * hostile file could take all its memory or time: on the thread, that ends the thread, and the
 * file fails with a reason. The thread is kept for the next file while it lives, and lets the
 * process end when no file is waiting.
 */
export async function readPdfText(path: string, length: number): Promise<PdfText> {
  const thread = pdfThread();
  // The thread's own start (loading pdf.js: 60 MB, several hundred through tsx in tests) is not
  // charged to the first file: the memory it may add is counted from a started thread. Held
  // (ref) meanwhile, so the process does not end while the file waits.
  thread.worker.ref();
  await thread.ready;
  if (thread.stopReason !== undefined) throw new Error(thread.stopReason);
  const id = thread.next++;
  return new Promise<PdfText>((resolve, reject) => {
    const timer = setTimeout(() => {
      thread.stop(`it took longer than ${PDF_TIME_LIMIT_MS / 1000} s`);
    }, PDF_TIME_LIMIT_MS);
    const ceiling = process.memoryUsage.rss() + PDF_MEMORY_MB * 1024 * 1024;
    const watch = setInterval(() => {
      if (process.memoryUsage.rss() > ceiling) thread.stop(`reading it took more than ${PDF_MEMORY_MB} MB of memory (compressed streams that unpack to far more than the file holds?)`);
    }, MEMORY_CHECK_MS);
    const done = (): void => {
      clearTimeout(timer);
      clearInterval(watch);
    };
    thread.waiting.set(id, {
      resolve: (pdf) => {
        done();
        resolve(pdf);
      },
      reject: (error) => {
        done();
        reject(error);
      },
    });
    thread.worker.ref();
    thread.worker.postMessage({ id, path, length } satisfies PdfRequest);
  });
}

interface Waiting {
  resolve(pdf: PdfText): void;
  reject(error: Error): void;
}

class PdfThread {
  readonly worker: Worker;
  readonly waiting = new Map<number, Waiting>();
  /** Settles when pdf.js is loaded on the thread, or the thread ended first. */
  readonly ready: Promise<void>;
  next = 0;
  /** Why the thread ended, once it has. */
  stopReason: string | undefined;
  private started: () => void = () => undefined;

  constructor() {
    this.ready = new Promise<void>((resolve) => (this.started = resolve));
    this.worker = startWorker('worker', import.meta.url, { resourceLimits: { maxOldGenerationSizeMb: PDF_HEAP_MB } });
    this.worker.unref();
    // A thread that neither starts nor fails would hold every file waiting for it.
    const startLimit = setTimeout(() => this.stop(`the PDF reader did not start within ${PDF_TIME_LIMIT_MS / 1000} s`), PDF_TIME_LIMIT_MS);
    startLimit.unref();
    void this.ready.then(() => clearTimeout(startLimit));
    this.worker.on('message', (reply: PdfReply) => {
      if ('ready' in reply) return this.started();
      const waiting = this.waiting.get(reply.id);
      if (!waiting) return;
      this.waiting.delete(reply.id);
      if (this.waiting.size === 0) this.worker.unref();
      if (reply.ok) waiting.resolve(reply.pdf);
      else waiting.reject(Object.assign(new Error(reply.message), { name: reply.name }));
    });
    this.worker.on('error', (error) => this.stop(error.message));
    this.worker.on('exit', () => this.stop('the PDF reader stopped'));
  }

  /** Fails every file waiting on this thread, and ends it; the next file gets a new one. */
  stop(reason: string): void {
    if (this.stopReason !== undefined) return;
    this.stopReason = reason;
    this.started();
    if (current === this) current = null;
    for (const waiting of this.waiting.values()) waiting.reject(new Error(reason));
    this.waiting.clear();
    void this.worker.terminate();
  }
}

let current: PdfThread | null = null;

function pdfThread(): PdfThread {
  current ??= new PdfThread();
  return current;
}
