import type { Inline } from '../../domain/index.js';

/**
 * Inline-content helpers shared by the body conversion: whitespace normalization and the
 * character probes the boundary-spacing rules (text.ts) need.
 */

/** Removes whitespace at the end of inline content (descending into the last mark). */
export function trimEnd(nodes: Inline[]): void {
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i]!;
    if (typeof n === 'string') {
      const t = n.trimEnd();
      nodes[i] = t;
      if (t) return;
      continue;
    }
    if (n.kind === 'lb' || n.kind === 'noteRef' || n.kind === 'pb') return;
    trimEnd(n.children);
    if (n.children.some((c) => typeof c !== 'string' || c !== '')) return;
  }
}

/** Removes whitespace at the start of inline content (descending into the first mark). */
export function trimStart(nodes: Inline[]): void {
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    if (typeof n === 'string') {
      const t = n.trimStart();
      nodes[i] = t;
      if (t) return;
      continue;
    }
    if (n.kind === 'lb' || n.kind === 'noteRef' || n.kind === 'pb') return;
    trimStart(n.children);
    if (n.children.some((c) => typeof c !== 'string' || c !== '')) return;
  }
}

export function hasContent(nodes: Inline[]): boolean {
  return nodes.some((n) => typeof n !== 'string' || n.trim() !== '');
}

export function lastChar(nodes: Inline[]): string {
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i]!;
    if (typeof n === 'string') {
      if (n.length) return n[n.length - 1]!;
      continue;
    }
    if (n.kind === 'lb') return '\n';
    if (n.kind === 'noteRef' || n.kind === 'pb') return '';
    const c = lastChar(n.children);
    if (c) return c;
  }
  return '';
}

export function firstChar(nodes: Inline[]): string {
  for (const n of nodes) {
    if (typeof n === 'string') {
      if (n.length) return n[0]!;
      continue;
    }
    if (n.kind === 'lb' || n.kind === 'noteRef' || n.kind === 'pb') return '';
    const c = firstChar(n.children);
    if (c) return c;
  }
  return '';
}

/**
 * Source whitespace (line wrapping, indentation) becomes single spaces; spaces at the start and
 * end of a block and around line breaks go; empty marks go; adjacent strings merge. Works in
 * place: every inline array here was freshly built by this module.
 */
export function normalizeInlines(nodes: Inline[]): Inline[] {
  collapseForward(nodes, { flag: true });
  trimBackward(nodes, { flag: true });
  return prune(nodes);
}

/** Whitespace other than single spaces (source line breaks and indentation). */
const NEEDS_COLLAPSE = /[\t\n\r\f]| {2}/;

/** Collapses whitespace and drops a space that follows a space (flag: the text so far ends in one). */
function collapseForward(list: Inline[], state: { flag: boolean }): void {
  for (let i = 0; i < list.length; i++) {
    const n = list[i]!;
    if (typeof n === 'string') {
      let s = NEEDS_COLLAPSE.test(n) ? n.replace(/\s+/g, ' ') : n;
      if (state.flag && s.charCodeAt(0) === 32) s = s.slice(1);
      if (s.length) state.flag = s.charCodeAt(s.length - 1) === 32;
      list[i] = s;
    } else if (n.kind === 'lb') state.flag = true;
    else if (n.kind !== 'noteRef' && n.kind !== 'pb') collapseForward(n.children, state);
  }
}

/**
 * Drops the space before a line break or the end (flag: nothing but breaks follow), and before
 * a footnote marker that is followed by a space or closing punctuation: markers attach to the
 * word before them ("(Tab B <note/>)" reads "(Tab B³)"). `next` is the first character after.
 */
function trimBackward(list: Inline[], state: { flag: boolean; next?: string }): void {
  for (let i = list.length - 1; i >= 0; i--) {
    const n = list[i]!;
    if (typeof n === 'string') {
      const s = state.flag && n.charCodeAt(n.length - 1) === 32 ? n.slice(0, -1) : n;
      if (s.length) {
        state.flag = false;
        state.next = s[0];
      }
      list[i] = s;
    } else if (n.kind === 'lb') {
      state.flag = true;
      state.next = '\n';
    } else if (n.kind === 'noteRef') state.flag = state.next === undefined || /[\s)\].,;:!?”’]/.test(state.next);
    else if (n.kind !== 'pb') trimBackward(n.children, state);
  }
}

function prune(list: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const n of list) {
    if (typeof n === 'string') {
      if (!n) continue;
      const last = out.length - 1;
      const prev = out[last];
      if (typeof prev === 'string') out[last] = prev + n;
      else out.push(n);
      continue;
    }
    if (n.kind === 'lb') {
      // A line break at the very start (or end, below) of content shows nothing but a gap.
      if (out.length) out.push(n);
      continue;
    }
    if (n.kind === 'noteRef' || n.kind === 'pb') {
      out.push(n);
      continue;
    }
    n.children = prune(n.children);
    if (n.children.length) out.push(n);
  }
  while (out.length) {
    const last = out[out.length - 1]!;
    if (typeof last === 'string' || last.kind !== 'lb') break;
    out.pop();
  }
  return out;
}
