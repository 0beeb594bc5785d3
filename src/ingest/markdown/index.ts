import { buildIngestRecord, documentInputSchema, RecordValidationError, TEXT_ROLES, type TextRole } from '../../domain/index.js';
import { readUtf8File } from '../encoding.js';
import { fileId, hasExtension } from '../files.js';
import type { ReadOptions, RecordOutcome, SourceFormat } from '../format.js';
import { JSON_FILE_EXTENSIONS } from '../json/sniff.js';
import { parseMarkdownBody } from './blocks.js';
import { FrontMatterError, parseFrontMatter, splitFrontMatter, startsWithFrontMatter } from './front-matter.js';

const EXTENSIONS = ['.md', '.markdown', '.mdown', '.mkd'];
const YAML_EXTENSIONS = ['.yml', '.yaml'];

/**
 * Front-matter fields that describe the body rather than the document: with `textRole` the
 * body is also filed under `texts` as that version (a translation, a transcription), so one
 * Markdown file can say "this text is the English translation".
 */
const BODY_FIELDS = ['textRole', 'textLanguage', 'textTranslator'] as const;
const KNOWN_FIELDS = new Set<string>([...Object.keys(documentInputSchema.shape), ...BODY_FIELDS]);

/** One document per Markdown file: YAML front matter for the fields, the body for the text. */
export const markdownFormat: SourceFormat = {
  name: 'markdown',
  oneRecordPerFile: true,
  // Front matter makes a file Markdown whatever its name (`note`, `letter.txt`), except a file
  // named as JSON, which stays with the JSON reader that says what is wrong with it, and a YAML
  // file (`ci.yml` opens with `---` and a key too).
  sniff: (path, head) => hasExtension(path, EXTENSIONS) || (startsWithFrontMatter(head) && !hasExtension(path, [...JSON_FILE_EXTENSIONS, ...YAML_EXTENSIONS])),
  async *read(path: string, options: ReadOptions): AsyncIterable<RecordOutcome> {
    yield await readMarkdownFile(path, options);
  },
};

export async function readMarkdownFile(path: string, options: ReadOptions = {}): Promise<RecordOutcome> {
  const source = await readUtf8File(path);
  let label = fileId(path) || path;
  try {
    const split = splitFrontMatter(source);
    const front = split.yaml === null ? {} : parseFrontMatter(split.yaml, split.yamlFirstLine);
    if (typeof front.id === 'string') label = front.id;
    // Strict on purpose: a misspelt field ("titel") silently dropped is data lost unnoticed.
    const unknown = Object.keys(front).filter((key) => !KNOWN_FIELDS.has(key));
    if (unknown.length) return { ok: false, label, reason: `front matter: unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}` };

    const { textRole, textLanguage, textTranslator, ...input } = front;
    const body = parseMarkdownBody(split.body, { headingAsTitle: input.title === undefined });
    if (body.heading !== undefined) input.title = body.heading;
    // The Markdown body is the text; front-matter text/body/footnotes only fill in for an empty body.
    if (body.blocks.length > 0) {
      input.body = body.blocks;
      input.text = body.text;
      if (body.footnotes.length > 0) input.footnotes = body.footnotes;
    }
    if (textRole !== undefined) {
      const version = bodyVersion(textRole, textLanguage, textTranslator, input.text);
      if (typeof version === 'string') return { ok: false, label, reason: version };
      input.texts = [...(Array.isArray(input.texts) ? input.texts : []), version];
    }

    const fallbackId = fileId(path);
    const record = buildIngestRecord(input, { fallbackId: fallbackId || undefined, extraCollection: options.collection });
    // Keyed by the id, not the path, so the same file ingested from another checkout or working
    // directory updates the same record.
    if (input.sourceId === undefined) record.document.sourceId = `markdown:${record.document.id}`;
    return { ok: true, record, label: record.document.id };
  } catch (error) {
    if (error instanceof FrontMatterError || error instanceof RecordValidationError) return { ok: false, label, reason: error.message };
    throw error;
  }
}

function bodyVersion(role: unknown, language: unknown, translator: unknown, text: unknown): { role: TextRole; language?: string; translator?: string; text: string } | string {
  if (typeof role !== 'string' || !(TEXT_ROLES as readonly string[]).includes(role)) return `textRole: must be one of ${TEXT_ROLES.join(', ')}`;
  if (language !== undefined && typeof language !== 'string') return 'textLanguage: must be text';
  if (translator !== undefined && typeof translator !== 'string') return 'textTranslator: must be text';
  if (typeof text !== 'string' || text.trim() === '') return 'textRole: the file has no body text to file under texts';
  return { role: role as TextRole, ...(language ? { language } : {}), ...(translator ? { translator } : {}), text };
}
