/**
 * Authority identifiers (GND, GeoNames, VIAF, Wikidata, PMB) as they appear in CMIF `@ref`, TEI
 * `idno` and CSV columns, in all the spellings real files use (http/https, with or without a
 * trailing slash, www.geonames.org vs sws.geonames.org, bare numbers). Entity ids are derived
 * from the authority (`gnd-118609807`, `geonames-2761369`), so the same person or place coming
 * from a CMIF file, a TEI letter and a CSV row becomes one record. Lives here because CMIF is the
 * authority-centred format; the TEI-letter and CSV importers import it from this module.
 */
export const AUTHORITY_SCHEMES = ['gnd', 'geonames', 'viaf', 'wikidata', 'pmb'] as const;
export type AuthorityScheme = (typeof AUTHORITY_SCHEMES)[number];

export interface AuthorityRef {
  scheme: AuthorityScheme;
  /** The identifier inside the authority ("118609807", "Q1794"). */
  id: string;
  /** The canonical URI, so equal ids always compare equal. */
  uri: string;
}

// GND numbers: digits with an optional check character (X), and the older "4042424-2" form.
// The DNB's own pages add "/about", "/about/html" or "/about/lds" to the record's URI.
const GND = /^https?:\/\/(?:d-nb\.info|lobid\.org)\/gnd\/([0-9]+[0-9Xx]?(?:-[0-9Xx])?)(?:\/about(?:\/[a-z]+)?)?\/?(?:\.json)?$/;
const GEONAMES = /^https?:\/\/(?:sws\.|www\.)?geonames\.org\/([0-9]+)(?:\/[^/]*)?\/?$/;
const VIAF = /^https?:\/\/(?:www\.)?viaf\.org\/viaf\/([0-9]+)\/?$/;
const WIKIDATA = /^https?:\/\/(?:www\.)?wikidata\.org\/(?:entity|wiki)\/(Q[0-9]+)\/?$/i;
const PMB = /^https?:\/\/pmb\.acdh\.oeaw\.ac\.at\/entity\/([0-9]+)\/?$/;

const BARE: Record<AuthorityScheme, RegExp> = {
  gnd: /^[0-9]+[0-9Xx]?(?:-[0-9Xx])?$/,
  geonames: /^[0-9]+$/,
  viaf: /^[0-9]+$/,
  wikidata: /^Q[0-9]+$/i,
  pmb: /^(?:pmb)?[0-9]+$/,
};

export function canonicalUri(scheme: AuthorityScheme, id: string): string {
  switch (scheme) {
    case 'gnd':
      return `https://d-nb.info/gnd/${id}`;
    case 'geonames':
      return `https://sws.geonames.org/${id}/`;
    case 'viaf':
      return `https://viaf.org/viaf/${id}`;
    case 'wikidata':
      return `http://www.wikidata.org/entity/${id}`;
    case 'pmb':
      return `https://pmb.acdh.oeaw.ac.at/entity/${id}/`;
  }
}

/**
 * Reads an authority reference. A bare identifier is accepted when the caller says which
 * authority a column holds (`bareScheme`). Malformed references ("…/gnd/", "geonames.org/www.
 * geonames.org/", "…/4238480-1/") give null: a wrong id would merge unrelated entities, a missing
 * one only leaves the entity unmerged.
 */
export function parseAuthority(ref: string | undefined, bareScheme?: AuthorityScheme): AuthorityRef | null {
  const value = ref?.trim();
  if (!value) return null;
  const make = (scheme: AuthorityScheme, raw: string): AuthorityRef => {
    const id = normalizeId(scheme, raw);
    return { scheme, id, uri: canonicalUri(scheme, id) };
  };
  let m = GND.exec(value);
  if (m) return make('gnd', m[1]!);
  m = GEONAMES.exec(value);
  if (m) return make('geonames', m[1]!);
  m = VIAF.exec(value);
  if (m) return make('viaf', m[1]!);
  m = WIKIDATA.exec(value);
  if (m) return make('wikidata', m[1]!);
  m = PMB.exec(value);
  if (m) return make('pmb', m[1]!);
  if (bareScheme && BARE[bareScheme].test(value)) return make(bareScheme, value.replace(/^pmb/, ''));
  return null;
}

/**
 * Every authority in a reference attribute: TEI and CMIF allow several URIs, separated by white
 * space (`ref="https://d-nb.info/gnd/118540238 http://viaf.org/viaf/24602065"`). Those that are
 * not authority references are left out.
 */
export function parseAuthorities(refs: string | undefined): AuthorityRef[] {
  return (refs ?? '').split(/\s+/).flatMap((ref) => parseAuthority(ref) ?? []);
}

function normalizeId(scheme: AuthorityScheme, raw: string): string {
  if (scheme === 'gnd') return raw.toUpperCase();
  if (scheme === 'wikidata') return raw.toUpperCase();
  return raw;
}

/** The archive's entity id for an authority: `gnd-118609807`, `geonames-2761369`, `pmb-2121`. */
export function authorityEntityId(ref: AuthorityRef): string {
  return `${ref.scheme}-${ref.id.toLowerCase()}`;
}

/**
 * The preferred authority among several (a TEI back-matter entry can carry GND, Wikidata and
 * PMB ids at once): the order decides which one the entity id is derived from.
 */
export function preferredAuthority(refs: readonly AuthorityRef[], order: readonly AuthorityScheme[]): AuthorityRef | undefined {
  for (const scheme of order) {
    const found = refs.find((r) => r.scheme === scheme);
    if (found) return found;
  }
  return undefined;
}

/** `{gnd: uri, wikidata: uri}`; the first reference of each scheme wins. */
export function authorityRecord(refs: readonly AuthorityRef[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of refs) if (!(r.scheme in out)) out[r.scheme] = r.uri;
  return out;
}

/** Person ids prefer GND (what CMIF and the CSV use), place ids GeoNames. */
export const PERSON_AUTHORITY_ORDER: readonly AuthorityScheme[] = ['gnd', 'viaf', 'wikidata', 'pmb'];
export const PLACE_AUTHORITY_ORDER: readonly AuthorityScheme[] = ['geonames', 'wikidata', 'gnd', 'pmb'];
