import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";

// Dates as people write them, in UTC (the ledger's clock), so a page says the same day whatever the server's zone.
const DAY_OPTIONS = { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" } as const;
const DAY_LOCALES: Record<Locale, string> = { en: "en-GB", fr: "fr-FR" };

// Made on first use, not at import: the first Intl formatter of a process loads ICU's data (about 20 ms on Node 20),
// which the routes that import this module but show no date (the terms intake) would otherwise pay at a cold start.
const days = new Map<Locale, Intl.DateTimeFormat>();
let time: Intl.DateTimeFormat | undefined;

function dayFormat(locale: Locale): Intl.DateTimeFormat {
  let format = days.get(locale);
  if (!format) days.set(locale, (format = new Intl.DateTimeFormat(DAY_LOCALES[locale], DAY_OPTIONS)));
  return format;
}

/**
 * @example
 * readableDate("2026-03-01T12:00:00.123456Z"); // "1 March 2026"
 * readableDate("2026-03-01"); // "1 March 2026"
 * readableDate("2026-03-01", "fr"); // "1 mars 2026"
 */
export function readableDate(iso: string, locale: Locale = DEFAULT_LOCALE): string {
  return dayFormat(locale).format(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso));
}

/**
 * @example
 * readableDateTime("2026-03-01T12:00:00.123456Z"); // "1 March 2026 at 12:00 UTC"
 */
export function readableDateTime(iso: string): string {
  const date = new Date(iso);
  time ??= new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" });
  return `${dayFormat(DEFAULT_LOCALE).format(date)} at ${time.format(date)} UTC`;
}
