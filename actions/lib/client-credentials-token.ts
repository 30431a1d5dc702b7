import { createHash } from "node:crypto";
import type { ActionsCache } from "../../contract/post-login";
import { requestJson, statusError } from "./request-json";
import { UpstreamError } from "./upstream-error";

/**
 * A cached token is dropped this long before it expires, so that it never runs out between the cache read and the
 * call it authorizes (clocks of the Action and the API may also differ by a little).
 */
export const TOKEN_EXPIRY_MARGIN_MS = 5 * 60 * 1000;

export interface ClientCredentials {
  /** `https://TENANT/oauth/token`. */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  audience: string;
}

export interface TokenOptions {
  cache: ActionsCache;
  /** The Action's deadline (`AbortSignal.timeout`), shared by the token request and the call. */
  signal: AbortSignal;
  /** Where the Action logs; receives no token or secret. */
  log: (message: string) => void;
}

/**
 * The cache key of a client's token for an audience: a hash, since api.cache keys are limited to 64 bytes and a
 * client id plus an audience URL exceed that. Actions of one trigger share the cache, so each pair has its own key.
 *
 * @example
 * tokenCacheKey({ tokenUrl, clientId, clientSecret, audience }); // "cc_Zk3…" (25 characters)
 */
export function tokenCacheKey(credentials: ClientCredentials): string {
  const identity = `${credentials.tokenUrl}\n${credentials.clientId}\n${credentials.audience}`;
  return `cc_${createHash("sha256").update(identity).digest("base64url").slice(0, 22)}`;
}

/**
 * Runs `call` with a client-credentials access token: the one in `api.cache` while it is valid, else a new one
 * (then cached until `TOKEN_EXPIRY_MARGIN_MS` before it expires). Logins thus mint a token once a day, not once
 * each. A cached token that `call` finds refused (an `ERR_UPSTREAM_UNAUTHORIZED` error: revoked, or signed with a
 * rotated key) is dropped and replaced once.
 *
 * @example
 * const user = await withClientCredentials(credentials, { cache: api.cache, signal, log }, (token) =>
 *   readDirectoryGroups({ tenantUrl, userId, accessToken: token, signal }),
 * );
 * @throws {UpstreamError} when no token can be had, or from `call`.
 */
export async function withClientCredentials<T>(
  credentials: ClientCredentials,
  options: TokenOptions,
  call: (accessToken: string) => Promise<T>,
): Promise<T> {
  const key = tokenCacheKey(credentials);
  const cached = options.cache.get(key)?.value;
  if (cached) {
    try {
      return await call(cached);
    } catch (error) {
      if (!(error instanceof UpstreamError && error.code === "ERR_UPSTREAM_UNAUTHORIZED")) throw error;
      options.cache.delete(key);
      options.log("the cached token was refused (401); requesting a new one");
    }
  }
  return call(await requestToken(credentials, key, options));
}

async function requestToken(credentials: ClientCredentials, key: string, options: TokenOptions): Promise<string> {
  const response = await requestJson("the token endpoint", credentials.tokenUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
      audience: credentials.audience,
    }).toString(),
    signal: options.signal,
  });
  if (response.status !== 200) throw statusError("the token endpoint", response);
  const body = (typeof response.body === "object" && response.body !== null ? response.body : {}) as Record<string, unknown>;
  const { access_token: accessToken, expires_in: expiresIn } = body;
  if (typeof accessToken !== "string" || accessToken === "" || typeof expiresIn !== "number" || !(expiresIn > 0)) {
    throw new UpstreamError("ERR_UPSTREAM_INVALID_RESPONSE", "the token endpoint answered without access_token and expires_in");
  }
  remember(key, accessToken, expiresIn, options);
  return accessToken;
}

/** Caching is an optimisation: when the cache refuses (a token over 4 kB, a full cache), log it and go on. */
function remember(key: string, accessToken: string, expiresInSeconds: number, options: TokenOptions): void {
  // A ttl rather than an absolute expiry: it counts from the cache's own clock, whatever the Action's says.
  const ttl = Math.floor(expiresInSeconds * 1000 - TOKEN_EXPIRY_MARGIN_MS);
  if (ttl <= 0) {
    options.log(`the token lives ${expiresInSeconds} s, less than the safety margin: not cached`);
    return;
  }
  const result = options.cache.set(key, accessToken, { ttl });
  if (result.type === "error") {
    const size = result.code === "CacheValueSizeExceeded" ? ` (${Buffer.byteLength(accessToken)} bytes, over 4 kB)` : "";
    options.log(`the token was not cached: ${result.code}${size}; the next login requests a new one`);
  }
}
