import { createHash } from 'node:crypto';
import type { ArchiveDocument } from '../domain/index.js';

/** A document as a store keeps it: its JSON, and the checksum that tells an unchanged re-ingest. */
export interface DocumentJson {
  data: string;
  checksum: string;
}

// Serializing and hashing a long document costs about as much as writing it. A reader thread
// (src/ingest/reader-thread) does both off the writing thread and hands the result over with
// the document it parsed from that very JSON, so the writer need not do them again.
//
// The result rides on the document itself, under a symbol that is not enumerable, so a copy
// (`{ ...doc }`) does not take it along. Not in a WeakMap: an entry there lives until a full
// collection, which kept every handed-over JSON string alive into the old generation.
const HANDED_OVER = Symbol('documentJson');
type HandedOver = ArchiveDocument & { [HANDED_OVER]?: DocumentJson };

/** The JSON a store keeps for `doc` and its checksum. */
export function documentJson(doc: ArchiveDocument): DocumentJson {
  const known = (doc as HandedOver)[HANDED_OVER];
  if (known) return known;
  const data = JSON.stringify(doc);
  return { data, checksum: createHash('sha256').update(data).digest('hex') };
}

/**
 * Parses a document from the JSON {@link documentJson} gave for it elsewhere (another thread),
 * and remembers that JSON for the store. The document is new and nobody else holds it, so it
 * cannot have changed since.
 */
export function parseDocumentJson(json: DocumentJson): ArchiveDocument {
  const doc = JSON.parse(json.data) as ArchiveDocument;
  Object.defineProperty(doc, HANDED_OVER, { value: json });
  return doc;
}
