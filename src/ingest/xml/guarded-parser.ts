import { SaxesParser, type SaxesTagNS } from 'saxes';
import { SourceFileError } from '../format.js';

/**
 * The deepest element nesting read. Real editions stay under 20 levels (the FRUS volumes and the
 * Schnitzler letters reach 17); libxml2 refuses more than 256 by default, and so do we. Deeper
 * nesting is refused because saxes resolves each element's namespace by walking its open
 * ancestors, so n levels cost n² (a 1 MB file nesting 100,000 divisions took over four minutes),
 * and the converters recurse once per level.
 */
export const MAX_ELEMENT_DEPTH = 256;

/** A saxes error message split into the position it starts with ("12:40: …") and the reason. */
function splitSaxesMessage(message: string): { where: string; reason: string } {
  const m = /^(\d+):(\d+): ([\s\S]*)$/.exec(message);
  return m ? { where: ` at line ${m[1]!}, column ${m[2]!}`, reason: m[3]! } : { where: '', reason: message };
}

const ENTITY_HINT =
  ' Only the five predefined XML entities (&amp; &lt; &gt; &quot; &apos;) and character references are allowed; entity declarations are refused and nothing outside the file is read.';

/**
 * What every XML reader says of a saxes error: "not well-formed XML at line L, column C: reason"
 * ("truncated or incomplete XML …" for an error at the end of the input), with a hint when the
 * reason is an entity the file may not use.
 */
function xmlErrorMessage(error: unknown, atEnd: boolean): string {
  const { where, reason } = splitSaxesMessage(error instanceof Error ? error.message : String(error));
  if (atEnd) return `truncated or incomplete XML${where}: ${reason}`;
  return `not well-formed XML${where}: ${reason}${/undefined entity/i.test(reason) ? ENTITY_HINT : ''}`;
}

/** What a reader does with the parse; `text` also receives CDATA. */
/**
 * A file-level XML error that broke off inside a record: XML allows no reading past it, so the
 * reason names the record it cut off (`what`: "document frus…-d5", "the <correspDesc> from line 12").
 */
export function cutOffError(error: SourceFileError, what: string): SourceFileError {
  return new SourceFileError(error.file, `${error.message.replace(/\.$/, '')}; ${what} and the rest of the file were not read`);
}

export interface XmlHandlers {
  opentag(tag: SaxesTagNS): void;
  closetag(): void;
  text(text: string): void;
}

/** The parse as a reader drives it. Every problem comes out of write and close as a {@link SourceFileError}. */
export interface GuardedParser<Held = never> {
  /** The line reached; inside `opentag`, the line of the tag. */
  readonly line: number;
  /**
   * Holds a record that just closed and hands it to `done` once parsing has gone on past its
   * close tag without an error: at the next event, or at the end of the input. saxes closes the
   * open elements at a stray close tag before it reports the error (`</hi>` where `</div>`
   * belongs), so only then is the record known to be whole; cut short, it is never finished.
   */
  whenWhole(record: Held, done: (record: Held) => void): void;
  /** The record held by {@link whenWhole} and not yet handed on: after an error, the one it cut off. */
  readonly held: Held | undefined;
  write(text: string): void;
  /** Ends the input: what is still open is reported as truncated; a held record is handed on. */
  close(): void;
}

/**
 * A namespace-aware saxes parser that refuses what no archive file needs and an attacker would
 * use: a declared encoding other than UTF-8 (or its ASCII subset), a DOCTYPE that declares
 * entities (billion laughs, XXE; saxes never expands or fetches them, but a file that declares
 * them is refused outright), and elements nested deeper than {@link MAX_ELEMENT_DEPTH}. Each is a
 * {@link SourceFileError} naming the file and the line. Every XML reader goes through here, so
 * the rules are the same for FRUS, TEI letters and CMIF.
 */
export function createGuardedParser<Held = never>(file: string, handlers: XmlHandlers): GuardedParser<Held> {
  const parser = new SaxesParser({ xmlns: true, position: true });
  let depth = 0;
  let held: { record: Held; done: (record: Held) => void } | undefined;
  const settle = (): void => {
    const waiting = held;
    held = undefined;
    if (waiting) waiting.done(waiting.record);
  };
  parser.on('xmldecl', (decl) => {
    const encoding = decl.encoding?.trim().toLowerCase();
    if (encoding && !['utf-8', 'utf8', 'us-ascii', 'ascii'].includes(encoding)) {
      throw new SourceFileError(file, `the XML declaration says encoding="${decl.encoding}"; only UTF-8 is read (convert the file to UTF-8)`);
    }
  });
  parser.on('doctype', (doctype) => {
    if (/<!ENTITY/i.test(doctype)) {
      throw new SourceFileError(
        file,
        `line ${parser.line}: the DOCTYPE declares entities; refused, because entity declarations can expand without bound ` +
          '(billion laughs) or read local files and URLs (XXE). Nothing outside the file is read; remove the internal DTD subset.',
      );
    }
  });
  parser.on('opentag', (tag) => {
    if (++depth > MAX_ELEMENT_DEPTH) {
      throw new SourceFileError(
        file,
        `line ${parser.line}: elements nest more than ${MAX_ELEMENT_DEPTH} levels deep; refused (archival XML nests fewer than 20)`,
      );
    }
    settle();
    handlers.opentag(tag);
  });
  parser.on('closetag', () => {
    depth--;
    settle();
    handlers.closetag();
  });
  const text = (t: string): void => {
    settle();
    handlers.text(t);
  };
  parser.on('text', text);
  parser.on('cdata', text);
  // With no error handler, saxes throws its errors from write and close; the refusals above and
  // the handlers' own are already SourceFileErrors.
  const asSourceError = (error: unknown, atEnd: boolean): SourceFileError =>
    error instanceof SourceFileError ? error : new SourceFileError(file, xmlErrorMessage(error, atEnd));
  return {
    get line() {
      return parser.line;
    },
    whenWhole(record, done) {
      held = { record, done };
    },
    get held() {
      return held?.record;
    },
    write(text) {
      try {
        parser.write(text);
      } catch (error) {
        throw asSourceError(error, false);
      }
    },
    close() {
      try {
        parser.close();
        settle();
      } catch (error) {
        throw asSourceError(error, true);
      }
    },
  };
}
