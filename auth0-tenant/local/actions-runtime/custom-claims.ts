import { CustomClaimsTooLargeError } from "./errors";

/** Auth0 fails the login when a token's custom claims (names and values, as JSON) exceed 100 KB. */
export const MAX_CUSTOM_CLAIMS_BYTES = 100 * 1024;

/** Names Auth0 silently refuses as custom claims (`scope` is refused earlier, with an error, by the api). */
const RESTRICTED_CLAIMS = new Set([
  "acr", "act", "active", "amr", "at_hash", "ath", "attest", "aud", "auth_time", "authorization_details", "azp",
  "c_hash", "client_id", "cnf", "cty", "dest", "entitlements", "events", "exp", "groups", "gty", "htm", "htu", "iat",
  "internalService", "iss", "jcard", "jku", "jti", "jwe", "jwk", "kid", "may_act", "mky", "nbf", "nonce",
  "object_id", "org_id", "org_name", "orig", "origid", "permissions", "roles", "rph", "s_hash", "scope", "sid",
  "sip_callid", "sip_cseq_num", "sip_date", "sip_from_tag", "sip_via_branch", "sub", "sub_jwk", "toe", "txn", "typ",
  "uuid", "vot", "vtm", "x5t#S256",
]);

const RESERVED_NAMESPACE_HOSTS = ["auth0.com", "webtask.io", "webtask.run"];

const isUnder = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`);

/** What `api.idToken.setCustomClaim` / `api.accessToken.setCustomClaim` refuse at call time (Auth0's exact text). */
export function assertSettableCustomClaim(name: unknown): asserts name is string {
  if (typeof name !== "string") throw new TypeError("setCustomClaim: the claim name must be a string.");
  if (name === "scope") throw new Error(`The ${JSON.stringify(name)} claim cannot be set.`);
}

function namespaceHost(name: string): string | undefined {
  if (!/^https?:\/\//i.test(name)) return undefined;
  try {
    return new URL(name).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

function isNamespaced(name: string): boolean {
  return namespaceHost(name) !== undefined || /^urn:/i.test(name);
}

function isReservedNamespace(name: string): boolean {
  const host = namespaceHost(name);
  if (host !== undefined) return RESERVED_NAMESPACE_HOSTS.some((reserved) => isUnder(host, reserved));
  return /^urn:auth0/i.test(name);
}

/**
 * Audiences of Auth0's own APIs (`/api/v2/`, `/mfa/`, anything on auth0.com or auth0app.com except `/userinfo`),
 * whose access tokens carry only namespaced custom claims. Path-based too, so the local tenant's own audiences count.
 */
export function isAuth0ApiAudience(audience: string): boolean {
  let url: URL;
  try {
    url = new URL(audience);
  } catch {
    return false;
  }
  const path = url.pathname.replace(/\/+$/, "");
  if (path === "/userinfo") return false;
  if (path === "/api/v2" || path === "/mfa") return true;
  const host = url.hostname.toLowerCase();
  return isUnder(host, "auth0.com") || isUnder(host, "auth0app.com");
}

export interface ApplyCustomClaimsInput {
  /** The claims the server puts in the token itself; a custom claim never overrides one of them. */
  standardClaims: Record<string, unknown>;
  /** `commands.idTokenClaims` or `commands.accessTokenClaims`. */
  customClaims: Record<string, unknown>;
  /** True for an access token whose audience is an Auth0 API (see `isAuth0ApiAudience`); false for ID tokens. */
  audienceIsAuth0Api: boolean;
}

/**
 * The token payload: standard claims plus the custom claims Auth0 would keep. Refused claims are dropped silently,
 * as Auth0 does; only the 100 KB limit fails (with `CustomClaimsTooLargeError`).
 */
export function applyCustomClaims(input: ApplyCustomClaimsInput): Record<string, unknown> {
  const kept = Object.fromEntries(
    Object.entries(input.customClaims).filter(
      ([name]) =>
        !RESTRICTED_CLAIMS.has(name) &&
        !Object.hasOwn(input.standardClaims, name) &&
        !isReservedNamespace(name) &&
        (isNamespaced(name) || !input.audienceIsAuth0Api),
    ),
  );
  const size = Buffer.byteLength(JSON.stringify(kept), "utf8");
  if (size > MAX_CUSTOM_CLAIMS_BYTES) throw new CustomClaimsTooLargeError(size, MAX_CUSTOM_CLAIMS_BYTES);
  return { ...input.standardClaims, ...kept };
}
