/**
 * Languages are stored as BCP 47 tags where one can be told ("en", "de-AT"), so "English",
 * "english" and "en" are one facet value; pages and facets show the English name.
 */
const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** Names of common source languages (English and native), for records that name rather than code a language. */
const NAME_TO_CODE: Record<string, string> = {
  english: 'en', russian: 'ru', german: 'de', french: 'fr', spanish: 'es', italian: 'it',
  portuguese: 'pt', chinese: 'zh', japanese: 'ja', korean: 'ko', polish: 'pl', czech: 'cs',
  hungarian: 'hu', romanian: 'ro', bulgarian: 'bg', serbian: 'sr', croatian: 'hr', slovak: 'sk',
  ukrainian: 'uk', vietnamese: 'vi', arabic: 'ar', hebrew: 'he', persian: 'fa', farsi: 'fa', turkish: 'tr',
  dutch: 'nl', swedish: 'sv', norwegian: 'no', danish: 'da', finnish: 'fi', greek: 'el',
  latin: 'la', mongolian: 'mn', albanian: 'sq', hindi: 'hi', yiddish: 'yi', estonian: 'et',
  latvian: 'lv', lithuanian: 'lt', slovenian: 'sl', macedonian: 'mk', indonesian: 'id',
  deutsch: 'de', français: 'fr', francais: 'fr', español: 'es', italiano: 'it', português: 'pt',
  polski: 'pl', čeština: 'cs', magyar: 'hu', русский: 'ru', українська: 'uk', latina: 'la',
  nederlands: 'nl', svenska: 'sv', englisch: 'en', russisch: 'ru', französisch: 'fr',
};

const BCP47 = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i;

function isTagShaped(value: string): boolean {
  return BCP47.test(value) && (value.length <= 3 || value.includes('-'));
}

/**
 * Remembers `compute` per input. Every record of an import names the same few languages, and
 * the Intl look-ups cost microseconds each; the memory is emptied when full, so a hostile input
 * with a million distinct languages cannot grow it.
 */
function remembered<T>(compute: (value: string) => T): (value: string) => T {
  const known = new Map<string, T>();
  return (value) => {
    const hit = known.get(value);
    if (hit !== undefined || known.has(value)) return hit as T;
    if (known.size >= 1000) known.clear();
    const result = compute(value);
    known.set(value, result);
    return result;
  };
}

/**
 * The BCP 47 tag for a language as records give it ("ru", "de-AT", "Russian"), or undefined
 * when it cannot be told — a wrong `lang` is worse than none for screen readers and hyphenation.
 */
export function languageTag(language: string | undefined): string | undefined {
  return language ? knownLanguageTag(language) : undefined;
}

const knownLanguageTag = remembered((language: string): string | undefined => {
  const value = language.trim();
  if (isTagShaped(value)) {
    try {
      return Intl.getCanonicalLocales(value)[0];
    } catch {
      return undefined;
    }
  }
  const name = value.toLowerCase();
  // Own names only: "constructor" or "__proto__" is no language.
  return Object.hasOwn(NAME_TO_CODE, name) ? NAME_TO_CODE[name] : undefined;
});

/** What is stored: the tag when one can be told, else the language as written. */
export function normalizeLanguage(language: string): string {
  return languageTag(language) ?? language.trim();
}

/** A language for display: "ru" → "Russian"; names are kept as written. */
export const languageName = remembered((language: string): string => {
  const value = language.trim();
  if (isTagShaped(value)) {
    try {
      const name = LANGUAGE_NAMES.of(value);
      if (name) return name;
    } catch {
      // Not a valid tag after all: show it as written.
    }
  }
  return value;
});
