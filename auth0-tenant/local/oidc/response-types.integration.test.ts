import { createHash } from "node:crypto";
import { decodeJwt } from "jose";
import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textById } from "../../../tests/support/html-forms";
import { HttpClient } from "../../../tests/support/http-client";
import { registerWebApp, startTestTenant, type TestTenant } from "../../../tests/support/local-tenant";
import { callbackInput, discoverWithOpenidClient, loginInBrowser } from "../../../tests/support/openid-client";
import { land, type Landing, type OidcClient } from "../../../tests/support/oidc-login";

const PROTOCOL_ACTION = `
exports.onExecutePostLogin = async (event, api) => {
  api.idToken.setCustomClaim("https://example.com/protocol", event.transaction.protocol);
  api.idToken.setCustomClaim("https://example.com/response_type", event.transaction.response_type);
};
`;

let tenant: TestTenant;
let app: OidcClient;

beforeAll(async () => {
  tenant = await startTestTenant();
  app = await registerWebApp(tenant, { grantTypes: ["authorization_code", "implicit", "refresh_token"] });
  await tenant.management.bindPostLogin([await tenant.management.deployAction("protocol", PROTOCOL_ACTION)]);
});
afterAll(async () => {
  await tenant.stop();
});

function authorizeUrl(client: OidcClient, params: Record<string, string>): URL {
  const url = new URL("authorize", client.issuer);
  url.search = new URLSearchParams({ client_id: client.clientId, redirect_uri: client.redirectUri, scope: "openid email", ...params }).toString();
  return url;
}

function callback(landing: Landing) {
  if (landing.kind !== "callback") throw new Error(`expected the app's callback, got ${landing.kind}`);
  return landing;
}

/** `at_hash` / `c_hash` as OIDC Core defines them for RS256: the left half of the SHA-256, base64url. */
function leftHalfHash(value: string): string {
  const digest = createHash("sha256").update(value, "ascii").digest();
  return digest.subarray(0, 16).toString("base64url");
}

describe("response types and modes (openid-client 6 where it has the flow)", () => {
  describe("implicit: response_type=id_token", () => {
    it("answers in the fragment with an ID token carrying the nonce, and nothing else", async () => {
      const config = await discoverWithOpenidClient(app);
      oidc.useIdTokenResponseType(config);
      const expectedNonce = oidc.randomNonce();
      const expectedState = oidc.randomState();
      const url = oidc.buildAuthorizationUrl(config, { redirect_uri: app.redirectUri, scope: "openid email", nonce: expectedNonce, state: expectedState });
      const landing = callback(await loginInBrowser(new HttpClient(), app, url, tenant.demoUser));
      expect(landing.via).toBe("fragment");
      expect(landing.url.search).toBe("");
      expect(Object.keys(landing.params).sort()).toEqual(["id_token", "state"]);
      const claims = await oidc.implicitAuthentication(config, landing.url, expectedNonce, { expectedState });
      expect(claims).toMatchObject({ nonce: expectedNonce, email: tenant.demoUser.email, "https://example.com/protocol": "oidc-implicit-profile" });
      expect(claims.at_hash).toBeUndefined();
    });

    it("posts the ID token with response_mode=form_post (express-openid-connect's default), and nothing else", async () => {
      const config = await discoverWithOpenidClient(app);
      oidc.useIdTokenResponseType(config);
      const expectedNonce = oidc.randomNonce();
      const expectedState = oidc.randomState();
      const url = oidc.buildAuthorizationUrl(config, { redirect_uri: app.redirectUri, scope: "openid email", response_mode: "form_post", nonce: expectedNonce, state: expectedState });
      const landing = callback(await loginInBrowser(new HttpClient(), app, url, tenant.demoUser));
      expect(landing.via).toBe("form_post");
      expect(Object.keys(landing.params).sort()).toEqual(["id_token", "state"]);
      const claims = await oidc.implicitAuthentication(config, callbackInput(landing), expectedNonce, { expectedState });
      expect(claims).toMatchObject({ nonce: expectedNonce, email: tenant.demoUser.email, "https://example.com/protocol": "oidc-implicit-profile" });
    });

    it("is refused without a nonce, in the fragment", async () => {
      const landing = callback(await land(new HttpClient(), app, await new HttpClient().get(authorizeUrl(app, { response_type: "id_token", state: "s1" }))));
      expect(landing).toMatchObject({ via: "fragment", params: { error: "invalid_request", state: "s1" } });
      expect(landing.params.error_description).toMatch(/nonce/);
    });

    it("is refused in a query: a token never travels there", async () => {
      const http = new HttpClient();
      const page = await http.get(authorizeUrl(app, { response_type: "id_token", response_mode: "query", nonce: "n1" }));
      expect(page.status).toBe(400);
      expect(page.headers.get("location")).toBeNull();
      expect(textById(page.text, "error-message")).toMatch(/^unsupported_response_mode: /);
    });

    it("is refused to a client without the implicit grant", async () => {
      const codeOnly = await registerWebApp(tenant, { name: "Code only", grantTypes: ["authorization_code"] });
      const response = await new HttpClient().get(authorizeUrl(codeOnly, { response_type: "id_token", nonce: "n1", state: "s2" }));
      const landing = callback(await land(new HttpClient(), codeOnly, response));
      expect(landing.params).toEqual({ error: "unauthorized_client", error_description: "Grant type 'implicit' not allowed for the client.", state: "s2" });
    });
  });

  describe("implicit: response_type=id_token token and token", () => {
    it("gives an access token /userinfo accepts, and an ID token whose at_hash binds it", async () => {
      const url = authorizeUrl(app, { response_type: "id_token token", nonce: "n-token", state: "s3" });
      const { params } = callback(await loginInBrowser(new HttpClient(), app, url, tenant.demoUser));
      expect(params).toMatchObject({ token_type: "Bearer", state: "s3", scope: "openid email" });
      expect(Number(params.expires_in)).toBeGreaterThan(0);
      expect(params.refresh_token).toBeUndefined();
      const idToken = decodeJwt(params.id_token ?? "");
      expect(idToken).toMatchObject({ nonce: "n-token", at_hash: leftHalfHash(params.access_token ?? "") });
      const userinfo = await fetch(new URL("userinfo", tenant.issuer), { headers: { authorization: `Bearer ${params.access_token}` } });
      expect(await userinfo.json()).toMatchObject({ email: tenant.demoUser.email });
    });

    it("gives only an access token for response_type=token (no nonce needed)", async () => {
      const url = authorizeUrl(app, { response_type: "token", state: "s4" });
      const { params } = callback(await loginInBrowser(new HttpClient(), app, url, tenant.demoUser));
      expect(params.access_token).toBeTruthy();
      expect(params.id_token).toBeUndefined();
      expect(params.code).toBeUndefined();
    });
  });

  describe("hybrid: response_type=code id_token", () => {
    for (const responseMode of ["fragment", "form_post"] as const) {
      it(`completes with openid-client's hybrid flow (${responseMode}): c_hash, nonce, then the code's tokens`, async () => {
        const config = await discoverWithOpenidClient(app);
        oidc.useCodeIdTokenResponseType(config);
        const expectedNonce = oidc.randomNonce();
        const expectedState = oidc.randomState();
        const pkceCodeVerifier = oidc.randomPKCECodeVerifier();
        const url = oidc.buildAuthorizationUrl(config, {
          redirect_uri: app.redirectUri,
          scope: "openid email",
          nonce: expectedNonce,
          state: expectedState,
          response_mode: responseMode,
          code_challenge: await oidc.calculatePKCECodeChallenge(pkceCodeVerifier),
          code_challenge_method: "S256",
        });
        const landing = callback(await loginInBrowser(new HttpClient(), app, url, tenant.demoUser));
        expect(landing.via).toBe(responseMode);
        expect(decodeJwt(landing.params.id_token ?? "")).toMatchObject({ c_hash: leftHalfHash(landing.params.code ?? ""), nonce: expectedNonce });
        const tokens = await oidc.authorizationCodeGrant(config, callbackInput(landing), { expectedNonce, expectedState, pkceCodeVerifier });
        expect(tokens.claims()).toMatchObject({ email: tenant.demoUser.email, nonce: expectedNonce, "https://example.com/protocol": "oidc-hybrid-profile" });
        expect(tokens.claims()?.["https://example.com/response_type"]).toEqual(["code", "id_token"]);
      });
    }
  });

  describe("response_type=code in every mode", () => {
    it("puts the code in the fragment with response_mode=fragment", async () => {
      const config = await discoverWithOpenidClient(app);
      const pkceCodeVerifier = oidc.randomPKCECodeVerifier();
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: app.redirectUri,
        scope: "openid",
        state: "s5",
        response_mode: "fragment",
        code_challenge: await oidc.calculatePKCECodeChallenge(pkceCodeVerifier),
        code_challenge_method: "S256",
      });
      const landing = callback(await loginInBrowser(new HttpClient(), app, url, tenant.demoUser));
      expect(landing.via).toBe("fragment");
      // As openid-client's documentation does for a fragment it cannot read: the browser's fragment, as a query.
      const currentUrl = new URL(app.redirectUri);
      currentUrl.search = landing.url.hash.slice(1);
      const tokens = await oidc.authorizationCodeGrant(config, currentUrl, { expectedState: "s5", pkceCodeVerifier, idTokenExpected: true });
      expect(tokens.claims()?.["https://example.com/protocol"]).toBe("oidc-basic-profile");
    });

    it("posts the answer to the redirect_uri's origin with web_message, from a page only that origin may frame", async () => {
      const spaOrigin = new URL(app.redirectUri).origin;
      await tenant.management.expect(200, "PATCH", `clients/${app.clientId}`, { web_origins: [spaOrigin] });
      const http = new HttpClient();
      const url = authorizeUrl(app, { response_type: "code", response_mode: "web_message", state: "s6", code_challenge: "x".repeat(43), code_challenge_method: "S256" });
      const login = await http.get(url);
      const landing = callback(await loginInBrowser(http, app, url, tenant.demoUser));
      expect(login.status).toBe(302);
      expect(landing).toMatchObject({ via: "web_message", targetOrigin: spaOrigin, params: { state: "s6" } });
      expect(landing.params.code).toBeTruthy();

      const silent = await http.get(authorizeUrl(app, { response_type: "code", response_mode: "web_message", prompt: "none", state: "s7", code_challenge: "x".repeat(43), code_challenge_method: "S256" }));
      expect(silent.status).toBe(200);
      expect(silent.headers.get("content-security-policy")).toContain(`frame-ancestors ${spaOrigin}`);
      expect(silent.headers.get("x-frame-options")).toBeNull();
      const loggedOut = callback(await land(new HttpClient(), app, await new HttpClient().get(authorizeUrl(app, { response_type: "code", response_mode: "web_message", prompt: "none", state: "s8", code_challenge: "x".repeat(43), code_challenge_method: "S256" }))));
      expect(loggedOut.params).toEqual({ error: "login_required", error_description: "Login required", state: "s8" });
    });

    it("refuses web_message for an origin that is not an Allowed Web Origin with Auth0's 400, posting nothing", async () => {
      const other = await registerWebApp(tenant, { name: "No web origins", redirectUri: "http://127.0.0.1:3999/callback" });
      const page = await new HttpClient().get(authorizeUrl(other, { response_type: "code", response_mode: "web_message", prompt: "none", state: "s9" }));
      expect(page.status).toBe(400);
      expect(textById(page.text, "error-message")).toBe("invalid_request: The specified redirect_uri 'http://127.0.0.1:3999/callback' does not have a registered origin.");
      expect(page.text).not.toContain("web-message-response");
    });
  });
});
