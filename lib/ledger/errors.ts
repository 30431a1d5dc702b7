import type { ConsentDecision } from "./records";

/** Why the ledger refused or failed. Stable codes: handlers, tests and logs match on them. */
export type LedgerErrorCode =
  | "ledger_unavailable"
  | "decision_conflict"
  | "rate_limited"
  | "migration_changed"
  | "embedded_ledger_in_use";

export abstract class LedgerError extends Error {
  abstract readonly code: LedgerErrorCode;
}

/**
 * The database could not be reached, or did not answer within the ledger's timeout. Nothing may be assumed about
 * the write: retrying the same answer is safe (records are idempotent on the login's `state`).
 */
export class LedgerUnavailableError extends LedgerError {
  readonly code = "ledger_unavailable";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "LedgerUnavailableError";
  }
}

/** This login's `state` is already recorded with another answer; a record is never changed. */
export class DecisionConflictError extends LedgerError {
  readonly code = "decision_conflict";
  constructor(readonly recorded: { decision: ConsentDecision; termsVersion: number; recordedAt: string }) {
    super(`This login's answer is already recorded as ${recorded.decision} (terms version ${recorded.termsVersion}).`);
    this.name = "DecisionConflictError";
  }
}

/** This user added as many records as the window allows (`LEDGER_RATE_LIMIT_*`): nothing was written. */
export class LedgerRateLimitedError extends LedgerError {
  readonly code = "rate_limited";
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many new answers from this user: the next can be recorded in ${retryAfterSeconds} s.`);
    this.name = "LedgerRateLimitedError";
  }
}

/** A migration file was edited after it was applied: the database no longer matches the code's history. */
export class MigrationChangedError extends LedgerError {
  readonly code = "migration_changed";
  constructor(readonly migration: string) {
    super(`Migration ${migration} was changed after it was applied. Migrations are immutable: add a new one instead.`);
    this.name = "MigrationChangedError";
  }
}

/** Another process holds the embedded ledger's files; PGlite is single-process, and two writers lose records. */
export class EmbeddedLedgerInUseError extends LedgerError {
  readonly code = "embedded_ledger_in_use";
  constructor(dataDir: string, pid: number) {
    super(
      `The embedded ledger at ${dataDir} is in use by process ${pid}. Stop that process, ` +
        "or give this one its own LEDGER_DATA_DIR (or a DATABASE_URL).",
    );
    this.name = "EmbeddedLedgerInUseError";
  }
}
