import type { ConsentRecord } from "../ledger/records";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";
import { editionOf, type TermsDocument } from "./documents";

/** The version a user last accepted before the one now asked of them, from the ledger's records. */
export interface EarlierAcceptance {
  version: number;
  /** When the user accepted it (the ledger's clock, ISO 8601). */
  acceptedAt: string;
}

/**
 * The highest version below `current` the user accepted, at its latest acceptance; `undefined` for a user who never
 * accepted an earlier version (a first sign-in).
 *
 * @example
 * earlierAcceptance(await ledger.history(sub), 2); // { version: 1, acceptedAt: "2026-03-01T12:00:00.123456Z" }
 */
export function earlierAcceptance(records: readonly ConsentRecord[], current: number): EarlierAcceptance | undefined {
  let found: EarlierAcceptance | undefined;
  for (const record of records) {
    if (record.decision !== "accepted" || record.termsVersion >= current) continue;
    const later = found && record.termsVersion === found.version && record.recordedAt > found.acceptedAt;
    if (!found || record.termsVersion > found.version || later) found = { version: record.termsVersion, acceptedAt: record.recordedAt };
  }
  return found;
}

/**
 * Each version the user accepted, at its latest acceptance, newest version first.
 *
 * @example
 * acceptedVersions(await ledger.history(sub)); // [{ version: 2, acceptedAt: "2026-04-01T…" }, { version: 1, acceptedAt: "2026-03-01T…" }]
 */
export function acceptedVersions(records: readonly ConsentRecord[]): EarlierAcceptance[] {
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
