import type { Collection, CollectionSection, IngestRecord, SectionHeading } from '../domain/index.js';
import { StoreConflictError } from './errors.js';
import type { CollectionSectionPage } from './types.js';
import { citedAsList, type ViewLookups } from './view.js';

/*
 * A collection's sections as both stores keep them: one JSON text (a list of
 * {@link CollectionSection}) beside the collection's description, NULL when it has none.
 */

/**
 * The sections a record may give, in both stores: none from a record not yet public (what a
 * draft says is not shown, and sections are the collection's, shown with it), and only to a
 * collection the record files its document in. Anything else is refused with the record.
 */
export function sectionsToSave(record: IngestRecord, isPublic: boolean): IngestRecord['sections'] {
  const given = record.sections;
  if (!given) return undefined;
  if (!record.collections.some((c) => c.slug === given.collection)) {
    throw new StoreConflictError(`the record brings sections of collection "${given.collection}", which it does not file its document in`);
  }
  return isPublic ? given : undefined;
}

export function findSection(stored: string | null, id: string): { section: CollectionSection; headings: SectionHeading[] } | null {
  if (stored === null) return null;
  const sections = JSON.parse(stored) as CollectionSection[];
  const section = sections.find((s) => s.id === id);
  return section ? { section, headings: sections.map((s) => ({ id: s.id, title: s.title })) } : null;
}

/** The page of a found section, with what the viewer may see of the documents it cites (`cited`, as for a document). */
export function sectionPage(collection: Collection, found: { section: CollectionSection; headings: SectionHeading[] }, cited: ViewLookups['references']): CollectionSectionPage {
  return { collection: { slug: collection.slug, title: collection.title }, section: found.section, sections: found.headings, references: citedAsList(cited) };
}
