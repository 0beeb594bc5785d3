import { basename, extname } from 'node:path';
import { Readable, pipeline } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { slugify } from '../../domain/index.js';
import { errorMessage, fileStem } from '../files.js';
import { namesList } from '../errors.js';
import { type ReadOptions, type RecordOutcome, SourceFileError } from '../format.js';
import { readUtf8Chunks } from '../xml/utf8-stream.js';
import { buildMappedRecord, columnsUsed, defaultCsvMapping, findMappingFile, loadMapping, type Mapping } from './mapping.js';

/**
 * Reads a CSV (or TSV) file row by row: the file is streamed through csv-parse, so 8,935 rows
 * never sit in memory as one string. The header row names the columns; a mapping (explicit,
 * `<file>.mapping.json`, `archivum-mapping.json`, or the default from the header names) turns
 * each row into a document. A row that cannot become a record is reported with its row number
 * (spreadsheet numbering: the header is row 1) and the rest go on. Broken quoting makes the
 * rest of the file unreadable, so it is a file-level error naming the line.
 */
export async function* readCsv(path: string, options: ReadOptions = {}): AsyncGenerator<RecordOutcome> {
  const mappingPath = findMappingFile(path, 'csv', options.mappingFile);
  const explicit: Mapping | undefined = mappingPath ? loadMapping(mappingPath) : undefined;
  const delimiter = explicit?.delimiter ?? (extname(path).toLowerCase() === '.tsv' ? '\t' : ',');
  const parser = parse({ delimiter, relax_column_count: true, bom: true, skip_empty_lines: true });
  // pipeline() carries a read error (invalid UTF-8) from the file into the parser's iterator.
  pipeline(Readable.from(readUtf8Chunks(path)), parser, () => undefined);

  const fileSlug = slugify(fileStem(path), 100) || 'file';
  const fileName = basename(path);
  let headers: string[] | undefined;
  let mapping: Mapping | undefined;
  let row = 0;
  const seen = new Map<string, number>();
  try {
    for await (const fields of parser as AsyncIterable<string[]>) {
      row++;
      if (!headers) {
        headers = fields.map((h, i) => h.trim() || `column ${i + 1}`);
        mapping = explicit ?? defaultCsvMapping(headers);
        checkMapping(path, mappingPath, mapping, headers);
        continue;
      }
      const label = `row ${row}`;
      if (fields.length !== headers.length) {
        yield { ok: false, label, reason: `has ${fields.length} fields, the header has ${headers.length}` };
        continue;
      }
      const cells = new Map<string, string>();
      headers.forEach((h, i) => {
        if (!cells.has(h)) cells.set(h, fields[i]!);
      });
      try {
        const record = buildMappedRecord(
          mapping!,
          { get: (c) => cells.get(c), fileSlug, fileName, position: row },
          { collection: options.collection },
        );
        const id = record.document.id;
        const first = seen.get(id);
        if (first !== undefined) {
          yield { ok: false, label, reason: `id "${id}" is already used by row ${first} of this file; map a unique id` };
          continue;
        }
        seen.set(id, row);
        yield { ok: true, label, record };
      } catch (error) {
        yield { ok: false, label, reason: errorMessage(error) };
      }
    }
  } catch (error) {
    if (error instanceof SourceFileError) throw error;
    if (error instanceof CsvError) throw new SourceFileError(path, `not readable as CSV: ${error.message}`);
    throw error;
  }
  if (!headers) throw new SourceFileError(path, 'the CSV file is empty (no header row)');
}

function checkMapping(path: string, mappingPath: string | undefined, mapping: Mapping, headers: string[]): void {
  const present = new Set(headers);
  const missing = columnsUsed(mapping).filter((c) => !present.has(c));
  if (missing.length) {
    const which = mappingPath ? `the mapping ${basename(mappingPath)}` : 'the default mapping';
    throw new SourceFileError(path, `${which} reads column${missing.length > 1 ? 's' : ''} ${namesList(missing.map((m) => `"${m}"`))}, which the file does not have (columns: ${namesList(headers)})`);
  }
  if (!mapping.fields.title) {
    throw new SourceFileError(
      path,
      `no column gives a title (columns: ${namesList(headers)}); add a "title" column or a mapping file (see docs/importers.md)`,
    );
  }
}
