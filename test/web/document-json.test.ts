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

test('texts holds every version, the text a reader sees first included', () => {
  // One text and no versions (a FRUS document): that text, as the transcription.
  const frus = documentJson({ ...UNDATED, text: 'Moscow, November 9, 1960.', language: 'en' });
  assert.deepEqual(frus.texts, [{ role: 'transcription', language: 'en', translator: null, text: 'Moscow, November 9, 1960.' }]);
  // An English text beside its Russian original: the English one is a translation, and first.
  const letter = documentJson({ ...UNDATED, text: 'Dear Comrade', language: 'en', originalLanguage: 'ru', texts: [{ role: 'original', language: 'ru', text: 'Дорогой товарищ' }] });
  assert.deepEqual(
    letter.texts.map((t) => [t.role, t.language, t.text]),
    [['translation', 'en', 'Dear Comrade'], ['original', 'ru', 'Дорогой товарищ']],
  );
  // The reading text already among the versions (the seed letter's translation): listed once.
  const seed = documentJson({ ...UNDATED, text: 'Dear  Comrade\nFidel', texts: [{ role: 'translation', language: 'en', translator: 'W. C.', text: 'Dear Comrade Fidel' }] });
  assert.deepEqual(seed.texts, [{ role: 'translation', language: 'en', translator: 'W. C.', text: 'Dear Comrade Fidel' }]);
  // No text at all (a CMIF letter): no versions.
  assert.deepEqual(documentJson(UNDATED).texts, []);
});
