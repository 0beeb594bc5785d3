import type { ReadOptions } from '../format.js';
import type { FormatOptions } from '../registry.js';

/** A file for the reader thread: its path and its format, as an index into registeredFormats(). */
export interface ReadJob {
  path: string;
  formatIndex: number;
}

/** What the thread starts with: every file, in the order the driver will consume them. */
export interface ReaderThreadData {
  jobs: ReadJob[];
  readOptions: ReadOptions;
  formatOptions: FormatOptions;
}

/**
 * From the thread, in job order: batches of a file's outcomes (one JSON string: far cheaper to
 * pass than a structured clone of deep body trees), then that file's end, or why the file as a
 * whole could not be read.
 */
export type ReaderThreadMessage =
  | { job: number; outcomes: string }
  | { job: number; done: true }
  | { job: number; error: string };

/** To the thread: one batch was taken, so another may be sent. */
export interface ReaderThreadAck {
  ack: true;
}
