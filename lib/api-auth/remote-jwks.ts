import { createRemoteJWKSet, type errors, type JWTVerifyGetKey } from "jose";
import { hasCode } from "../errors/has-code";
import { AccessTokenError } from "./errors";

/** How long a fetch of the key set may take before the request is answered 503. */
export const JWKS_TIMEOUT_MS = 5_000;

const keySets = new Map<string, JWTVerifyGetKey>();

/**
 * The tenant's signing keys, fetched from its JWKS URL and cached per process (jose refetches on an unknown `kid`,
 * at most every 30 s). A key set that cannot be fetched is reported as `ERR_ACCESS_TOKEN_KEYS_UNAVAILABLE`: our outage, not the
 * caller's bad token.
 *
 * @example
 * const keys = remoteKeySet("https://tenant.eu.auth0.com/.well-known/jwks.json");
 * await jwtVerify(token, keys, { algorithms: ["RS256"] });
 */
export function remoteKeySet(jwksUrl: string): JWTVerifyGetKey {
  let keys = keySets.get(jwksUrl);
  if (!keys) {
    const remote = createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: JWKS_TIMEOUT_MS });
    keys = async (header, token) => {
      try {
        return await remote(header, token);
      } catch (error) {
        if (hasCode<errors.JWKSNoMatchingKey>(error, "ERR_JWKS_NO_MATCHING_KEY") || hasCode<errors.JWKSMultipleMatchingKeys>(error, "ERR_JWKS_MULTIPLE_MATCHING_KEYS")) {
          throw error;
        }
        throw new AccessTokenError("ERR_ACCESS_TOKEN_KEYS_UNAVAILABLE", "The authorization server's signing keys could not be fetched; try again later.", {
          cause: error,
        });
      }
    };
    keySets.set(jwksUrl, keys);
  }
  return keys;
}
