import type { DocumentInput } from '../../src/domain/index.js';

/**
 * Documents for the HTTP tests. The first mirrors the Wilson Center record of the seed
 * (/work/shared/corpus/seed), field for field, with an excerpt of its text.
 */
export const SEED_ID = 'khrushchev-to-castro-1963-01-31';
export const DRAFT_TITLE = 'Zanzibar Draft Memorandum Never Published';
export const FUTURE_EMBARGO_TITLE = 'Quokka Embargoed Telegram Still Closed';
export const HOSTILE_TITLE = '<script>alert("title")</script> Memo & "notes"';

export const SEED_RIGHTS =
  'The History and Public Policy Program welcomes reuse of Digital Archive materials for research and educational purposes. Some documents may be subject to copyright, which is retained by the rights holders in accordance with US and international copyright laws.';

export const FIXTURES: DocumentInput[] = [
  {
    id: SEED_ID,
    title: 'Letter from Khrushchev to Fidel Castro',
    date: { start: '1963-01-31', display: 'January 31, 1963' },
    type: 'Letter',
    description: 'Letter from Khrushchev to Fidel Castro. Re: Point 3, Protocol No. 80',
    text: [
      'Dear Comrade Fidel Castro,',
      'I have been thinking of writing this letter to you for a long time now. And now that I am on my way back to Moscow from Berlin, where I was attending the congress of the Socialist Party of Germany, I am writing this letter to you.',
      'Cuba is a land of eternal summer.',
      'Please accept, Comrade Fidel, heartfelt Communist greetings from me and from all my comrades.',
      '31 January 1963',
    ].join('\n\n'),
    summary:
      "Khrushchev wrote to Fidel Castro to discuss the issues in the two countries' relation after the Cuban Missile Crisis.",
    texts: [
      { role: 'original', language: 'ru', text: 'Дорогой товарищ Фидель Кастро!\n\nЯ давно собирался написать Вам это письмо.' },
    ],
    authors: [{ id: 'khrushchev-nikita', name: 'Nikita Khrushchev' }],
    recipients: [{ id: 'castro-fidel', name: 'Fidel Castro' }],
    places: [{ id: 'moscow', name: 'Moscow', lat: 55.75, lon: 37.62 }],
    topics: ['Cuban Missile Crisis'],
    collections: [
      { slug: 'cold-war', title: 'Cold War Correspondence', description: 'Letters between the leaders.\n\nWhat <the> editors chose, and why.' },
      { slug: 'cuba-1963', title: 'Cuba after the Crisis, 1963', parent: 'cold-war' },
    ],
    source: { archive: 'Archive of Foreign Policy, Russian Federation (AVP RF)', collection: 'Cuban Missile Crisis' },
    classification: 'No classification marking',
    language: 'English',
    originalLanguage: 'Russian',
    rights: SEED_RIGHTS,
    funders: ['Leon Levy Foundation'],
    recordId: '115095',
    uploadedAt: '2011-10-17',
  },
  {
    id: 'memo-with-notes-1963-02-02',
    title: 'Memorandum on the Castro letter',
    date: '1963-02-02',
    type: 'Memorandum',
    body: [
      { kind: 'heading', level: 2, children: ['Subject'] },
      {
        kind: 'p',
        children: [
          'See the ',
          { kind: 'docRef', id: SEED_ID, children: ['letter of 31 January'] },
          ' from ',
          { kind: 'entity', type: 'person', id: 'khrushchev-nikita', children: ['Khrushchev'] },
          ' sent to ',
          { kind: 'entity', type: 'place', id: 'havana', children: ['Havana'] },
          '.',
          { kind: 'noteRef', n: '1' },
        ],
      },
    ],
    footnotes: [{ n: '1', text: 'Source: Fidel Castro papers, box 3.' }],
    authors: ['Anatoly Dobrynin'],
    people: [{ id: 'khrushchev-nikita', name: 'Nikita Khrushchev' }],
    places: [{ id: 'havana', name: 'Havana' }],
    references: [SEED_ID],
    collections: [{ slug: 'cuba-1963', title: 'Cuba after the Crisis, 1963', parent: 'cold-war' }],
    language: 'en',
  },
  {
    id: 'hostile-title-memo',
    title: HOSTILE_TITLE,
    date: '1963-03-01',
    text: 'A memo about Fidel with <b>angle brackets</b> & ampersands.',
    authors: ['<img src=x onerror=alert(1)> Person'],
    collections: [{ slug: 'cold-war', title: 'Cold War Correspondence' }],
  },
  {
    id: 'draft-memo',
    title: DRAFT_TITLE,
    date: '1963-02-10',
    text: 'Fidel Castro Khrushchev letter draft zanzibar.',
    authors: [{ id: 'khrushchev-nikita', name: 'Nikita Khrushchev' }],
    collections: [{ slug: 'cold-war', title: 'Cold War Correspondence' }],
    status: 'draft',
  },
  {
    id: 'embargo-future',
    title: FUTURE_EMBARGO_TITLE,
    date: '1963-02-11',
    text: 'Fidel Castro quokka telegram.',
    authors: [{ id: 'khrushchev-nikita', name: 'Nikita Khrushchev' }],
    status: 'embargoed',
    embargoUntil: '2099-01-01',
  },
  {
    id: 'embargo-past',
    title: 'Telegram whose embargo has ended',
    date: '1963-02-12',
    text: 'Fidel Castro telegram released.',
    status: 'embargoed',
    embargoUntil: '2020-01-01',
  },
];

/** Enough documents in one collection to need several pages of results. */
export function bulkDocuments(n: number): DocumentInput[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `bulk-${String(i + 1).padStart(3, '0')}`,
    title: `Routine cable number ${i + 1}`,
    date: `1970-01-${String((i % 28) + 1).padStart(2, '0')}`,
    type: 'Cable',
    text: `Routine cable ${i + 1} about wheat shipments.`,
    collections: [{ slug: 'bulk-cables', title: 'Routine Cables' }],
  }));
}
