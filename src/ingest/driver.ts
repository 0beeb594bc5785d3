import { open, type FileHandle } from 'node:fs/promises';
import type { ArchiveStore, UpsertOutcome } from '../store/types.js';
import { UsageError } from './errors.js';
import { errorMessage } from './files.js';
import type { FormatName, SourceFormat } from './format.js';
import { silentProgress, type ProgressReporter } from './progress.js';
import { detectFormat, formatFor } from './registry.js';
import { collectFiles, type SourceFile } from './walk.js';

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
  errors?: { write(text: string): unknown };
}

export const MAX_KEPT_FAILURES = 1000;
const HEAD_BYTES = 4096;

/**
 * Ingests files and folders. Each record is written on its own (one store transaction), so a
 * bad record, a bad file or a store error costs only that record or file; the batch goes on.
 * Throws {@link UsageError} before touching the store when a path does not exist, the format is
 * not available or the report file cannot be created.
 */
export async function ingestPaths(paths: string[], options: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  if (paths.length === 0) throw new UsageError('no files or folders to ingest');
  const fixed = options.format === 'auto' ? undefined : formatFor(options.format);
  if (options.format !== 'auto' && !fixed) throw new UsageError(`format "${options.format}" is not available in this version`);
  const files = await collectFiles(paths);
  const report = options.reportFile ? await Report.open(options.reportFile) : null;
  const progress = options.progress ?? silentProgress;
  const errors = options.errors ?? process.stderr;
  const readOptions = { collection: options.collection, mappingFile: options.mappingFile };
  const summary: IngestSummary = { new: 0, updated: 0, unchanged: 0, failed: 0, seconds: 0, failures: [] };

  const fail = async (file: string, record: string | null, reason: string): Promise<void> => {
    summary.failed++;
    if (summary.failures.length < MAX_KEPT_FAILURES) summary.failures.push({ file, record, reason });
    progress.clear();
    errors.write(`${file}: ${record === null ? '' : `${record}: `}${reason}\n`);
    await report?.write({ file, record, reason });
  };

  const ingestFile = async (file: SourceFile): Promise<void> => {
    let format: SourceFormat | undefined = fixed;
    try {
      format ??= detectFormat(file.path, await readHead(file.path));
    } catch (error) {
      return fail(file.path, null, `cannot read: ${errorMessage(error)}`);
    }
    if (!format) return fail(file.path, null, 'unrecognized format');
    try {
      for await (const outcome of format.read(file.path, readOptions)) {
        progress.recordDone();
        if (!outcome.ok) {
          await fail(file.path, outcome.label, outcome.reason);
          continue;
        }
        let action: UpsertOutcome;
        try {
          action = await options.store.upsertRecord(outcome.record);
        } catch (error) {
          await fail(file.path, outcome.label, `not stored: ${errorMessage(error)}`);
          continue;
        }
        summary[action]++;
        await report?.write({ file: file.path, record: outcome.label, id: outcome.record.document.id, action });
      }
    } catch (error) {
      // The reader gave up on the file (not well-formed, wrong encoding): records it yielded
      // before stay stored, the rest of the file counts as one failure.
      await fail(file.path, null, errorMessage(error));
    }
  };

  progress.start({ files: files.length, bytes: files.reduce((sum, f) => sum + f.size, 0) });
  try {
    for (const file of files) {
      await ingestFile(file);
      progress.fileDone(file.size);
    }
  } finally {
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

async function readHead(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    // Not fatal: the cut may fall inside a character, and sniffing needs no exactness.
    return new TextDecoder('utf-8').decode(buffer.subarray(0, bytesRead));
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
