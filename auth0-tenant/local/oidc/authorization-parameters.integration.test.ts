import { decodeJwt } from "jose";
import * as oidc from "openid-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { HttpClient } from "../../../tests/support/http-client";
import { registerWebApp, startTestTenant, type TestTenant } from "../../../tests/support/local-tenant";
import { callbackInput, codeFlow, discoverWithOpenidClient, loginInBrowser } from "../../../tests/support/openid-client";
import { land, type OidcClient } from "../../../tests/support/oidc-login";

const LOCALES_ACTION = `
exports.onExecutePostLogin = async (event, api) => {
  api.idToken.setCustomClaim("https://example.com/ui_locales", event.transaction.ui_locales);
  api.idToken.setCustomClaim("https://example.com/locale", event.transaction.locale);
};
`;

let tenant: TestTenant;
let app: OidcClient;
let config: oidc.Configuration;
let clockOffsetMs = 0;

beforeAll(async () => {
  tenant = await startTestTenant({ now: () => Date.now() + clockOffsetMs });
  app = await registerWebApp(tenant);
  config = await discoverWithOpenidClient(app);
  await tenant.management.bindPostLogin([await tenant.management.deployAction("locales", LOCALES_ACTION)]);
});
afterAll(async () => {
  await tenant.stop();
});
beforeEach(() => {
  clockOffsetMs = 0;
});

/** Where `/authorize` sends a browser: the tenant page it stops at, or the callback. */
async function firstStop(http: HttpClient, client: OidcClient, url: URL) {
  return land(http, client, await http.get(url));
}

describe("authorization parameters (openid-client 6)", () => {
  describe("PKCE", () => {
    it("is optional for a confidential client: a code flow without it completes", async () => {
      const expectedState = oidc.randomState();
      const expectedNonce = oidc.randomNonce();
      const url = oidc.buildAuthorizationUrl(config, { redirect_uri: app.redirectUri, scope: "openid email", state: expectedState, nonce: expectedNonce });
      const landing = await loginInBrowser(new HttpClient(), app, url, tenant.demoUser);
      const tokens = await oidc.authorizationCodeGrant(config, callbackInput(landing), { expectedState, expectedNonce });
      expect(tokens.claims()?.email).toBe(tenant.demoUser.email);
    });

    it("accepts code_challenge_method=plain, as Auth0 does, and checks the verifier against it", async () => {
      const verifier = oidc.randomPKCECodeVerifier();
      const plainLogin = async () => {
        const expectedState = oidc.randomState();
        const url = oidc.buildAuthorizationUrl(config, { redirect_uri: app.redirectUri, scope: "openid email", state: expectedState, code_challenge: verifier, code_challenge_method: "plain" });
        return { input: callbackInput(await loginInBrowser(new HttpClient(), app, url, tenant.demoUser)), expectedState };
      };
      const good = await plainLogin();
      const tokens = await oidc.authorizationCodeGrant(config, good.input, { expectedState: good.expectedState, pkceCodeVerifier: verifier, idTokenExpected: true });
      expect(tokens.claims()?.email).toBe(tenant.demoUser.email);
      const wrong = await plainLogin();
      const refused = await oidc.authorizationCodeGrant(config, wrong.input, { expectedState: wrong.expectedState, pkceCodeVerifier: oidc.randomPKCECodeVerifier() }).catch((caught: unknown) => caught);
      expect(refused).toMatchObject({ error: "invalid_grant", error_description: "Failed to verify code verifier" });
    });

    it("is required for a public client (no secret), which logs in with it", async () => {
      const spa = await tenant.management.expect<{ client_id: string }>(201, "POST", "clients", {
        name: "Public SPA",
        app_type: "spa",
        token_endpoint_auth_method: "none",
        callbacks: [app.redirectUri],
      });
      const publicApp: OidcClient = { issuer: tenant.issuer, clientId: spa.client_id, redirectUri: app.redirectUri };
      const publicConfig = await discoverWithOpenidClient(publicApp);
      const url = oidc.buildAuthorizationUrl(publicConfig, { redirect_uri: app.redirectUri, scope: "openid", state: "s1" });
      const refused = await firstStop(new HttpClient(), publicApp, url);
      expect(refused).toMatchObject({ kind: "callback", params: { error: "invalid_request", state: "s1" } });
      const { tokens } = await codeFlow(new HttpClient(), publicConfig, publicApp, tenant.demoUser);
      expect(tokens.claims()?.aud).toBe(spa.client_id);
    });
  });

  describe("a new authentication", () => {
    it("is forced by max_age once the session's authentication is older, and auth_time says when", async () => {
      const browser = new HttpClient();
      const first = (await codeFlow(browser, config, app, tenant.demoUser)).tokens.claims();
      const sso = await codeFlow(browser, config, app, tenant.demoUser, { max_age: "3600" });
      expect(sso.tokens.claims()?.auth_time).toBe(first?.auth_time);

      clockOffsetMs = 61_000;
      const url = oidc.buildAuthorizationUrl(config, { redirect_uri: app.redirectUri, scope: "openid", max_age: "60", code_challenge: "x".repeat(43), code_challenge_method: "S256" });
      expect(await firstStop(browser, app, url)).toMatchObject({ kind: "page" });
      const again = await codeFlow(browser, config, app, tenant.demoUser, { max_age: "60" });
      expect(again.tokens.claims()?.auth_time).toBeGreaterThanOrEqual((first?.auth_time ?? 0) + 60);
    });

    it("is forced by prompt=login despite a session", async () => {
      const browser = new HttpClient();
      const first = (await codeFlow(browser, config, app, tenant.demoUser)).tokens.claims();
      clockOffsetMs = 5_000;
      const url = oidc.buildAuthorizationUrl(config, { redirect_uri: app.redirectUri, scope: "openid", prompt: "login", code_challenge: "x".repeat(43), code_challenge_method: "S256" });
      expect(await firstStop(browser, app, url)).toMatchObject({ kind: "page" });
      const again = await codeFlow(browser, config, app, tenant.demoUser, { prompt: "login" });
      expect(again.tokens.claims()?.auth_time).toBeGreaterThan(first?.auth_time ?? Infinity);
    });

    it("refuses a max_age that is not a whole number of seconds", async () => {
      const url = oidc.buildAuthorizationUrl(config, { redirect_uri: app.redirectUri, scope: "openid", max_age: "soon", state: "s2" });
      expect(await firstStop(new HttpClient(), app, url)).toMatchObject({ kind: "callback", params: { error: "invalid_request", state: "s2" } });
    });
  });

  describe("the pages", () => {
    it("prefill the email from login_hint", async () => {
      const url = oidc.buildAuthorizationUrl(config, { redirect_uri: app.redirectUri, scope: "openid", login_hint: "someone@example.com" });
      const stop = await firstStop(new HttpClient(), app, url);
      if (stop.kind !== "page") throw new Error("expected the login page");
      expect(stop.response.url.pathname).toBe("/u/login");
      expect(stop.response.text).toMatch(/<input type="email" id="username" name="username" value="someone@example.com"/);
    });

    it("open with sign-up for screen_hint=signup", async () => {
      const url = oidc.buildAuthorizationUrl(config, { redirect_uri: app.redirectUri, scope: "openid", screen_hint: "signup", login_hint: "new@example.com" });
      const stop = await firstStop(new HttpClient(), app, url);
      if (stop.kind !== "page") throw new Error("expected the sign-up page");
      expect(stop.response.url.pathname).toBe("/u/signup");
      expect(stop.response.text).toContain('value="new@example.com"');
    });

    it("skip sign-up for screen_hint=signup when a session exists, going straight to the callback", async () => {
      const browser = new HttpClient();
      await codeFlow(browser, config, app, tenant.demoUser);
      const url = oidc.buildAuthorizationUrl(config, { redirect_uri: app.redirectUri, scope: "openid", screen_hint: "signup", state: "s3" });
      expect(await firstStop(browser, app, url)).toMatchObject({ kind: "callback", params: { state: "s3", code: expect.any(String) } });
    });
  });

  it("passes ui_locales to the Actions' event.transaction", async () => {
    const { tokens } = await codeFlow(new HttpClient(), config, app, tenant.demoUser, { ui_locales: "fr-CA fr en" });
    expect(decodeJwt(tokens.id_token ?? "")).toMatchObject({ "https://example.com/ui_locales": ["fr-CA", "fr", "en"], "https://example.com/locale": "fr-CA" });
  });
});
