/** The languages the app publishes its terms and its step pages in. The first is the default. */
export const LOCALES = ["en", "fr"] as const;

export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = "en";

/** Each language's name in English, for pages written in English (the history, the product page). */
export const LANGUAGE_NAMES: Record<Locale, string> = { en: "English", fr: "French" };

/** A recorded language's English name; a tag the app no longer publishes reads as itself. */
export function languageName(tag: string): string {
  return isLocale(tag) ? LANGUAGE_NAMES[tag] : tag;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** `fr-CA` → `fr`, `EN` → `en`; `undefined` for a tag whose language we do not publish. */
export function localeOfTag(tag: string): Locale | undefined {
  const language = tag.trim().toLowerCase().split(/[-_]/)[0];
  return isLocale(language) ? language : undefined;
}

/** Longest header read: a browser's list is a few dozen characters; anything far longer is not worth parsing. */
const MAX_ACCEPT_LANGUAGE_LENGTH = 1024;

/**
 * The languages of an `Accept-Language` header, most wanted first (by q-value, then by their order). `q=0` means
 * "not this one", so it is left out; an entry with a malformed q-value is ignored.
 */
export function acceptLanguageTags(header: string | null | undefined): string[] {
  if (!header || header.length > MAX_ACCEPT_LANGUAGE_LENGTH) return [];
  const entries: { tag: string; q: number; index: number }[] = [];
  for (const [index, part] of header.split(",").entries()) {
    const [rawTag, ...parameters] = part.split(";");
    const tag = rawTag?.trim() ?? "";
    if (tag === "" || tag === "*") continue;
    let q = 1;
    for (const parameter of parameters) {
      const match = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(parameter);
      q = match?.[1] === undefined ? Number.NaN : Number(match[1]);
    }
    if (Number.isNaN(q) || q <= 0 || q > 1) continue;
    entries.push({ tag, q, index });
  }
  return entries.sort((a, b) => b.q - a.q || a.index - b.index).map((entry) => entry.tag);
}

export interface LocaleHints {
  /** The login's `ui_locales`, in the order the application asked for them. */
  uiLocales?: readonly string[];
  /** The browser's `Accept-Language` header. */
  acceptLanguage?: string | null;
  /** Tried after the header: what the login saw of the browser's language, when this request says nothing of it. */
  laterLanguages?: readonly string[];
}

/**
 * The language to show, among `available`: the first of the login's `ui_locales` we publish, else the browser's
 * most wanted language we publish, else the default (or, when a document lacks the default, the first available).
 *
 * @example
 * chooseLocale({ uiLocales: ["de", "fr-CA"], acceptLanguage: "en;q=0.5" }); // "fr"
 */
export function chooseLocale(hints: LocaleHints, available: readonly Locale[] = LOCALES): Locale {
  const candidates = [...(hints.uiLocales ?? []), ...acceptLanguageTags(hints.acceptLanguage), ...(hints.laterLanguages ?? [])];
  for (const tag of candidates) {
    const locale = localeOfTag(tag);
    if (locale && available.includes(locale)) return locale;
  }
  return available.includes(DEFAULT_LOCALE) ? DEFAULT_LOCALE : (available[0] ?? DEFAULT_LOCALE);
}
