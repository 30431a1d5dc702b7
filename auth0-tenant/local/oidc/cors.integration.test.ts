import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerWebApp, startTestTenant, type TestTenant } from "../../../tests/support/local-tenant";
import { HttpClient } from "../../../tests/support/http-client";
import { loginWithPassword, type OidcClient } from "../../../tests/support/oidc-login";

const CALLBACK_ORIGIN = "http://127.0.0.1:3000";
const ALLOWED_ORIGIN = "https://spa.example.com";
const WEB_ORIGIN = "https://web.example.com";
const FOREIGN_ORIGIN = "https://evil.example.com";

let tenant: TestTenant;
let app: OidcClient;

beforeAll(async () => {
  tenant = await startTestTenant();
  app = await registerWebApp(tenant);
  await tenant.management.expect(200, "PATCH", `clients/${app.clientId}`, { allowed_origins: [ALLOWED_ORIGIN], web_origins: [WEB_ORIGIN] });
});
afterAll(async () => {
  await tenant.stop();
});

function tokenRequest(origin?: string): Promise<Response> {
  return fetch(new URL("oauth/token", tenant.issuer), {
    method: "POST",
    headers: { "content-type": "application/json", ...(origin ? { origin } : {}) },
    // An unknown refresh token: the grant runs (and refuses it) only once the origin is let through.
    body: JSON.stringify({ grant_type: "refresh_token", client_id: app.clientId, client_secret: app.clientSecret, refresh_token: "unknown" }),
  });
}

describe("CORS, as Auth0 serves it", () => {
  it("answers a preflight at /oauth/token allowing Auth0-Client and Content-Type", async () => {
    const response = await fetch(new URL("oauth/token", tenant.issuer), {
      method: "OPTIONS",
      headers: { origin: ALLOWED_ORIGIN, "access-control-request-method": "POST", "access-control-request-headers": "auth0-client, content-type" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(ALLOWED_ORIGIN);
    expect(response.headers.get("access-control-allow-methods")).toContain("POST");
    const allowedHeaders = (response.headers.get("access-control-allow-headers") ?? "").toLowerCase();
    expect(allowedHeaders).toContain("auth0-client");
    expect(allowedHeaders).toContain("content-type");
    expect(response.headers.get("vary")).toBe("Origin");
  });

  it.each([ALLOWED_ORIGIN, WEB_ORIGIN, CALLBACK_ORIGIN])("lets %s (allowed origin, web origin, callback origin) read the token answer", async (origin) => {
    const response = await tokenRequest(origin);
    expect(await response.json()).toMatchObject({ error: "invalid_grant" });
    expect(response.headers.get("access-control-allow-origin")).toBe(origin);
    expect(response.headers.get("vary")).toBe("Origin");
  });

  it("refuses a token request from an origin the client does not allow with 401 and no CORS headers", async () => {
    const response = await tokenRequest(FOREIGN_ORIGIN);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: "access_denied", error_description: "Unauthorized" });
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("adds no CORS headers for a server's request (no Origin)", async () => {
    const response = await tokenRequest();
    expect(await response.json()).toMatchObject({ error: "invalid_grant" });
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("lets the token's client's origins read /userinfo, after a preflight allowing Authorization, and no other origin", async () => {
    const preflight = await fetch(new URL("userinfo", tenant.issuer), {
      method: "OPTIONS",
      headers: { origin: ALLOWED_ORIGIN, "access-control-request-method": "GET", "access-control-request-headers": "authorization" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe(ALLOWED_ORIGIN);
    expect((preflight.headers.get("access-control-allow-headers") ?? "").toLowerCase()).toContain("authorization");
    const { tokens } = await loginWithPassword(new HttpClient(), app, tenant.demoUser);
    const userinfo = (origin: string) =>
      fetch(new URL("userinfo", tenant.issuer), { headers: { origin, authorization: `Bearer ${tokens.access_token}` } });
    const allowed = await userinfo(WEB_ORIGIN);
    expect(await allowed.json()).toMatchObject({ email: tenant.demoUser.email });
    expect(allowed.headers.get("access-control-allow-origin")).toBe(WEB_ORIGIN);
    const foreign = await userinfo(FOREIGN_ORIGIN);
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("lets another origin's revocation go unread", async () => {
    const revoke = await fetch(new URL("oauth/revoke", tenant.issuer), {
      method: "POST",
      headers: { "content-type": "application/json", origin: FOREIGN_ORIGIN },
      body: JSON.stringify({ client_id: app.clientId, client_secret: app.clientSecret, token: "unknown" }),
    });
    expect(revoke.status).toBe(200);
    expect(revoke.headers.get("access-control-allow-origin")).toBeNull();
  });

  it.each([".well-known/openid-configuration", ".well-known/jwks.json"])("lets any origin read %s", async (path) => {
    const response = await fetch(new URL(path, tenant.issuer), { headers: { origin: FOREIGN_ORIGIN } });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const preflight = await fetch(new URL(path, tenant.issuer), { method: "OPTIONS", headers: { origin: FOREIGN_ORIGIN, "access-control-request-method": "GET" } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("takes allowed_origins as a list of URLs, as it takes web_origins, and returns it", async () => {
    const refused = await tenant.management.call("PATCH", `clients/${app.clientId}`, { allowed_origins: ["spa.example.com"] });
    expect(refused.status).toBe(400);
    const client = await tenant.management.expect<{ allowed_origins: string[] }>(200, "GET", `clients/${app.clientId}`);
    expect(client.allowed_origins).toEqual([ALLOWED_ORIGIN]);
  });

  it("answers no preflight on /v2/logout, a navigation", async () => {
    const response = await fetch(new URL("v2/logout", tenant.issuer), { method: "OPTIONS", headers: { origin: ALLOWED_ORIGIN } });
    expect(response.status).toBe(405);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });
});
