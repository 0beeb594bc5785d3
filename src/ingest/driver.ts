import { open, type FileHandle } from 'node:fs/promises';
import type { IngestRecord } from '../domain/index.js';
import type { ArchiveStore, BatchOutcome } from '../store/types.js';
import { UsageError } from './errors.js';
import { errorMessage } from './files.js';
import type { FormatName, RecordOutcome, SourceFormat } from './format.js';
import { silentProgress, type ProgressReporter } from './progress.js';
import { READER_THREAD_MAX_FILE_BYTES, ThreadedReader, readerThreadPays } from './reader-thread/index.js';
import { notUtf8Text } from './encoding.js';
import { detectFormat, formatFor, isFormatAvailable, registeredFormats, unrecognizedReason } from './registry.js';
import { SourceIdClaims } from './namesakes.js';
import { collectFiles, type SourceFile } from './walk.js';
import { isAllXmlProlog } from './xml/sniff.js';

export interface IngestFailure {
  file: string;
  /** The record's label (id, line, position); null when the file as a whole failed. */
  record: string | null;
  reason: string;
}

export interface IngestSummary {
  new: number;
  updated: number;
  unchanged: number;
  failed: number;
  seconds: number;
  /** The first {@link MAX_KEPT_FAILURES} failures; `failed` counts them all, the report lists them all. */
  failures: IngestFailure[];
}

export interface IngestOptions {
  store: ArchiveStore;
  format: 'auto' | FormatName;
  collection?: string;
  /** `--mapping FILE`: field mapping for formats that take one (CSV, JSON). */
  mappingFile?: string;
  /** JSON Lines: one line per record, stored or failed. */
  reportFile?: string;
  progress?: ProgressReporter;
  /** Where `file: record: reason` lines go (stderr by default). */
  /** Where failures are told, a line each; a write that returns a promise is waited for (backpressure). */
  errors?: { write(text: string): unknown };
  /**
   * Read on a second thread while this one writes: by default when there are two cores and
   * enough input to repay the thread's start ({@link readerThreadPays}).
   */
  readerThread?: boolean;
}

/** How a file is to be read, or why it cannot be, or that it is left unread on purpose. */
type FilePlan = { format: SourceFormat } | { error: string } | { passedOver: string };

export const MAX_KEPT_FAILURES = 1000;
const HEAD_BYTES = 4096;
/** How far a head is read when the first {@link HEAD_BYTES} are all XML prolog. */
const LONG_HEAD_BYTES = 64 * 1024;
// 50 records a commit. Every record of a batch lives until its commit, long enough to be copied
// into V8's old generation, which the main thread then lets grow well past what is live: at 100
// a commit, peak RSS reached 300–310 MB on the tenfold volumes, at 50 it stays near 245 MB, and
// the time is the same within the noise (bench/RESULTS.md).
const BATCH_RECORDS = 50;
const BATCH_MILLISECONDS = 250;

/**
 * Ingests files and folders. Each record is written on its own (one store transaction), so a
 * bad record, a bad file or a store error costs only that record or file; the batch goes on.
 * Throws {@link UsageError} before touching the store when a path does not exist or holds no
 * file to read, the format is not available or the report file cannot be created.
 */
export async function ingestPaths(paths: string[], options: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  if (paths.length === 0) throw new UsageError('no files or folders to ingest');
  const named = options.format === 'auto' ? undefined : options.format;
  if (named && !isFormatAvailable(named)) throw new UsageError(`format "${named}" is not available in this version`);
  const formatOptions = options.mappingFile ? { mappingFile: options.mappingFile } : {};
  const files = await collectFiles(paths);
  const progress = options.progress ?? silentProgress;
  const errors = options.errors ?? process.stderr;
  const readOptions = { collection: options.collection, mappingFile: options.mappingFile };
  const summary: IngestSummary = { new: 0, updated: 0, unchanged: 0, failed: 0, seconds: 0, failures: [] };

  let report: Report | null = null;
  const fail = async (file: string, record: string | null, reason: string): Promise<void> => {
    summary.failed++;
    if (summary.failures.length < MAX_KEPT_FAILURES) summary.failures.push({ file, record, reason });
    progress.clear();
    await errors.write(`${file}: ${record === null ? '' : `${record}: `}${reason}\n`);
    await report?.write({ file, record, reason });
  };

  // Every file's format is known before reading starts, so a reader thread can read ahead. The
  // thread knows a format by its place in this list (a mapped format is a new object per list).
  const formats = registeredFormats(formatOptions);
  const planFile = async (file: SourceFile): Promise<FilePlan> => {
    try {
      let bytes = await readHead(file.path, HEAD_BYTES);
      if (bytes.length === HEAD_BYTES && isAllXmlProlog(new TextDecoder('utf-8').decode(bytes))) bytes = await readHead(file.path, LONG_HEAD_BYTES);
      // Not fatal: the cut may fall inside a character, and sniffing needs no exactness.
      const head = new TextDecoder('utf-8').decode(bytes);
      const format = named ? formatFor(named, file.path, head, formats) : detectFormat(file.path, head, formats);
      // Said before "unrecognized format", which would hide why a UTF-16 file is no format's. A
      // format that reads bytes (PDF) has no text to check.
      const problem = format?.binary ? null : notUtf8Text(bytes);
      if (problem) return { error: problem };
      if (!format) return { error: unrecognizedReason(head) };
      const passedOver = format.passesOver?.(file.path);
      if (passedOver === undefined) return { format };
      // Named outright, a file is read or said not to be: passing it over would look like success.
      return file.named ? { error: passedOver } : { passedOver };
    } catch (error) {
      return { error: `cannot read: ${errorMessage(error)}` };
    }
  };
  const plans: FilePlan[] = [];
  for (const file of files) plans.push(await planFile(file));
  if (plans.every((plan) => 'passedOver' in plan)) {
    const reasons = new Set(plans.map((plan) => ('passedOver' in plan ? plan.passedOver : '')));
    throw new UsageError(`nothing to ingest: every file in ${paths.join(', ')} is passed over (${[...reasons].join('; ')})`);
  }
  // Opened once nothing more can be refused before reading: a refused run leaves an earlier report as it was.
  report = options.reportFile ? await Report.open(options.reportFile) : null;
  const totalBytes = files.reduce((sum, f) => sum + f.size, 0);
  const jobs = files.flatMap((file, i) => {
    const plan = plans[i]!;
    return 'format' in plan ? [{ path: file.path, formatIndex: formats.indexOf(plan.format) }] : [];
  });
  // Files the thread declines (too large, in a format that holds whole values) are read here, so
  // they do not count towards what the thread would save.
  const threadBytes = files.reduce((sum, file, i) => {
    const plan = plans[i]!;
    return sum + ('format' in plan && (plan.format.streams || file.size <= READER_THREAD_MAX_FILE_BYTES) ? file.size : 0);
  }, 0);
  const useThread = (options.readerThread ?? readerThreadPays(threadBytes)) && jobs.length > 0;
  let thread: ThreadedReader | null = null;
  let nextJob = 0;

  const claims = SourceIdClaims.of(files);

  const ingestFile = async (file: SourceFile, plan: FilePlan): Promise<void> => {
    if ('passedOver' in plan) return;
    if ('error' in plan) return fail(file.path, null, plan.error);
    const { format } = plan;
    const inline = (): AsyncIterable<RecordOutcome> => format.read(file.path, readOptions);
    const outcomes = thread ? thread.read(nextJob++, inline) : inline();
    // Records are written in batches, one commit each (the store keeps or refuses each record
    // whole): a commit per record would cost more than the record. A batch is flushed when full,
    // when it gets old (so an interrupted run loses little and others see progress), and at the
    // end of the file. Its report lines follow its commit, so they name only stored records.
    let pending: { label: string; record: IngestRecord }[] = [];
    let pendingSince = 0;
    // A collection's sections ride on one record (a FRUS volume's on its first document): when
    // that record is refused, the next record of the file filed in the collection takes them.
    let unplacedSections: IngestRecord['sections'];
    const keepSections = (record: IngestRecord): void => {
      if (record.sections && !unplacedSections) unplacedSections = record.sections;
    };
    const takesSections = (record: IngestRecord): boolean =>
      unplacedSections !== undefined && !record.sections && record.collections.some((c) => c.slug === unplacedSections!.collection);
    const reportUnplaced = async (): Promise<void> => {
      if (unplacedSections) await fail(file.path, `sections of ${unplacedSections.collection}`, 'not stored: no record of the file that could bring them was stored');
    };
    const flush = async (): Promise<void> => {
      if (pending.length === 0) return;
      const batch = pending;
      pending = [];
      let outcomes: BatchOutcome[];
      try {
        outcomes = await options.store.upsertRecords(batch.map((p) => p.record));
      } catch (error) {
        outcomes = batch.map(() => ({ ok: false, error: error instanceof Error ? error : new Error(String(error)) }));
      }
      for (const [i, result] of outcomes.entries()) {
        const { label, record } = batch[i]!;
        if (!result.ok) {
          keepSections(record);
          claims.release(file, format, record);
          await fail(file.path, label, `not stored: ${errorMessage(result.error)}`);
          continue;
        }
        summary[result.outcome]++;
        await report?.write({ file: file.path, record: label, id: record.document.id, action: result.outcome });
      }
      // Sections refused with their record go with another of the batch that was stored (its
      // document is unchanged by them); if that fails too, the next record or the report has them.
      const bearer = unplacedSections && batch.find((p, i) => outcomes[i]!.ok && takesSections(p.record));
      if (bearer) {
        try {
          await options.store.upsertRecord({ ...bearer.record, sections: unplacedSections });
          unplacedSections = undefined;
        } catch {
          // reported below when nothing else brings them
        }
      }
    };
    let records = 0;
    try {
      for await (const outcome of outcomes) {
        records++;
        progress.recordDone();
        if (!outcome.ok) {
          await fail(file.path, outcome.label, outcome.reason);
          continue;
        }
        const taken = await claims.claim(file, format, outcome.record);
        if (taken) {
          keepSections(outcome.record);
          await fail(file.path, outcome.label, taken);
          continue;
        }
        if (takesSections(outcome.record)) {
          outcome.record.sections = unplacedSections;
          unplacedSections = undefined;
        }
        if (pending.length === 0) pendingSince = performance.now();
        pending.push({ label: outcome.label, record: outcome.record });
        if (pending.length >= BATCH_RECORDS || performance.now() - pendingSince >= BATCH_MILLISECONDS) await flush();
      }
      await flush();
      await reportUnplaced();
      // A file that yields nothing was read in the wrong format or is empty: said, so that a
      // run of such files does not look like a success (and exits 2, nothing could be done).
      if (records === 0) await fail(file.path, null, `holds no records that the ${format.name} reader can read`);
    } catch (error) {
      // The reader gave up on the file (not well-formed, wrong encoding): records it yielded
      // before stay stored, the rest of the file counts as one failure.
      await flush();
      await reportUnplaced();
      await fail(file.path, null, errorMessage(error));
    }
  };

  progress.start({ files: files.length, bytes: totalBytes });
  try {
    if (useThread) {
      thread = new ThreadedReader(jobs, readOptions, formatOptions, {
        onLost: (reason) => {
          progress.clear();
          errors.write(`note: the reader thread ${reason}; the files left are read on one thread\n`);
        },
      });
    }
    for (const [i, file] of files.entries()) {
      await ingestFile(file, plans[i]!);
      progress.fileDone(file.size);
    }
  } finally {
    await thread?.close();
    progress.finish();
    await report?.close();
  }
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

/** The line the CLI prints: an unchanged re-ingest counts as an update that changed nothing. */
export function formatSummary(s: Pick<IngestSummary, 'new' | 'updated' | 'unchanged' | 'failed' | 'seconds'>): string {
  return `ingested ${s.new} new, ${s.updated + s.unchanged} updated, ${s.failed} failed in ${s.seconds.toFixed(1)} s`;
}

async function readHead(path: string, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * The `--report` file. Each line is written when its record is done, so a batch that is
 * interrupted still leaves an accurate account of what landed.
 */
class Report {
  private constructor(private readonly handle: FileHandle) {}

  static async open(path: string): Promise<Report> {
    try {
      return new Report(await open(path, 'w'));
    } catch (error) {
      throw new UsageError(`cannot write the report file ${path}: ${errorMessage(error)}`);
    }
  }

  async write(line: object): Promise<void> {
    await this.handle.write(JSON.stringify(line) + '\n');
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
