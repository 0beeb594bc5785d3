/**
 * The Natural Earth I projection (Šavrič, Jenny, Patterson, Petrovič and Hurni 2011), the
 * polynomial d3-geo's geoNaturalEarth1 uses: a compromise projection that keeps the continents
 * recognisable without the polar stretching of equirectangular or Mercator. Twelve lines instead
 * of a dependency.
 */
export function naturalEarth(lonDeg: number, latDeg: number): [number, number] {
  const lambda = (lonDeg * Math.PI) / 180;
  const phi = (latDeg * Math.PI) / 180;
  const p2 = phi * phi;
  const p4 = p2 * p2;
  const x = lambda * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4)));
  const y = phi * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)));
  return [x, y];
}

/** The map's frame: what part of the world is drawn and at what size. */
export const MAP_WIDTH = 960;
/** Antarctica and the high Arctic hold no places of writing: leaving them out gives the rest room. */
const NORTH = 84;
const SOUTH = -58;

const [X_MAX] = naturalEarth(180, 0);
const [, Y_NORTH] = naturalEarth(0, NORTH);
const [, Y_SOUTH] = naturalEarth(0, SOUTH);
const SCALE = MAP_WIDTH / (2 * X_MAX);
export const MAP_HEIGHT = Math.round((Y_NORTH - Y_SOUTH) * SCALE);

/** Longitude/latitude → SVG user units in a MAP_WIDTH × MAP_HEIGHT box (y grows downwards). */
export function project(lon: number, lat: number): [number, number] {
  const [x, y] = naturalEarth(lon, Math.max(SOUTH - 10, Math.min(NORTH + 5, lat)));
  return [MAP_WIDTH / 2 + x * SCALE, (Y_NORTH - y) * SCALE];
}
