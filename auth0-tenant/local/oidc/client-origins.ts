import type { StoredClient } from "../store/clients";

/**
 * Whether `origin` is one of the client's Allowed Web Origins (`web_origins`: "for use with Cross-Origin
 * Authentication, Device Flow, and web message response mode", the Management API's field description): here, who
 * may receive a `web_message` answer and frame the page that posts it.
 * Entries may use a wildcard at the subdomain level (`https://*.example.com`), as on Auth0.
 */
export function isWebOrigin(client: StoredClient, origin: string): boolean {
  return client.web_origins.some((allowed) => originMatches(allowed, origin));
}

/**
 * Whether a browser at `origin` may call `/oauth/token`, `/oauth/revoke` and `/userinfo` for this client: its Allowed
 * Origins (CORS) (`allowed_origins`), its Allowed Web Origins (`web_origins`) and its callbacks' origins. Auth0's
 * "Configure Cross-Origin Resource Sharing" page: "If you have not already added it to the Allowed Callback URLs for
 * your application, you will need to add it to the list of Allowed Origins (CORS)"; auth0-spa-js issue #454 and
 * auth0-cli issue #193: without Allowed Web Origins the token call answers 401 `access_denied` "Unauthorized".
 */
export function isCorsOrigin(client: StoredClient, origin: string): boolean {
  return [...(client.allowed_origins ?? []), ...client.web_origins, ...client.callbacks].some((allowed) => originMatches(allowed, origin));
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
