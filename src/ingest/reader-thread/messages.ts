import type { DocumentJson } from '../../store/document-json.js';
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
  /** A file larger than this is left to the writing thread (see READER_THREAD_MAX_FILE_BYTES). */
  maxFileBytes: number;
}

/**
 * One outcome as the thread sends it: JSON strings, far cheaper to pass than a structured clone
 * of deep body trees. A record's document travels apart, as the JSON the store keeps of it with
 * its checksum (src/store/document-json.ts), so the writing thread does not serialize it again.
 */
export type SentOutcome =
  /** A record: the outcome without its document, and the document. */
  | { ok: true; outcome: string; document: DocumentJson }
  /** A record that could not be read: the outcome, with its label and reason. */
  | { ok: false; outcome: string };

/**
 * From the thread, in job order: batches of a file's outcomes, then that file's end, or why the
 * file as a whole could not be read; or, for a file too large for the thread, that the writing
 * thread is to read it.
 */
export type ReaderThreadMessage =
  | { job: number; outcomes: SentOutcome[] }
  | { job: number; done: true }
  | { job: number; error: string }
  | { job: number; declined: true };

/** To the thread: one batch was taken, so another may be sent. */
export interface ReaderThreadAck {
  ack: true;
}
