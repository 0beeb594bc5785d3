import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import type { ArchiveDocument } from '../../src/domain/index.js';
import { documentJson, parseDocumentJson } from '../../src/store/document-json.js';

const doc = {
  id: 'frus1961-63v06-d1',
  sourceId: 'frus1961-63v06.xml#d1',
  title: 'Message From Chairman Khrushchev to President-elect Kennedy',
  text: 'Dear Mr. Kennedy,',
  body: [{ kind: 'p', children: ['Dear Mr. Kennedy,'] }],
} as unknown as ArchiveDocument;

describe('a document as a store keeps it', () => {
  it('is its JSON, with the SHA-256 of that JSON as its checksum', () => {
    const { data, checksum } = documentJson(doc);
    assert.equal(data, JSON.stringify(doc));
    assert.equal(checksum, createHash('sha256').update(data).digest('hex'));
  });

  it('is taken as handed over from another thread, without serializing again', () => {
    const handed = documentJson(doc);
    const parsed = parseDocumentJson(handed);
    assert.deepEqual(parsed, doc);
    assert.equal(documentJson(parsed), handed);
    // Hidden from JSON and from copies: a changed copy is serialized afresh.
    assert.equal(JSON.stringify(parsed), handed.data);
    const retitled = { ...parsed, title: 'Another title' };
    assert.notEqual(documentJson(retitled), handed);
    assert.equal(documentJson(retitled).data, JSON.stringify(retitled));
  });
});
