/**
 * JSON with object keys sorted at every level: two records that say the same thing give the
 * same text, whatever order an importer, a merge or an export happened to write their keys in.
 * Checksums are taken over this form.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}
