import { chooseLocale, isLocale, type Locale } from "./locales";

/** The query parameter a link sets to open a page in the reader's language (the terms step's French block). */
export const LANG_PARAMETER = "lang";

/**
 * The language of a page outside the login: the link's `?lang=` when it names one we publish, else the browser's
 * `Accept-Language`, else the default. A `lang` we do not publish is ignored rather than refused: it only picks words.
 *
 * @example
 * pageLocale("fr", "en-GB"); // "fr"
 * pageLocale("xx", "fr-CA,en;q=0.5"); // "fr"
 */
export function pageLocale(lang: string | string[] | undefined, acceptLanguage: string | null | undefined): Locale {
  if (isLocale(lang)) return lang;
  return chooseLocale({ acceptLanguage });
}

/**
 * Request header the proxy sets on the published versions' pages to the language it chose (`pageLocale`), so the
 * root layout, which sees no query, writes the same `<html lang>` as the page's words. Set on every such request,
 * over any value the client sent.
 */
export const PAGE_LOCALE_HEADER = "x-page-locale";
