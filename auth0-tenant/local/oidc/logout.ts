import { PageError } from "../errors";
import type { HttpRequest } from "../http/request";
import { htmlReply, redirectReply, type Reply } from "../http/reply";
import { loggedOutPage } from "../pages/logged-out-page";
import { endedSessionCookie } from "../state/session-cookie";
import { pageLanguageFor } from "../universal-login/page-language-for";
import { SESSION_COOKIE } from "../state/sessions";
import type { StoredClient } from "../store/clients";
import type { Tenant } from "../tenant";

/**
 * `/v2/logout` (`returnTo`, `client_id`) and `/oidc/logout` (`post_logout_redirect_uri`, `client_id` or
 * `id_token_hint`, `state`). The return URL must be one of the client's Allowed Logout URLs; otherwise a 400 page
 * says so and the session is kept, so nothing is lost by a misconfigured link.
 */
export async function logout(tenant: Tenant, req: HttpRequest, flavour: "v2" | "oidc"): Promise<Reply> {
  const q = req.query;
  const returnTo = flavour === "v2" ? q.returnTo : q.post_logout_redirect_uri;
  const returnParam = flavour === "v2" ? "returnTo" : "post_logout_redirect_uri";
  const cookies = [endedSessionCookie(req)];
  let target: string | undefined;
  if (returnTo) {
    const client = await findClient(tenant, q.client_id, flavour === "oidc" ? q.id_token_hint : undefined);
    if (!client) {
      throw new PageError(
        "invalid_request",
        `${returnParam} needs client_id${flavour === "oidc" ? " or id_token_hint" : ""}: the local tenant has no tenant-level Allowed Logout URLs.`,
      );
    }
    if (!isAllowedLogoutUrl(client, returnTo)) {
      throw new PageError(
        "invalid_request",
        `The "${returnParam}" querystring parameter "${returnTo}" is not defined as a valid URL in "Allowed Logout URLs" of the application "${client.name}".`,
        `Allowed Logout URLs: ${client.allowed_logout_urls.join(", ") || "(none)"}`,
      );
    }
    const url = new URL(returnTo);
    if (flavour === "oidc" && q.state !== undefined) url.searchParams.set("state", q.state);
    target = url.toString();
  }
  tenant.sessions.delete(req.cookies[SESSION_COOKIE]);
  tenant.log(`logout${target ? ` to ${target}` : ""}`);
  return target ? redirectReply(target, cookies) : htmlReply(200, loggedOutPage(pageLanguageFor(tenant)), { cookies });
}

async function findClient(tenant: Tenant, clientId: string | undefined, idTokenHint: string | undefined): Promise<StoredClient | undefined> {
  if (clientId) {
    const client = tenant.stores.clients.get(clientId);
    if (!client) throw new PageError("invalid_request", `Unknown client: ${clientId}`);
    return client;
  }
  if (!idTokenHint) return undefined;
  const payload = await tenant.signer.verifyIdTokenHint(idTokenHint);
  if (!payload) throw new PageError("invalid_request", "id_token_hint is not an ID token issued by this tenant.");
  return typeof payload.aud === "string" ? tenant.stores.clients.get(payload.aud) : undefined;
}

/** Compared after URL normalisation, so `http://host:3000` and `http://host:3000/` are the same URL. */
function isAllowedLogoutUrl(client: StoredClient, candidate: string): boolean {
  const wanted = normalise(candidate);
  return wanted !== undefined && client.allowed_logout_urls.some((allowed) => normalise(allowed) === wanted);
}

function normalise(url: string): string | undefined {
  try {
    return new URL(url).href;
  } catch {
    return undefined;
  }
}
