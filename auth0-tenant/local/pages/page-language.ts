/** The languages the tenant's pages are written in; English is the default, as on a new Auth0 tenant. */
export const PAGE_LANGUAGES = ["en", "fr"] as const;
export type PageLanguage = (typeof PAGE_LANGUAGES)[number];

/**
 * The language of a login page, as Universal Login picks it (I18N): the first `ui_locales` entry the tenant
 * enables (`enabled_locales`) and the pages are written in, else the tenant's default (its first enabled locale),
 * else English. A regional tag (`fr-CA`) is shown in its language's pages when the tenant enables that tag.
 */
export function pageLanguage(uiLocales: readonly string[], enabledLocales: readonly string[]): PageLanguage {
  const enabled = enabledLocales.map((locale) => locale.toLowerCase());
  for (const requested of uiLocales) {
    const language = languageOf(requested);
    if (language && enabled.includes(requested.toLowerCase())) return language;
  }
  return enabled.map(languageOf).find((language) => language !== undefined) ?? "en";
}

function languageOf(tag: string): PageLanguage | undefined {
  const primary = tag.toLowerCase().split("-")[0];
  return PAGE_LANGUAGES.find((language) => language === primary);
}
