/** Why a token exchanged with an Action was refused. Stable codes: tests and logs match on them. */
export type RedirectTokenErrorCode =
  | "token_missing"
  | "token_too_large"
  | "token_malformed"
  | "alg_not_allowed"
  | "signature_invalid"
  | "token_expired"
  | "issuer_invalid"
  | "claim_missing"
  | "claim_invalid";

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
