import { slugify, type Person, type Place } from '../../domain/index.js';
import {
  type AuthorityRef,
  authorityEntityId,
  authorityRecord,
  canonicalUri,
  parseAuthority,
  PERSON_AUTHORITY_ORDER,
  PLACE_AUTHORITY_ORDER,
  preferredAuthority,
} from '../cmif/authority.js';
import { attr, childElements, firstChild, text, type XElement } from '../xml/tree.js';

/**
 * An entity of the edition's register (PMB, "Personen der Moderne Basis"), as found in a
 * letter's back matter or in the index files. Organisations are kept as people: the archive
 * has no organisation kind, and correspondence metadata (CMIF, correspSearch) treats a
 * newspaper's editors or a theatre as a correspondent like any person.
 */
export interface EditionEntity {
  kind: 'person' | 'place' | 'org';
  /** "pmb2121", as in `@xml:id` and `ref="#pmb2121"`. */
  pmb: string;
  name: string;
  altNames: string[];
  authorities: AuthorityRef[];
  lat?: number;
  lon?: number;
  birth?: string;
  death?: string;
  role?: string;
}

const ALT_NAME_LIMIT = 12;

/** Reads a `person`, `place` or `org` register entry; null when it has no id or no name. */
export function readRegisterEntry(el: XElement): EditionEntity | null {
  const pmb = attr(el, 'xml:id');
  if (!pmb) return null;
  const kind = el.name === 'place' ? 'place' : el.name === 'org' ? 'org' : 'person';
  const nameTag = kind === 'place' ? 'placeName' : kind === 'org' ? 'orgName' : 'persName';
  const nameEls = childElements(el, nameTag);
  const primary = nameEls.find((n) => !attr(n, 'type') || attr(n, 'type') === 'pref') ?? nameEls[0];
  const name = kind === 'person' ? personName(primary) : text(primary);
  if (!name) return null;
  const altNames: string[] = [];
  for (const n of nameEls) {
    const alt = kind === 'person' ? personName(n) : text(n);
    if (alt && alt !== name && !altNames.includes(alt) && attr(n, 'type') !== 'werk_link' && altNames.length < ALT_NAME_LIMIT) altNames.push(alt);
  }
  // Only the entry's own idno children: those inside <location> describe the place it is in.
  const authorities: AuthorityRef[] = [];
  const pmbNumber = /^pmb([0-9]+)$/.exec(pmb)?.[1];
  if (pmbNumber) authorities.push({ scheme: 'pmb', id: pmbNumber, uri: canonicalUri('pmb', pmbNumber) });
  for (const idno of childElements(el, 'idno')) {
    const scheme = attr(idno, 'subtype') ?? attr(idno, 'type');
    if (scheme && !['gnd', 'd-nb', 'geonames', 'wikidata', 'viaf', 'URL', 'URI'].includes(scheme)) continue;
    const ref = parseAuthority(text(idno));
    if (ref) authorities.push(ref);
  }
  uniqueAuthorities(authorities);
  const entity: EditionEntity = { kind, pmb, name, altNames, authorities };
  if (kind === 'place') {
    const coords = childElements(el, 'location').find((l) => attr(l, 'type') === 'coords' || !attr(l, 'type'));
    const geo = parseGeo(text(firstChild(coords, 'geo')));
    if (geo) Object.assign(entity, geo);
  }
  if (kind === 'person') {
    const birth = attr(firstChild(firstChild(el, 'birth'), 'date'), 'when');
    const death = attr(firstChild(firstChild(el, 'death'), 'date'), 'when');
    if (birth) entity.birth = birth;
    if (death) entity.death = death;
    const roles = childElements(el, 'occupation').map((o) => text(o)).filter(Boolean);
    if (roles.length) entity.role = roles.join(', ');
  }
  return entity;
}

/** "Schnitzler, Arthur" from surname/forename, whatever their order in the file. */
function personName(el: XElement | undefined): string {
  if (!el) return '';
  const surname = text(firstChild(el, 'surname'));
  const forename = text(firstChild(el, 'forename'));
  if (surname && forename) return `${surname}, ${forename}`;
  return surname || forename || text(el);
}

/** PMB writes "48,208333 16,373056": decimal commas, latitude first. */
export function parseGeo(value: string): { lat: number; lon: number } | null {
  const m = /^(-?[0-9]+(?:[.,][0-9]+)?)\s+(-?[0-9]+(?:[.,][0-9]+)?)$/.exec(value.trim());
  if (!m) return null;
  const lat = Number(m[1]!.replace(',', '.'));
  const lon = Number(m[2]!.replace(',', '.'));
  if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) return null;
  return { lat, lon };
}

/** Drops repeated references, keeping the first of each, in place (a Set: an entry may list thousands). */
function uniqueAuthorities(refs: AuthorityRef[]): void {
  const seen = new Set<string>();
  let kept = 0;
  for (const ref of refs) {
    const key = `${ref.scheme}:${ref.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    refs[kept++] = ref;
  }
  refs.length = kept;
}

/** Combines what the letter's back matter and the index files say about one entity. */
export function mergeEntities(a: EditionEntity | undefined, b: EditionEntity | undefined): EditionEntity | undefined {
  if (!a || !b) return a ?? b;
  const authorities = [...a.authorities, ...b.authorities];
  uniqueAuthorities(authorities);
  const altNames = [...a.altNames];
  for (const n of [b.name, ...b.altNames]) if (n !== a.name && !altNames.includes(n) && altNames.length < ALT_NAME_LIMIT) altNames.push(n);
  return { ...b, ...a, authorities, altNames, lat: a.lat ?? b.lat, lon: a.lon ?? b.lon };
}

/**
 * The archive id: people and organisations by GND when they have it (so Schnitzler here and in
 * every CMIF file is one person), places by GeoNames (as in CMIF); otherwise the PMB id. An
 * entry known only by the edition's own id ("#P_goethe") is that id within the edition
 * (`scope`): another edition's "#P1" is someone else.
 */
export function entityId(entity: EditionEntity, scope = ''): string {
  const order = entity.kind === 'place' ? PLACE_AUTHORITY_ORDER : PERSON_AUTHORITY_ORDER;
  const preferred = preferredAuthority(entity.authorities, order);
  if (preferred) return authorityEntityId(preferred);
  return (entity.pmb && slugify(`${scope}-${entity.pmb}`, 160)) || slugify(entity.name);
}

export function toPersonRecord(entity: EditionEntity, scope = ''): Person {
  const person: Person = { id: entityId(entity, scope), name: entity.name, authorities: authorityRecord(entity.authorities) };
  if (entity.altNames.length) person.altNames = entity.altNames;
  if (entity.birth) person.birth = entity.birth;
  if (entity.death) person.death = entity.death;
  if (entity.role) person.role = entity.role;
  return person;
}

export function toPlaceRecord(entity: EditionEntity, scope = ''): Place {
  const place: Place = { id: entityId(entity, scope), name: entity.name, authorities: authorityRecord(entity.authorities) };
  if (entity.altNames.length) place.altNames = entity.altNames;
  if (entity.lat !== undefined && entity.lon !== undefined) {
    place.lat = entity.lat;
    place.lon = entity.lon;
  }
  return place;
}

/** "#pmb2121 #pmb50" → ["pmb2121", "pmb50"]; refs are sometimes written without "#", or "pmb:2121". */
export function pmbRefs(ref: string | undefined): string[] {
  return (ref ?? '').split(/\s+/).flatMap((r) => /^#?pmb:?([0-9]+)$/.exec(r)?.[1] ?? []).map((n) => `pmb${n}`);
}

/**
 * What a name's `@ref` (or `@key`) points to, in the order given: register entries by local id
 * ("#pmb2121", "pmb:2121", "#P_goethe", a PMB URI), and the entity the name itself identifies by
 * authority URIs (`ref="https://d-nb.info/gnd/118540238 http://viaf.org/viaf/24602065"`: one
 * entity, however many URIs). `name` and `kind` describe that last one.
 */
export function resolveRefs(
  ref: string | undefined,
  name: string,
  kind: EditionEntity['kind'],
  lookup: (id: string) => EditionEntity | undefined,
): EditionEntity[] {
  const out: EditionEntity[] = [];
  const authorities: AuthorityRef[] = [];
  for (const token of (ref ?? '').split(/\s+/)) {
    if (!token) continue;
    const authority = parseAuthority(token);
    const local = authority?.scheme === 'pmb' ? `pmb${authority.id}` : authority ? undefined : (pmbRefs(token)[0] ?? (token.startsWith('#') ? token.slice(1) : undefined));
    const entry = local ? lookup(local) : undefined;
    if (entry) out.push(entry);
    // A person's GeoNames id or a place's VIAF id is a slip in the file, not an identity (as in CMIF).
    else if (authority && authority.scheme !== (kind === 'place' ? 'viaf' : 'geonames')) authorities.push(authority);
  }
  uniqueAuthorities(authorities);
  if (authorities.length && name) out.push({ kind, pmb: '', name, altNames: [], authorities });
  return out;
}
