import type { DocumentView, EntityRef } from '../domain/index.js';
import { formatEdtf } from '../ingest/csv/edtf.js';
import { guardFormula } from '../ingest/csv/formula.js';
import type { ArchiveStore, Viewer } from '../store/types.js';
import { ExportLookups, WITHOUT_RELATED } from './lookups.js';
import { SiteLinks } from './site.js';
import { writeFileAtomically } from './writer.js';

/** What the export needs to know beyond the store. */
export interface TableExportOptions {
  /** The archive's public address, for each document's `page` column (`http://localhost:8080`). */
  baseUrl: string;
}

/** Several values in one cell, as the CSV importer splits them by default. */
const SPLIT = '|';

type Cell = (doc: DocumentView, lookups: ExportLookups, links: SiteLinks) => string | Promise<string>;

const names = (refs: readonly EntityRef[]): string => refs.map((r) => listItem(r.name)).join(SPLIT);
/** One authority URI per name, in the names' order; an empty slot where a name has none. */
const authorities = async (refs: readonly EntityRef[], lookup: (id: string) => Promise<string | undefined>): Promise<string> => {
  const uris = await Promise.all(refs.map((r) => lookup(r.id)));
  return uris.some(Boolean) ? uris.map((u) => u ?? '').join(SPLIT) : '';
};

/**
 * The columns, named so that the CSV importer's default mapping (docs/importers.md) reads the
 * file back: field names, and the letter-table names for authorities and the written date.
 * `number`, `updatedAt` and `page` are for the reader of the table, and are not read back.
 */
const COLUMNS: readonly (readonly [string, Cell])[] = [
  ['id', (d) => d.id],
  ['title', (d) => d.title],
  ['date', (d) => formatEdtf(d.date)],
  ['dateText', (d) => d.date.display],
  ['type', (d) => d.type ?? ''],
  ['authors', (d) => names(d.authors)],
  ['authorID', (d, l) => authorities(d.authors, (id) => l.personAuthority(id))],
  ['recipients', (d) => names(d.recipients)],
  ['recipientID', (d, l) => authorities(d.recipients, (id) => l.personAuthority(id))],
  ['placeWritten', (d) => (d.placeWritten ? listItem(d.placeWritten.name) : '')],
  ['senderPlaceID', async (d, l) => (d.placeWritten ? ((await l.placeAuthority(d.placeWritten.id)) ?? '') : '')],
  ['places', (d) => names(d.places)],
  ['placeID', (d, l) => authorities(d.places, (id) => l.placeAuthority(id))],
  ['received.date', (d) => (d.received?.date ? formatEdtf(d.received.date) : '')],
  ['dateReceivedText', (d) => d.received?.date?.display ?? ''],
  ['received.place', (d) => (d.received?.place ? listItem(d.received.place.name) : '')],
  ['addresseePlaceID', async (d, l) => (d.received?.place ? ((await l.placeAuthority(d.received.place.id)) ?? '') : '')],
  ['people', (d) => names(d.people)],
  ['topics', (d) => names(d.topics)],
  ['collections', (d) => d.collections.map((c) => c.slug).join(SPLIT)],
  ['description', (d) => d.description ?? ''],
  ['summary', (d) => d.summary ?? ''],
  ['language', (d) => d.language ?? ''],
  ['originalLanguage', (d) => d.originalLanguage ?? ''],
  ['classification', (d) => d.classification ?? ''],
  ['source.archive', (d) => d.source.archive ?? ''],
  ['source.reference', (d) => d.source.reference ?? ''],
  ['source.collection', (d) => d.source.collection ?? ''],
  ['source.url', (d) => d.source.url ?? ''],
  ['rights', (d) => d.rights ?? ''],
  ['funders', (d) => d.funders.map(listItem).join(SPLIT)],
  ['credit', (d) => d.credit ?? ''],
  ['recordId', (d) => d.recordId ?? ''],
  ['number', (d) => d.number ?? ''],
  ['uploadedAt', (d) => d.uploadedAt ?? ''],
  ['updatedAt', (d) => d.updatedAt],
  ['page', (d, _l, links) => links.document(d.id)],
  ['text', (d) => d.text ?? ''],
];

/**
 * Writes every document `viewer` may see as one CSV table (RFC 4180: comma, double quotes,
 * CRLF rows; UTF-8 without a byte order mark), a row per document in id order. Lists are
 * `|`-separated, as the CSV importer reads them; dates are EDTF (`1963-01-31`,
 * `1962-10/1962-11`, `1547?`) beside the date as written.
 */
export async function writeCsvExport(store: ArchiveStore, viewer: Viewer, out: string, options: TableExportOptions): Promise<{ documents: number }> {
  const lookups = new ExportLookups(store, viewer);
  const links = new SiteLinks(options.baseUrl);
  return writeFileAtomically(out, async (write) => {
    await write(csvRow(COLUMNS.map(([name]) => name)));
    let documents = 0;
    for await (const doc of store.exportDocuments(viewer, WITHOUT_RELATED)) {
      await write(csvRow(await Promise.all(COLUMNS.map(([, cell]) => cell(doc, lookups, links)))));
      documents++;
    }
    return { documents };
  });
}

/** A value in a `|`-separated cell: its own bars would split it in two. */
function listItem(value: string): string {
  return value.replaceAll(SPLIT, '¦');
}

function csvRow(values: readonly string[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

function csvField(value: string): string {
  const text = guardFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
