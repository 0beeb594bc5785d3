import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bodyText, inlineText, type Block } from '../../src/domain/index.js';

describe('the plain text of a body', () => {
  it('joins inline content in order, a line break as a newline, markers and page breaks left out', () => {
    const text = inlineText([
      'The ',
      { kind: 'em', children: ['Soviet ', { kind: 'entity', type: 'place', id: 'cuba', children: ['Cuba'] }] },
      { kind: 'noteRef', n: '1' },
      ' note',
      { kind: 'lb' },
      { kind: 'pb', n: '12' },
      'next line',
    ]);
    assert.equal(text, 'The Soviet Cuba note\nnext line');
  });

  it('separates blocks by blank lines, collapses tabs and runs of spaces, drops empty blocks', () => {
    const body: Block[] = [
      { kind: 'heading', level: 2, children: ['  Attachment  '] },
      { kind: 'p', children: ['Dear  Mr.\tPresident,'] },
      { kind: 'p', children: ['Your letter   of', ' 22  October'] },
      { kind: 'p', children: ['   '] },
      { kind: 'table', rows: [[{ children: ['a'] }, { children: ['b'] }]] },
      { kind: 'list', ordered: false, items: [[{ kind: 'p', children: ['one'] }], [{ kind: 'p', children: ['two'] }]] },
      { kind: 'list', ordered: true, start: 1962, items: [[{ kind: 'p', children: ['Cuba'] }], [{ kind: 'p', children: ['Berlin'] }]] },
      { kind: 'closer', children: [{ kind: 'p', children: ['N. Khrushchev'] }] },
      { kind: 'pb', n: '3' },
      { kind: 'attachment', title: ['Tab A'], children: [{ kind: 'p', children: ['Text\nof it'] }] },
    ];
    assert.equal(bodyText(body), 'Attachment\n\nDear Mr. President,\n\nYour letter of 22 October\n\na b\n\none\n\ntwo\n\n1962. Cuba\n\n1963. Berlin\n\nN. Khrushchev\n\nTab A\n\nText\nof it');
  });
});
