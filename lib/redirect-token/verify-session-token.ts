import type { KeyObject } from "node:crypto";
import { RedirectTokenError } from "./errors";
import { verifyHs256 } from "./hs256";

/** Bigger than any token our Action makes by an order of magnitude; anything larger is refused before parsing. */
export const MAX_TOKEN_LENGTH = 4096;

/**
 * How far in the future a token's `iat` may lie. Auth0's and our servers keep NTP time, within a second or so;
 * a minute absorbs a drifting instance, yet is small against the token's life (the Action's `encodeToken` gives
 * minutes), so a token minted with a clock set ahead (to outlive its `exp` check here) is refused.
 */
export const MAX_CLOCK_SKEW_SECONDS = 60;

export interface SessionTokenClaims {
  /** The Auth0 user id. */
  sub: string;
  /** Which step the Action asks for, e.g. `terms`. */
  step: string;
  /** The payload the Action added for this step (e.g. `terms_version`). */
  payload: Record<string, unknown>;
  exp: number;
}

export interface VerifySessionTokenOptions {
  key: KeyObject;
  /** The tenant host, e.g. `tenant.eu.auth0.com`: `encodeToken` sets `iss` to `event.request.hostname`. */
  issuer: string;
  /** Seconds since the epoch; defaults to the system clock. */
  now?: number;
}

/**
 * Verifies the `session_token` a post-login Action made with `api.redirect.encodeToken`: HS256 only, signature,
 * `exp`, `iat` (not more than `MAX_CLOCK_SKEW_SECONDS` ahead), `iss` equal to the tenant host, `sub` and `step` present.
 *
 * @example
 * const claims = verifySessionToken(token, { key, issuer: "tenant.eu.auth0.com" });
 * claims.sub; // "auth0|123"
 * @throws {RedirectTokenError} with a stable `code` for each reason.
 */
export function verifySessionToken(token: string | null | undefined, options: VerifySessionTokenOptions): SessionTokenClaims {
  if (!token) throw new RedirectTokenError("ERR_SESSION_TOKEN_MISSING", "The session_token parameter is missing.");
  if (token.length > MAX_TOKEN_LENGTH) {
    throw new RedirectTokenError("ERR_SESSION_TOKEN_TOO_LARGE", `The session_token is longer than ${MAX_TOKEN_LENGTH} characters.`);
  }
  const verified = verifyHs256(token, options.key);
  if ("refused" in verified) throw REFUSALS[verified.refused]();
  const { sub, step, iss, exp: _exp, iat: _iat, nbf: _nbf, ip: _ip, ...rest } = verified.payload;
  const exp = secondsClaim(verified.payload, "exp");
  const iat = secondsClaim(verified.payload, "iat");
  const nbf = verified.payload.nbf === undefined ? undefined : secondsClaim(verified.payload, "nbf");
  if (sub === undefined) throw new RedirectTokenError("ERR_SESSION_TOKEN_CLAIM_MISSING", 'The session_token has no "sub" claim.');
  if (iss !== options.issuer) {
    throw new RedirectTokenError("ERR_SESSION_TOKEN_ISSUER_INVALID", "The session_token was not issued by the configured Auth0 tenant.");
  }
  if (typeof sub !== "string" || sub === "") {
    throw new RedirectTokenError("ERR_SESSION_TOKEN_CLAIM_INVALID", 'The session_token\'s "sub" claim must be a non-empty string.');
  }
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (exp <= now) throw new RedirectTokenError("ERR_SESSION_TOKEN_EXPIRED", "The session_token has expired: sign in again.");
  if (nbf !== undefined && nbf > now) {
    throw new RedirectTokenError("ERR_SESSION_TOKEN_NOT_YET_VALID", "The session_token is not valid yet: its nbf is ahead of this server's clock.");
  }
  if (iat > now + MAX_CLOCK_SKEW_SECONDS) {
    throw new RedirectTokenError(
      "ERR_SESSION_TOKEN_NOT_YET_VALID",
      `The session_token was issued in the future (iat more than ${MAX_CLOCK_SKEW_SECONDS} s ahead of this server's clock): check the clocks, or sign in again.`,
    );
  }
  if (typeof step !== "string" || step === "") {
    throw new RedirectTokenError("ERR_SESSION_TOKEN_CLAIM_MISSING", 'The session_token has no "step" claim: it was not made for this app.');
  }
  return { sub, step, payload: rest, exp };
}

/** A NumericDate claim (RFC 7519 §2), present: seconds, a finite number. */
function secondsClaim(payload: Record<string, unknown>, name: "exp" | "iat" | "nbf"): number {
  const value = payload[name];
  if (value === undefined) throw new RedirectTokenError("ERR_SESSION_TOKEN_CLAIM_MISSING", `The session_token has no "${name}" claim.`);
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new RedirectTokenError("ERR_SESSION_TOKEN_CLAIM_INVALID", `The session_token's "${name}" claim must be a number of seconds.`);
  }
  return value;
}

const REFUSALS = {
  malformed: () => new RedirectTokenError("ERR_SESSION_TOKEN_MALFORMED", "The session_token is not a well-formed signed JWT."),
  alg_not_allowed: () => new RedirectTokenError("ERR_SESSION_TOKEN_ALG_NOT_ALLOWED", "The session_token must be signed with HS256; its algorithm is refused."),
  bad_signature: () => new RedirectTokenError("ERR_SESSION_TOKEN_SIGNATURE_INVALID", "The session_token's signature does not verify with the shared secret."),
} as const;
