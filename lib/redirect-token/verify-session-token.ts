import { jwtVerify } from "jose";
import { joseRefusal } from "../errors/jose-error";
import { RedirectTokenError } from "./errors";

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
  key: CryptoKey;
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
 * const claims = await verifySessionToken(token, { key, issuer: "tenant.eu.auth0.com" });
 * claims.sub; // "auth0|123"
 * @throws {RedirectTokenError} with a stable `code` for each reason.
 */
export async function verifySessionToken(
  token: string | null | undefined,
  options: VerifySessionTokenOptions,
): Promise<SessionTokenClaims> {
  if (!token) throw new RedirectTokenError("ERR_SESSION_TOKEN_MISSING", "The session_token parameter is missing.");
  if (token.length > MAX_TOKEN_LENGTH) {
    throw new RedirectTokenError("ERR_SESSION_TOKEN_TOO_LARGE", `The session_token is longer than ${MAX_TOKEN_LENGTH} characters.`);
  }
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, options.key, {
      algorithms: ["HS256"],
      issuer: options.issuer,
      requiredClaims: ["exp", "iat", "sub"],
      currentDate: options.now === undefined ? undefined : new Date(options.now * 1000),
    }));
  } catch (error) {
    throw explain(error);
  }
  const { sub, step, exp, iat, iss: _iss, ip: _ip, ...rest } = payload;
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (typeof iat === "number" && iat > now + MAX_CLOCK_SKEW_SECONDS) {
    throw new RedirectTokenError(
      "ERR_SESSION_TOKEN_NOT_YET_VALID",
      `The session_token was issued in the future (iat more than ${MAX_CLOCK_SKEW_SECONDS} s ahead of this server's clock): check the clocks, or sign in again.`,
    );
  }
  if (typeof sub !== "string" || sub === "") {
    throw new RedirectTokenError("ERR_SESSION_TOKEN_CLAIM_INVALID", 'The session_token\'s "sub" claim must be a non-empty string.');
  }
  if (typeof step !== "string" || step === "") {
    throw new RedirectTokenError("ERR_SESSION_TOKEN_CLAIM_MISSING", 'The session_token has no "step" claim: it was not made for this app.');
  }
  return { sub, step, payload: rest, exp: exp as number };
}

function explain(error: unknown): RedirectTokenError {
  const refusal = joseRefusal(error);
  switch (refusal?.reason) {
    case undefined:
      throw error;
    case "alg_not_allowed":
      return new RedirectTokenError("ERR_SESSION_TOKEN_ALG_NOT_ALLOWED", "The session_token must be signed with HS256; its algorithm is refused.");
    case "bad_signature":
      return new RedirectTokenError("ERR_SESSION_TOKEN_SIGNATURE_INVALID", "The session_token's signature does not verify with the shared secret.");
    case "expired":
      return new RedirectTokenError("ERR_SESSION_TOKEN_EXPIRED", "The session_token has expired: sign in again.");
    case "claim_failed":
      if (refusal.claim === "iss") {
        return new RedirectTokenError("ERR_SESSION_TOKEN_ISSUER_INVALID", "The session_token was not issued by the configured Auth0 tenant.");
      }
      if (refusal.missing) return new RedirectTokenError("ERR_SESSION_TOKEN_CLAIM_MISSING", `The session_token has no "${refusal.claim}" claim.`);
      return new RedirectTokenError("ERR_SESSION_TOKEN_CLAIM_INVALID", `The session_token's "${refusal.claim}" claim is invalid.`);
    // One shared secret and no key set: jose never looks a key up, so "no_key" cannot come; it stays a malformed token.
    case "no_key":
    case "malformed":
      return new RedirectTokenError("ERR_SESSION_TOKEN_MALFORMED", "The session_token is not a well-formed signed JWT.");
  }
}
