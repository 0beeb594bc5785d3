import type { QueryField } from '../search/ast.js';
import type { SearchColumn } from './index-entry.js';

/** Which indexed columns each query field searches; shared by the stores' compilers. */
const FIELD_COLUMNS: Record<QueryField, readonly SearchColumn[]> = {
  title: ['title'],
  author: ['authors'],
  to: ['recipients'],
  person: ['authors', 'recipients', 'people'],
  place: ['places'],
  type: ['type'],
  collection: ['collections'],
  topic: ['topics'],
  text: ['text'],
};

export function columnsForField(field: QueryField): readonly SearchColumn[] {
  return FIELD_COLUMNS[field];
}
