import type { ConsentDecision } from "./records";

/**
 * Why the ledger refused an answer. Stable codes: handlers, tests and logs match on them. Its database failing is
 * `DatabaseUnavailableError` (lib/database/errors.ts).
 */
export type LedgerErrorCode = "decision_conflict" | "rate_limited";

export abstract class LedgerError extends Error {
  abstract readonly code: LedgerErrorCode;
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
