import { CodedError } from "../../contract/coded-error";
import { hasCodeIn } from "../errors/has-code";

/** Why the `session_token` an Action sent was refused. Stable codes: handlers, tests and logs match on them. */
export const REDIRECT_TOKEN_ERROR_CODES = [
  "ERR_SESSION_TOKEN_MISSING",
  "ERR_SESSION_TOKEN_TOO_LARGE",
  "ERR_SESSION_TOKEN_MALFORMED",
  "ERR_SESSION_TOKEN_ALG_NOT_ALLOWED",
  "ERR_SESSION_TOKEN_SIGNATURE_INVALID",
  "ERR_SESSION_TOKEN_EXPIRED",
  "ERR_SESSION_TOKEN_NOT_YET_VALID",
  "ERR_SESSION_TOKEN_ISSUER_INVALID",
  "ERR_SESSION_TOKEN_CLAIM_MISSING",
  "ERR_SESSION_TOKEN_CLAIM_INVALID",
] as const;
export type RedirectTokenErrorCode = (typeof REDIRECT_TOKEN_ERROR_CODES)[number];

/**
 * A token that must not be trusted. The message says what is wrong in words a developer can act on; it never
 * contains the token or the secret.
 */
export class RedirectTokenError extends CodedError<RedirectTokenErrorCode> {
  override readonly name = "RedirectTokenError";
}

/** Whether `error` is a `RedirectTokenError`, by its code (see `hasCode`: it may come from another chunk). */
export function isRedirectTokenError(error: unknown): error is RedirectTokenError {
  return hasCodeIn<RedirectTokenError>(error, REDIRECT_TOKEN_ERROR_CODES);
}
