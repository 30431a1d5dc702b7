import { MAX_LANGUAGE_TAG_LENGTH, MAX_UI_LOCALES, type UserLanguageClaims } from "../../contract/login-steps";
import { chooseLocale, type Locale } from "./locales";

/** A language tag as BCP 47 writes them (`fr`, `fr-CA`, `zh-Hant-TW`); anything else in a token is dropped. */
const TAG = /^[A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8})*$/;

function isTag(value: unknown): value is string {
  return typeof value === "string" && value.length <= MAX_LANGUAGE_TAG_LENGTH && TAG.test(value);
}

/**
 * What the step cookie keeps of the Action's language claims (`UserLanguageClaims`): `uiLocales` (space-separated,
 * in order) and `browserLanguage`, each only when the token has a well-formed one.
 */
export function languageDataOf(payload: { [K in keyof UserLanguageClaims]?: unknown }): Record<string, string> {
  const uiLocales = Array.isArray(payload.ui_locales) ? payload.ui_locales.filter(isTag).slice(0, MAX_UI_LOCALES) : [];
  return {
    ...(uiLocales.length > 0 ? { uiLocales: uiLocales.join(" ") } : {}),
    ...(isTag(payload.language) ? { browserLanguage: payload.language } : {}),
  };
}

/**
 * The language of a step's page and of the terms it shows: the login's `ui_locales`, then this request's
 * `Accept-Language`, then the browser's language as the Action saw it, then the default.
 */
export function stepLocale(data: Record<string, string | number>, request: Request, available?: readonly Locale[]): Locale {
  const uiLocales = typeof data.uiLocales === "string" ? data.uiLocales.split(" ") : [];
  const laterLanguages = typeof data.browserLanguage === "string" ? [data.browserLanguage] : [];
  return chooseLocale({ uiLocales, acceptLanguage: request.headers.get("accept-language"), laterLanguages }, available);
}
