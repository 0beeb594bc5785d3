import type { CslDate, CslItem, CslName } from './csl.js';

/** Characters TeX treats specially, escaped so a title like "50% & more" survives. */
function tex(value: string): string {
  return value
    .replace(/\\/g, '\\textbackslash{}')
    .replace(/([{}&%$#_])/g, '\\$1')
    .replace(/~/g, '\\textasciitilde{}')
    .replace(/\^/g, '\\textasciicircum{}')
    .replace(/[\r\n]+/g, ' ');
}

/** A literal name is braced so BibTeX keeps it whole instead of guessing first and last names. */
function bibName(name: CslName): string {
  return 'literal' in name ? `{${tex(name.literal)}}` : `${tex(name.family)}${name.given ? `, ${tex(name.given)}` : ''}`;
}

function nameText(name: CslName): string {
  return 'literal' in name ? name.literal : [name.given, name.family].filter(Boolean).join(' ');
}

function isoDate(date: CslDate | undefined): string | undefined {
  if (!date || !('date-parts' in date)) return undefined;
  const one = (parts: number[]) => parts.map((n, i) => String(n).padStart(i === 0 ? 4 : 2, '0')).join('-');
  const [start, end] = date['date-parts'];
  if (!start) return undefined;
  return end ? `${one(start)}/${one(end)}` : one(start);
}

/**
 * BibLaTeX `@unpublished` (plain BibTeX reads it too: year, month, note and url are all it
 * needs), keyed by the document id. The recipient and the archive go into `note`, where
 * unpublished correspondence is described in both Chicago and biblatex-chicago practice.
 */
export function toBibtex(item: CslItem): string {
  const fields: [string, string][] = [];
  if (item.author?.length) fields.push(['author', item.author.map(bibName).join(' and ')]);
  fields.push(['title', `{${tex(item.title)}}`]);
  const date = isoDate(item.issued);
  if (date) {
    fields.push(['date', date]);
    fields.push(['year', date.slice(0, 4)]);
    if (/^\d{4}-\d{2}/.test(date)) fields.push(['month', String(Number(date.slice(5, 7)))]);
  } else if (item.issued && 'literal' in item.issued) {
    fields.push(['year', tex(item.issued.literal)]);
  }
  if (item.genre) fields.push(['type', tex(item.genre)]);
  const note = [
    item.recipient?.length ? `To ${item.recipient.map(nameText).join(', ')}` : undefined,
    item.archive_location,
    item.archive_collection,
    item.archive,
  ].filter((v): v is string => Boolean(v));
  if (note.length) fields.push(['note', tex(note.join('. '))]);
  if (item.archive) fields.push(['archive', tex(item.archive)]);
  if (item.archive_location) fields.push(['archivelocation', tex(item.archive_location)]);
  if (item.language) fields.push(['langid', tex(item.language)]);
  fields.push(['url', item.URL]);
  const accessed = isoDate(item.accessed);
  if (accessed) fields.push(['urldate', accessed]);
  const key = item.id.replace(/[^A-Za-z0-9_.:-]/g, '-');
  return `@unpublished{${key},\n${fields.map(([k, v]) => `  ${k} = {${v}}`).join(',\n')}\n}\n`;
}
