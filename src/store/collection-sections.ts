import type { CollectionSection, SectionHeading } from '../domain/index.js';

/**
 * A collection's sections as both stores keep them: one JSON text (a list of
 * {@link CollectionSection}) beside the collection's description, NULL when it has none.
 */
export function sectionHeadings(stored: string | null): SectionHeading[] {
  if (stored === null) return [];
  return (JSON.parse(stored) as CollectionSection[]).map(({ id, title }) => ({ id, title }));
}

export function findSection(stored: string | null, id: string): { section: CollectionSection; headings: SectionHeading[] } | null {
  if (stored === null) return null;
  const sections = JSON.parse(stored) as CollectionSection[];
  const section = sections.find((s) => s.id === id);
  return section ? { section, headings: sections.map((s) => ({ id: s.id, title: s.title })) } : null;
}
