/**
 * An OAI-PMH 2.0 request, read and checked before anything is looked up: which verb, which
 * arguments, and every error condition of the protocol that the arguments alone decide.
 */
import { OaiError } from './errors.js';
import { decodeListToken, type ListToken } from './token.js';

export const METADATA_FORMATS = [
  {
    prefix: 'oai_dc',
    schema: 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd',
    namespace: 'http://www.openarchives.org/OAI/2.0/oai_dc/',
  },
] as const;

export type OaiRequest =
  | { verb: 'Identify' }
  | { verb: 'ListMetadataFormats'; identifier?: string }
  | { verb: 'ListSets' }
  | { verb: 'GetRecord'; identifier: string; metadataPrefix: string }
  | { verb: 'ListIdentifiers' | 'ListRecords'; list: ListToken };

/** The arguments each verb takes: required, optional, and the one that excludes all others. */
const ARGUMENTS: Record<OaiRequest['verb'], { required: string[]; optional: string[]; exclusive?: string }> = {
  Identify: { required: [], optional: [] },
  ListMetadataFormats: { required: [], optional: ['identifier'] },
  ListSets: { required: [], optional: [], exclusive: 'resumptionToken' },
  GetRecord: { required: ['identifier', 'metadataPrefix'], optional: [] },
  ListIdentifiers: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
  ListRecords: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
};

/** A request's verb and arguments, each given once and each one the verb takes. */
export interface OaiArguments {
  verb: OaiRequest['verb'];
  args: Record<string, string>;
  /** The arguments as given, for the response's `request` element. */
  echo: Record<string, string>;
}

/** Reads the query (or form body) of a request: throws badVerb or badArgument when it is not one the protocol knows. */
export function readOaiArguments(params: URLSearchParams): OaiArguments {
  const verbs = params.getAll('verb');
  if (verbs.length !== 1) throw new OaiError('badVerb', verbs.length ? 'The verb argument is repeated.' : 'The verb argument is missing.');
  const verb = verbs[0]!;
  if (!Object.hasOwn(ARGUMENTS, verb)) throw new OaiError('badVerb', `"${verb}" is not an OAI-PMH verb.`);
  const rules = ARGUMENTS[verb as OaiRequest['verb']];
  const args: Record<string, string> = {};
  for (const key of new Set(params.keys())) {
    if (key === 'verb') continue;
    const values = params.getAll(key);
    if (values.length > 1) throw new OaiError('badArgument', `The argument ${key} is repeated.`);
    if (!rules.required.includes(key) && !rules.optional.includes(key) && key !== rules.exclusive) {
      throw new OaiError('badArgument', `${verb} does not take the argument ${key}.`);
    }
    args[key] = values[0]!;
  }
  if (rules.exclusive && args[rules.exclusive] !== undefined && Object.keys(args).length > 1) {
    throw new OaiError('badArgument', `${rules.exclusive} is an exclusive argument: no other may be given with it.`);
  }
  if (!(rules.exclusive && args[rules.exclusive] !== undefined)) {
    for (const key of rules.required) {
      if (args[key] === undefined) throw new OaiError('badArgument', `${verb} needs the argument ${key}.`);
    }
  }
  return { verb: verb as OaiRequest['verb'], args, echo: { verb, ...args } };
}

/** What the arguments ask for: dates read, the format and the resumption token checked. */
export function interpretOaiArguments({ verb, args }: OaiArguments): OaiRequest {
  if (args.resumptionToken !== undefined) {
    if (verb === 'ListSets') throw new OaiError('badResumptionToken', 'This repository gives the whole list of sets at once and issues no resumptionToken for it.');
    return { verb: verb as 'ListIdentifiers' | 'ListRecords', list: decodeListToken(args.resumptionToken) };
  }
  switch (verb) {
    case 'Identify':
    case 'ListSets':
      return { verb };
    case 'ListMetadataFormats':
      return args.identifier === undefined ? { verb } : { verb, identifier: args.identifier };
    case 'GetRecord':
      checkMetadataPrefix(args.metadataPrefix!);
      return { verb, identifier: args.identifier!, metadataPrefix: args.metadataPrefix! };
    case 'ListIdentifiers':
    case 'ListRecords': {
      const range = datestampRange(args.from, args.until);
      checkMetadataPrefix(args.metadataPrefix!);
      const list: ListToken = { metadataPrefix: args.metadataPrefix!, cursor: 0, ...range };
      if (args.set !== undefined) list.set = args.set;
      return { verb, list };
    }
  }
}

export function checkMetadataPrefix(prefix: string): void {
  if (!METADATA_FORMATS.some((f) => f.prefix === prefix)) {
    throw new OaiError('cannotDisseminateFormat', `The metadata format "${prefix}" is not offered here; ListMetadataFormats lists those that are.`);
  }
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const SECOND = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;

/**
 * `from` and `until` as bounds on the stored datestamps (full ISO timestamps with
 * milliseconds): a day covers all of it, a second all its milliseconds.
 */
function datestampRange(from: string | undefined, until: string | undefined): { from?: string; until?: string } {
  const kind = (name: string, value: string): 'day' | 'second' => {
    const day = DAY.exec(value);
    const second = SECOND.exec(value);
    const parts = day ?? second;
    if (!parts || !realMoment(parts.slice(1).map(Number))) {
      throw new OaiError('badArgument', `${name} "${value}" is not a UTC datestamp of the form YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ.`);
    }
    return day ? 'day' : 'second';
  };
  const range: { from?: string; until?: string } = {};
  const fromKind = from === undefined ? undefined : kind('from', from);
  const untilKind = until === undefined ? undefined : kind('until', until);
  if (fromKind && untilKind && fromKind !== untilKind) throw new OaiError('badArgument', 'from and until must have the same granularity.');
  if (from !== undefined) range.from = fromKind === 'day' ? `${from}T00:00:00.000Z` : `${from.slice(0, -1)}.000Z`;
  if (until !== undefined) range.until = untilKind === 'day' ? `${until}T23:59:59.999Z` : `${until.slice(0, -1)}.999Z`;
  if (range.from && range.until && range.from > range.until) throw new OaiError('badArgument', 'from is later than until.');
  return range;
}

function realMoment([year, month, day, hour = 0, minute = 0, second = 0]: number[]): boolean {
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  date.setUTCFullYear(year!, month! - 1, day!);
  date.setUTCHours(hour, minute, second);
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month! - 1 && date.getUTCDate() === day && date.getUTCHours() === hour && date.getUTCMinutes() === minute && date.getUTCSeconds() === second
  );
}
