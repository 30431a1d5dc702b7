import path from "node:path";
import { decodeJwt } from "jose";
import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleAction } from "../../tooling/bundle-actions";
import { registerWebApp, startTestTenant, type TestTenant } from "../../../tests/support/local-tenant";
import { discoverWithOpenidClient, responseBodyError } from "../../../tests/support/openid-client";
import { PASSWORD_REALM_GRANT } from "./token-password";

const NAMESPACE = "https://product-xyz.example/";
const PROTOCOL_ACTION = `
exports.onExecutePostLogin = async (event, api) => {
  api.idToken.setCustomClaim("https://example.com/protocol", event.transaction.protocol);
  api.idToken.setCustomClaim("https://example.com/can_redirect", api.redirect.canRedirect());
};
`;

let tenant: TestTenant;
let config: oidc.Configuration;
let userCount = 0;

beforeAll(async () => {
  tenant = await startTestTenant();
  const app = await registerWebApp(tenant, { grantTypes: ["authorization_code", "refresh_token", "password", PASSWORD_REALM_GRANT] });
  config = await discoverWithOpenidClient(app);
  const terms = await tenant.management.deployAction("terms-of-use", await bundleAction(path.join(process.cwd(), "actions", "terms-of-use.ts")), [
    { name: "TERMS_VERSION", value: "2" },
    { name: "CLAIM_NAMESPACE", value: NAMESPACE },
    { name: "REDIRECT_TOKEN_SECRET", value: "redirect-token-secret-long-enough-0123456789" },
    { name: "APP_BASE_URL", value: "http://127.0.0.1:3000" },
  ]);
  await tenant.management.bindPostLogin([await tenant.management.deployAction("protocol", PROTOCOL_ACTION), terms]);
});
afterAll(async () => {
  await tenant.stop();
});

async function newUser(acceptedVersion?: number) {
  userCount += 1;
  const credentials = { email: `password-user${userCount}@example.com`, password: "password-123" };
  const history = acceptedVersion ? [{ version: acceptedVersion, acceptedAt: "2026-01-01T00:00:00.000Z", clientId: "x" }] : [];
  const created = await tenant.management.createUser({ ...credentials, app_metadata: { termsAcceptanceHistory: history } });
  return { ...credentials, userId: created.user_id };
}

async function refusal(promise: Promise<unknown>) {
  const error = await responseBodyError(promise);
  return { status: error.status, error: error.error, error_description: error.error_description };
}

const passwordGrant = (user: { email: string; password: string }, scope = "openid profile email") =>
  oidc.genericGrantRequest(config, "password", { username: user.email, password: user.password, scope });

describe("password grants (openid-client 6), the post-login Actions unable to redirect", () => {
  it("refuses a user who has not accepted the current terms: our terms Action's deny, 403 access_denied", async () => {
    expect(await refusal(passwordGrant(await newUser()))).toEqual({ status: 403, error: "access_denied", error_description: "terms_acceptance_required" });
    expect(await refusal(passwordGrant(await newUser(1)))).toMatchObject({ error: "access_denied", error_description: "terms_acceptance_required" });
  });

  it("issues tokens to a user at the current version; the Actions see oauth2-password and canRedirect() false", async () => {
    const tokens = await passwordGrant(await newUser(2));
    expect(decodeJwt(tokens.id_token ?? "")).toMatchObject({
      [`${NAMESPACE}terms_version`]: 2,
      "https://example.com/protocol": "oauth2-password",
      "https://example.com/can_redirect": false,
    });
  });

  it("issues a JWT for the tenant's default_audience when the grant names no audience", async () => {
    const api = "https://password-api.example.com/";
    await tenant.management.expect(201, "POST", "resource-servers", { name: "Password API", identifier: api });
    await tenant.management.expect(200, "PATCH", "tenants/settings", { default_audience: api });
    try {
      const tokens = await passwordGrant(await newUser(2));
      expect(decodeJwt(tokens.access_token)).toMatchObject({ aud: [api, `${tenant.issuer}userinfo`] });
    } finally {
      await tenant.management.expect(200, "PATCH", "tenants/settings", { default_audience: "" });
    }
  });

  it("refuses a user an administrator blocked: 401 unauthorized, user is blocked", async () => {
    const user = await newUser(2);
    await tenant.management.expect(200, "PATCH", `users/${encodeURIComponent(user.userId)}`, { blocked: true });
    expect(await refusal(passwordGrant(user))).toEqual({ status: 401, error: "unauthorized", error_description: "user is blocked" });
  });

  it("takes Auth0's password-realm grant with the database connection as realm", async () => {
    const user = await newUser(2);
    const tokens = await oidc.genericGrantRequest(config, PASSWORD_REALM_GRANT, {
      username: user.email,
      password: user.password,
      realm: "Username-Password-Authentication",
      scope: "openid",
    });
    expect(decodeJwt(tokens.id_token ?? "").sub).toBe(user.userId);
    const wrongRealm = oidc.genericGrantRequest(config, PASSWORD_REALM_GRANT, { username: user.email, password: user.password, realm: "nope" });
    expect(await refusal(wrongRealm)).toMatchObject({ status: 400, error: "invalid_request" });
  });

  it("answers wrong credentials with 403 invalid_grant, Wrong email or password.", async () => {
    const user = await newUser(2);
    expect(await refusal(passwordGrant({ ...user, password: "not-the-password" }))).toEqual({
      status: 403,
      error: "invalid_grant",
      error_description: "Wrong email or password.",
    });
  });

  it("is refused to a client that does not enable it", async () => {
    const other = await registerWebApp(tenant);
    const otherConfig = await discoverWithOpenidClient(other);
    const user = await newUser(2);
    expect(await refusal(oidc.genericGrantRequest(otherConfig, "password", { username: user.email, password: user.password }))).toEqual({
      status: 403,
      error: "unauthorized_client",
      error_description: "Grant type 'password' not allowed for the client.",
    });
  });

  it("denies a refresh-token exchange once the user's acceptance is no longer current", async () => {
    const user = await newUser(2);
    const tokens = await passwordGrant(user, "openid offline_access");
    expect(tokens.refresh_token).toBeTruthy();
    await tenant.management.expect(200, "PATCH", `users/${encodeURIComponent(user.userId)}`, { app_metadata: { termsAcceptanceHistory: [] } });
    expect(await refusal(oidc.refreshTokenGrant(config, tokens.refresh_token ?? ""))).toEqual({
      status: 403,
      error: "access_denied",
      error_description: "terms_acceptance_required",
    });
  });
});
