/**
 * Engines mark matches with private control characters; the text around them is escaped here
 * and only then are the markers turned into <mark>, so nothing from a document can inject HTML.
 */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function markedSnippetToHtml(raw: string): string {
  const clean = raw.replace(/[\u0000\u0001\u0004-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/\s+/g, ' ').trim();
  let out = '';
  let open = false;
  for (const piece of clean.split(/([\u0002\u0003])/)) {
    if (piece === MARK_START) {
      if (!open) out += '<mark>';
      open = true;
    } else if (piece === MARK_END) {
      if (open) out += '</mark>';
      open = false;
    } else {
      out += escapeHtml(piece);
    }
  }
  return open ? out + '</mark>' : out;
}

/** A snippet for a hit with no text match (browsing): the opening of its best descriptive field. */
export function leadSnippet(text: string | undefined, maxLength = 240): string {
  if (!text) return '';
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= maxLength) return escapeHtml(flat);
  const cut = flat.slice(0, maxLength);
  const space = cut.lastIndexOf(' ');
  return escapeHtml((space > maxLength * 0.6 ? cut.slice(0, space) : cut) + '…');
}
