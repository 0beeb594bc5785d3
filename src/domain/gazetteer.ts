import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The bundled gazetteer (data/gazetteer.json): coordinates for places of writing that sources
 * name without coordinates (FRUS datelines say "Moscow", never where Moscow is). It is used at
 * read time, when a store lists places for the map: a record's own lat/lon always wins, and a
 * better gazetteer applies to documents already ingested without re-importing them.
 */
export interface GazetteerEntry {
  name: string;
  altNames?: string[];
  lat: number;
  lon: number;
  country?: string;
  geonames?: string;
}

export interface Coordinates {
  lat: number;
  lon: number;
}

/** data/ sits two levels above both src/domain/ and dist/domain/. */
const FILE = new URL('../../data/gazetteer.json', import.meta.url);

export class Gazetteer {
  private readonly byName = new Map<string, GazetteerEntry>();
  private readonly byGeonames = new Map<string, GazetteerEntry>();

  constructor(readonly entries: readonly GazetteerEntry[]) {
    for (const e of entries) {
      for (const name of [e.name, ...(e.altNames ?? [])]) if (!this.byName.has(placeKey(name))) this.byName.set(placeKey(name), e);
      if (e.geonames) this.byGeonames.set(e.geonames, e);
    }
  }

  /** Coordinates for a place record: by its GeoNames reference first, then by any of its names. */
  lookup(place: { id?: string; name: string; altNames?: string[]; authorities?: Record<string, string> }): Coordinates | undefined {
    const geonames = geonamesId(place.authorities?.geonames);
    const entry =
      (geonames ? this.byGeonames.get(geonames) : undefined) ??
      [place.name, ...(place.altNames ?? []), ...(place.id ? [place.id] : [])].map((n) => this.byName.get(placeKey(n))).find((e) => e !== undefined);
    return entry ? { lat: entry.lat, lon: entry.lon } : undefined;
  }
}

/** "Washington, D.C." and "washington-d-c" meet: case, accents and punctuation do not count. */
export function placeKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A GeoNames reference as sources write it: "524901", "geonames:524901", "https://www.geonames.org/524901/moscow.html". */
export function geonamesId(ref: string | undefined): string | undefined {
  if (!ref) return undefined;
  return /(?:^|geonames\.org\/|geonames:)(\d+)/i.exec(ref.trim())?.[1];
}

let cached: Gazetteer | undefined;

/** The bundled gazetteer, read once. */
export function bundledGazetteer(): Gazetteer {
  if (!cached) {
    const data = JSON.parse(readFileSync(fileURLToPath(FILE), 'utf8')) as { places: GazetteerEntry[] };
    cached = new Gazetteer(data.places);
  }
  return cached;
}
