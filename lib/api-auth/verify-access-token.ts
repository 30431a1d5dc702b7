import { jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import type { Config } from "../config";
import { joseRefusal } from "../errors/jose-error";
import { AccessTokenError, isAccessTokenError } from "./errors";
import { remoteKeySet } from "./remote-jwks";

/** Far above any Auth0 access token, even with many permissions; anything larger is refused before parsing. */
export const MAX_ACCESS_TOKEN_LENGTH = 16 * 1024;
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

export interface AccessTokenOptions {
  /** `https://TENANT/`, with the trailing slash Auth0 puts in `iss`. */
  issuer: string;
  /** The product API's identifier, which must be in `aud`. */
  audience: string;
  /** The tenant's public keys (see `remoteKeySet`). */
  keys: JWTVerifyGetKey;
  /** The namespaced claim that lists the user's roles, e.g. `https://product-xyz.example/roles`. */
  rolesClaim: string;
  /** For tests: the clock. */
  currentDate?: Date;
}

/** What the request must be allowed to do: a scope, or (for people) a role that grants the same. */
export interface AccessRequirement {
  scope: string;
  role?: string;
}

export interface AccessTokenPrincipal {
  /** The user (`auth0|…`) or, for client credentials, the client (`…@clients`). */
  sub: string;
  /** The Auth0 application the token was issued to (`azp`), when present. */
  clientId: string | null;
  /** How Auth0 issued it (`gty`, e.g. `client-credentials`), when it says. */
  grantType: string | null;
  scopes: string[];
  roles: string[];
}

/**
 * Verifies a Bearer access token for the product API: RS256 only, signature by the tenant's keys, `iss`, `aud`
 * containing the API identifier, `exp`; then the requirement, met by the scope (in `scope`, or in `permissions` as
 * Auth0's RBAC issues it) or by the role in the roles claim.
 *
 * @example
 * const principal = await verifyAccessToken(request.headers.get("authorization"), { scope: "read:consents", role: "consent-auditor" }, accessTokenOptionsFrom(config));
 * @throws {AccessTokenError} with a stable `code`, an HTTP `status` and the RFC 6750 `bearerError`.
 */
export async function verifyAccessToken(
  authorization: string | null,
  requirement: AccessRequirement,
  options: AccessTokenOptions,
): Promise<AccessTokenPrincipal> {
  const token = bearerToken(authorization);
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, options.keys, {
      algorithms: ["RS256"],
      issuer: options.issuer,
      audience: options.audience,
      requiredClaims: ["exp", "sub"],
      currentDate: options.currentDate,
    }));
  } catch (error) {
    throw explain(error);
  }
  const principal = principalOf(payload, options.rolesClaim);
  const granted = principal.scopes.includes(requirement.scope) || (requirement.role !== undefined && principal.roles.includes(requirement.role));
  if (!granted) {
    throw new AccessTokenError(
      "ERR_ACCESS_TOKEN_INSUFFICIENT_SCOPE",
      `The access token does not grant ${requirement.scope}` + (requirement.role ? ` (nor the ${requirement.role} role).` : "."),
    );
  }
  return principal;
}

/**
 * The options of this process's product API, with the key set cached per process.
 *
 * @example
 * const options = accessTokenOptionsFrom(getConfig()); // issuer "https://tenant.eu.auth0.com/", audience the product API's (contract/product-api.ts)
 */
export function accessTokenOptionsFrom(config: Config): AccessTokenOptions {
  const { issuer, audience, jwksUrl, rolesClaim } = config.accessTokens;
  return { issuer, audience, rolesClaim, keys: remoteKeySet(jwksUrl) };
}

function bearerToken(authorization: string | null): string {
  if (!authorization || !/^Bearer(\s|$)/i.test(authorization)) {
    throw new AccessTokenError("ERR_ACCESS_TOKEN_MISSING", "This API needs an access token: send Authorization: Bearer <token>.");
  }
  if (authorization.length > MAX_ACCESS_TOKEN_LENGTH + 7) {
    throw new AccessTokenError("ERR_ACCESS_TOKEN_TOO_LARGE", `The access token is longer than ${MAX_ACCESS_TOKEN_LENGTH} characters.`);
  }
  const token = BEARER.exec(authorization)?.[1];
  if (!token) throw new AccessTokenError("ERR_ACCESS_TOKEN_HEADER_MALFORMED", "The Authorization header must be: Bearer <token>.");
  return token;
}

function principalOf(payload: JWTPayload, rolesClaim: string): AccessTokenPrincipal {
  const strings = (value: unknown) => (Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : []);
  const scope = typeof payload.scope === "string" ? payload.scope.split(" ").filter(Boolean) : [];
  return {
    sub: payload.sub as string,
    clientId: typeof payload.azp === "string" ? payload.azp : null,
    grantType: typeof payload.gty === "string" ? payload.gty : null,
    scopes: [...new Set([...scope, ...strings(payload.permissions)])],
    roles: strings(payload[rolesClaim]),
  };
}

function explain(error: unknown): AccessTokenError {
  if (isAccessTokenError(error)) return error;
  const refusal = joseRefusal(error);
  switch (refusal?.reason) {
    case undefined:
      throw error;
    case "alg_not_allowed":
      return new AccessTokenError("ERR_ACCESS_TOKEN_ALG_NOT_ALLOWED", "The access token must be signed with RS256; its algorithm is refused.");
    case "no_key":
      return new AccessTokenError("ERR_ACCESS_TOKEN_KEY_UNKNOWN", "The access token is signed with a key the authorization server does not publish.");
    case "bad_signature":
      return new AccessTokenError("ERR_ACCESS_TOKEN_SIGNATURE_INVALID", "The access token's signature does not verify.");
    case "expired":
      return new AccessTokenError("ERR_ACCESS_TOKEN_EXPIRED", "The access token has expired.");
    case "claim_failed":
      if (refusal.claim === "iss") return new AccessTokenError("ERR_ACCESS_TOKEN_ISSUER_INVALID", "The access token was not issued by the configured Auth0 tenant.");
      if (refusal.claim === "aud") return new AccessTokenError("ERR_ACCESS_TOKEN_AUDIENCE_INVALID", "The access token is not meant for this API (aud).");
      if (refusal.claim === "nbf") return new AccessTokenError("ERR_ACCESS_TOKEN_NOT_YET_VALID", "The access token is not valid yet (nbf).");
      if (refusal.missing) return new AccessTokenError("ERR_ACCESS_TOKEN_CLAIM_MISSING", `The access token has no "${refusal.claim}" claim.`);
      return new AccessTokenError("ERR_ACCESS_TOKEN_CLAIM_INVALID", `The access token's "${refusal.claim}" claim is invalid.`);
    case "malformed":
      return new AccessTokenError("ERR_ACCESS_TOKEN_MALFORMED", "The access token is not a well-formed signed JWT.");
  }
}
