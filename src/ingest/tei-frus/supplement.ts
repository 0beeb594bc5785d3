import { parseEnglishDate, yearOf, type DateValue } from './dates.js';
import { archiveOf, classificationMarkings, type MarkingMatch } from './source-note.js';
import { trimTrailing } from '../../domain/trim.js';

/**
 * A microfiche supplement entry is a catalogue line, not a document text:
 * "1. Telegram 430 from La Paz, February 9, 1961. Transmits text of Bolivian communique …
 *  Unclassified. 1 p. DOS, CF, 611.247/2–961."
 * i.e. number. title-with-date. description. classification. pages. archival source.
 * The parts are found from the end, where the form is fixed (marking, page count, source),
 * and the title is cut after the date or at the first sentence end.
 */
export interface SupplementEntry {
  title: string;
  description?: string;
  date?: DateValue;
  classification?: string;
  pages?: number;
  reference?: string;
  archive?: string;
}

// "3 pp." — but not "2 pp. of source text not declassified", which is part of the description.
const PAGES = /(?:^|[\s.,;])(\d+)\s+pp?\.(?=\s|$)(?!\s*of source)/g;

export function parseSupplementEntry(headText: string, chapterTitles: string[]): SupplementEntry {
  const text = headText.replace(/^\d+[A-Za-z]?\.\s*/, '').trim();
  // The page count: the last "N pp." in the entry.
  let pagesMatch: RegExpExecArray | undefined;
  PAGES.lastIndex = 0;
  for (let m = PAGES.exec(text); m; m = PAGES.exec(text)) pagesMatch = m;
  const pagesAt = pagesMatch ? pagesMatch.index + pagesMatch[0].indexOf(pagesMatch[1]!) : text.length;
  // The marking: the last one before the page count (a description can quote other markings).
  const marking = lastMarking(text, classificationMarkings(text).filter((m) => m.index < pagesAt));

  let reference: string | undefined;
  let late: string | undefined;
  if (pagesMatch) {
    reference = text.slice(pagesMatch.index + pagesMatch[0].length).trim();
    // A few entries put the marking after the page count: "212 pp. Top Secret. CIA, …".
    const after = marking ? undefined : classificationMarkings(reference)[0];
    if (after && after.index === 0) {
      late = after.phrase;
      reference = reference.slice(after.end).replace(/^[\s.;,]+/, '');
    }
  } else if (marking) reference = text.slice(marking.end).replace(/^[\s.;,]+/, '').trim();
  const head = trimTrailing(text.slice(0, marking ? marking.index : pagesMatch ? pagesAt : text.length), '.,;', true);

  // The title is the first sentence ("Telegram 430 from La Paz, February 9, 1961"); its date is
  // the entry's date. Dates later on belong to the description ("Summary of November 18 …").
  const titleEnd = sentenceEnd(head, 0);
  const firstSentence = head.slice(0, titleEnd);
  const contextYear = chapterTitles.map(yearOf).find((y) => y !== undefined);
  const found = parseEnglishDate(firstSentence, contextYear);
  const title = trimTrailing(firstSentence, '.,;', true).trim() || head;
  const description = head.slice(titleEnd).replace(/^[\s.]+/, '').trim();

  const entry: SupplementEntry = { title };
  if (description) entry.description = /[.!?”"]$/.test(description) ? description : `${description}.`;
  if (found) entry.date = found.date;
  else if (/\bundated\b/i.test(firstSentence)) entry.date = { display: '[undated]' };
  if (marking ?? late) entry.classification = marking?.phrase ?? late;
  if (pagesMatch) entry.pages = Number(pagesMatch[1]);
  if (reference) {
    entry.reference = reference.replace(/\.$/, '');
    const archive = archiveOf(entry.reference);
    if (archive) entry.archive = archive;
  }
  return entry;
}

/**
 * The entry's own marking: the last marking line before the page count, read from its start.
 * "Secret; Eyes Only." is one line whose level is "Secret"; taking only the last phrase gave
 * "Eyes Only" and left "Secret." in the description. The match spans the whole line, so the
 * description ends before it and the source starts after it.
 */
function lastMarking(text: string, markings: MarkingMatch[]): MarkingMatch | undefined {
  const last = markings[markings.length - 1];
  if (!last) return undefined;
  let first = last;
  for (let i = markings.length - 2; i >= 0; i--) {
    const before = markings[i]!;
    if (!/^[\s;:,]*$/.test(text.slice(before.end, first.index))) break;
    first = before;
  }
  return { phrase: first.phrase, index: first.index, end: last.end };
}

/** Words that end in a period without ending the sentence: titles, initials, "U.S.". */
const ABBREVIATION = /^(?:[A-Z]|(?:[A-Za-z]\.)+[A-Za-z]|Rep|Sen|Gen|Gens|Col|Maj|Lt|Adm|Amb|Dr|Mr|Mrs|Ms|Messrs|St|No|Nos|Jr|Sr|vol|Vol|pp?|Dept|Gov|Capt|Cdr|Brig|Mt|Ft|Inc|Co|Corp|Ltd|cf|Cf|ca|US)$/;

const SENTENCE_START = /\s+[\p{Lu}“"‘(\d]/uy;
/** Longer than any abbreviation; the word before a period is looked at no further back. */
const LONGEST_ABBREVIATION = 32;

/**
 * Index just after the first sentence-ending period at or after `from` (or the text's end).
 * Each period looks only at what follows it and at the word before it: copying the text before
 * and after every period made a long run of initials cost n².
 */
export function sentenceEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] !== '.') continue;
    SENTENCE_START.lastIndex = i + 1;
    if (i + 1 < text.length && !SENTENCE_START.test(text)) continue;
    let start = i;
    while (start > 0 && i - start <= LONGEST_ABBREVIATION && !/\s/.test(text[start - 1]!)) start--;
    if (i - start <= LONGEST_ABBREVIATION && ABBREVIATION.test(text.slice(start, i))) continue;
    return i + 1;
  }
  return text.length;
}
