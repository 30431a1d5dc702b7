import { hasCodeIn } from "../errors/has-code";

/** Why a Bearer access token was refused. Stable codes: handlers, tests and logs match on them. */
export const ACCESS_TOKEN_ERROR_CODES = [
  "token_missing",
  "request_malformed",
  "token_too_large",
  "token_malformed",
  "alg_not_allowed",
  "key_unknown",
  "signature_invalid",
  "token_expired",
  "token_not_yet_valid",
  "issuer_invalid",
  "audience_invalid",
  "claim_missing",
  "claim_invalid",
  "insufficient_scope",
  "keys_unavailable",
] as const;
export type AccessTokenErrorCode = (typeof ACCESS_TOKEN_ERROR_CODES)[number];

/** The `error` of RFC 6750's `WWW-Authenticate: Bearer` challenge. */
export type BearerErrorCode = "invalid_request" | "invalid_token" | "insufficient_scope";

/**
 * An access token that does not grant the request. The message says what is wrong in words a developer can act
 * on; it never contains the token.
 */
export class AccessTokenError extends Error {
  constructor(
    readonly code: AccessTokenErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "AccessTokenError";
  }

  /** 401 for a missing or bad token, 403 for a good token without the permission, 503 when keys cannot be fetched. */
  get status(): 400 | 401 | 403 | 503 {
    if (this.code === "request_malformed") return 400;
    if (this.code === "insufficient_scope") return 403;
    if (this.code === "keys_unavailable") return 503;
    return 401;
  }

  /** RFC 6750 §3.1: none when the request carried no token at all, or when the fault is ours (keys unavailable). */
  get bearerError(): BearerErrorCode | undefined {
    if (this.code === "token_missing" || this.code === "keys_unavailable") return undefined;
    if (this.code === "request_malformed") return "invalid_request";
    if (this.code === "insufficient_scope") return "insufficient_scope";
    return "invalid_token";
  }
}

/** Whether `error` is an `AccessTokenError`, by its code (see `hasCode`: it may come from another chunk). */
export function isAccessTokenError(error: unknown): error is AccessTokenError {
  return hasCodeIn<AccessTokenError>(error, ACCESS_TOKEN_ERROR_CODES) && typeof (error as { status?: unknown }).status === "number";
}
