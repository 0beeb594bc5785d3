/**
 * The one way HTML is made in src/web: the `html` tagged template escapes every interpolated
 * value unless it is already a {@link SafeHtml} fragment (the result of another `html` call, or a
 * value explicitly passed through {@link trustedHtml}). Building pages only with `html` means an
 * unescaped title or query cannot be forgotten: concatenating strings by hand is the only way to
 * get raw markup in, and reviewers can grep for `trustedHtml`.
 */

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Anything a template may interpolate. Arrays are joined; null, undefined and false render as nothing. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for use in element content and in quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (value === null || value === undefined || value === false || value === true) return '';
  if (typeof value === 'number') return escapeHtml(String(value));
  if (Array.isArray(value)) {
    let out = '';
    for (const item of value as readonly HtmlValue[]) out += render(item);
    return out;
  }
  // Strings, and anything that slipped past the types, are text.
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) {
    out += render(values[i]);
    out += strings[i + 1] ?? '';
  }
  return new SafeHtml(out);
}

/**
 * Marks a string as markup without escaping it. Only for text that is HTML by construction
 * (a store snippet after {@link sanitizeSnippet}); never for user input.
 */
export function trustedHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** Joins fragments with a separator (itself escaped unless safe). */
export function joinHtml(items: readonly HtmlValue[], separator: HtmlValue = ''): SafeHtml {
  const sep = render(separator);
  return new SafeHtml(items.map(render).join(sep));
}

/**
 * Search snippets arrive HTML-escaped with matches in `<mark>` (CONTRACT.md). They are inserted
 * as markup, so this re-checks that promise instead of trusting it: every tag other than a bare
 * `<mark>`/`</mark>` is escaped, and a stray `&` that does not start an entity becomes `&amp;`.
 * Already-correct snippets pass through unchanged.
 */
export function sanitizeSnippet(snippet: string): SafeHtml {
  const parts = snippet.split(/(<\/?mark>)/);
  let open = 0;
  let out = '';
  for (const part of parts) {
    if (part === '<mark>') {
      open++;
      out += part;
    } else if (part === '</mark>') {
      if (open > 0) {
        open--;
        out += part;
      }
    } else {
      out += escapeLooseText(part);
    }
  }
  // An unclosed <mark> would swallow the rest of the page's styling.
  out += '</mark>'.repeat(open);
  return new SafeHtml(out);
}

/** Percent-encodes one path segment (an id or slug) for a URL. */
export function pathSegment(value: string): string {
  return encodeURIComponent(value);
}

/**
 * Returns the URL when it is safe to put in an `href` taken from source data: http(s), mailto,
 * or a site-relative path/fragment. Anything else (javascript:, data:, protocol-relative) is
 * refused, so a hostile import cannot plant a script link.
 */
export function safeHref(url: string): string | null {
  const trimmed = url.trim();
  if (trimmed === '') return null;
  if (/^#/.test(trimmed)) return trimmed;
  if (/^\/(?![/\\])/.test(trimmed)) return trimmed;
  if (/^(?:https?:\/\/[^/\s]|mailto:)/i.test(trimmed)) {
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(trimmed)) return null;
    return trimmed.replace(/ /g, '%20');
  }
  return null;
}

/**
 * Formatted text from citeproc-js (its HTML output escapes the item's text and adds a few
 * tags): only `<i>`, `<b>` and their closing tags are kept, every other tag (the entry `<div>`,
 * `<span style>` that the CSP would refuse anyway) is dropped, and text is re-escaped as for
 * snippets. Unclosed tags are closed.
 */
export function sanitizeFormatted(markup: string): SafeHtml {
  const parts = markup.split(/(<[^>]*>)/);
  const open: string[] = [];
  let out = '';
  for (const part of parts) {
    const tag = /^<(\/?)(i|b)>$/.exec(part);
    if (tag) {
      if (!tag[1]) {
        open.push(tag[2]!);
        out += part;
      } else if (open.at(-1) === tag[2]) {
        open.pop();
        out += part;
      }
    } else if (part.startsWith('<') && part.endsWith('>')) {
      // dropped
    } else {
      out += escapeLooseText(part);
    }
  }
  while (open.length) out += `</${open.pop()}>`;
  return new SafeHtml(out.trim());
}

/** Text from an HTML fragment: entities that are already entities stay, anything else is escaped. */
function escapeLooseText(text: string): string {
  return text
    .replace(/&(?!(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
