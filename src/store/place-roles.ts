import type { Gazetteer } from '../domain/gazetteer.js';
import type { Place } from '../domain/index.js';
import type { MapPlace } from './types.js';

/** How a document cites places by its own fields: the ids of its place written and of arrival. */
export interface PlaceCitation {
  id: string;
  written: string | null;
  received: string | null;
}

/**
 * A place page's documents with how each cites the place, told apart by `cited` (one row per
 * document): written there (its dateline), received there (a letter's place of arrival), or only
 * mentioning it. Every store links all three as `place`.
 */
export function withPlaceRoles<D extends { id: string; roles: string[] }>(place: string, documents: D[], cited: PlaceCitation[]): D[] {
  const byId = new Map(cited.map((c) => [c.id, c]));
  return documents.map((d) => {
    const roles: string[] = [];
    if (byId.get(d.id)?.written === place) roles.push('placeWritten');
    if (byId.get(d.id)?.received === place) roles.push('placeReceived');
    return { ...d, roles: roles.length ? roles : ['place'] };
  });
}

/** What a store counts per place for the map: documents citing it, of them written there, and received there but written elsewhere. */
export interface PlaceCountRow {
  id: string;
  name: string;
  lat: number | null;
  lon: number | null;
  total: number;
  written: number;
  received: number;
}

/** One place on the map; coordinates from the record or, failing that, the gazetteer (read lazily: `data` parses the record). */
export function toMapPlace(row: PlaceCountRow, data: () => Place, gazetteer: Gazetteer): MapPlace {
  const place: MapPlace = { id: row.id, name: row.name, written: row.written, received: row.received, mentioned: row.total - row.written - row.received };
  if (row.lat !== null && row.lon !== null) {
    Object.assign(place, { lat: row.lat, lon: row.lon, coordinates: 'record' });
  } else {
    const found = gazetteer.lookup(data());
    if (found) Object.assign(place, { lat: found.lat, lon: found.lon, coordinates: 'gazetteer' });
  }
  return place;
}
