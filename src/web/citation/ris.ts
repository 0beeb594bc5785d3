import type { CslDate, CslItem, CslName } from './csl.js';

function risName(name: CslName): string {
  return 'literal' in name ? name.literal : `${name.family}${name.given ? `, ${name.given}` : ''}`;
}

/** RIS dates are YYYY/MM/DD/ with empty parts for what is unknown. */
function risDate(date: CslDate | undefined): string | undefined {
  if (!date || !('date-parts' in date)) return undefined;
  const [y, m, d] = date['date-parts'][0] ?? [];
  if (y === undefined) return undefined;
  const two = (n: number | undefined) => (n === undefined ? '' : String(n).padStart(2, '0'));
  return `${String(y).padStart(4, '0')}/${two(m)}/${two(d)}/`;
}

/**
 * RIS (the format Zotero, EndNote and Mendeley import): `MANSCPT`, an unpublished manuscript,
 * like the CSL item. Tags are two letters, two spaces, a hyphen and a space; lines end CRLF as
 * the format's specification asks; no value may span lines.
 */
export function toRis(item: CslItem): string {
  const lines: [string, string][] = [['TY', 'MANSCPT']];
  for (const a of item.author ?? []) lines.push(['AU', risName(a)]);
  lines.push(['TI', item.title]);
  const date = risDate(item.issued);
  if (date) {
    lines.push(['PY', date.slice(0, 4)]);
    lines.push(['DA', date]);
  }
  if (item.genre) lines.push(['M3', item.genre]);
  if (item.recipient?.length) lines.push(['N1', `To ${item.recipient.map(risName).join('; ')}`]);
  if (item.archive) lines.push(['PB', item.archive]);
  if (item.archive_location) lines.push(['AV', item.archive_location]);
  if (item.archive_collection) lines.push(['T2', item.archive_collection]);
  if (item.language) lines.push(['LA', item.language]);
  if (item.abstract) lines.push(['AB', item.abstract]);
  lines.push(['DB', item.source ?? 'Archivum']);
  lines.push(['UR', item.URL]);
  const accessed = risDate(item.accessed);
  if (accessed) lines.push(['Y2', accessed]);
  lines.push(['ID', item.id]);
  return `${lines.map(([tag, value]) => `${tag}  - ${value.replace(/[\r\n]+/g, ' ').trim()}`).join('\r\n')}\r\nER  - \r\n`;
}
