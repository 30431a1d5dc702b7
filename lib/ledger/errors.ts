import { CodedError } from "../../contract/coded-error";
import type { ConsentDecision } from "./records";

/**
 * Why the ledger refused an answer. Stable codes: handlers, tests and logs match on them. Its database failing is
 * `DatabaseUnavailableError` (lib/database/errors.ts).
 */
export type LedgerErrorCode = "ERR_LEDGER_DECISION_CONFLICT" | "ERR_LEDGER_RATE_LIMITED";

export abstract class LedgerError<C extends LedgerErrorCode = LedgerErrorCode> extends CodedError<C> {}

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
