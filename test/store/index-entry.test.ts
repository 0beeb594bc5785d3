import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildIngestRecord } from '../../src/domain/index.js';
import { buildIndexEntry } from '../../src/store/index-entry.js';

/** The notes column of a document with this source reference, classification and notes. */
function notesColumn(reference: string, classification: string, notes: string[]): string {
  const record = buildIngestRecord({
    id: 'notes-column',
    title: 'Memorandum',
    source: { reference },
    classification,
    footnotes: notes.map((text, i) => ({ n: String(i + 1), text })),
  });
  const entities = {
    people: new Map(record.people.map((p) => [p.id, p])),
    places: new Map(record.places.map((p) => [p.id, p])),
    topics: new Map(record.topics.map((t) => [t.id, t])),
    collections: new Map(record.collections.map((c) => [c.slug, c])),
  };
  return buildIndexEntry(record.document, entities).columns.notes;
}

describe('buildIndexEntry: the notes column', () => {
  it('indexes a source note printed as note 1 once, not again as the reference and classification', () => {
    const note = 'Source: National Archives, RG 218,\n JCS Records. Top Secret.';
    assert.equal(notesColumn('National Archives, RG 218, JCS Records. Top Secret.', 'Top Secret', [note, 'Not printed.']), `${note}\nNot printed.`);
  });

  it('indexes a source note printed without a number as the reference, its classification within it', () => {
    const reference = 'Department of State, Central Files, 611.61/1–2161. Secret.';
    assert.equal(notesColumn(reference, 'Secret', ['Not printed.']), `${reference}\nNot printed.`);
  });

  it('keeps a classification or reference that a note holds only inside longer words', () => {
    const note = 'The Acting Secretary of State; see Fond 3, Opis 65, Delo 904.';
    assert.equal(notesColumn('Fond 3, Opis 65, Delo 90', 'Secret', [note]), `Fond 3, Opis 65, Delo 90\nSecret\n${note}`);
  });

  it('keeps a classification or reference that no note holds', () => {
    const note = 'Re: Point 3, Protocol No. 80.';
    assert.equal(notesColumn('Fond 3, Opis 65, Delo 904', 'Top Secret', [note]), `Fond 3, Opis 65, Delo 904\nTop Secret\n${note}`);
  });
});
