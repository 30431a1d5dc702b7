import type { errors } from "jose";

/** jose's error codes (`ERR_JWT_EXPIRED`, `ERR_JWS_INVALID`, …): jose documents `code` as the way to tell its errors apart. */
const JOSE_CODE = /^ERR_(JOSE|JWE|JWK|JWKS|JWS|JWT)_[A-Z_]+$/;

/**
 * Whether `error` is one of jose's errors, by its stable `code` (not `instanceof`: see `hasCode`).
 *
 * @example
 * if (isJoseError(error)) return new AccessTokenError("token_malformed", "…");
 */
export function isJoseError(error: unknown): error is errors.JOSEError {
  return error instanceof Error && JOSE_CODE.test(String((error as { code?: unknown }).code));
}
