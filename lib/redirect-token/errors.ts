import { hasCodeIn } from "../errors/has-code";

/** Why a token exchanged with an Action was refused. Stable codes: handlers, tests and logs match on them. */
export const REDIRECT_TOKEN_ERROR_CODES = [
  "token_missing",
  "token_too_large",
  "token_malformed",
  "alg_not_allowed",
  "signature_invalid",
  "token_expired",
  "token_not_yet_valid",
  "issuer_invalid",
  "claim_missing",
  "claim_invalid",
] as const;
export type RedirectTokenErrorCode = (typeof REDIRECT_TOKEN_ERROR_CODES)[number];

/**
 * A token that must not be trusted. The message says what is wrong in words a developer can act on; it never
 * contains the token or the secret.
 */
export class RedirectTokenError extends Error {
  constructor(
    readonly code: RedirectTokenErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "RedirectTokenError";
  }
}

/** Whether `error` is a `RedirectTokenError`, by its code (see `hasCode`: it may come from another chunk). */
export function isRedirectTokenError(error: unknown): error is RedirectTokenError {
  return hasCodeIn<RedirectTokenError>(error, REDIRECT_TOKEN_ERROR_CODES);
}
