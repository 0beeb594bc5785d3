import { isElement, type XmlElement, type XmlNode } from './xml.js';

/**
 * The 2015 files lost the space at many element boundaries when they were re-indented:
 * `ESTEEMED MR.<persName>KENNEDY</persName>`, `Source:<hi>American Foreign Policy</hi>`,
 * `<hi>Foreign Relations,</hi>1952`. Where punctuation that normally takes a following space
 * meets a word at an element boundary, a space is put back. Only boundaries are touched, never
 * text inside one text node, so "U.S.S.R." or "1.5" stay as printed.
 */
export const PUNCT_BEFORE_BOUNDARY = /[.,:;]$/;
export const WORD_AFTER_ELEMENT_START = /^[\p{L}\p{N}“‘"(]/u;
export const WORD_AFTER_ELEMENT_END = /^\p{L}/u;
/**
 * The same re-indentation put line breaks inside inline elements: `(<persName>⏎ Austin⏎</persName>)`,
 * `<placeName>⏎Washington⏎</placeName>, …`. Whitespace from an element's edge is dropped
 * after an opening bracket and before closing punctuation, so these read "(Austin)" and
 * "Washington, …" as printed.
 */
export const OPENING = /[([“‘]$/;
export const CLOSING = /^[)\],.;:”’?!]/;

/** Text of a node with boundary spaces restored (see above); `lb` counts as a space. */
export function spacedText(node: XmlNode, skip?: (e: XmlElement) => boolean): string {
  if (typeof node === 'string') return node;
  if (skip?.(node)) return '';
  if (node.name === 'lb') return ' ';
  // Pieces joined once, and only the last character looked at: testing the whole text so far
  // at every child made a heading of many elements cost n².
  const parts: string[] = [];
  // No piece is ever empty, so the last character is the last piece's.
  const last = (): string => parts[parts.length - 1]?.slice(-1) ?? '';
  let afterElement = false;
  for (const child of node.children) {
    const piece = spacedText(child, skip);
    if (!piece) continue;
    let add = piece;
    if (isElement(child)) {
      if (OPENING.test(last())) add = add.trimStart();
      else if (PUNCT_BEFORE_BOUNDARY.test(last()) && WORD_AFTER_ELEMENT_START.test(add)) parts.push(' ');
      afterElement = true;
    } else {
      if (afterElement && CLOSING.test(add)) trimEndOf(parts);
      else if (afterElement && PUNCT_BEFORE_BOUNDARY.test(last()) && WORD_AFTER_ELEMENT_END.test(add)) parts.push(' ');
      afterElement = false;
    }
    if (add) parts.push(add);
  }
  return parts.join('');
}

/** Trims trailing whitespace off pieces that will be joined. */
function trimEndOf(parts: string[]): void {
  while (parts.length) {
    const trimmed = parts[parts.length - 1]!.trimEnd();
    if (trimmed) {
      parts[parts.length - 1] = trimmed;
      return;
    }
    parts.pop();
  }
}
