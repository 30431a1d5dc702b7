import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";

// Dates as people write them, in UTC (the ledger's clock), so a page says the same day whatever the server's zone.
const DAY_OPTIONS = { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" } as const;
const DAY = new Intl.DateTimeFormat("en-GB", DAY_OPTIONS);
const DAY_IN: Record<Locale, Intl.DateTimeFormat> = { en: DAY, fr: new Intl.DateTimeFormat("fr-FR", DAY_OPTIONS) };
const TIME = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" });

/**
 * @example
 * readableDate("2026-03-01T12:00:00.123456Z"); // "1 March 2026"
 * readableDate("2026-03-01"); // "1 March 2026"
 * readableDate("2026-03-01", "fr"); // "1 mars 2026"
 */
export function readableDate(iso: string, locale: Locale = DEFAULT_LOCALE): string {
  return DAY_IN[locale].format(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso));
}

/**
 * @example
 * readableDateTime("2026-03-01T12:00:00.123456Z"); // "1 March 2026 at 12:00 UTC"
 */
export function readableDateTime(iso: string): string {
  const date = new Date(iso);
  return `${DAY.format(date)} at ${TIME.format(date)} UTC`;
}
