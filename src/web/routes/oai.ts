import { Hono, type Context } from 'hono';
import type { WebDeps } from '../context.js';
import { oaiEnvelope } from '../oai/envelope.js';
import { OaiError } from '../oai/errors.js';
import { answerOaiRequest, oaiBaseUrl, PAGE_SIZES, type RepositoryInfo } from '../oai/repository.js';
import { interpretOaiArguments, readOaiArguments } from '../oai/request.js';

/** The largest form body an OAI-PMH POST may send: the arguments are a few short strings. */
const MAX_FORM_BYTES = 16_384;

/**
 * `/oai`: an OAI-PMH 2.0 repository (GET, or POST with a form body, as the protocol allows).
 * `pageSizes` is smaller in tests, so that a few records already span several pages.
 * Protocol errors are answered with 200 and an `error` element, as harvesters expect.
 */
export function oaiRoutes(deps: WebDeps, info: RepositoryInfo, pageSizes = PAGE_SIZES): Hono {
  const app = new Hono();
  const answer = async (c: Context, readParams: () => URLSearchParams) => {
    const links = deps.siteLinks(c.req.url);
    const baseUrl = oaiBaseUrl(links);
    const responseDate = deps.now();
    let echo: Record<string, string> = {};
    let xml: string;
    try {
      const args = readOaiArguments(readParams());
      echo = args.echo;
      const body = await answerOaiRequest({ store: deps.store, viewer: deps.viewer(), links, info, pageSizes }, interpretOaiArguments(args));
      xml = oaiEnvelope({ responseDate, baseUrl, echo, body });
    } catch (error) {
      if (!(error instanceof OaiError)) throw error;
      xml = oaiEnvelope({ responseDate, baseUrl, echo, error });
    }
    return c.body(xml, 200, { 'Content-Type': 'text/xml; charset=utf-8' });
  };
  app.get('/oai', (c) => answer(c, () => new URL(c.req.url).searchParams));
  app.post('/oai', async (c) => {
    const type = (c.req.header('Content-Type') ?? '').toLowerCase();
    // Refused before reading: a body that says it is long is not read at all.
    const tooLong = Number(c.req.header('Content-Length') ?? 0) > MAX_FORM_BYTES;
    const text = type.startsWith('application/x-www-form-urlencoded') && !tooLong ? await c.req.text() : '';
    return answer(c, () => {
      if (!type.startsWith('application/x-www-form-urlencoded')) throw new OaiError('badArgument', 'A POST request sends its arguments as application/x-www-form-urlencoded.');
      if (tooLong || text.length > MAX_FORM_BYTES) throw new OaiError('badArgument', 'The arguments are too long.');
      return new URLSearchParams(text);
    });
  });
  return app;
}
