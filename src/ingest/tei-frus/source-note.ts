import { childElements, isElement, normalizeSpace, type XmlElement, type XmlNode } from './xml.js';
import { spacedText } from './text.js';

/**
 * Classification markings as FRUS prints them at the start of a sentence of the source note
 * ("… 611.61/1–1261. Secret; Priority. Drafted by …"). Matching is case-sensitive on purpose:
 * "secret" in running prose is not a marking. A few markings are printed as one phrase with
 * "Personal" ("Top Secret and Personal", "Personal and Secret"): kept whole, like "Personal and
 * Confidential", because that is the marking the document bears.
 */
const LEVELS = [
  'No classification marking',
  'Classification marking not declassified',
  'Administratively Confidential',
  'Administratively Restricted',
  'Restricted Security Information',
  'Personal and Confidential',
  'Top Secret and Personal',
  'Secret and Personal',
  'Personal and Secret',
  'For Official Use Only',
  'Limited Official Use',
  'Official Use Only',
  'Official-Informal',
  'Top Secret',
  'Top secret',
  'Unclassified',
  'Confidential',
  'Eyes Only',
  'Secret',
];
// Longest first, so "Top Secret and Personal" wins over "Top Secret" and that over "Secret".
const LEVEL_ALT = [...LEVELS]
  .sort((a, b) => b.length - a.length)
  .map((l) => l.replace(/[-]/g, '\\-'))
  .join('|');
/**
 * A marking normally starts a sentence (or follows a closing quote in supplement entries) and
 * ends at ";", ":" ("Secret: Niact."), ".", ",", "/" (Top Secret/Restricted Data), "(", a page
 * count ("Secret 3 pp."), one or two more capitalised words before the sentence ends ("Secret
 * Flash.", "Secret Limit Distribution.") or "with" and a capitalised word ("Confidential with
 * Nodis Attachment."). The capitalised words must end the sentence so that prose such as
 * "Secret Service agents" is not read as a marking.
 */
const CLASSIFICATION = new RegExp(
  `(?:^|[.;:]\\s*|[”"]\\s+)(${LEVEL_ALT})(?=\\s*(?:[.;:,/(–-]|\\d+\\s+pp?\\.|$)|(?:\\s+[A-Z][\\w-]*){1,2}[.;]|\\s+with\\s+[A-Z])`,
  'g',
);
/**
 * Some notes lost the period before the marking ("…, POL 26-1 S VIET Top Secret; Priority.",
 * "…/8–1358, Confidential.", "…, Viet-Nam Country Series Secret. Drafted …", supplement
 * "… negotiation with U Thant Top Secret. 2 pp."): accepted after a comma or after a word that
 * starts with a capital or digit or ends in one (a file designation or a name, not a verb:
 * "Attachment is Top Secret" describes another paper), and only when the marking is directly followed by ".", ";"
 * or ",".
 */
// The word before is looked at no further back than 40 characters: an unbounded look-behind
// made a long run without spaces cost n². "Top" is part of the marking, not a word before it.
const LOOSE_CLASSIFICATION = new RegExp(`(?:,\\s*|(?<=[A-Z0-9]|(?:^|\\s)[A-Z0-9]\\S{0,40})(?<!\\bTop)\\s+)(${LEVEL_ALT})(?=[.;,])`, 'g');
const NO_MARKING = /(?:^|[.;:]\s*)(No classification marking)\b/g;
/** "The letter has no classification markings; the attachment is Secret": the document's own marking is none. */
const NO_MARKING_IN_PROSE = /\b(?:has|have|bears?|carr(?:y|ies)) (no classification markings?)\b/g;

export interface MarkingMatch {
  phrase: string;
  index: number;
  end: number;
}

/** Every classification marking in a text, in order. */
export function classificationMarkings(text: string): MarkingMatch[] {
  const found: MarkingMatch[] = [];
  // Positions already taken, as a set: searching the list each time made a text of many
  // markings cost n².
  const taken = new Set<number>();
  for (const re of [CLASSIFICATION, LOOSE_CLASSIFICATION, NO_MARKING, NO_MARKING_IN_PROSE]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const printed = m[1]!;
      const index = m.index + m[0].length - printed.length;
      if (taken.has(index)) continue;
      taken.add(index);
      const phrase = re === NO_MARKING_IN_PROSE ? 'No classification marking' : printed;
      found.push({ phrase, index, end: index + printed.length });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

export interface SourceNoteInfo {
  /** The note as printed, without its "Source:" label. */
  reference?: string;
  archive?: string;
  classification?: string;
  /** Electronic-only volumes open the note with "Summary: …" for documents printed in summary. */
  summary?: string;
  /** 1948-era file notes end in the kind of document: "501.BB Interim/1–348: Telegram". */
  docType?: string;
}

/** The kinds a 1948-style file note ends in, named as {@link inferDocumentType} names them. */
const DOC_TYPES: Record<string, string> = {
  'circular telegram': 'Telegram',
  'circular airgram': 'Airgram',
  telegram: 'Telegram',
  airgram: 'Airgram',
  despatch: 'Despatch',
  dispatch: 'Despatch',
  memorandum: 'Memorandum',
  letter: 'Letter',
  note: 'Note',
};

/**
 * The "Source:" label, also misprinted "Source." / "Source," / "Source;" / "Source" alone; a
 * bare "Source" only before a capital, so a note that opens "Source text …" keeps its words.
 */
const LABEL = /^\[?\s*(?:Source|SOURCE|source)(?:\s*[:;.,]\s*|\s+(?=[A-Z0-9]))/;
const SUMMARY = /^Summary\s*:\s*/i;

export function readSourceNote(note: XmlElement): SourceNoteInfo {
  // The note may be plain text, paragraphs ("Summary: …" then "Source: …" in electronic-only
  // volumes), or text followed by paragraphs of editorial comment (1955–57 vol. XXIV).
  let summary: string | undefined;
  const rest: string[] = [];
  let publication: boolean | undefined;
  for (const part of noteParts(note)) {
    const text = normalizeSpace(spacedText(part));
    if (!text) continue;
    if (summary === undefined && SUMMARY.test(text)) {
      summary = text.replace(SUMMARY, '');
      continue;
    }
    if (publication === undefined) publication = startsWithTitle(part);
    rest.push(text);
  }
  const referenceText = rest.join(' ');
  const bracketed = /^\[/.test(referenceText) && /\]$/.test(referenceText);
  let reference = referenceText.replace(LABEL, '');
  if (bracketed) reference = reference.replace(/\]$/, '').trim();
  const info: SourceNoteInfo = {};
  if (reference) info.reference = reference;
  if (summary) info.summary = summary;
  const marking = classificationMarkings(reference)[0];
  if (marking) info.classification = marking.phrase;
  const archive = archiveOf(reference, publication ?? false);
  if (archive) info.archive = archive;
  const kind = /:\s*(Circular telegram|Circular airgram|Telegram|Airgram|Despatch|Dispatch|Memorandum|Letter|Note)\s*$/i.exec(reference);
  if (kind) info.docType = DOC_TYPES[kind[1]!.toLowerCase()];
  return info;
}

/** Paragraphs of a note; loose content between them counts as a paragraph of its own. */
function noteParts(note: XmlElement): XmlElement[] {
  const parts: XmlElement[] = [];
  let run: XmlNode[] = [];
  for (const child of note.children) {
    if (isElement(child) && child.name === 'p') {
      if (run.length) parts.push({ name: 'ab', attrs: {}, children: run });
      run = [];
      parts.push(child);
    } else run.push(child);
  }
  if (run.length) parts.push({ name: 'ab', attrs: {}, children: run });
  return parts;
}

/** Whether the note's first words are a printed title in italics: a publication, not an archive. */
function startsWithTitle(el: XmlElement): boolean {
  for (const c of el.children) {
    if (typeof c === 'string') {
      if (c.replace(LABEL, '').trim() !== '') return false;
      continue;
    }
    return isElement(c) && c.name === 'hi' && /italic/.test(c.attrs['rend'] ?? '');
  }
  return false;
}

/** Abbreviations of the microfiche supplements' citations, expanded so archives facet together. */
const ABBREVIATIONS: Record<string, string> = {
  DOS: 'Department of State',
  WNRC: 'Washington National Records Center',
  CIA: 'Central Intelligence Agency',
  NARA: 'National Archives and Records Administration',
};

const INSTITUTION =
  /\b(?:Library|Archives|Department of State|Department of Defense|Agency|Records? Cent(?:er|re)|University|Institution|Historical|Society|Ministry|Center|Council|Foundation|Museum)\b/i;
const PUBLICATION = /\b(?:Bulletin|Public Papers|Papers of|Documents|Hearings|Congressional Record|Relations)\b/i;

/**
 * The holding archive, from the first words of the source: "Department of State, Central Files,
 * 611.61/…" → "Department of State, Central Files"; "Kennedy Library, National Security Files, …"
 * → "Kennedy Library"; "National Archives, RG 59, …" → "National Archives". Only a first segment
 * that names an institution counts, so file numbers (1948: "501.BB/4–1348") and publications
 * ("American Foreign Policy: Current Documents", "Public Papers …") give none.
 */
export function archiveOf(reference: string, publication = false): string | undefined {
  if (publication || !reference) return undefined;
  const segments = reference.split(/[,;:(]|\.\s/).map((s) => s.trim());
  let first = (segments[0] ?? '').replace(/\.$/, '').replace(/\s+RG\s*\d+$/i, '').trim();
  // "DOS, CF, …", "CIA Files: Job …", "WNRC, RG 330, …" in the supplements' citations.
  const firstWord = first.split(' ')[0] ?? '';
  if (ABBREVIATIONS[firstWord]) first = ABBREVIATIONS[firstWord];
  const second = (segments[1] ?? '').replace(/\.$/, '');
  if (/^Department of State$/i.test(first) && /^(?:CF|Central Files)$/i.test(second)) return 'Department of State, Central Files';
  if (first.length > 80 || !INSTITUTION.test(first) || PUBLICATION.test(first)) return undefined;
  return first;
}

/** Markings the 1948 volume prints in small capitals in the opener, lower-cased as encoded. */
const OPENER_LEVELS = new Set(['top secret', 'secret', 'confidential', 'restricted', 'personal and confidential']);

/**
 * 1948 prints the marking in the document's opener (`<seg><hi rend="smallcaps">secret</hi></seg>`),
 * not in its file note. Returned capitalised as a marking ("Top Secret", "Personal and
 * Confidential"). Openers of attachments, quoted texts and notes mark those, not the document.
 */
export function openerClassification(div: XmlElement): string | undefined {
  const insideOther = (e: XmlElement): boolean => e.name === 'frus:attachment' || e.name === 'note' || e.name === 'quote';
  for (const opener of findAllOutside(div, (e) => e.name === 'opener', insideOther)) {
    for (const seg of childElements(opener, 'seg')) {
      const words = normalizeSpace(spacedText(seg)).toLowerCase();
      if (OPENER_LEVELS.has(words)) return words.replace(/\b(?!and\b)\w/g, (c) => c.toUpperCase());
    }
  }
  return undefined;
}

/** Matching elements in document order, not looking inside `stop` subtrees. */
function findAllOutside(el: XmlElement, match: (e: XmlElement) => boolean, stop: (e: XmlElement) => boolean, out: XmlElement[] = []): XmlElement[] {
  for (const c of el.children) {
    if (!isElement(c) || stop(c)) continue;
    if (match(c)) out.push(c);
    else findAllOutside(c, match, stop, out);
  }
  return out;
}
