import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergePerson, type Person } from '../../src/domain/index.js';

const listed = (source: string, name: string): Person => ({ id: 'kennedy-robert-f', name, listings: [{ source, name }] });

describe('a person listed by several volumes', () => {
  it('takes the name most volumes print, whatever order they are read in', () => {
    const volumes = [listed('frus1961-63v04', 'Kennedy, Robert E'), listed('frus1961-63v05', 'Kennedy, Robert F.'), listed('frus1961-63v06', 'Kennedy, Robert F.')];
    for (const order of [volumes, [...volumes].reverse(), [volumes[1]!, volumes[0]!, volumes[2]!]]) {
      const person = order.slice(1).reduce(mergePerson, order[0]!);
      assert.equal(person.name, 'Kennedy, Robert F.');
      assert.deepEqual(person.altNames, ['Kennedy, Robert E'], 'the misprint stays findable');
      assert.deepEqual(person.listings?.map((l) => l.source), ['frus1961-63v04', 'frus1961-63v05', 'frus1961-63v06']);
    }
  });

  it('keeps its name on a tie, and a name no listing prints', () => {
    const tie = mergePerson(listed('v1', 'Mićunović, Veljko'), listed('v2', 'Micunovic, Veljko'));
    assert.equal(tie.name, 'Mićunović, Veljko');
    const named: Person = { id: 'kennedy-robert-f', name: 'Robert F. Kennedy' };
    const kept = [listed('v1', 'Kennedy, Robert F.'), listed('v2', 'Kennedy, Robert F.')].reduce(mergePerson, named);
    assert.equal(kept.name, 'Robert F. Kennedy');
  });
});
