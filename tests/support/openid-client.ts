import * as oidc from "openid-client";
import type { HttpClient } from "./http-client";
import { land, submitPassword, type Credentials, type Landing, type OidcClient } from "./oidc-login";

/**
 * `openid-client` 6 (panva), a client nobody here wrote, configured from the tenant's discovery document. The local
 * tenant speaks plain http on loopback, which the library refuses unless told (`allowInsecureRequests`).
 */
export function discoverWithOpenidClient(
  app: OidcClient,
  options: { auth?: "post" | "basic" | "none"; metadata?: Partial<oidc.ClientMetadata> } = {},
): Promise<oidc.Configuration> {
  const auth = options.auth ?? (app.clientSecret === undefined ? "none" : "post");
  const clientAuth =
    auth === "none" ? oidc.None() : auth === "basic" ? oidc.ClientSecretBasic(app.clientSecret ?? "") : oidc.ClientSecretPost(app.clientSecret ?? "");
  return oidc.discovery(new URL(app.issuer), app.clientId, { redirect_uris: [app.redirectUri], ...options.metadata }, clientAuth, {
    execute: [oidc.allowInsecureRequests],
  });
}

/** The error `openid-client` rejects `call` with, for an answer the tenant refused; throws if it did not refuse so. */
export async function responseBodyError(call: Promise<unknown>): Promise<oidc.ResponseBodyError> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof oidc.ResponseBodyError)) throw new Error(`expected a ResponseBodyError, got ${String(error)}`);
  return error;
}

/** What the browser brings back to the callback, in the shape `authorizationCodeGrant` takes (a URL, or the form POST). */
export function callbackInput(landing: Landing): URL | Request {
  if (landing.kind !== "callback") throw new Error(`the login did not come back to the callback (${landing.kind})`);
  if (landing.via === "query" || landing.via === "fragment") return landing.url;
  if (landing.via === "web_message") throw new Error("a web_message answer is for a browser window, not for openid-client");
  return new Request(landing.url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(landing.params).toString(),
  });
}

/** Follows the authorization URL in a cookie-keeping HTTP client, logging in on the tenant's page if it shows one. */
export async function loginInBrowser(http: HttpClient, app: OidcClient, url: URL, credentials: Credentials): Promise<Landing> {
  const landing = await land(http, app, await http.get(url));
  return landing.kind === "page" ? submitPassword(http, app, landing.response, credentials) : landing;
}

/** Code flow with PKCE, state and nonce, the way an application using `openid-client` does it. */
export async function codeFlow(
  http: HttpClient,
  config: oidc.Configuration,
  app: OidcClient,
  credentials: Credentials,
  parameters: Record<string, string> = {},
) {
  const pkceCodeVerifier = oidc.randomPKCECodeVerifier();
  const expectedState = oidc.randomState();
  const scope = parameters.scope ?? "openid profile email";
  // Without openid there is no ID token, and openid-client expects one whenever a nonce was sent.
  const expectedNonce = scope.split(" ").includes("openid") ? oidc.randomNonce() : undefined;
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: app.redirectUri,
    scope,
    state: expectedState,
    ...(expectedNonce ? { nonce: expectedNonce } : {}),
    code_challenge: await oidc.calculatePKCECodeChallenge(pkceCodeVerifier),
    code_challenge_method: "S256",
    ...parameters,
  });
  const landing = await loginInBrowser(http, app, url, credentials);
  return {
    landing,
    tokens: await oidc.authorizationCodeGrant(config, callbackInput(landing), {
      pkceCodeVerifier,
      expectedState,
      ...(expectedNonce ? { expectedNonce } : { idTokenExpected: false }),
    }),
  };
}
