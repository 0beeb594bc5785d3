import { z } from 'zod';
import { linkedDocumentIds, type Block, type Footnote, type Inline } from './body.js';
import { isCheckedBody, isCheckedFootnoteBodies } from './body-check.js';
import { isValidId } from './ids.js';
import { blockSchema, idString, inlineSchema, nonEmpty, RecordValidationError } from './input.js';
import { issueReasons } from './issues.js';
import { recordInputProblem } from './limits.js';

/**
 * A text a collection holds of its own, not a document of it: a FRUS volume's preface, its list
 * of sources, its introduction, as history.state.gov shows them beside the documents. It has the
 * display structure and footnotes of a document's text, and no metadata of its own.
 */
export interface CollectionSection {
  /** Unique within the collection: the last part of its address. */
  id: string;
  title: string;
  body: Block[];
  footnotes: Footnote[];
}

/** A collection's sections, in the order its source prints them, as one record brings them. */
export interface CollectionSections {
  collection: string;
  sections: CollectionSection[];
}

/** What a reader is shown of a collection's sections before opening one. */
export interface SectionHeading {
  id: string;
  title: string;
}

const sectionsSchema = (inline: z.ZodType<Inline>, block: z.ZodType<Block>) =>
  z.strictObject({
    collection: idString,
    sections: z
      .array(
        z.strictObject({
          id: idString,
          title: nonEmpty,
          body: z.array(block),
          footnotes: z.array(z.strictObject({ n: z.string(), mark: z.string().optional(), text: z.string(), body: z.array(inline).optional() })),
        }),
      )
      .refine((list) => new Set(list.map((s) => s.id)).size === list.length, 'two sections have one id'),
  });

const checkedSchema = sectionsSchema(z.custom<Inline>(), z.custom<Block>());
const fullSchema = sectionsSchema(inlineSchema, blockSchema);

function bodiesChecked(raw: unknown): boolean {
  const sections = (raw as { sections?: unknown } | null)?.sections;
  if (!Array.isArray(sections)) return false;
  return sections.every((s: unknown) => {
    if (s === null || typeof s !== 'object') return false;
    const { body, footnotes } = s as { body?: unknown; footnotes?: unknown };
    return isCheckedBody(body) && Array.isArray(footnotes) && isCheckedFootnoteBodies(footnotes);
  });
}

/**
 * Checks a collection's sections as every record is checked (the same limits on size and text,
 * the same body schema), or throws {@link RecordValidationError}.
 */
export function buildCollectionSections(raw: unknown): CollectionSections {
  const problem = recordInputProblem(raw);
  if (problem) throw new RecordValidationError(`sections: ${problem}`, [problem]);
  const parsed = (bodiesChecked(raw) ? checkedSchema : fullSchema).safeParse(raw);
  if (!parsed.success) {
    const issues = issueReasons(parsed.error.issues, raw).map((issue) => `sections: ${issue}`);
    throw new RecordValidationError(issues.join('; '), issues);
  }
  return parsed.data as CollectionSections;
}

/** The documents a section cites, in order: what a reader may open is looked up for these. */
export function sectionCitedDocuments(section: CollectionSection): string[] {
  return linkedDocumentIds(section.body, section.footnotes).filter(isValidId);
}
