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

function ringPath(ring: Position[]): string {
  let out = '';
  let last = '';
  for (let i = 0; i < ring.length; i++) {
    const [lon, lat] = ring[i]!;
    const [x, y] = project(lon!, lat!);
    const point = `${x.toFixed(1)} ${y.toFixed(1)}`;
    if (point === last) continue;
    out += (out ? 'L' : 'M') + point;
    last = point;
  }
  return out;
}

function geometryPath(geometry: Geometry | null, closed: boolean): string {
  if (!geometry) return '';
  const z = closed ? 'Z' : '';
  switch (geometry.type) {
    case 'Polygon':
      return geometry.coordinates.map((r) => ringPath(r) + z).join('');
    case 'MultiPolygon':
      return geometry.coordinates.flatMap((p) => p.map((r) => ringPath(r) + z)).join('');
    case 'LineString':
      return ringPath(geometry.coordinates);
    case 'MultiLineString':
      return geometry.coordinates.map((r) => ringPath(r)).join('');
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
