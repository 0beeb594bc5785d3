import { createReadStream } from 'node:fs';
import type { SaxesAttributeNS, SaxesTagNS } from 'saxes';
import { buildCollectionSections, isValidId, type Collection, type CollectionSection, type Person } from '../../domain/index.js';
import { MAX_ELEMENTS_PER_RECORD, SourceFileError, type RecordOutcome } from '../format.js';
import { createGuardedParser, cutOffError, type GuardedParser } from '../xml/guarded-parser.js';
import { decodeUtf8Stream } from '../xml/utf8-stream.js';
import { convertDocument, documentLabel } from './document.js';
import { convertFrontSection, isFrontSection } from './front-matter.js';
import { buildPersonIndex } from './persons.js';
import { buildTermIndex, type TermIndex } from './terms.js';
import { spacedText } from './text.js';
import { readVolumeSummary } from './bibliography.js';
import { isValidVolumeId, readVolumeHeader, type VolumeInfo } from './volume-header.js';
import { childElements, findAll, normalizeSpace, qualify, type XmlElement } from './xml.js';

export interface FrusParseOptions {
  /** `ingest --collection SLUG`: every document also joins this collection. */
  collection?: string;
  /** Read-chunk size in bytes (tests use tiny chunks to exercise boundaries). */
  highWaterMark?: number;
}

/**
 * Streams a FRUS volume and yields one outcome per `div[@type="document"]` as soon as its closing
 * tag has been read. The file is read in chunks; each chunk is decoded, fed to saxes, and the
 * records it completed are yielded before the next chunk is read, so a slow consumer holds the
 * reading back and memory stays bounded by the largest document.
 *
 * File-level problems (not UTF-8, not well-formed, truncated, entity declarations, no volume id)
 * throw {@link SourceFileError} after the records completed so far have been yielded.
 */
export async function* parseFrusVolume(path: string, options: FrusParseOptions = {}): AsyncGenerator<RecordOutcome> {
  yield* parseFrusStream(createReadStream(path, { highWaterMark: options.highWaterMark ?? 64 * 1024 }), path, options);
}

/** The same over any byte source (tests feed chunks directly). */
export async function* parseFrusStream(
  source: AsyncIterable<Uint8Array | string>,
  file: string,
  options: FrusParseOptions = {},
): AsyncGenerator<RecordOutcome> {
  const reader = new VolumeReader(file, options);
  const drain = function* (): Generator<RecordOutcome> {
    while (reader.queue.length) yield reader.queue.shift()!;
  };
  try {
    for await (const text of decodeUtf8Stream(source, file)) {
      reader.write(text);
      yield* drain();
    }
    reader.close();
    yield* drain();
  } catch (err) {
    // Records completed before the failure are whole and valid: hand them over first.
    yield* drain();
    const unfinished = reader.unfinishedDocument();
    // XML allows no reading past a well-formedness error: say which document it cut off.
    if (err instanceof SourceFileError && unfinished) throw cutOffError(err, `document ${unfinished}`);
    if (err instanceof SourceFileError) throw err;
    throw new SourceFileError(file, `cannot read the file: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Divisions that become collections (nested: compilation > chapter > subchapter). */
const COLLECTION_DIVS = new Set(['compilation', 'chapter', 'subchapter']);

interface ChapterFrame {
  collection: Collection;
  type: string;
  headSeen: boolean;
  childCount: number;
}

interface Frame {
  name: string;
  chapter?: ChapterFrame;
}

type CaptureKind = 'header' | 'persons' | 'terms' | 'chapterHead' | 'document' | 'section';

/** What a capture is called when it is refused. */
const CAPTURE_NAMES: Record<CaptureKind, string> = {
  header: 'TEI header',
  persons: 'list of persons',
  terms: 'list of abbreviations and terms',
  chapterHead: 'chapter heading',
  document: 'document',
  section: 'front-matter section',
};

interface Capture {
  kind: CaptureKind;
  stack: XmlElement[];
  root: XmlElement;
  chapter?: ChapterFrame;
  /** Elements kept so far, the root included. */
  elements: number;
  /** Open elements past {@link MAX_ELEMENTS_PER_RECORD}: read, but not kept. */
  skipping: number;
  /** An element past the limit arrived: the capture is incomplete and refused. */
  overflow: boolean;
  /** A division of `<front>` the volume shows as a section (the persons and terms lists too). */
  frontSection?: boolean;
}

class VolumeReader {
  readonly queue: RecordOutcome[] = [];
  private readonly parser: GuardedParser<Capture>;
  private readonly stack: Frame[] = [];
  private capture: Capture | undefined;
  private rootSeen = false;
  private rootClosed = false;
  private rootId: string | undefined;
  private header: XmlElement | undefined;
  private volume: VolumeInfo | undefined;
  private supplementVolume = false;
  private persons = new Map<string, Person>();
  private terms: TermIndex = new Map();
  private readonly chapters: ChapterFrame[] = [];
  private topLevelCount = 0;
  private inBody = false;
  private inFront = false;
  /** The volume's front matter, read before its documents; handed over with the first one. */
  private readonly frontDivs: XmlElement[] = [];
  /** Elements kept in {@link frontDivs}: all of it goes into one record, and is bounded as one. */
  private frontElements = 0;
  private sectionsHandedOver = false;
  private pendingPb: { n?: string; facs?: string } | undefined;
  private readonly seenIds = new Set<string>();

  constructor(
    private readonly file: string,
    private readonly options: FrusParseOptions,
  ) {
    this.parser = createGuardedParser<Capture>(file, {
      opentag: (tag) => this.open(tag),
      closetag: () => this.close_(),
      text: (text) => this.text(text),
    });
  }

  write(text: string): void {
    this.parser.write(text);
  }

  close(): void {
    this.parser.close();
    if (!this.rootClosed) throw new SourceFileError(this.file, 'truncated file: it ends before the closing </TEI> tag');
  }

  private open(tag: SaxesTagNS): void {
    const capture = this.capture;
    if (capture && (capture.skipping > 0 || capture.elements >= MAX_ELEMENTS_PER_RECORD)) {
      capture.skipping++;
      capture.overflow = true;
      return;
    }
    const el: XmlElement = { name: qualify(tag.uri, tag.local), attrs: attributes(tag.attributes), children: [] };
    if (capture) {
      capture.elements++;
      capture.stack[capture.stack.length - 1]!.children.push(el);
      capture.stack.push(el);
      return;
    }
    if (!this.rootSeen) {
      this.rootSeen = true;
      if (el.name !== 'TEI') {
        throw new SourceFileError(this.file, `the root element is <${tag.name}>, not a TEI volume (<TEI xmlns="http://www.tei-c.org/ns/1.0">)`);
      }
      this.rootId = el.attrs['xml:id'];
      this.stack.push({ name: el.name });
      return;
    }
    const parent = this.stack[this.stack.length - 1];
    switch (el.name) {
      case 'teiHeader':
        this.startCapture('header', el);
        return;
      case 'body':
        this.inBody = true;
        break;
      case 'front':
        this.inFront = true;
        break;
      case 'pb':
        if (this.inBody) this.pendingPb = pageOf(el);
        break;
      case 'head':
        if (parent?.chapter && !parent.chapter.headSeen) {
          parent.chapter.headSeen = true;
          this.startCapture('chapterHead', el, parent.chapter);
          return;
        }
        break;
      case 'div': {
        const type = el.attrs['type'] ?? '';
        if (type === 'document') {
          this.ensureVolume();
          this.startCapture('document', el);
          return;
        }
        const frontSection = this.inFront && parent?.name === 'front' && isFrontSection(el);
        if (el.attrs['xml:id'] === 'persons') {
          this.ensureVolume();
          this.startCapture('persons', el, undefined, frontSection);
          return;
        }
        if (el.attrs['xml:id'] === 'terms') {
          this.startCapture('terms', el, undefined, frontSection);
          return;
        }
        if (frontSection) {
          this.startCapture('section', el, undefined, true);
          return;
        }
        if (COLLECTION_DIVS.has(type)) {
          this.stack.push({ name: el.name, chapter: this.openChapter(el, type) });
          return;
        }
        break;
      }
    }
    this.stack.push({ name: el.name });
  }

  private close_(): void {
    const capture = this.capture;
    if (capture && capture.skipping > 0) {
      capture.skipping--;
      return;
    }
    if (capture) {
      capture.stack.pop();
      if (capture.stack.length === 0) {
        this.capture = undefined;
        // Finished once parsing goes on without an error: a document cut short is never stored as if whole.
        this.parser.whenWhole(capture, (whole) => this.finish(whole));
      }
      return;
    }
    const frame = this.stack.pop();
    if (frame?.chapter) this.chapters.pop();
    if (frame?.name === 'body') this.inBody = false;
    if (frame?.name === 'front') this.inFront = false;
    if (this.stack.length === 0) this.rootClosed = true;
  }

  private text(text: string): void {
    // Past the element limit the record is refused, so its text is not kept either.
    if (!this.capture || this.capture.overflow) return;
    const top = this.capture.stack[this.capture.stack.length - 1];
    if (!top) return;
    const last = top.children.length - 1;
    if (last >= 0 && typeof top.children[last] === 'string') top.children[last] += text;
    else top.children.push(text);
  }

  private startCapture(kind: CaptureKind, root: XmlElement, chapter?: ChapterFrame, frontSection = false): void {
    const capture: Capture = { kind, root, stack: [root], elements: 1, skipping: 0, overflow: false };
    if (chapter) capture.chapter = chapter;
    if (frontSection) capture.frontSection = true;
    this.capture = capture;
  }

  private finish(capture: Capture): void {
    if (capture.frontSection) this.addSection(capture);
    if (capture.kind === 'section') {
      this.readListsWithin(capture.root);
      return;
    }
    if (capture.overflow && capture.kind !== 'document') {
      throw new SourceFileError(this.file, `the ${CAPTURE_NAMES[capture.kind]} holds more than ${MAX_ELEMENTS_PER_RECORD.toLocaleString('en')} elements; refused`);
    }
    switch (capture.kind) {
      case 'header':
        this.header = capture.root;
        return;
      case 'persons':
        this.persons = buildPersonIndex(capture.root, this.volume!);
        return;
      case 'terms':
        this.terms = buildTermIndex(capture.root);
        return;
      case 'chapterHead': {
        const collection = capture.chapter!.collection;
        const isNote = (e: XmlElement): boolean => e.name === 'note';
        const title = normalizeSpace(spacedText(capture.root, isNote));
        if (title) collection.title = title;
        // A chapter head's notes say where the topic continues from ("Continued from …").
        const notes = childElements(capture.root, 'note')
          .map((n) => normalizeSpace(spacedText(n)))
          .filter(Boolean);
        if (notes.length) collection.description = notes.join(' ');
        return;
      }
      case 'document':
        this.finishDocument(capture.root, capture.overflow);
        return;
    }
  }

  /**
   * Keeps a front-matter division to show as a section of the volume. One too large to keep is
   * reported and left out; the volume's documents are read as ever.
   */
  private addSection(capture: Capture): void {
    this.ensureVolume();
    const label = `${this.volume!.slug} front matter ${capture.root.attrs['xml:id'] ?? ''}`.trim();
    const limit = MAX_ELEMENTS_PER_RECORD.toLocaleString('en');
    if (capture.overflow) {
      this.queue.push({ ok: false, label, reason: `the ${CAPTURE_NAMES.section} holds more than ${limit} elements; left out` });
      return;
    }
    // The largest front matter of the corpus holds 2,672 elements (1961–63 XVII).
    if (this.frontElements + capture.elements > MAX_ELEMENTS_PER_RECORD) {
      this.queue.push({ ok: false, label, reason: `the front matter holds more than ${limit} elements; this section and those after it are left out` });
      return;
    }
    this.frontElements += capture.elements;
    this.frontDivs.push(capture.root);
  }

  /**
   * The lists of persons and abbreviations are read wherever they sit in the front matter: a
   * division that holds them (`<div xml:id="lists">`) is captured whole as a section, and they
   * are still what links names and expands abbreviations in the documents.
   */
  private readListsWithin(section: XmlElement): void {
    for (const div of findAll(section, (e) => e.name === 'div' && (e.attrs['xml:id'] === 'persons' || e.attrs['xml:id'] === 'terms'))) {
      if (div.attrs['xml:id'] === 'persons') this.persons = buildPersonIndex(div, this.volume!);
      else this.terms = buildTermIndex(div);
    }
  }

  /**
   * The volume's sections travel with its first document stored, so a volume read again brings
   * them again. Sections that fail the checks every record passes are reported, once, apart from
   * the document.
   */
  private handOverSections(outcome: RecordOutcome): void {
    if (this.sectionsHandedOver || !outcome.ok) return;
    this.sectionsHandedOver = true;
    // Converted now, when the volume's abbreviations are known: the preface comes before their list.
    const sections: CollectionSection[] = [];
    for (const div of this.frontDivs.splice(0)) {
      const section = convertFrontSection(div, this.volume!, this.terms, new Set(sections.map((s) => s.id)));
      if (section) sections.push(section);
    }
    if (sections.length === 0) return;
    try {
      outcome.record.sections = buildCollectionSections({ collection: this.volume!.slug, sections });
    } catch (err) {
      this.queue.push({ ok: false, label: `${this.volume!.slug} front matter`, reason: err instanceof Error ? err.message : String(err) });
    }
  }

  /** The document being read, if the file broke off inside one. */
  unfinishedDocument(): string | undefined {
    const capture = this.capture ?? this.parser.held;
    return capture?.kind === 'document' && this.volume ? documentLabel(capture.root, this.volume.slug) : undefined;
  }

  private finishDocument(div: XmlElement, oversized: boolean): void {
    const volume = this.volume!;
    const supplement =
      this.supplementVolume ||
      (div.children.some((c) => typeof c !== 'string' && c.name === 'frus:page-count-according-to-citation') &&
        !div.children.some((c) => typeof c !== 'string' && (c.name === 'p' || c.name === 'dateline')));
    const env: Parameters<typeof convertDocument>[1] = {
      volume,
      persons: this.persons,
      terms: this.terms,
      chapters: this.chapters.map((f) => ({ ...f.collection, title: f.collection.title || fallbackTitle(f) })),
      supplement,
    };
    if (this.pendingPb) env.pendingPb = this.pendingPb;
    if (oversized) env.oversized = true;
    if (this.options.collection) env.extraCollection = this.options.collection;
    this.pendingPb = undefined;
    let outcome = convertDocument(div, env);
    if (outcome.ok) {
      if (this.seenIds.has(outcome.label)) {
        outcome = { ok: false, label: outcome.label, reason: 'duplicate document id: another document in this volume has the same xml:id' };
      } else this.seenIds.add(outcome.label);
    }
    this.handOverSections(outcome);
    this.queue.push(outcome);
  }

  private ensureVolume(): void {
    if (this.volume) return;
    const info = readVolumeHeader(this.header, this.rootId);
    if (!info.id) throw new SourceFileError(this.file, 'no volume id: neither TEI/@xml:id nor teiHeader idno[@type="frus"] is present');
    if (!isValidVolumeId(info.id)) throw new SourceFileError(this.file, `the volume id "${info.id}" cannot be used in identifiers (letters, digits, ".", "_", "-" only)`);
    this.volume = { id: info.id, slug: info.slug ?? info.id.toLowerCase(), title: info.title ?? info.id, editors: info.editors ?? [] };
    const summary = readVolumeSummary(this.file, info.id);
    if (summary) this.volume.summary = summary;
    this.supplementVolume = /msupp$/i.test(info.id);
  }

  private openChapter(el: XmlElement, type: string): ChapterFrame {
    this.ensureVolume();
    const volume = this.volume!;
    const parent = this.chapters[this.chapters.length - 1];
    const position = parent ? ++parent.childCount : ++this.topLevelCount;
    const parentSlug = parent ? parent.collection.slug : volume.slug;
    const xmlId = el.attrs['xml:id']?.trim().toLowerCase();
    let slug = xmlId ? `${volume.slug}-${xmlId}` : `${parentSlug}-${type}${position}`;
    if (!isValidId(slug)) slug = `${parentSlug}-${position}`;
    const frame: ChapterFrame = {
      collection: { slug, title: '', parent: parentSlug, position },
      type,
      headSeen: false,
      childCount: 0,
    };
    this.chapters.push(frame);
    return frame;
  }
}

function fallbackTitle(frame: ChapterFrame): string {
  return `${frame.type.charAt(0).toUpperCase()}${frame.type.slice(1)} ${frame.collection.position ?? ''}`.trim();
}

function attributes(attrs: Record<string, SaxesAttributeNS>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key in attrs) {
    const a = attrs[key]!;
    if (a.uri === '') out[a.local] = a.value; // the common case, no namespace
    else if (a.prefix !== 'xmlns' && a.name !== 'xmlns') out[qualify(a.uri, a.local)] = a.value;
  }
  return out;
}

function pageOf(pb: XmlElement): { n?: string; facs?: string } {
  const out: { n?: string; facs?: string } = {};
  if (pb.attrs['n']) out.n = pb.attrs['n'];
  if (pb.attrs['facs']) out.facs = pb.attrs['facs'];
  return out;
}

