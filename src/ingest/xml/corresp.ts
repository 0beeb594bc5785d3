import type { BuildOptions, DocumentDate, EditorialCertainty } from '../../domain/index.js';
import { certaintyOfAttributes, readTeiDate } from './tei-date.js';
import { childElements, firstChild, type XElement } from './tree.js';

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

/** Resolves a `placeName` the reader's own way (an authority, a register); undefined for none. */
export type PlaceOf<P> = (placeName: XElement) => P | undefined;

/**
 * The first place a list of `correspAction`s gives, and how the editors know it
 * (`evidence="conjecture"`: "[Wien]"), from the first `placeName` that resolves.
 */
export function readActionPlace<P>(actions: XElement[], placeOf: PlaceOf<P>): { place: P; certainty?: EditorialCertainty } | undefined {
  for (const action of actions) {
    for (const el of childElements(action, 'placeName')) {
      const place = placeOf(el);
      if (place === undefined) continue;
      const certainty = certaintyOfAttributes(el);
      return certainty ? { place, certainty } : { place };
    }
  }
  return undefined;
}

/**
 * When and where a letter arrived, from its `correspAction[@type="received"]` elements (CMIF and
 * letter editions alike): the first date and the first place they give. A date that says nothing
 * is none; one that cannot be read fails the letter, as its sending date does, rather than
 * leaving it out unsaid.
 */
export function readReceived<P>(received: XElement[], placeOf: PlaceOf<P>): { date?: DocumentDate; place?: P; placeCertainty?: EditorialCertainty } {
  const out: { date?: DocumentDate; place?: P; placeCertainty?: EditorialCertainty } = {};
  for (const action of received) {
    const result = readTeiDate(firstChild(action, 'date'));
    if (result && !result.ok) throw new Error(`received ${result.reason}`);
    if (result && !out.date) out.date = result.date;
  }
  const arrival = readActionPlace(received, placeOf);
  if (arrival) out.place = arrival.place;
  if (arrival?.certainty) out.placeCertainty = arrival.certainty;
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
