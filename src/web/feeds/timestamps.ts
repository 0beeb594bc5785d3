/**
 * A store datestamp (`2026-11-27T22:00:00.123Z`) as sitemaps and Atom write it: UTC to the
 * second (`2026-11-27T22:00:00Z`). Both formats accept fractions, but readers differ on them and
 * a harvester compares these values as strings. Undefined when the value is no moment at all,
 * so a caller leaves the field out instead of publishing "Invalid Date".
 */
export function secondsUtc(datestamp: string): string | undefined {
  const ms = Date.parse(datestamp);
  if (Number.isNaN(ms)) return undefined;
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
