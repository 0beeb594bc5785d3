/**
 * Writing XML for the TEI and CMIF exports: escaped text and attributes, elements that vanish
 * when empty, and the characters XML 1.0 cannot hold taken out (OCR output and old word
 * processors leave form feeds and other control characters in transcriptions; one of them makes
 * the whole file unreadable to every XML parser).
 */

/** Characters XML 1.0 forbids: C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Text for element content or a double-quoted attribute value. */
export function xmlText(value: string): string {
  // A form feed or vertical tab separates words (a page ends): it becomes a space, not nothing.
  return value.replace(/[\u000B\u000C]/g, ' ').replace(NOT_XML, '').replace(/[&<>"]/g, (ch) => ESCAPES[ch]!);
}

export type XmlAttributes = Record<string, string | number | undefined>;

/** ` name="value"` for each attribute that has a value, in the order given. */
export function xmlAttributes(attributes: XmlAttributes = {}): string {
  let out = '';
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === '') continue;
    out += ` ${name}="${xmlText(String(value))}"`;
  }
  return out;
}

/** An element around already-written XML content; `<name/>` when there is none. */
export function xmlElement(name: string, attributes: XmlAttributes, content = ''): string {
  return content ? `<${name}${xmlAttributes(attributes)}>${content}</${name}>` : `<${name}${xmlAttributes(attributes)}/>`;
}

/** An element holding text, or nothing at all when the text is missing or blank. */
export function xmlTextElement(name: string, text: string | undefined, attributes: XmlAttributes = {}): string {
  return text && text.trim() ? xmlElement(name, attributes, xmlText(text)) : '';
}
