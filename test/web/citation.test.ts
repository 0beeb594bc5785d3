import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DocumentView } from '../../src/domain/index.js';
import { chicagoCitation } from '../../src/web/citation.js';

function view(over: Partial<DocumentView> = {}): DocumentView {
  return {
    id: 'khrushchev-to-castro-1963-01-31',
    sourceId: 'seed',
    title: 'Letter from Khrushchev to Fidel Castro',
    date: { start: '1963-01-31', end: '1963-01-31', display: 'January 31, 1963' },
    footnotes: [],
    texts: [],
    authors: [{ id: 'khrushchev', name: 'Nikita Khrushchev' }],
    recipients: [{ id: 'castro', name: 'Fidel Castro' }],
    people: [],
    places: [],
    topics: [],
    collections: [],
    source: { archive: 'Archive of Foreign Policy, Russian Federation (AVP RF)', reference: 'Fond 0104, Opis 19', collection: 'Cuban Missile Crisis' },
    funders: [],
    related: [],
    references: [],
    media: [],
    updatedAt: '2024-01-01T00:00:00Z',
    status: 'published',
    ...over,
  };
}

const URL = 'https://archive.example/documents/khrushchev-to-castro-1963-01-31';

test('Chicago note: author to recipient, title, date, file, collection, repository, site, URL', () => {
  assert.equal(
    chicagoCitation(view(), URL),
    'Nikita Khrushchev to Fidel Castro, “Letter from Khrushchev to Fidel Castro,” January 31, 1963, Fond 0104, Opis 19, Cuban Missile Crisis, Archive of Foreign Policy, Russian Federation (AVP RF), Archivum, https://archive.example/documents/khrushchev-to-castro-1963-01-31.',
  );
});

test('access date, several authors, missing fields and a title with its own question mark', () => {
  const cite = chicagoCitation(
    view({
      title: 'Why so soon?',
      authors: [{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }, { id: 'c', name: 'C' }],
      recipients: [],
      source: {},
      date: { display: '[undated]' },
    }),
    URL,
    new Date('2024-05-06T12:00:00Z'),
  );
  assert.equal(cite, `A, B, and C, “Why so soon?” [undated], Archivum, accessed May 6, 2024, ${URL}.`);
});

test('a date range keeps its display form; no author starts with the title', () => {
  const cite = chicagoCitation(view({ authors: [], recipients: [], date: { start: '1962-10', end: '1962-11', display: 'October – November 1962' } }), URL);
  assert.ok(cite.startsWith('“Letter from Khrushchev to Fidel Castro,” October – November 1962, '));
});
