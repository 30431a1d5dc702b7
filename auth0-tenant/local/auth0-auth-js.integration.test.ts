import { AuthClient } from "@auth0/auth0-auth-js";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "../../tests/support/http-client";
import { registerWebApp, ROTATING_REFRESH_TOKENS, startHttpsTestTenant, type TestTenant } from "../../tests/support/local-tenant";
import type { OidcClient } from "../../tests/support/oidc-login";
import { loginInBrowser } from "../../tests/support/openid-client";

/**
 * `@auth0/auth0-auth-js`, Auth0's own Authentication API client (the base of its server-side SDKs), against the local
 * tenant in https mode: it only speaks `https://DOMAIN`, as to a real tenant, and checks every answer the way it
 * checks Auth0's (discovery, ID token claims, error bodies).
 */
let tenant: TestTenant;
let app: OidcClient;
let auth: AuthClient;

beforeAll(async () => {
  tenant = await startHttpsTestTenant();
  app = await registerWebApp(tenant, {
    grantTypes: ["authorization_code", "refresh_token", "password"],
    refreshToken: ROTATING_REFRESH_TOKENS,
    logoutUrls: ["http://127.0.0.1:3000/signed-out"],
  });
  auth = new AuthClient({ domain: new URL(tenant.issuer).host, clientId: app.clientId, clientSecret: app.clientSecret ?? "" });
});
afterAll(async () => {
  await tenant?.stop();
});

/** What the SDK's error carries: its class's code, the OAuth error, the HTTP status. */
async function refusal(call: Promise<unknown>) {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught as { code: string; message: string; statusCode?: number; cause?: { error: string; error_description: string } },
  );
  if (!error) throw new Error("the call succeeded");
  return { code: error.code, status: error.statusCode, error: error.cause?.error, description: error.cause?.error_description };
}

/** The code flow as an app on auth0-auth-js does it: its URL (PKCE), the tenant's login page, its code exchange. */
async function logIn(scope = "openid profile email offline_access") {
  const { authorizationUrl, codeVerifier } = await auth.buildAuthorizationUrl({ authorizationParams: { redirect_uri: app.redirectUri, scope } });
  const landing = await loginInBrowser(new HttpClient(), app, authorizationUrl, tenant.demoUser);
  if (landing.kind !== "callback") throw new Error(`the login did not come back to the callback (${landing.kind})`);
  return { authorizationUrl, tokens: await auth.getTokenByCode(landing.url, { codeVerifier }) };
}

describe("@auth0/auth0-auth-js against the https tenant", () => {
  it("builds the authorization URL from the tenant's discovery, with PKCE", async () => {
    const { authorizationUrl } = await auth.buildAuthorizationUrl({ authorizationParams: { redirect_uri: app.redirectUri } });
    expect(authorizationUrl.origin + authorizationUrl.pathname).toBe(`${tenant.issuer}authorize`);
    expect(Object.fromEntries(authorizationUrl.searchParams)).toMatchObject({
      client_id: app.clientId,
      redirect_uri: app.redirectUri,
      response_type: "code",
      code_challenge_method: "S256",
      code_challenge: expect.any(String),
    });
  });

  it("exchanges the code for an ID token it verifies, an access token and a refresh token", async () => {
    const { tokens } = await logIn();
    expect(tokens.claims).toMatchObject({ iss: tenant.issuer, aud: app.clientId, email: tenant.demoUser.email });
    expect(tokens.refreshToken).toEqual(expect.any(String));
    expect(tokens.expiresAt).toBeGreaterThan(Date.now() / 1000);
    await expect(auth.getUserInfo({ accessToken: tokens.accessToken })).resolves.toMatchObject({ sub: tokens.claims?.sub, email: tenant.demoUser.email });
  });

  it("refreshes with rotation, and the used refresh token is then Auth0's invalid_grant", async () => {
    const { tokens } = await logIn();
    const refreshed = await auth.getTokenByRefreshToken({ refreshToken: tokens.refreshToken ?? "" });
    expect(refreshed.refreshToken).toEqual(expect.any(String));
    expect(refreshed.refreshToken).not.toBe(tokens.refreshToken);
    expect(refreshed.claims?.sub).toBe(tokens.claims?.sub);
    expect(await refusal(auth.getTokenByRefreshToken({ refreshToken: tokens.refreshToken ?? "" }))).toMatchObject({
      code: "token_by_refresh_token_error",
      error: "invalid_grant",
    });
  });

  it("revokes a refresh token, which then no longer refreshes", async () => {
    const { tokens } = await logIn();
    await auth.revokeToken({ token: tokens.refreshToken ?? "", tokenTypeHint: "refresh_token" });
    expect(await refusal(auth.getTokenByRefreshToken({ refreshToken: tokens.refreshToken ?? "" }))).toMatchObject({
      error: "invalid_grant",
      description: "Unknown or invalid refresh token.",
    });
  });

  it("gets tokens with the password grant the client enables (the SDK sends the connection as realm)", async () => {
    const tokens = await auth.getTokenByPassword({ username: tenant.demoUser.email, password: tenant.demoUser.password, realm: "Username-Password-Authentication", scope: "openid email" });
    expect(tokens.claims).toMatchObject({ email: tenant.demoUser.email });
    const wrong = await refusal(auth.getTokenByPassword({ username: tenant.demoUser.email, password: "not-the-password", realm: "Username-Password-Authentication" }));
    expect(wrong).toMatchObject({ code: "token_by_password_error", error: "invalid_grant", description: "Wrong email or password." });
  });

  it("gets a Management API token by client credentials", async () => {
    const management = new AuthClient({
      domain: new URL(tenant.issuer).host,
      clientId: tenant.managementClient.client_id,
      clientSecret: tenant.managementClient.client_secret,
    });
    const audience = `${tenant.issuer}api/v2/`;
    const tokens = await management.getTokenByClientCredentials({ audience });
    expect(decodeJwt(tokens.accessToken)).toMatchObject({ aud: audience, sub: `${tenant.managementClient.client_id}@clients` });
    expect(await refusal(auth.getTokenByClientCredentials({ audience }))).toMatchObject({ code: "token_by_client_credentials_error" });
  });

  it("builds a logout URL the tenant follows back to an allowed URL", async () => {
    const { tokens } = await logIn("openid");
    const url = await auth.buildLogoutUrl({ returnTo: "http://127.0.0.1:3000/signed-out" });
    expect(url.origin).toBe(new URL(tenant.issuer).origin);
    const response = await new HttpClient().get(url);
    expect(response.status).toBe(302);
    expect(response.location?.href).toBe("http://127.0.0.1:3000/signed-out");
    expect(tokens.idToken).toEqual(expect.any(String));
  });

  it("a custom token exchange, which the tenant does not emulate, is Auth0's unsupported_grant_type naming the grant", async () => {
    const refused = await refusal(
      auth.exchangeToken({ subjectTokenType: "urn:example:external-token", subjectToken: "external", audience: `${tenant.issuer}api/v2/` }),
    );
    expect(refused).toMatchObject({ code: "token_exchange_error", error: "unsupported_grant_type" });
    expect(refused.description).toContain("urn:ietf:params:oauth:grant-type:token-exchange");
  });
});
