import { CodedError } from "../../contract/coded-error";
import { hasCodeIn } from "../errors/has-code";

/** Why a Bearer access token was refused. Stable codes: handlers, tests and logs match on them. */
export const ACCESS_TOKEN_ERROR_CODES = [
  "ERR_ACCESS_TOKEN_MISSING",
  "ERR_ACCESS_TOKEN_HEADER_MALFORMED",
  "ERR_ACCESS_TOKEN_TOO_LARGE",
  "ERR_ACCESS_TOKEN_MALFORMED",
  "ERR_ACCESS_TOKEN_ALG_NOT_ALLOWED",
  "ERR_ACCESS_TOKEN_KEY_UNKNOWN",
  "ERR_ACCESS_TOKEN_SIGNATURE_INVALID",
  "ERR_ACCESS_TOKEN_EXPIRED",
  "ERR_ACCESS_TOKEN_NOT_YET_VALID",
  "ERR_ACCESS_TOKEN_ISSUER_INVALID",
  "ERR_ACCESS_TOKEN_AUDIENCE_INVALID",
  "ERR_ACCESS_TOKEN_CLAIM_MISSING",
  "ERR_ACCESS_TOKEN_CLAIM_INVALID",
  "ERR_ACCESS_TOKEN_INSUFFICIENT_SCOPE",
  "ERR_ACCESS_TOKEN_KEYS_UNAVAILABLE",
] as const;
export type AccessTokenErrorCode = (typeof ACCESS_TOKEN_ERROR_CODES)[number];

/** The `error` of RFC 6750's `WWW-Authenticate: Bearer` challenge. */
export type BearerErrorCode = "invalid_request" | "invalid_token" | "insufficient_scope";

/** The `code` the API's JSON refusal has always carried: API clients match on it, so it does not follow our codes. */
const WIRE_CODES: Record<AccessTokenErrorCode, string> = {
  ERR_ACCESS_TOKEN_MISSING: "token_missing",
  ERR_ACCESS_TOKEN_HEADER_MALFORMED: "request_malformed",
  ERR_ACCESS_TOKEN_TOO_LARGE: "token_too_large",
  ERR_ACCESS_TOKEN_MALFORMED: "token_malformed",
  ERR_ACCESS_TOKEN_ALG_NOT_ALLOWED: "alg_not_allowed",
  ERR_ACCESS_TOKEN_KEY_UNKNOWN: "key_unknown",
  ERR_ACCESS_TOKEN_SIGNATURE_INVALID: "signature_invalid",
  ERR_ACCESS_TOKEN_EXPIRED: "token_expired",
  ERR_ACCESS_TOKEN_NOT_YET_VALID: "token_not_yet_valid",
  ERR_ACCESS_TOKEN_ISSUER_INVALID: "issuer_invalid",
  ERR_ACCESS_TOKEN_AUDIENCE_INVALID: "audience_invalid",
  ERR_ACCESS_TOKEN_CLAIM_MISSING: "claim_missing",
  ERR_ACCESS_TOKEN_CLAIM_INVALID: "claim_invalid",
  ERR_ACCESS_TOKEN_INSUFFICIENT_SCOPE: "insufficient_scope",
  ERR_ACCESS_TOKEN_KEYS_UNAVAILABLE: "keys_unavailable",
};

/**
 * An access token that does not grant the request. The message says what is wrong in words a developer can act
 * on; it never contains the token.
 */
export class AccessTokenError extends CodedError<AccessTokenErrorCode> {
  override readonly name = "AccessTokenError";

  /** 401 for a missing or bad token, 403 for a good token without the permission, 503 when keys cannot be fetched. */
  get status(): 400 | 401 | 403 | 503 {
    if (this.code === "ERR_ACCESS_TOKEN_HEADER_MALFORMED") return 400;
    if (this.code === "ERR_ACCESS_TOKEN_INSUFFICIENT_SCOPE") return 403;
    if (this.code === "ERR_ACCESS_TOKEN_KEYS_UNAVAILABLE") return 503;
    return 401;
  }

  /** RFC 6750 §3.1: none when the request carried no token at all, or when the fault is ours (keys unavailable). */
  get bearerError(): BearerErrorCode | undefined {
    if (this.code === "ERR_ACCESS_TOKEN_MISSING" || this.code === "ERR_ACCESS_TOKEN_KEYS_UNAVAILABLE") return undefined;
    if (this.code === "ERR_ACCESS_TOKEN_HEADER_MALFORMED") return "invalid_request";
    if (this.code === "ERR_ACCESS_TOKEN_INSUFFICIENT_SCOPE") return "insufficient_scope";
    return "invalid_token";
  }

  /** The `code` of the JSON refusal (`token_expired`, …). */
  get wireCode(): string {
    return WIRE_CODES[this.code];
  }
}

/** Whether `error` is an `AccessTokenError`, by its code (see `hasCode`: it may come from another chunk). */
export function isAccessTokenError(error: unknown): error is AccessTokenError {
  return hasCodeIn<AccessTokenError>(error, ACCESS_TOKEN_ERROR_CODES) && typeof (error as { status?: unknown }).status === "number";
}
