import { CodedError } from "../../contract/coded-error";
import type { ConsentDecision } from "./records";

/** Why the ledger refused or failed. Stable codes: handlers, tests and logs match on them. */
export type LedgerErrorCode =
  | "ERR_LEDGER_UNAVAILABLE"
  | "ERR_LEDGER_DECISION_CONFLICT"
  | "ERR_LEDGER_RATE_LIMITED"
  | "ERR_MIGRATION_CHANGED"
  | "ERR_EMBEDDED_LEDGER_IN_USE";

export abstract class LedgerError<C extends LedgerErrorCode = LedgerErrorCode> extends CodedError<C> {}

/**
 * The database could not be reached, or did not answer within the ledger's timeout. Nothing may be assumed about
 * the write: retrying the same answer is safe (records are idempotent on the login's `state`).
 */
export class LedgerUnavailableError extends LedgerError<"ERR_LEDGER_UNAVAILABLE"> {
  override readonly name = "LedgerUnavailableError";

  constructor(message: string, options?: ErrorOptions) {
    super("ERR_LEDGER_UNAVAILABLE", message, options);
  }
}

/** This login's `state` is already recorded with another answer; a record is never changed. */
export class DecisionConflictError extends LedgerError<"ERR_LEDGER_DECISION_CONFLICT"> {
  override readonly name = "DecisionConflictError";

  constructor(readonly recorded: { decision: ConsentDecision; termsVersion: number; recordedAt: string }) {
    super("ERR_LEDGER_DECISION_CONFLICT", `This login's answer is already recorded as ${recorded.decision} (terms version ${recorded.termsVersion}).`);
  }
}

/** This user added as many records as the window allows (`LEDGER_RATE_LIMIT_*`): nothing was written. */
export class LedgerRateLimitedError extends LedgerError<"ERR_LEDGER_RATE_LIMITED"> {
  override readonly name = "LedgerRateLimitedError";

  constructor(readonly retryAfterSeconds: number) {
    super("ERR_LEDGER_RATE_LIMITED", `Too many new answers from this user: the next can be recorded in ${retryAfterSeconds} s.`);
  }
}

/** A migration file was edited after it was applied: the database no longer matches the code's history. */
export class MigrationChangedError extends LedgerError<"ERR_MIGRATION_CHANGED"> {
  override readonly name = "MigrationChangedError";

  constructor(readonly migration: string) {
    super("ERR_MIGRATION_CHANGED", `Migration ${migration} was changed after it was applied. Migrations are immutable: add a new one instead.`);
  }
}

/** Another process holds the embedded ledger's files; PGlite is single-process, and two writers lose records. */
export class EmbeddedLedgerInUseError extends LedgerError<"ERR_EMBEDDED_LEDGER_IN_USE"> {
  override readonly name = "EmbeddedLedgerInUseError";

  constructor(dataDir: string, pid: number) {
    super(
      "ERR_EMBEDDED_LEDGER_IN_USE",
      `The embedded ledger at ${dataDir} is in use by process ${pid}. Stop that process, ` +
        "or give this one its own LEDGER_DATA_DIR (or a DATABASE_URL).",
    );
  }
}
