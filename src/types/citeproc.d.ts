/** The part of citeproc-js (npm `citeproc`, CommonJS, untyped) that Archivum uses. */
declare module 'citeproc' {
  namespace CSL {
    interface Sys {
      retrieveLocale(lang: string): string;
      retrieveItem(id: string): unknown;
    }
    class Engine {
      constructor(sys: Sys, style: string, lang?: string, forceLang?: boolean);
      setOutputFormat(format: 'text' | 'html' | 'rtf'): void;
      updateItems(ids: string[]): void;
      makeBibliography(): [unknown, string[]] | false;
    }
  }
  const CSL: { Engine: typeof CSL.Engine };
  export default CSL;
}
