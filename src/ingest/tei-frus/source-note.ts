import { isElement, normalizeSpace, type XmlElement, type XmlNode } from './xml.js';
import { spacedText } from './text.js';

/**
 * Classification markings as FRUS prints them at the start of a sentence of the source note
 * ("… 611.61/1–1261. Secret; Priority. Drafted by …"). Longest first so "Top Secret" wins over
 * "Secret". Matching is case-sensitive on purpose: "secret" in running prose is not a marking.
 */
const LEVELS = [
  'No classification marking',
  'Classification marking not declassified',
  'Administratively Confidential',
  'Personal and Confidential',
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
const LEVEL_ALT = LEVELS.map((l) => l.replace(/[-]/g, '\\-')).join('|');
/**
 * A marking normally starts a sentence (or follows a closing quote in supplement entries) and
 * ends at ";", ".", ",", "/" (Top Secret/Restricted Data), "(", a page count ("Secret 3 pp."),
 * one more capitalised word ("Secret Flash.", "Top Secret Attachment.") or the end.
 */
const CLASSIFICATION = new RegExp(
  `(?:^|[.;:]\\s*|[”"]\\s+)(${LEVEL_ALT})(?=\\s*(?:[.;,/(–-]|\\d+\\s+pp?\\.|$)|\\s+[A-Z][\\w-]*[.;])`,
  'g',
);
/**
 * Some notes lost the period before the marking ("…, POL 26-1 S VIET Top Secret; Priority.",
 * "…/8–1358, Confidential."): accepted after a comma or a file designation only when the
 * marking is directly followed by "." or ";".
 */
const LOOSE_CLASSIFICATION = new RegExp(`(?:,\\s*|(?<=[A-Z0-9])\\s+)(${LEVEL_ALT})(?=[.;])`, 'g');
const NO_MARKING = /(?:^|[.;:]\s*)(No classification marking)\b/g;

export interface MarkingMatch {
  phrase: string;
  index: number;
  end: number;
}

/** Every classification marking in a text, in order. */
export function classificationMarkings(text: string): MarkingMatch[] {
  const found: MarkingMatch[] = [];
  for (const re of [CLASSIFICATION, LOOSE_CLASSIFICATION, NO_MARKING]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const phrase = m[1]!;
      const index = m.index + m[0].length - phrase.length;
      if (!found.some((f) => f.index === index)) found.push({ phrase, index, end: index + phrase.length });
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

const LABEL = /^\[?\s*Source\s*[:;]?\s*/i;
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
