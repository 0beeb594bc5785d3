/**
 * markdown-it-footnote (ESM, untyped): a markdown-it plugin. DefinitelyTyped's types describe the
 * CommonJS build of markdown-it and do not fit its ESM types, so the one shape used is declared here.
 */
declare module 'markdown-it-footnote' {
  import type { PluginSimple } from 'markdown-it';
  const footnote: PluginSimple;
  export default footnote;
}
