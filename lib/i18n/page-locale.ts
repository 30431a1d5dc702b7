import { chooseLocale, DEFAULT_LOCALE, isLocale, type Locale } from "./locales";

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
 * The pages written in English only (the product page, the user's history): whatever the reader's language, their
 * `<html lang>` is English, and so is the error view that replaces one of them when it fails.
 */
const ENGLISH_ONLY_PATHS: ReadonlySet<string> = new Set(["/", "/account/consents"]);

/**
 * The language of the page at `pathname`: English for the pages written in English only, else `pageLocale`'s
 * choice (the published versions, the error pages: 404, 500, a failed sign-in).
 */
export function pageLocaleAt(pathname: string, lang: string | undefined, acceptLanguage: string | null | undefined): Locale {
  return ENGLISH_ONLY_PATHS.has(pathname) ? DEFAULT_LOCALE : pageLocale(lang, acceptLanguage);
}

/**
 * Request header the proxy sets on every page it serves to the language it chose (`pageLocaleAt`), so the root
 * layout and the error pages, which see no query, write the same `<html lang>` as the page's words. Set on every
 * such request, over any value the client sent.
 */
export const PAGE_LOCALE_HEADER = "x-page-locale";
