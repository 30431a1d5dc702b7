import { headers } from "next/headers";
import { DEFAULT_LOCALE, isLocale, type Locale } from "./locales";
import { PAGE_LOCALE_HEADER } from "./page-locale";

/** The language the proxy chose for this page (`pageLocaleAt`); the default where it does not run (`/denied`). */
export async function requestPageLocale(): Promise<Locale> {
  const value = (await headers()).get(PAGE_LOCALE_HEADER);
  return isLocale(value) ? value : DEFAULT_LOCALE;
}
