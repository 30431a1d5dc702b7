import type { errors } from "jose";
import { hasCode } from "./has-code";

/** jose's error codes (`ERR_JWT_EXPIRED`, `ERR_JWS_INVALID`, …): jose documents `code` as the way to tell its errors apart. */
const JOSE_CODE = /^ERR_(JOSE|JWE|JWK|JWKS|JWS|JWT)_[A-Z_]+$/;

/**
 * Whether `error` is one of jose's errors, by its stable `code` (not `instanceof`: see `hasCode`).
 *
 * @example
 * if (isJoseError(error)) return new AccessTokenError("ERR_ACCESS_TOKEN_MALFORMED", "…");
 */
export function isJoseError(error: unknown): error is errors.JOSEError {
  return error instanceof Error && JOSE_CODE.test(String((error as { code?: unknown }).code));
}

/** Why jose refused a JWT, in words a verifier explains to its callers (the API's access tokens). */
export type JoseRefusal =
  | { reason: "alg_not_allowed" }
  | { reason: "no_key" }
  | { reason: "bad_signature" }
  | { reason: "expired" }
  | { reason: "claim_failed"; claim: string; missing: boolean }
  | { reason: "malformed" };

/**
 * The one reading of jose's errors: a verifier turns the reason into its own code and message. `undefined` when `error` is not jose's (the verifier rethrows it: a bug or an outage, not a bad token).
 * Any other jose error (bad encoding, a JWKS with several matching keys, …) is `malformed`.
 *
 * @example
 * const refusal = joseRefusal(error); // { reason: "claim_failed", claim: "iss", missing: false }
 */
export function joseRefusal(error: unknown): JoseRefusal | undefined {
  if (hasCode<errors.JOSEAlgNotAllowed>(error, "ERR_JOSE_ALG_NOT_ALLOWED")) return { reason: "alg_not_allowed" };
  if (hasCode<errors.JWKSNoMatchingKey>(error, "ERR_JWKS_NO_MATCHING_KEY")) return { reason: "no_key" };
  if (hasCode<errors.JWSSignatureVerificationFailed>(error, "ERR_JWS_SIGNATURE_VERIFICATION_FAILED")) return { reason: "bad_signature" };
  if (hasCode<errors.JWTExpired>(error, "ERR_JWT_EXPIRED")) return { reason: "expired" };
  if (hasCode<errors.JWTClaimValidationFailed>(error, "ERR_JWT_CLAIM_VALIDATION_FAILED")) {
    return { reason: "claim_failed", claim: error.claim, missing: error.reason === "missing" };
  }
  return isJoseError(error) ? { reason: "malformed" } : undefined;
}
