import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildIngestRecord, type IngestRecord } from '../../src/domain/index.js';
import { buildIndexEntry } from '../../src/store/index-entry.js';

function notesColumn(record: IngestRecord): string {
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
    const record = buildIngestRecord({
      id: 'numbered-source',
      title: 'Memorandum',
      source: { reference: 'National Archives, RG 218, JCS Records. Top Secret.' },
      classification: 'Top Secret',
      footnotes: [
        { n: '1', text: 'Source: National Archives, RG 218,\n JCS Records. Top Secret.' },
        { n: '2', text: 'Not printed.' },
      ],
    });
    assert.equal(notesColumn(record), 'Source: National Archives, RG 218,\n JCS Records. Top Secret.\nNot printed.');
  });

  it('indexes a source note printed without a number as the reference, its classification within it', () => {
    const record = buildIngestRecord({
      id: 'unnumbered-source',
      title: 'Memorandum',
      source: { reference: 'Department of State, Central Files, 611.61/1–2161. Secret.' },
      classification: 'Secret',
      footnotes: [{ n: '1', text: 'Not printed.' }],
    });
    assert.equal(notesColumn(record), 'Department of State, Central Files, 611.61/1–2161. Secret.\nNot printed.');
  });

  it('keeps a classification or reference that a note holds only inside longer words', () => {
    const record = buildIngestRecord({
      id: 'inside-words',
      title: 'Telegram',
      source: { reference: 'Fond 3, Opis 65, Delo 90' },
      classification: 'Secret',
      footnotes: [{ n: '1', text: 'The Acting Secretary of State; see Fond 3, Opis 65, Delo 904.' }],
    });
    assert.equal(notesColumn(record), 'Fond 3, Opis 65, Delo 90\nSecret\nThe Acting Secretary of State; see Fond 3, Opis 65, Delo 904.');
  });

  it('keeps a classification or reference that no note holds', () => {
    const record = buildIngestRecord({
      id: 'separate',
      title: 'Letter',
      source: { reference: 'Fond 3, Opis 65, Delo 904' },
      classification: 'Top Secret',
      footnotes: [{ n: '1', text: 'Re: Point 3, Protocol No. 80.' }],
    });
    assert.equal(notesColumn(record), 'Fond 3, Opis 65, Delo 904\nTop Secret\nRe: Point 3, Protocol No. 80.');
  });
});
