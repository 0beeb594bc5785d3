import type { IngestRecord } from '../domain/index.js';

export const FORMAT_NAMES = ['tei', 'cmif', 'csv', 'markdown', 'json', 'pdf', 'text'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

/**
 * The most XML elements (or Markdown blocks) one record may hold. The largest FRUS document holds
 * 1,689 elements; a few MB of bare `<p>x</p>` would otherwise cost over a gigabyte as records
 * (about 150 bytes of memory per source byte), and past this a record is refused instead.
 */
export const MAX_ELEMENTS_PER_RECORD = 50_000;

/** One record read from a file: the record, or why it could not be made. */
export type RecordOutcome =
  | { ok: true; record: IngestRecord; label: string }
  | { ok: false; label: string; reason: string };

export interface ReadOptions {
  /** `ingest --collection SLUG`: every document also joins this collection. */
  collection?: string;
  /** `ingest --mapping FILE` for CSV/JSON field mapping. */
  mappingFile?: string;
}

/**
 * A source format. Readers yield one outcome per record so that a bad record is reported and
 * skipped while the rest of the file lands; they throw only when the file as a whole cannot be
 * read (not well-formed XML, wrong encoding), which the driver reports against the file.
 */
export interface SourceFormat {
  name: FormatName;
  /** Whether this format reads the file, judged from its name and first few kilobytes. */
  sniff(path: string, head: string): boolean;
  read(path: string, options: ReadOptions): AsyncIterable<RecordOutcome>;
  /**
   * Why a file this format claims is left unread, if it is: claimed only so that no other format
   * reads it (a JSON file that a mapping's `files` pattern leaves out; a FRUS catalogue record,
   * read with its volume). In a folder the driver skips it, as folder walks skip READMEs, where a
   * file that yields no record is otherwise reported; named outright, it fails with this reason.
   */
  passesOver?(path: string): string | undefined;
  /**
   * Whether the record's source id comes from the file's content (a FRUS volume's id), not from
   * its name: the same source id from two files of one name is then the same source read twice,
   * not two sources that collide because ids default to the file name (`markdown:letter` from a/
   * and b/letter.md). Without it, every source id is taken to come from the name.
   */
  sourceIdFromContent?(record: IngestRecord): boolean;
  /**
   * Each file holds one record (Markdown, text): every source id such files give in a run is
   * watched, so two of them that give one id cannot replace each other (namesakes.ts).
   */
  oneRecordPerFile?: boolean;
  /** The format reads bytes, not text (PDF): the UTF-8 check of other files does not apply. */
  binary?: boolean;
  /**
   * The reader never holds more than a bounded piece of the file as one value, however large the
   * file (a streamed XML volume, CSV rows of bounded size), so the reader thread may read any
   * size of it; others are read on the writing thread past a size (READER_THREAD_MAX_FILE_BYTES).
   */
  streams?: boolean;
}

/** A file-level failure with the reason a person can act on. */
export class SourceFileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(reason);
    this.name = 'SourceFileError';
  }
}
