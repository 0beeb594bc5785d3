import { basename } from 'node:path';
import type { ArchiveStore, Viewer } from '../store/types.js';
import { DEFAULT_CMIF_LICENCE, writeCmifExport } from './cmif.js';
import { writeCsvExport } from './csv.js';
import { writeJsonExport } from './json.js';
import { SiteLinks } from './site.js';
import { writeTeiExport } from './tei.js';

export const EXPORT_FORMATS = ['json', 'csv', 'tei', 'cmif'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

export interface ExportOptions {
  /** The archive's public address, which the CSV, TEI and CMIF files link to. */
  baseUrl: string;
  /** CMIF: who compiled the file, and an address to write to. */
  editor?: string;
  editorEmail?: string;
  /** CMIF: where the file will be published; default beside the archive, under the file's name. */
  fileUrl?: string;
  now?: Date;
}

export const DEFAULT_BASE_URL = 'http://localhost:8080';

/** Writes every document `viewer` may see to `out` in one format; `out` is replaced whole or not at all. */
export function writeExport(format: ExportFormat, store: ArchiveStore, viewer: Viewer, out: string, options: ExportOptions): Promise<{ documents: number }> {
  switch (format) {
    case 'json':
      return writeJsonExport(store, viewer, out);
    case 'csv':
      return writeCsvExport(store, viewer, out, options);
    case 'tei':
      return writeTeiExport(store, viewer, out, options);
    case 'cmif':
      return writeCmifExport(store, viewer, out, {
        baseUrl: options.baseUrl,
        fileUrl: options.fileUrl ?? new SiteLinks(options.baseUrl).root + encodeURIComponent(basename(out)),
        editor: options.editor ?? 'Archivum',
        editorEmail: options.editorEmail,
        licence: DEFAULT_CMIF_LICENCE,
        now: options.now,
      });
  }
}
