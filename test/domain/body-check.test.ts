import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCheckedBody, isCheckedInlines } from '../../src/domain/body-check.js';
import { type Block, buildIngestRecord, documentInputSchema, type Inline } from '../../src/domain/index.js';
import { frusFormat } from '../../src/ingest/tei-frus/index.js';
import { teiLetterFormat } from '../../src/ingest/tei-letter/index.js';

/** The body as the full input schema gives it back. */
const throughSchema = (body: unknown): string => JSON.stringify(documentInputSchema.parse({ title: 'T', body }).body);

const inline = (node: unknown): unknown[] => [{ kind: 'p', children: [node] }];

/** Bodies in the schema's exact shape, every kind of node and every optional key. */
const EXACT: Block[][] = [
  [{ kind: 'p', children: ['Plain ', { kind: 'em', children: ['words'] }, { kind: 'noteRef', n: '1' }, { kind: 'lb' }], rend: 'title-notes' }],
  [{ kind: 'heading', level: 3, children: [{ kind: 'written', as: 'latin', children: ['Wien'] }] }],
  [{ kind: 'list', ordered: true, start: 0, items: [[{ kind: 'p', children: [{ kind: 'abbr', expansion: 'Secretary of State', children: ['Secto'] }] }], []] }],
  [{ kind: 'table', rows: [[{ children: ['a'], header: true, colspan: 2, rowspan: 1 }, { children: [] }]] }],
  [{ kind: 'quote', children: [{ kind: 'closer', children: [{ kind: 'p', children: [{ kind: 'link', href: 'https://example.org', children: ['x'] }] }] }] }],
  [{ kind: 'attachment', title: [{ kind: 'smallcaps', children: ['Annex'] }], children: [{ kind: 'pb', n: '12', facs: '0012' }] }],
  [{ kind: 'p', children: [{ kind: 'docRef', id: 'L00494', href: '/documents/l00494', fill: 'date', children: [] }, { kind: 'entity', type: 'place', id: 'wien', children: ['Wien'] }, { kind: 'pb' }] }],
];

/** Bodies the schema refuses, rebuilds or reorders: the check must leave each to it. */
const NOT_EXACT: [string, unknown][] = [
  ['an unknown key, which the schema drops', [{ kind: 'p', children: [], extra: 1 }]],
  ['keys in another order, which the schema reorders', [{ kind: 'p', rend: 'x', children: [] }]],
  ['kind not first', [{ children: [], kind: 'p' }]],
  ['an optional key given as undefined', [{ kind: 'pb', n: undefined }]],
  ['a missing required key', [{ kind: 'p' }]],
  ['an unknown kind', [{ kind: 'figure', children: [] }]],
  ['an inline kind as a block', [{ kind: 'em', children: [] }]],
  ['a block kind as an inline', inline({ kind: 'p', children: [] })],
  ['a string as a block', ['text']],
  ['null as a node', [null]],
  ['a heading of level 5', [{ kind: 'heading', level: 5, children: [] }]],
  ['a list starting below 0', [{ kind: 'list', ordered: true, start: -1, items: [] }]],
  ['a list starting at 1.5', [{ kind: 'list', ordered: true, start: 1.5, items: [] }]],
  ['a list item that is not a list', [{ kind: 'list', ordered: false, items: [{ kind: 'p', children: [] }] }]],
  ['a cell spanning 0 columns', [{ kind: 'table', rows: [[{ children: [], colspan: 0 }]] }]],
  ['a cell spanning more columns than a safe integer', [{ kind: 'table', rows: [[{ children: [], colspan: 2 ** 53 }]] }]],
  ['a cell spanning 1e300 rows', [{ kind: 'table', rows: [[{ children: [], rowspan: 1e300 }]] }]],
  ['a key the JSON would not show', [Object.defineProperty({ kind: 'p', children: [] }, 'rend', { value: 5, enumerable: false })]],
  ['a header cell given as text', [{ kind: 'table', rows: [[{ children: [], header: 'yes' }]] }]],
  ['a fill the schema does not know', inline({ kind: 'docRef', id: 'x', fill: 'author', children: [] })],
  ['a script the schema does not know', inline({ kind: 'written', as: 'gothic', children: [] })],
  ['an entity of another type', inline({ kind: 'entity', type: 'organization', id: 'x', children: [] })],
  ['a note marker given as a number', inline({ kind: 'noteRef', n: 1 })],
  ['a page number given as a number', [{ kind: 'pb', n: 12 }]],
  ['a node that is not a plain object', [Object.assign(Object.create({ inherited: true }) as object, { kind: 'pb' })]],
  ['a node with a prototype of null', [Object.assign(Object.create(null) as object, { kind: 'pb' })]],
  ['a sparse list', Array(2)],
  ['not a list', { kind: 'p', children: [] }],
];

describe('a body known to pass the input schema unchanged', () => {
  it('is taken for every node kind and optional key in the schema exact shape, which the schema gives back byte for byte', () => {
    for (const body of EXACT) {
      assert.equal(isCheckedBody(body), true, JSON.stringify(body));
      assert.equal(throughSchema(body), JSON.stringify(body));
      assert.equal(JSON.stringify(buildIngestRecord({ title: 'T', body }).document.body), JSON.stringify(body));
    }
    assert.equal(isCheckedInlines(['a', { kind: 'sup', children: ['b'] }]), true);
  });

  for (const [what, body] of NOT_EXACT) {
    it(`is left to the schema: ${what}`, () => {
      assert.equal(isCheckedBody(body), false);
    });
  }

  it('the schema still drops, reorders and refuses what it did: the record comes out as before', () => {
    assert.deepEqual(buildIngestRecord({ title: 'T', body: [{ kind: 'p', children: ['x'], extra: 1 }] }).document.body, [{ kind: 'p', children: ['x'] }]);
    assert.equal(JSON.stringify(buildIngestRecord({ title: 'T', body: [{ kind: 'p', rend: 'r', children: [] }] }).document.body), '[{"kind":"p","children":[],"rend":"r"}]');
    assert.throws(() => buildIngestRecord({ title: 'T', body: [{ kind: 'heading', level: 5, children: [] }] }), /body\[0\]\.level/);
    assert.throws(() => buildIngestRecord({ title: 'T', footnotes: [{ n: '1', text: 't', body: [{ kind: 'noteRef', n: 1 }] }] }), /footnotes\[0\]/);
  });

  it('takes no body the schema would refuse or change: 20,000 bodies drawn at random from valid and invalid values', () => {
    // A fixed seed: the same bodies every run (mulberry32).
    let seed = 20261128;
    const random = (): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const anything: unknown[] = ['', 'x', 'title', 'person', 'latin', 0, -0, 1, 2, 4, 5, 1.5, -1, 999_999_999, 1e9, 2 ** 53, 1e300, NaN, Infinity, true, false, null, undefined, [], {}];
    const inlines = (depth: number): unknown[] => Array.from({ length: Math.floor(random() * 3) }, () => (random() < 0.4 ? 'text' : node(depth + 1, INLINE_KEYS)));
    const blocks = (depth: number): unknown[] => Array.from({ length: Math.floor(random() * 3) }, () => node(depth + 1, BLOCK_KEYS));
    // Each key with the values it may take, and what it holds.
    const valid: Record<string, (depth: number) => unknown> = {
      children: inlines,
      blocks,
      title: inlines,
      items: (depth) => [blocks(depth), blocks(depth)],
      rows: (depth) => [[{ children: inlines(depth), header: random() < 0.5, colspan: pick([1, 2, 2 ** 53, 0]), rowspan: pick([1, 3, 1e300]) }]],
      rend: () => 'r',
      level: () => pick([2, 3, 4, 5]),
      ordered: () => random() < 0.5,
      start: () => pick([0, 1, 999_999_999, 1e9, -1, 1.5]),
      n: () => '1',
      facs: () => 'f',
      as: () => pick(['latin', 'printed', 'gothic']),
      expansion: () => 'e',
      href: () => 'h',
      id: () => 'i',
      fill: () => pick(['title', 'date', 'author']),
      type: () => pick(['person', 'place', 'topic', 'organization']),
    };
    const INLINE_KEYS: Record<string, string[]> = {
      em: ['children'], sup: ['children'], written: ['as', 'children'], noteRef: ['n'], abbr: ['expansion', 'children'], link: ['href', 'children'],
      docRef: ['id', 'href', 'fill', 'children'], entity: ['type', 'id', 'children'], lb: [], pb: ['n', 'facs'],
    };
    const BLOCK_KEYS: Record<string, string[]> = {
      p: ['children', 'rend'], heading: ['level', 'children'], list: ['ordered', 'start', 'items'], table: ['rows'], quote: ['blocks'], closer: ['blocks'],
      attachment: ['title', 'blocks'], pb: ['n', 'facs'],
    };
    function node(depth: number, kinds: Record<string, string[]>): Record<string, unknown> {
      const kind = random() < 0.05 ? pick(['figure', 'em', 'p']) : pick(Object.keys(kinds));
      const out: Record<string, unknown> = { kind };
      let keys = (kinds[kind] ?? ['children']).filter(() => random() < 0.9);
      if (random() < 0.05) keys = [...keys].reverse();
      if (random() < 0.05) keys.push(pick(Object.keys(valid)));
      for (const key of keys) {
        const name = key === 'blocks' ? 'children' : key;
        out[name] = depth > 3 || random() < 0.1 ? pick(anything) : valid[key]!(depth);
      }
      return out;
    }
    let taken = 0;
    for (let i = 0; i < 20_000; i++) {
      const body = [node(0, BLOCK_KEYS)];
      if (!isCheckedBody(body)) continue;
      taken++;
      const parsed = documentInputSchema.safeParse({ title: 'T', body });
      assert.ok(parsed.success && JSON.stringify(parsed.data.body) === JSON.stringify(body), JSON.stringify(body));
    }
    // Enough of them take the quick path for the comparison to mean something.
    assert.ok(taken > 200, `${taken} taken`);
  });

  it('holds every body the FRUS and letter readers store: the check takes what the schema gives back', async () => {
    const bodies: Inline[][] = [];
    let documents = 0;
    for (const [format, file] of [
      [frusFormat, 'demo/frus/frus1961-63v06.xml'],
      [teiLetterFormat, '../shared/corpus/schnitzler-briefe/editions/L00764.xml'],
    ] as const) {
      for await (const outcome of format.read(file, {})) {
        assert.ok(outcome.ok);
        const doc = outcome.record.document;
        documents++;
        assert.equal(isCheckedBody(doc.body ?? []), true, doc.id);
        for (const note of doc.footnotes) if (note.body) bodies.push(note.body);
      }
    }
    assert.equal(documents, 121);
    assert.ok(bodies.length > 100);
    for (const body of bodies) assert.equal(isCheckedInlines(body), true);
  });
});
