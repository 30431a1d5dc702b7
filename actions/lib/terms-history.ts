/** One acceptance, as kept in `app_metadata.termsAcceptanceHistory`. */
export interface TermsAcceptance {
  version: number;
  acceptedAt: string;
  clientId: string;
}

/** app_metadata is capped (about 32 kB per session): keep the latest acceptances only; the app's ledger keeps all. */
export const MAX_HISTORY_ENTRIES = 20;

/** The history in app_metadata, ignoring entries that are not well formed. */
export function readHistory(appMetadata: Record<string, unknown>): TermsAcceptance[] {
  const history = appMetadata.termsAcceptanceHistory;
  if (!Array.isArray(history)) return [];
  return history.filter(
    (entry): entry is TermsAcceptance =>
      typeof entry === "object" && entry !== null && Number.isInteger((entry as TermsAcceptance).version),
  );
}

export function hasAccepted(history: TermsAcceptance[], version: number): boolean {
  return history.some((entry) => entry.version === version);
}

/** The acceptance of the highest version below `version`, if any: what the user agreed to before it. */
export function latestAcceptanceBefore(history: TermsAcceptance[], version: number): TermsAcceptance | undefined {
  return history
    .filter((entry) => entry.version < version && typeof entry.acceptedAt === "string")
    .reduce<TermsAcceptance | undefined>((latest, entry) => (!latest || entry.version > latest.version ? entry : latest), undefined);
}

/** The history with one more acceptance, oldest entries dropped beyond the bound. */
export function appendAcceptance(history: TermsAcceptance[], acceptance: TermsAcceptance): TermsAcceptance[] {
  return [...history, acceptance].slice(-MAX_HISTORY_ENTRIES);
}
