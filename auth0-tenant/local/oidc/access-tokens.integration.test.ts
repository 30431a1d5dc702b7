import { decodeJwt, decodeProtectedHeader } from "jose";
import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "../../../tests/support/http-client";
import { registerWebApp, startTestTenant, type TestTenant } from "../../../tests/support/local-tenant";
import { codeFlow, discoverWithOpenidClient } from "../../../tests/support/openid-client";
import type { OidcClient } from "../../../tests/support/oidc-login";

const API = "https://api.example.com/";
const CLAIMS_ACTION = `
exports.onExecutePostLogin = async (event, api) => {
  api.idToken.setCustomClaim("https://example.com/team", "blue");
  api.accessToken.setCustomClaim("https://example.com/level", 3);
};
`;

let tenant: TestTenant;
let app: OidcClient;
let config: oidc.Configuration;

beforeAll(async () => {
  tenant = await startTestTenant();
  app = await registerWebApp(tenant);
  config = await discoverWithOpenidClient(app);
  await tenant.management.expect(201, "POST", "resource-servers", { name: "Example API", identifier: API, scopes: [{ value: "read:things" }] });
  await tenant.management.bindPostLogin([await tenant.management.deployAction("claims", CLAIMS_ACTION)]);
});
afterAll(async () => {
  await tenant.stop();
});

function userinfoStatus(accessToken: string): Promise<number> {
  return new HttpClient()
    .get(`${tenant.issuer}userinfo`, { headers: { authorization: `Bearer ${accessToken}` } })
    .then((response) => response.status);
}

describe("access tokens as Auth0 issues them (openid-client 6)", () => {
  describe("without an audience", () => {
    it("is opaque (a JWE only the tenant reads) and /userinfo answers it, with the ID token's custom claims", async () => {
      const { tokens } = await codeFlow(new HttpClient(), config, app, tenant.demoUser);
      expect(tokens.access_token.split(".")).toHaveLength(5);
      expect(decodeProtectedHeader(tokens.access_token)).toEqual({ alg: "dir", enc: "A256GCM", iss: tenant.issuer });
      expect(() => decodeJwt(tokens.access_token)).toThrow();
      const sub = tokens.claims()?.sub ?? "";
      const info = await oidc.fetchUserInfo(config, tokens.access_token, sub);
      expect(info).toMatchObject({ sub, email: tenant.demoUser.email, name: "Demo User", "https://example.com/team": "blue" });
      expect(info).not.toHaveProperty("https://example.com/level");
    });

    it("is refused by the Management API, which needs a JWT for its audience", async () => {
      const { tokens } = await codeFlow(new HttpClient(), config, app, tenant.demoUser);
      const response = await tenant.management.call("GET", "clients", undefined, tokens.access_token);
      expect(response.status).toBe(401);
    });

    it("treats audience=/userinfo as no audience", async () => {
      const { tokens } = await codeFlow(new HttpClient(), config, app, tenant.demoUser, { audience: `${tenant.issuer}userinfo` });
      expect(tokens.access_token.split(".")).toHaveLength(5);
    });
  });

  describe("for an API", () => {
    it("is a JWT for the API and /userinfo when openid is asked, with the access token's custom claims", async () => {
      const { tokens } = await codeFlow(new HttpClient(), config, app, tenant.demoUser, { audience: API, scope: "openid email read:things" });
      const claims = decodeJwt(tokens.access_token);
      expect(claims).toMatchObject({
        iss: tenant.issuer,
        aud: [API, `${tenant.issuer}userinfo`],
        azp: app.clientId,
        scope: "openid email read:things",
        "https://example.com/level": 3,
      });
      const info = await oidc.fetchUserInfo(config, tokens.access_token, String(claims.sub));
      expect(info).toMatchObject({ email: tenant.demoUser.email, "https://example.com/team": "blue" });
    });

    it("is a JWT for the tenant's default_audience when the request names no audience", async () => {
      await tenant.management.expect(200, "PATCH", "tenants/settings", { default_audience: API });
      try {
        const { tokens } = await codeFlow(new HttpClient(), config, app, tenant.demoUser, { scope: "openid read:things" });
        expect(decodeJwt(tokens.access_token)).toMatchObject({ aud: [API, `${tenant.issuer}userinfo`], scope: "openid read:things" });
      } finally {
        await tenant.management.expect(200, "PATCH", "tenants/settings", { default_audience: "" });
      }
      const { tokens } = await codeFlow(new HttpClient(), config, app, tenant.demoUser);
      expect(tokens.access_token.split(".")).toHaveLength(5);
    });

    it("names the API alone without openid, and /userinfo refuses it", async () => {
      const { tokens } = await codeFlow(new HttpClient(), config, app, tenant.demoUser, { audience: API, scope: "read:things" });
      expect(decodeJwt(tokens.access_token).aud).toBe(API);
      expect(tokens.id_token).toBeUndefined();
      expect(await userinfoStatus(tokens.access_token)).toBe(401);
    });
  });
});
