import type { ConsentRecord } from "../ledger/records";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";
import { editionOf, type TermsDocument } from "./documents";

/** A version the user accepted, and when (the ledger's clock). */
export interface Acceptance {
  version: number;
  /** When the user accepted it (the ledger's clock, ISO 8601). */
  acceptedAt: string;
}

/**
 * Each version the user accepted, at its latest acceptance, newest version first.
 *
 * @example
 * acceptedVersions(await ledger.history(sub)); // [{ version: 2, acceptedAt: "2026-04-01T…" }, { version: 1, acceptedAt: "2026-03-01T…" }]
 */
export function acceptedVersions(records: readonly ConsentRecord[]): Acceptance[] {
  const latest = new Map<number, string>();
  for (const record of records) {
    const known = latest.get(record.termsVersion);
    if (record.decision === "accepted" && (known === undefined || record.recordedAt > known)) latest.set(record.termsVersion, record.recordedAt);
  }
  return [...latest].sort(([a], [b]) => b - a).map(([version, acceptedAt]) => ({ version, acceptedAt }));
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
