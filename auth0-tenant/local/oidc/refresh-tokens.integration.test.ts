import * as oidc from "openid-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { HttpClient } from "../../../tests/support/http-client";
import { registerWebApp, startTestTenant, type TestTenant } from "../../../tests/support/local-tenant";
import { codeFlow, discoverWithOpenidClient, responseBodyError } from "../../../tests/support/openid-client";
import type { OidcClient } from "../../../tests/support/oidc-login";

const OFFLINE = "openid profile email offline_access";

let tenant: TestTenant;
let clockOffsetMs = 0;

beforeAll(async () => {
  tenant = await startTestTenant({ now: () => Date.now() + clockOffsetMs });
});
afterAll(async () => {
  await tenant.stop();
});
beforeEach(() => {
  clockOffsetMs = 0;
});

async function appWith(refreshToken?: Record<string, unknown>) {
  const app = await registerWebApp(tenant, refreshToken ? { refreshToken } : {});
  return { app, config: await discoverWithOpenidClient(app) };
}

async function login(app: OidcClient, config: oidc.Configuration, parameters: Record<string, string> = { scope: OFFLINE }) {
  return (await codeFlow(new HttpClient(), config, app, tenant.demoUser, parameters)).tokens;
}

async function refusal(promise: Promise<unknown>) {
  const error = await responseBodyError(promise);
  return { status: error.status, error: error.error, reason: (error.cause as { local_tenant_reason?: string }).local_tenant_reason };
}

describe("refresh tokens by the client's settings (openid-client 6)", () => {
  describe("non-rotating (Auth0's default for a client created without refresh_token)", () => {
    it("answers a refresh without a new refresh token, and the same token keeps working", async () => {
      const { app, config } = await appWith();
      const client = await tenant.management.expect<{ refresh_token?: unknown }>(200, "GET", `clients/${app.clientId}`);
      expect(client.refresh_token).toMatchObject({ rotation_type: "non-rotating", expiration_type: "non-expiring" });
      const { refresh_token: refreshToken = "" } = await login(app, config);
      for (let round = 0; round < 3; round += 1) {
        const refreshed = await oidc.refreshTokenGrant(config, refreshToken);
        expect(refreshed.access_token).toBeTruthy();
        expect(refreshed.refresh_token).toBeUndefined();
      }
    });
  });

  describe("rotating", () => {
    it("gives a successor each time; reusing a used token without a reuse interval revokes the family", async () => {
      const { app, config } = await appWith({ rotation_type: "rotating", expiration_type: "expiring", leeway: 0 });
      const first = (await login(app, config)).refresh_token ?? "";
      const second = (await oidc.refreshTokenGrant(config, first)).refresh_token ?? "";
      expect(second).not.toBe(first);
      expect(await refusal(oidc.refreshTokenGrant(config, first))).toMatchObject({ status: 403, error: "invalid_grant", reason: expect.stringContaining("already exchanged") });
      expect(await refusal(oidc.refreshTokenGrant(config, second))).toMatchObject({ status: 403, reason: "The refresh token was revoked." });
    });

    it("lets parallel refreshes reuse a token within the reuse interval (leeway), and revokes the family after it", async () => {
      const { app, config } = await appWith({ rotation_type: "rotating", expiration_type: "expiring", leeway: 30 });
      const token = (await login(app, config)).refresh_token ?? "";
      const parallel = await Promise.all([oidc.refreshTokenGrant(config, token), oidc.refreshTokenGrant(config, token)]);
      expect(parallel.map((response) => typeof response.refresh_token)).toEqual(["string", "string"]);
      clockOffsetMs = 31_000;
      expect(await refusal(oidc.refreshTokenGrant(config, token))).toMatchObject({ status: 403, reason: expect.stringContaining("leeway 30 s") });
      expect(await refusal(oidc.refreshTokenGrant(config, parallel[0]?.refresh_token ?? ""))).toMatchObject({ reason: "The refresh token was revoked." });
    });

    it("refuses, within the reuse interval, a token older than the previous one, and revokes the family", async () => {
      const { app, config } = await appWith({ rotation_type: "rotating", expiration_type: "expiring", leeway: 30 });
      const first = (await login(app, config)).refresh_token ?? "";
      const second = (await oidc.refreshTokenGrant(config, first)).refresh_token ?? "";
      const third = (await oidc.refreshTokenGrant(config, second)).refresh_token ?? "";
      expect(typeof (await oidc.refreshTokenGrant(config, second)).refresh_token).toBe("string");
      expect(await refusal(oidc.refreshTokenGrant(config, first))).toMatchObject({ status: 403, error: "invalid_grant", reason: expect.stringContaining("only the previous token") });
      expect(await refusal(oidc.refreshTokenGrant(config, third))).toMatchObject({ status: 403, reason: "The refresh token was revoked." });
    });

    it("ends the family token_lifetime after the login, however often it was used", async () => {
      const { app, config } = await appWith({
        rotation_type: "rotating",
        expiration_type: "expiring",
        token_lifetime: 3600,
        infinite_token_lifetime: false,
        infinite_idle_token_lifetime: true,
      });
      let token = (await login(app, config)).refresh_token ?? "";
      clockOffsetMs = 3000_000;
      token = (await oidc.refreshTokenGrant(config, token)).refresh_token ?? "";
      clockOffsetMs = 3601_000;
      expect(await refusal(oidc.refreshTokenGrant(config, token))).toMatchObject({ status: 403, reason: expect.stringContaining("token_lifetime") });
    });

    it("ends a token unused for idle_token_lifetime; each use starts a new idle window", async () => {
      const { app, config } = await appWith({
        rotation_type: "rotating",
        expiration_type: "expiring",
        idle_token_lifetime: 600,
        infinite_idle_token_lifetime: false,
        infinite_token_lifetime: true,
      });
      const kept = (await login(app, config)).refresh_token ?? "";
      const idle = (await login(app, config)).refresh_token ?? "";
      clockOffsetMs = 500_000;
      const successor = (await oidc.refreshTokenGrant(config, kept)).refresh_token ?? "";
      clockOffsetMs = 601_000;
      expect(await refusal(oidc.refreshTokenGrant(config, idle))).toMatchObject({ status: 403, reason: expect.stringContaining("idle_token_lifetime") });
      clockOffsetMs = 1000_000;
      expect((await oidc.refreshTokenGrant(config, successor)).refresh_token).toBeTruthy();
    });
  });

  describe("whether one is issued", () => {
    it("needs offline_access, and for an API its allow_offline_access", async () => {
      const { app, config } = await appWith();
      expect((await login(app, config, { scope: "openid profile" })).refresh_token).toBeUndefined();
      await tenant.management.expect(201, "POST", "resource-servers", { name: "Online API", identifier: "https://online.example.com/" });
      await tenant.management.expect(201, "POST", "resource-servers", {
        name: "Offline API",
        identifier: "https://offline.example.com/",
        allow_offline_access: true,
      });
      expect((await login(app, config, { scope: OFFLINE, audience: "https://online.example.com/" })).refresh_token).toBeUndefined();
      expect((await login(app, config, { scope: OFFLINE, audience: "https://offline.example.com/" })).refresh_token).toBeTruthy();
      expect((await login(app, config, { scope: OFFLINE })).refresh_token).toBeTruthy();
    });
  });

  describe("the client's grant types", () => {
    it("gives no refresh token to a client without the refresh_token grant, and refuses its refresh", async () => {
      const { app, config } = await appWith();
      const { grant_types: grantTypes } = await tenant.management.expect<{ grant_types: string[] }>(200, "GET", `clients/${app.clientId}`);
      const { refresh_token: refreshToken = "" } = await login(app, config);
      expect(refreshToken).not.toBe("");
      await tenant.management.expect(200, "PATCH", `clients/${app.clientId}`, { grant_types: grantTypes.filter((grant) => grant !== "refresh_token") });
      expect((await login(app, config)).refresh_token).toBeUndefined();
      const refused = await responseBodyError(oidc.refreshTokenGrant(config, refreshToken));
      expect([refused.status, refused.error, refused.error_description]).toEqual([403, "unauthorized_client", "Grant type 'refresh_token' not allowed for the client."]);
    });
  });

  describe("settings", () => {
    it("refuses rotating refresh tokens that do not expire, as Auth0 does", async () => {
      const response = await tenant.management.call("POST", "clients", {
        name: "Bad settings",
        refresh_token: { rotation_type: "rotating", expiration_type: "non-expiring" },
      });
      expect(response.status).toBe(400);
    });
  });
});
