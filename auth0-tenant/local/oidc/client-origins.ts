import type { StoredClient } from "../store/clients";

/**
 * A client's origins, by what Auth0 lets each list do (the Management API's field descriptions):
 * - `web_origins` (Allowed Web Origins): "for use with Cross-Origin Authentication, Device Flow, and web message
 *   response mode" — here, who may receive a `web_message` answer (and frame the page that posts it).
 * - `allowed_origins` (Allowed Origins (CORS)): "URLs allowed to make requests from JavaScript to Auth0 API …
 *   By default, all your callback URLs will be allowed" — here, who may call `/oauth/token`, `/oauth/revoke` and
 *   `/userinfo` from a browser: these origins and those of the `callbacks`.
 * Entries may use a wildcard at the subdomain level (`https://*.example.com`), as on Auth0.
 */
export function isWebOrigin(client: StoredClient, origin: string): boolean {
  return client.web_origins.some((allowed) => originMatches(allowed, origin));
}

export function isCorsOrigin(client: StoredClient, origin: string): boolean {
  // A field the tenant keeps verbatim (management/client-fields.ts), so read defensively.
  const kept: unknown = (client as StoredClient & { allowed_origins?: unknown }).allowed_origins;
  const allowedOrigins = Array.isArray(kept) ? kept.filter((entry): entry is string => typeof entry === "string") : [];
  return [...allowedOrigins, ...client.callbacks].some((allowed) => originMatches(allowed, origin));
}

/** `pattern` is a URL (its path, query and fragment are not looked at) whose host may start with `*.`. */
function originMatches(pattern: string, origin: string): boolean {
  const wildcard = /^([a-z][a-z0-9+.-]*:\/\/)\*\.(.+)$/i.exec(pattern);
  if (!wildcard) return originOf(pattern) === origin;
  const base = originOf(`${wildcard[1]}${wildcard[2]}`);
  const candidate = originOf(origin);
  if (!base || !candidate) return false;
  const baseUrl = new URL(base);
  const url = new URL(candidate);
  return url.protocol === baseUrl.protocol && url.port === baseUrl.port && url.hostname.endsWith(`.${baseUrl.hostname}`);
}

function originOf(url: string): string | undefined {
  try {
    const origin = new URL(url).origin;
    return origin === "null" ? undefined : origin;
  } catch {
    return undefined;
  }
}
