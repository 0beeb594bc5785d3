import type { MapPlace } from '../../store/types.js';
import { project } from './projection.js';

export interface PlacedPlace extends MapPlace {
  lat: number;
  lon: number;
  x: number;
  y: number;
  count: number;
}

export interface Cluster {
  x: number;
  y: number;
  count: number;
  /** Biggest first. */
  places: PlacedPlace[];
}

/**
 * Greedy clustering in map units: places are taken biggest first, and each joins the first
 * cluster whose centre is within `radius`, else starts its own. Deterministic, and good enough
 * for a few thousand places; a cluster sits on its biggest place (Washington, not somewhere in
 * Virginia between Washington and Hyannis Port).
 */
export function clusterPlaces(places: PlacedPlace[], radius: number): Cluster[] {
  const clusters: Cluster[] = [];
  const sorted = [...places].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  for (const place of sorted) {
    const near = clusters.find((c) => Math.hypot(c.x - place.x, c.y - place.y) <= radius);
    if (near) {
      near.places.push(place);
      near.count += place.count;
    } else {
      clusters.push({ x: place.x, y: place.y, count: place.count, places: [place] });
    }
  }
  return clusters;
}

export const PLACE_KINDS = ['all', 'written', 'received', 'mentioned'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

/** The documents of one kind at a place: written there, received there, mentioning it, or all of them. */
export function placeCount(p: MapPlace, kind: PlaceKind): number {
  return kind === 'all' ? p.written + p.received + p.mentioned : p[kind];
}

/** Places with coordinates, projected, counted by kind; places with no documents of that kind are left out. */
export function placePlaces(places: MapPlace[], kind: PlaceKind): PlacedPlace[] {
  return places.flatMap((p) => {
    if (p.lat === undefined || p.lon === undefined) return [];
    const count = placeCount(p, kind);
    if (count === 0) return [];
    const [x, y] = project(p.lon, p.lat);
    return [{ ...p, lat: p.lat, lon: p.lon, x, y, count }];
  });
}
