import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DocumentView } from '../../src/domain/index.js';
import { documentJson } from '../../src/web/document-json.js';

const UNDATED: DocumentView = {
  id: 'undated-note',
  title: 'A note',
  date: { display: '[undated]' },
  footnotes: [],
  texts: [],
  authors: [],
  recipients: [],
  people: [],
  places: [{ id: 'moscow', name: 'Moscow', lat: 55.75, lon: 37.62 }],
  topics: [],
  collections: [],
  source: { reference: 'AVP RF, f. 0100' },
  funders: [],
  related: [],
  references: [],
  media: [{ kind: 'image', url: 'https://images.example.org/1.jpg', label: 'Page' }],
  updatedAt: '2026-11-28T00:00:00Z',
  status: 'published',
  sourceId: 'note.txt',
};

test('an undated document keeps its display and has null start and end; what it has is kept as it is', () => {
  const json = documentJson(UNDATED);
  assert.deepEqual(json.date, { display: '[undated]', start: null, end: null });
  assert.deepEqual(json.places, [{ id: 'moscow', name: 'Moscow', lat: 55.75, lon: 37.62 }]);
  assert.deepEqual(json.source, { reference: 'AVP RF, f. 0100', archive: null, collection: null });
  assert.deepEqual(json.media, [{ kind: 'image', url: 'https://images.example.org/1.jpg', label: 'Page', pages: null }]);
  assert.equal(json.sourceId, 'note.txt');
  assert.equal('body' in json, false, 'a key beyond the contract is left out when empty');
});
