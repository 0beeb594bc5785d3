import { xmlAttributes, xmlElement, xmlText } from '../../export/xml.js';
import { secondsUtc } from '../feeds/timestamps.js';
import type { OaiError } from './errors.js';

const OAI_PMH_OPEN =
  '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
  'xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">';

/**
 * The OAI-PMH response document around a verb's answer or an error. The `request` element
 * repeats the arguments, except after badVerb or badArgument, when the protocol wants the
 * base URL alone (the arguments were not understood, so they are not echoed back).
 */
export function oaiEnvelope(options: { responseDate: Date; baseUrl: string; echo: Record<string, string>; body: string } | { responseDate: Date; baseUrl: string; echo: Record<string, string>; error: OaiError }): string {
  const echoed = 'error' in options && (options.error.code === 'badVerb' || options.error.code === 'badArgument') ? {} : options.echo;
  const content = 'error' in options ? xmlElement('error', { code: options.error.code }, xmlText(options.error.message)) : options.body;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    OAI_PMH_OPEN +
    xmlElement('responseDate', {}, secondsUtc(options.responseDate.toISOString()) ?? '') +
    `<request${xmlAttributes(echoed)}>${xmlText(options.baseUrl)}</request>` +
    content +
    '</OAI-PMH>\n'
  );
}
