import { headers } from "next/headers";
import { DEFAULT_LOCALE, isLocale, type Locale } from "./locales";
import { PAGE_LOCALE_HEADER } from "./page-locale";

/** The language the proxy chose for this page; the default where it chose none (every page but the versions'). */
export async function requestPageLocale(): Promise<Locale> {
  const value = (await headers()).get(PAGE_LOCALE_HEADER);
  return isLocale(value) ? value : DEFAULT_LOCALE;
}
