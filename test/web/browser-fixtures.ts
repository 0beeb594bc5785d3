import type { DocumentInput } from '../../src/domain/index.js';

/**
 * The Kennedy–Khrushchev–Castro exchanges of October 1962, as short invented summaries (no
 * archival text), for the browser tests: enough documents in thirteen days for the timeline to
 * zoom to days, places of writing without coordinates (the gazetteer places them), a record with
 * footnotes, a Russian original and page images. People share the demo's ids, so the network
 * joins them to the seed letter.
 */
const KHRUSHCHEV = { id: 'khrushchev-nikita-s', name: 'Nikita Khrushchev' };
const KENNEDY = { id: 'kennedy-john-f', name: 'John F. Kennedy', role: 'President of the United States', birth: '1917-05-29', death: '1963-11-22' };
const CASTRO = { id: 'castro-fidel', name: 'Fidel Castro' };
const MOSCOW = { id: 'moscow', name: 'Moscow' };
const WASHINGTON = { id: 'washington', name: 'Washington' };
const HAVANA = { id: 'havana', name: 'Havana' };
const CUBA = { id: 'cuba', name: 'Cuba', lat: 21.52, lon: -77.78 };
const COLLECTION = { slug: 'cuban-crisis-1962', title: 'The Cuban Missile Crisis, October 1962', description: 'Letters between Kennedy, Khrushchev and Castro during the crisis (test fixtures).' };
export const MEDIA_PATH = '/test-media/';

function letter(id: string, date: string, from: typeof KENNEDY | typeof KHRUSHCHEV | typeof CASTRO, to: typeof KENNEDY | typeof KHRUSHCHEV | typeof CASTRO, written: typeof MOSCOW, text: string, extra: Partial<DocumentInput> = {}): DocumentInput {
  const name = (p: { name: string }) => p.name.split(' ').at(-1);
  return {
    id,
    title: `Message from ${name(from)} to ${name(to)}`,
    date,
    type: 'Letter',
    text,
    authors: [from],
    recipients: [to],
    placeWritten: written,
    places: [CUBA],
    topics: ['Cuban Missile Crisis'],
    collections: [COLLECTION],
    source: { archive: 'Test Archive', reference: `Box 1, folder ${date}` },
    language: 'en',
    ...extra,
  };
}

export const BROWSER_FIXTURES: DocumentInput[] = [
  letter('crisis-1962-10-22-jfk', '1962-10-22', KENNEDY, KHRUSHCHEV, WASHINGTON, 'A summary: the President informs the Chairman of the quarantine of offensive weapons bound for Cuba.'),
  letter('crisis-1962-10-23-nk', '1962-10-23', KHRUSHCHEV, KENNEDY, MOSCOW, 'A summary: the Chairman protests the quarantine as a threat to peace.'),
  letter('crisis-1962-10-23-jfk', '1962-10-23', KENNEDY, KHRUSHCHEV, WASHINGTON, 'A summary: the President asks that Soviet ships observe the quarantine.'),
  letter('crisis-1962-10-24-nk', '1962-10-24', KHRUSHCHEV, KENNEDY, MOSCOW, 'A summary: the Chairman refuses to instruct the ship captains to obey the quarantine.'),
  letter('crisis-1962-10-25-jfk', '1962-10-25', KENNEDY, KHRUSHCHEV, WASHINGTON, 'A summary: the President recalls the assurances he had been given about the missiles.'),
  letter('crisis-1962-10-26-nk', '1962-10-26', KHRUSHCHEV, KENNEDY, MOSCOW, 'A summary: the Chairman writes of the knot of war that both sides should not pull tighter.', {
    title: 'Message from Chairman Khrushchev to President Kennedy',
    body: [
      { kind: 'p', children: ['A summary: the Chairman writes of the knot of war', { kind: 'noteRef', n: '1' }, ' that both sides should not pull tighter.', { kind: 'noteRef', n: '2' }] },
      { kind: 'p', children: ['He proposes that the missiles could go if the United States promises not to invade Cuba.'] },
    ],
    footnotes: [
      { n: '1', text: 'The image of the knot recurs in later accounts of the crisis.' },
      { n: '2', text: 'The message arrived in several parts over many hours.' },
    ],
    texts: [{ role: 'original', language: 'ru', text: 'Краткое изложение: Председатель пишет об узле войны.\n\nОн предлагает вывести ракеты.' }],
    originalLanguage: 'ru',
    classification: 'Secret',
    media: [
      { kind: 'image', url: `${MEDIA_PATH}page-1.svg`, label: 'Page' },
      { kind: 'image', url: `${MEDIA_PATH}page-2.svg`, label: 'Page' },
    ],
    summary: 'The long private letter of 26 October, in which Khrushchev first offers a settlement.',
  }),
  letter('crisis-1962-10-26-fc', '1962-10-26', CASTRO, KHRUSHCHEV, HAVANA, 'A summary: the Prime Minister expects an attack within days.'),
  letter('crisis-1962-10-27-nk', '1962-10-27', KHRUSHCHEV, KENNEDY, MOSCOW, 'A summary: the Chairman adds the missiles in Turkey to the terms.'),
  letter('crisis-1962-10-27-jfk', '1962-10-27', KENNEDY, KHRUSHCHEV, WASHINGTON, 'A summary: the President accepts the terms of the letter of 26 October.'),
  letter('crisis-1962-10-28-nk', '1962-10-28', KHRUSHCHEV, KENNEDY, MOSCOW, 'A summary: the Chairman announces that the missiles will be dismantled.'),
  letter('crisis-1962-10-28-jfk', '1962-10-28', KENNEDY, KHRUSHCHEV, WASHINGTON, 'A summary: the President welcomes the decision.'),
  letter('crisis-1962-10-28-nk-fc', '1962-10-28', KHRUSHCHEV, CASTRO, MOSCOW, 'A summary: the Chairman explains the agreement to the Prime Minister.'),
  letter('crisis-1962-10-30-nk-fc', '1962-10-30', KHRUSHCHEV, CASTRO, MOSCOW, 'A summary: the Chairman answers the letter of 26 October.'),
  letter('crisis-1962-10-31-fc', '1962-10-31', CASTRO, KHRUSHCHEV, HAVANA, 'A summary: the Prime Minister replies about the agreement.'),
  {
    id: 'vienna-1961-06-04',
    title: 'Memorandum of Conversation, Vienna',
    date: '1961-06-04',
    type: 'Memorandum',
    text: 'A summary: Berlin and a test ban were discussed.',
    authors: [KENNEDY],
    people: [KHRUSHCHEV],
    placeWritten: { id: 'vienna', name: 'Vienna' },
    places: [{ id: 'berlin', name: 'Berlin' }],
    topics: ['Berlin'],
    collections: [{ slug: 'vienna-summit', title: 'Vienna Summit, 1961' }],
    language: 'en',
  },
  {
    id: 'browser-draft-secret',
    title: 'Zanzibar draft that must never show',
    date: '1962-10-27',
    type: 'Letter',
    status: 'draft',
    text: 'Zanzibar.',
    authors: [{ id: 'zanzibar-agent', name: 'Zanzibar Agent' }],
    recipients: [KENNEDY],
    placeWritten: { id: 'zanzibar-place', name: 'Zanzibar Place', lat: -6.16, lon: 39.2 },
    collections: [COLLECTION],
  },
];

/** A page image drawn as SVG (served by the test server, never fetched from elsewhere). */
export function pageImage(n: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 1100" width="800" height="1100"><rect width="800" height="1100" fill="#f4efe1"/><g fill="#6b6455">${Array.from({ length: 28 }, (_, i) => `<rect x="90" y="${140 + i * 32}" width="${560 - ((i * 37) % 180)}" height="10" rx="3"/>`).join('')}</g><text x="400" y="80" font-family="serif" font-size="36" text-anchor="middle" fill="#3b352a">Page ${n}</text></svg>`;
}
