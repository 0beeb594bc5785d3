import type { HarvestHeader } from '../../store/harvest.js';
import { WITHOUT_RELATED, type ArchiveStore, type Viewer } from '../../store/types.js';
import type { SiteLinks } from '../../export/site.js';
import { xmlElement, xmlText, xmlTextElement } from '../../export/xml.js';
import { SITE_NAME } from '../citation/csl.js';
import { secondsUtc } from '../feeds/timestamps.js';
import { oaiDcElement, oaiDublinCore } from './dublin-core.js';
import { OaiError } from './errors.js';
import { checkMetadataPrefix, METADATA_FORMATS, type OaiRequest } from './request.js';
import { CollectionSets } from './sets.js';
import { encodeListToken, type ListToken } from './token.js';

const NO_RECORDS = 'No record matches these arguments.';

/** Records a page of ListRecords holds, and headers a page of ListIdentifiers. */
export const PAGE_SIZES = { ListRecords: 100, ListIdentifiers: 250 };

export interface RepositoryInfo {
  name: string;
  adminEmail: string;
}

/**
 * The repository's name and its administrator's address, as Identify gives them. OAI-PMH
 * requires an address, with a dot in its domain: without one configured, a placeholder at
 * example.org (a domain reserved for examples) stands in, and docs/harvesting.md says to set it.
 */
export function repositoryInfo(given: Partial<RepositoryInfo> = {}): RepositoryInfo {
  return { name: given.name?.trim() || SITE_NAME, adminEmail: given.adminEmail?.trim() || 'archivist@example.org' };
}

/** What answering one request needs: the store as the viewer sees it, and where the repository is. */
export interface OaiContext {
  store: ArchiveStore;
  viewer: Viewer;
  /** The archive's public address; the repository's base URL is its `oai`. */
  links: SiteLinks;
  info: RepositoryInfo;
  pageSizes?: typeof PAGE_SIZES;
}

/**
 * Answers a checked request with the XML that goes inside the OAI-PMH envelope, or throws
 * {@link OaiError}. Everything is read through the viewer: a draft or a running embargo is not
 * there at all, and a document withdrawn from the public is a deleted record.
 */
export async function answerOaiRequest(context: OaiContext, request: OaiRequest): Promise<string> {
  const repository = new OaiRepository(context);
  switch (request.verb) {
    case 'Identify':
      return repository.identify();
    case 'ListMetadataFormats':
      return repository.listMetadataFormats(request.identifier);
    case 'ListSets':
      return repository.listSets();
    case 'GetRecord':
      return repository.getRecord(request.identifier, request.metadataPrefix);
    case 'ListIdentifiers':
    case 'ListRecords':
      return repository.list(request.verb, request.list);
  }
}

class OaiRepository {
  private readonly links: SiteLinks;
  private readonly sets: CollectionSets;
  /** `oai:{host}:{id}`, the identifier scheme of the OAI identifier guidelines. */
  private readonly identifierPrefix: string;

  private readonly baseUrl: string;

  constructor(private readonly context: OaiContext) {
    this.links = context.links;
    this.baseUrl = oaiBaseUrl(context.links);
    this.sets = new CollectionSets(context.store, context.viewer);
    this.identifierPrefix = `oai:${new URL(this.baseUrl).hostname}:`;
  }

  async identify(): Promise<string> {
    const [earliest] = await this.context.store.harvest({ limit: 1 }, this.context.viewer);
    const host = new URL(this.baseUrl).hostname;
    const parts = [
      xmlTextElement('repositoryName', this.context.info.name),
      xmlTextElement('baseURL', this.baseUrl),
      xmlTextElement('protocolVersion', '2.0'),
      xmlTextElement('adminEmail', this.context.info.adminEmail),
      xmlTextElement('earliestDatestamp', earliest ? utcSecond(earliest.datestamp) : utcSecond(new Date().toISOString())),
      // Withdrawals are kept while the archive lives, but not carried by a backup.
      xmlTextElement('deletedRecord', 'transient'),
      xmlTextElement('granularity', 'YYYY-MM-DDThh:mm:ssZ'),
    ];
    // The oai-identifier description requires a domain name with a dot; "localhost" has none.
    if (/^[a-zA-Z][a-zA-Z0-9-]*(\.[a-zA-Z][a-zA-Z0-9-]*)+$/.test(host)) {
      parts.push(
        xmlElement(
          'description',
          {},
          `<oai-identifier xmlns="http://www.openarchives.org/OAI/2.0/oai-identifier" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ` +
            `xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai-identifier http://www.openarchives.org/OAI/2.0/oai-identifier.xsd">` +
            `<scheme>oai</scheme><repositoryIdentifier>${xmlText(host)}</repositoryIdentifier><delimiter>:</delimiter>` +
            `<sampleIdentifier>${xmlText(`${this.identifierPrefix}${earliest?.id ?? 'document-id'}`)}</sampleIdentifier></oai-identifier>`,
        ),
      );
    }
    return xmlElement('Identify', {}, parts.join(''));
  }

  async listMetadataFormats(identifier: string | undefined): Promise<string> {
    if (identifier !== undefined) await this.header(identifier);
    const formats = METADATA_FORMATS.map((f) =>
      xmlElement('metadataFormat', {}, xmlTextElement('metadataPrefix', f.prefix) + xmlTextElement('schema', f.schema) + xmlTextElement('metadataNamespace', f.namespace)),
    );
    return xmlElement('ListMetadataFormats', {}, formats.join(''));
  }

  async listSets(): Promise<string> {
    const sets = await this.sets.all();
    if (sets.length === 0) throw new OaiError('noSetHierarchy', 'This repository has no collections, so no sets.');
    const items = sets.map((s) =>
      xmlElement(
        'set',
        {},
        xmlTextElement('setSpec', s.spec) +
          xmlTextElement('setName', s.name) +
          (s.description ? xmlElement('setDescription', {}, oaiDcElement(xmlTextElement('dc:description', s.description))) : ''),
      ),
    );
    return xmlElement('ListSets', {}, items.join(''));
  }

  async getRecord(identifier: string, metadataPrefix: string): Promise<string> {
    const header = await this.header(identifier);
    return xmlElement('GetRecord', {}, await this.record(header, metadataPrefix));
  }

  async list(verb: 'ListIdentifiers' | 'ListRecords', token: ListToken): Promise<string> {
    // A token names its format too, and a token can be forged.
    checkMetadataPrefix(token.metadataPrefix);
    let collections: string[] | undefined;
    if (token.set !== undefined) {
      const members = await this.sets.members(token.set);
      if (!members) {
        if ((await this.sets.all()).length === 0) throw new OaiError('noSetHierarchy', 'This repository has no collections, so no sets.');
        // The same answer as for a set with no public record: whether a private collection exists is not told.
        throw new OaiError('noRecordsMatch', NO_RECORDS);
      }
      collections = members;
    }
    const size = (this.context.pageSizes ?? PAGE_SIZES)[verb];
    const request = { limit: size + 1, ...(collections && { collections }), ...pick(token, ['from', 'until', 'after']) };
    const found = await this.context.store.harvest(request, this.context.viewer);
    if (found.length === 0) throw new OaiError('noRecordsMatch', NO_RECORDS);
    const page = found.slice(0, size);
    // One record at a time: a page must not take a PostgreSQL pool's every connection.
    const items: string[] = [];
    for (const header of page) items.push(verb === 'ListRecords' ? await this.record(header, token.metadataPrefix) : await this.headerXml(header));
    let resumption = '';
    if (found.length > size) {
      const last = page.at(-1)!;
      const next: ListToken = { ...token, after: { datestamp: last.datestamp, id: last.id }, cursor: token.cursor + page.length };
      resumption = xmlElement('resumptionToken', { cursor: token.cursor }, encodeListToken(next));
    } else if (token.cursor > 0) {
      // The last page of a list resumed from a token ends with an empty token.
      resumption = `<resumptionToken completeListSize="${token.cursor + page.length}" cursor="${token.cursor}"/>`;
    }
    return xmlElement(verb, {}, items.join('') + resumption);
  }

  /** The header of the record an identifier names, or idDoesNotExist. */
  private async header(identifier: string): Promise<HarvestHeader> {
    const missing = () => new OaiError('idDoesNotExist', `There is no record "${identifier}" here.`);
    if (!identifier.startsWith(this.identifierPrefix)) throw missing();
    const id = identifier.slice(this.identifierPrefix.length);
    const found = await this.context.store.harvest({ limit: 1, ids: [id] }, this.context.viewer);
    if (found.length === 0) throw missing();
    return found[0]!;
  }

  private async headerXml(header: HarvestHeader): Promise<string> {
    const specs: string[] = [];
    for (const slug of header.collections) {
      const spec = await this.sets.spec(slug);
      if (spec && !specs.includes(spec)) specs.push(spec);
    }
    return xmlElement(
      'header',
      { status: header.withdrawn ? 'deleted' : undefined },
      xmlTextElement('identifier', this.identifierPrefix + header.id) +
        xmlTextElement('datestamp', utcSecond(header.datestamp)) +
        specs.map((s) => xmlTextElement('setSpec', s)).join(''),
    );
  }

  private async record(header: HarvestHeader, metadataPrefix: string): Promise<string> {
    const headerXml = await this.headerXml(header);
    if (header.withdrawn) return xmlElement('record', {}, headerXml);
    const doc = metadataPrefix === 'oai_dc' ? await this.context.store.getDocument(header.id, this.context.viewer, WITHOUT_RELATED) : null;
    // Gone between the two reads (withdrawn meanwhile): say so rather than send an empty record.
    if (!doc) return xmlElement('record', {}, await this.headerXml({ ...header, withdrawn: true }));
    return xmlElement('record', {}, headerXml + xmlElement('metadata', {}, oaiDublinCore(doc, this.links.document(doc.id), this.context.info.name)));
  }
}

/** The repository's base URL: `/oai` at the archive's public address. */
export function oaiBaseUrl(links: SiteLinks): string {
  return `${links.root}oai`;
}

/** A stored datestamp at the repository's granularity: `2026-11-27T22:00:00Z`. */
function utcSecond(datestamp: string): string {
  return secondsUtc(datestamp) ?? datestamp;
}

function pick<T extends object, K extends keyof T>(value: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (value[key] !== undefined) out[key] = value[key];
  return out;
}
