import { isValidId } from '../../domain/index.js';
import type { VolumeInfo } from './volume-header.js';

/** The Office of the Historian's reading pages: stable since 2009, used for links we cannot resolve locally. */
export const HSG_BASE = 'https://history.state.gov/historicaldocuments';

export type RefTarget = { kind: 'doc'; id: string; href?: string } | { kind: 'link'; href: string };

/**
 * Resolves `ref/@target`. Document targets become Archivum ids computed from the target alone
 * (`#d12` → `frus1961-63v06-d12`, `frus1961-63v05#d3` → `frus1961-63v05-d3`), so forward
 * references and references to volumes not (yet) ingested need no lookup. A footnote target
 * (`#d12fn3`) points at its document. Page and whole-volume targets have no Archivum record and
 * become links to history.state.gov; web URLs stay links. Anything else is left as plain text.
 */
const MAX_TARGET = 2048;

export function resolveRef(rawTarget: string, volume: VolumeInfo): RefTarget | undefined {
  const target = rawTarget.trim().split(/\s+/)[0] ?? '';
  // Real targets are a few dozen characters; the patterns below take n² on a long hostile one.
  if (!target || target.length > MAX_TARGET) return undefined;
  if (/^https?:\/\//i.test(target)) {
    try {
      return { kind: 'link', href: new URL(target).href };
    } catch {
      return undefined;
    }
  }
  const local = /^#(d\d+[A-Za-z]?)(?:fn\S*)?$/.exec(target);
  if (local) return docTarget(volume.slug, local[1]!);
  const remote = /^(frus[\w.-]*?)#(d\d+[A-Za-z]?)(?:fn\S*)?$/i.exec(target);
  if (remote) {
    const doc = docTarget(remote[1]!.toLowerCase(), remote[2]!);
    // Another volume may never be ingested: its page on history.state.gov stands in until it is
    // (spelt as the target spells it: the site's volume ids are case-sensitive, frus1917-72PubDip).
    return doc && { ...doc, href: `${HSG_BASE}/${encodeURIComponent(remote[1]!)}/${encodeURIComponent(remote[2]!)}` };
  }
  const page = /^(frus[\w.-]*?)?#(pg_[\w-]+)$/i.exec(target);
  if (page) return { kind: 'link', href: `${HSG_BASE}/${encodeURIComponent(page[1] ?? volume.id)}/${encodeURIComponent(page[2]!)}` };
  const whole = /^(frus[\w-]+?)(?:fn\w*)?(?:#.*)?$/i.exec(target);
  if (whole) return { kind: 'link', href: `${HSG_BASE}/${encodeURIComponent(whole[1]!)}` };
  return undefined;
}

function docTarget(volumeSlug: string, docPart: string): RefTarget | undefined {
  const id = `${volumeSlug}-${docPart.toLowerCase()}`;
  return isValidId(id) ? { kind: 'doc', id } : undefined;
}

/** The history.state.gov page of a document, recorded as `source.url`. */
export function documentUrl(volume: VolumeInfo, xmlId: string): string {
  return `${HSG_BASE}/${encodeURIComponent(volume.id)}/${encodeURIComponent(xmlId)}`;
}

/** A person's entry in the volume's list of persons on history.state.gov, recorded on the person's listing. */
export function personsListUrl(volume: Pick<VolumeInfo, 'id'>, xmlId: string): string {
  return `${HSG_BASE}/${encodeURIComponent(volume.id)}/persons#${encodeURIComponent(xmlId)}`;
}
