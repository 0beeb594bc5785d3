import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Feature, FeatureCollection, Geometry, MultiLineString, Position } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { hashOf } from '../assets.js';
import { MAP_HEIGHT, MAP_WIDTH, project } from './projection.js';

/**
 * The world base map as an SVG file, drawn once from Natural Earth's 1:110m countries
 * (world-atlas, ISC; Natural Earth is in the public domain) — no tile server, no network. It is
 * served as a cacheable file (/assets/world.svg) that map pages show under their markers, so the
 * 50 kB of coastline is downloaded once, not with every page.
 */
const requireJson = createRequire(import.meta.url);

/** Land south of this is Antarctica, which the map's frame leaves out. */
const SOUTHERN_LIMIT = -56;

function drawRing(ring: [number, number][], shift: number): string {
  let out = '';
  let last = '';
  for (const [lon, lat] of ring) {
    const [x, y] = project(lon + shift, lat);
    const point = `${x.toFixed(1)} ${y.toFixed(1)}`;
    if (point === last) continue;
    out += (out ? 'L' : 'M') + point;
    last = point;
  }
  return out;
}

/**
 * One ring as path data. A ring that crosses the antimeridian (Chukotka, Fiji) is unwrapped so
 * its longitudes run on past ±180° instead of jumping round the world, then drawn twice, once on
 * each side; the frame clips what falls outside.
 */
function ringPath(ring: Position[], close: string): string {
  const unwrapped: [number, number][] = [];
  let offset = 0;
  let previous: number | undefined;
  for (const [lon, lat] of ring) {
    if (previous !== undefined && Math.abs(lon! - previous) > 180) offset += lon! > previous ? -360 : 360;
    unwrapped.push([lon! + offset, lat!]);
    previous = lon;
  }
  const lons = unwrapped.map(([lon]) => lon);
  let out = drawRing(unwrapped, 0) + close;
  if (Math.max(...lons) > 180) out += drawRing(unwrapped, -360) + close;
  if (Math.min(...lons) < -180) out += drawRing(unwrapped, 360) + close;
  return out;
}

function inFrame(polygon: Position[][]): boolean {
  return polygon[0]!.some(([, lat]) => lat! > SOUTHERN_LIMIT);
}

function geometryPath(geometry: Geometry | null, closed: boolean): string {
  if (!geometry) return '';
  const z = closed ? 'Z' : '';
  switch (geometry.type) {
    case 'Polygon':
      return inFrame(geometry.coordinates) ? geometry.coordinates.map((r) => ringPath(r, z)).join('') : '';
    case 'MultiPolygon':
      return geometry.coordinates.filter(inFrame).flatMap((p) => p.map((r) => ringPath(r, z))).join('');
    case 'LineString':
      return ringPath(geometry.coordinates, '');
    case 'MultiLineString':
      return geometry.coordinates.filter((line) => line.some(([, lat]) => lat! > SOUTHERN_LIMIT)).map((r) => ringPath(r, '')).join('');
    default:
      return '';
  }
}

export interface WorldSvg {
  svg: string;
  hash: string;
  href: string;
}

let cached: WorldSvg | undefined;

export function worldSvg(): WorldSvg {
  if (cached) return cached;
  const file = requireJson.resolve('world-atlas/countries-110m.json');
  const topology = JSON.parse(readFileSync(file, 'utf8')) as Topology<{ countries: GeometryCollection; land: GeometryCollection }>;
  const land = feature(topology, topology.objects.land) as FeatureCollection | Feature;
  const landFeatures = 'features' in land ? land.features : [land];
  const landPath = landFeatures.map((f) => geometryPath(f.geometry, true)).join('');
  const borders = mesh(topology, topology.objects.countries, (a, b) => a !== b) as MultiLineString;
  const borderPath = geometryPath(borders, false);
  // Colours follow the page's light/dark scheme: an SVG shown as an image still sees the
  // reader's prefers-color-scheme, though not the page's CSS.
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${MAP_WIDTH} ${MAP_HEIGHT}" width="${MAP_WIDTH}" height="${MAP_HEIGHT}">
<style>.sea{fill:#dfe8ef}.land{fill:#efe9dc;stroke:#9a927f;stroke-width:.5}.border{fill:none;stroke:#b5ad9a;stroke-width:.4}
@media (prefers-color-scheme:dark){.sea{fill:#1b2530}.land{fill:#2d3038;stroke:#5d6270}.border{stroke:#4a4f5a}}</style>
<rect class="sea" width="${MAP_WIDTH}" height="${MAP_HEIGHT}"/>
<path class="land" d="${landPath}"/>
<path class="border" d="${borderPath}"/>
</svg>
`;
  const hash = hashOf(svg);
  cached = { svg, hash, href: `/assets/world.svg?v=${hash}` };
  return cached;
}
