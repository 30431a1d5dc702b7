import * as oidc from "openid-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { HttpClient } from "../../../tests/support/http-client";
import { registerWebApp, ROTATING_REFRESH_TOKENS, startTestTenant, type TestTenant } from "../../../tests/support/local-tenant";
import { callbackInput, discoverWithOpenidClient, loginInBrowser, responseBodyError } from "../../../tests/support/openid-client";
import type { OidcClient } from "../../../tests/support/oidc-login";

let tenant: TestTenant;
let app: OidcClient;
let config: oidc.Configuration;
let clockOffsetMs = 0;

beforeAll(async () => {
  tenant = await startTestTenant({ now: () => Date.now() + clockOffsetMs });
  app = await registerWebApp(tenant, { refreshToken: ROTATING_REFRESH_TOKENS });
  config = await discoverWithOpenidClient(app);
});
afterAll(async () => {
  await tenant.stop();
});
beforeEach(() => {
  clockOffsetMs = 0;
});

/** A login up to the callback: what the application holds before it exchanges the code. */
async function callback(scope = "openid profile email offline_access") {
  const pkceCodeVerifier = oidc.randomPKCECodeVerifier();
  const expectedState = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: app.redirectUri,
    scope,
    state: expectedState,
    code_challenge: await oidc.calculatePKCECodeChallenge(pkceCodeVerifier),
    code_challenge_method: "S256",
  });
  const landing = await loginInBrowser(new HttpClient(), app, url, tenant.demoUser);
  return { input: callbackInput(landing) as URL, checks: { pkceCodeVerifier, expectedState, idTokenExpected: true } };
}

/** What openid-client throws for an error body: the OAuth error, its text, the HTTP status and the whole body. */
async function refusal(promise: Promise<unknown>) {
  const error = await responseBodyError(promise);
  return { status: error.status, error: error.error, error_description: error.error_description, body: error.cause };
}

describe("errors with Auth0's status and wording (openid-client 6)", () => {
  describe("authorization code", () => {
    it("answers an unknown code with 403 invalid_grant, Invalid authorization code", async () => {
      const { input, checks } = await callback();
      input.searchParams.set("code", "not-a-code");
      expect(await refusal(oidc.authorizationCodeGrant(config, input, checks))).toEqual({
        status: 403,
        error: "invalid_grant",
        error_description: "Invalid authorization code",
        body: expect.objectContaining({ local_tenant_reason: expect.stringContaining("No authorization code like this one") }),
      });
    });

    it("answers a reused code the same way, naming the replay as the reason", async () => {
      const { input, checks } = await callback();
      await oidc.authorizationCodeGrant(config, input, checks);
      const reused = await refusal(oidc.authorizationCodeGrant(config, input, checks));
      expect(reused).toMatchObject({ status: 403, error: "invalid_grant", error_description: "Invalid authorization code" });
      expect(reused.body).toMatchObject({ local_tenant_reason: expect.stringContaining("already been used") });
    });

    it("answers an expired code the same way, naming the expiry", async () => {
      const { input, checks } = await callback();
      clockOffsetMs = 3 * 60 * 1000;
      const expired = await refusal(oidc.authorizationCodeGrant(config, input, checks));
      expect(expired).toMatchObject({ status: 403, error: "invalid_grant", error_description: "Invalid authorization code" });
      expect(expired.body).toMatchObject({ local_tenant_reason: expect.stringContaining("expired") });
    });

    it("answers a PKCE mismatch with 403 invalid_grant, Failed to verify code verifier", async () => {
      const { input, checks } = await callback();
      const mismatch = await refusal(oidc.authorizationCodeGrant(config, input, { ...checks, pkceCodeVerifier: oidc.randomPKCECodeVerifier() }));
      expect(mismatch).toMatchObject({ status: 403, error: "invalid_grant", error_description: "Failed to verify code verifier" });
    });

    it("answers an exchange without code_verifier, when the request had a code_challenge, as a PKCE mismatch", async () => {
      const { input, checks } = await callback();
      const missing = await refusal(oidc.authorizationCodeGrant(config, input, { expectedState: checks.expectedState, idTokenExpected: true }));
      expect(missing).toMatchObject({ status: 403, error: "invalid_grant", error_description: "Failed to verify code verifier" });
      expect(missing.body).toMatchObject({ local_tenant_reason: expect.stringContaining("this exchange has no code_verifier") });
    });

    it("answers another redirect_uri with 403 invalid_grant, Invalid authorization code", async () => {
      const { input, checks } = await callback();
      // openid-client sends the URL it was called back at (without its query) as redirect_uri.
      input.pathname = "/elsewhere";
      const other = await refusal(oidc.authorizationCodeGrant(config, input, checks));
      expect(other).toMatchObject({ status: 403, error: "invalid_grant", error_description: "Invalid authorization code" });
      expect(other.body).toMatchObject({ local_tenant_reason: expect.stringContaining("differs from the authorization request") });
    });
  });

  describe("client authentication", () => {
    it("answers a wrong secret and an unknown client with 401 access_denied, Unauthorized", async () => {
      for (const wrong of [{ ...app, clientSecret: "not-the-secret" }, { ...app, clientId: "unknown-client" }]) {
        const { input, checks } = await callback();
        const wrongConfig = await discoverWithOpenidClient(wrong);
        expect(await refusal(oidc.authorizationCodeGrant(wrongConfig, input, checks))).toMatchObject({
          status: 401,
          error: "access_denied",
          error_description: "Unauthorized",
        });
      }
    });
  });

  describe("refresh tokens", () => {
    it("answers a reused and a revoked refresh token with 403 invalid_grant, Unknown or invalid refresh token.", async () => {
      const { input, checks } = await callback();
      const first = await oidc.authorizationCodeGrant(config, input, checks);
      const refreshToken = first.refresh_token ?? "";
      await oidc.refreshTokenGrant(config, refreshToken);
      const reused = await refusal(oidc.refreshTokenGrant(config, refreshToken));
      expect(reused).toMatchObject({ status: 403, error: "invalid_grant", error_description: "Unknown or invalid refresh token." });

      const second = await oidc.authorizationCodeGrant(config, ...(await callback().then((c) => [c.input, c.checks] as const)));
      await oidc.tokenRevocation(config, second.refresh_token ?? "");
      const revoked = await refusal(oidc.refreshTokenGrant(config, second.refresh_token ?? ""));
      expect(revoked).toMatchObject({ status: 403, error: "invalid_grant", error_description: "Unknown or invalid refresh token." });
      expect(revoked.body).toMatchObject({ local_tenant_reason: "The refresh token was revoked." });
    });
  });

  describe("grants", () => {
    it("answers an unknown grant type with unsupported_grant_type, and a grant the client lacks with 403 unauthorized_client", async () => {
      expect(await refusal(oidc.genericGrantRequest(config, "urn:example:no-such-grant", {}))).toMatchObject({
        status: 400,
        error: "unsupported_grant_type",
        error_description: "Unsupported grant type: urn:example:no-such-grant",
      });
      const spa = await tenant.management.expect<{ client_id: string }>(201, "POST", "clients", {
        name: "No machine grant",
        app_type: "spa",
        token_endpoint_auth_method: "none",
        callbacks: [app.redirectUri],
      });
      const spaConfig = await discoverWithOpenidClient({ ...app, clientId: spa.client_id, clientSecret: undefined });
      expect(await refusal(oidc.clientCredentialsGrant(spaConfig, { audience: `${tenant.issuer}api/v2/` }))).toEqual({
        status: 403,
        error: "unauthorized_client",
        error_description: "Grant type 'client_credentials' not allowed for the client.",
        body: expect.any(Object),
      });
    });
  });

  describe("/authorize and /userinfo", () => {
    it("answers prompt=none without a session with login_required at the callback", async () => {
      const expectedState = oidc.randomState();
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: app.redirectUri,
        scope: "openid",
        state: expectedState,
        prompt: "none",
        code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
        code_challenge_method: "S256",
      });
      const landing = await loginInBrowser(new HttpClient(), app, url, tenant.demoUser);
      const error = await oidc.authorizationCodeGrant(config, callbackInput(landing), { expectedState }).catch((caught: unknown) => caught);
      if (!(error instanceof oidc.AuthorizationResponseError)) throw new Error(`expected an AuthorizationResponseError, got ${String(error)}`);
      expect([error.error, error.error_description]).toEqual(["login_required", "Login required"]);
    });

    it("answers a token /userinfo does not accept with 401 and a Bearer invalid_token challenge", async () => {
      const error = await oidc.fetchUserInfo(config, "not-a-token", oidc.skipSubjectCheck).catch((caught: unknown) => caught);
      if (!(error instanceof oidc.WWWAuthenticateChallengeError)) throw new Error(`expected a WWWAuthenticateChallengeError, got ${String(error)}`);
      expect(error.status).toBe(401);
      expect(error.cause).toEqual([expect.objectContaining({ scheme: "bearer", parameters: expect.objectContaining({ error: "invalid_token" }) })]);
    });
  });
});
