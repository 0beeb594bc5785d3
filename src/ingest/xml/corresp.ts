import type { BuildOptions, DocumentDate } from '../../domain/index.js';
import { readTeiDate } from './tei-date.js';
import { firstChild, type XElement } from './tree.js';

/** A letter's dates as read, for {@link BuildOptions.datesAsRead}: open ranges stay open. */
export interface LetterDates {
  date: DocumentDate;
  received?: DocumentDate;
}

/** The date of the first `correspAction[@type="sent"]` that gives one; one that cannot be read fails the letter. */
export function readSentDate(sent: XElement[]): DocumentDate | undefined {
  for (const action of sent) {
    const result = readTeiDate(firstChild(action, 'date'));
    if (result && !result.ok) throw new Error(result.reason);
    if (result) return result.date;
  }
  return undefined;
}

/**
 * When and where a letter arrived, from its `correspAction[@type="received"]` elements (CMIF and
 * letter editions alike): the first date and the first place they give. A date that says nothing
 * is none; one that cannot be read fails the letter, as its sending date does, rather than
 * leaving it out unsaid. `placesOf` resolves an action's places the reader's own way.
 */
export function readReceived<P>(received: XElement[], placesOf: (action: XElement) => P[]): { date?: DocumentDate; place?: P } {
  const out: { date?: DocumentDate; place?: P } = {};
  for (const action of received) {
    const result = readTeiDate(firstChild(action, 'date'));
    if (result && !result.ok) throw new Error(`received ${result.reason}`);
    if (result && !out.date) out.date = result.date;
    out.place ??= placesOf(action)[0];
  }
  return out;
}

/**
 * The date of a letter known only by its arrival: it was written by then ("received 5 October
 * 1895"), which keeps it on the timeline and in date searches at that end. An arrival known
 * only to be after a day ("received after …") bounds nothing.
 */
export function dateByReceipt(received: DocumentDate): DocumentDate {
  const out: DocumentDate = { display: `received ${received.display}` };
  if (received.end) out.end = received.end;
  if (received.certainty) out.certainty = received.certainty;
  return out;
}
