import type { ConsentRecord } from "../ledger/records";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";
import { LANG_PARAMETER } from "../i18n/page-locale";
import { editionOf, type TermsDocument } from "./documents";

/** A version the user accepted, when (the ledger's clock), and in which language. */
export interface Acceptance {
  version: number;
  /** When the user accepted it (the ledger's clock, ISO 8601). */
  acceptedAt: string;
  /** The language of the text the user accepted, as the ledger recorded it. */
  language: string;
}

/**
 * Each version the user accepted, at its latest acceptance, newest version first.
 *
 * @example
 * acceptedVersions(await ledger.history(sub)); // [{ version: 2, acceptedAt: "2026-04-01T…", language: "fr" }, { version: 1, … }]
 */
export function acceptedVersions(records: readonly ConsentRecord[]): Acceptance[] {
  const latest = new Map<number, Acceptance>();
  for (const record of records) {
    const known = latest.get(record.termsVersion);
    if (record.decision === "accepted" && (known === undefined || record.recordedAt > known.acceptedAt)) {
      latest.set(record.termsVersion, { version: record.termsVersion, acceptedAt: record.recordedAt, language: record.termsLanguage });
    }
  }
  return [...latest.values()].sort((a, b) => b.version - a.version);
}

/** The summaries of every version after `from` up to `to`, oldest first, in `language`: what changed between the two. */
export function summariesBetween(
  documents: ReadonlyMap<number, TermsDocument>,
  from: number,
  to: number,
  language: Locale = DEFAULT_LOCALE,
): Array<{ version: number; summary: string }> {
  return [...documents.values()]
    .filter((document) => document.version > from && document.version <= to && document.summary !== undefined)
    .sort((a, b) => a.version - b.version)
    .map((document) => ({ version: document.version, summary: editionOf(document, language).summary ?? document.summary ?? "" }));
}

/** The published version that replaced `version`, if any: the next one up. */
export function replacementOf(documents: ReadonlyMap<number, TermsDocument>, version: number): TermsDocument | undefined {
  return [...documents.values()].filter((document) => document.version > version).sort((a, b) => a.version - b.version)[0];
}

/** Where the comparison of two versions is read. */
export function comparisonPath(from: number, to: number): string {
  return `/terms/versions/${from}/compare/${to}`;
}

/**
 * Where a version is read in the language the ledger recorded for it, so that a history's link opens the text the
 * user answered. A language the app no longer publishes is passed as recorded: the page then falls back as usual.
 */
export function versionPath(version: number, language: string): string {
  return `/terms/versions/${version}?${LANG_PARAMETER}=${encodeURIComponent(language)}`;
}
