import { request } from "node:http";
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "../../../tests/support/http-client";
import { registerWebApp, startTestTenant, type TestTenant } from "../../../tests/support/local-tenant";
import { loginWithPassword } from "../../../tests/support/oidc-login";

let tenant: TestTenant;
const http = new HttpClient();

beforeAll(async () => {
  tenant = await startTestTenant();
});
afterAll(async () => {
  await tenant.stop();
});

describe("discovery and keys", () => {
  it("serves the OpenID configuration the Auth0 SDK expects", async () => {
    const response = await http.get(`${tenant.issuer}.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const config = response.json<Record<string, unknown>>();
    expect(tenant.issuer).toBe(`http://localhost:${tenant.port}/`);
    expect(config).toMatchObject({
      issuer: tenant.issuer,
      authorization_endpoint: `${tenant.issuer}authorize`,
      token_endpoint: `${tenant.issuer}oauth/token`,
      userinfo_endpoint: `${tenant.issuer}userinfo`,
      jwks_uri: `${tenant.issuer}.well-known/jwks.json`,
      end_session_endpoint: `${tenant.issuer}oidc/logout`,
      response_types_supported: expect.arrayContaining(["code", "id_token", "code id_token"]),
      code_challenge_methods_supported: ["S256", "plain"],
      token_endpoint_auth_methods_supported: ["client_secret_post", "client_secret_basic", "none"],
      id_token_signing_alg_values_supported: ["RS256"],
    });
    expect(config.scopes_supported).toEqual(expect.arrayContaining(["openid", "profile", "email", "offline_access"]));
  });

  it("serves the current and the next RS256 public key with their kids, and signs tokens with the current one", async () => {
    const jwks = (await http.get(`${tenant.issuer}.well-known/jwks.json`)).json<{ keys: Array<Record<string, unknown>> }>();
    expect(jwks.keys).toHaveLength(2);
    const [key] = jwks.keys;
    for (const published of jwks.keys) {
      expect(published).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig", kid: expect.any(String), n: expect.any(String), e: "AQAB" });
      expect(published).not.toHaveProperty("d");
    }

    const app = await registerWebApp(tenant);
    const { tokens } = await loginWithPassword(new HttpClient(), app, tenant.demoUser);
    expect(decodeProtectedHeader(tokens.id_token ?? "")).toMatchObject({ alg: "RS256", kid: key?.kid });
    const { payload } = await jwtVerify(tokens.id_token ?? "", createLocalJWKSet(jwks as never), {
      issuer: tenant.issuer,
      audience: app.clientId,
    });
    expect(payload.sub).toMatch(/^auth0\|/);
  });

  it("answers on both loopback addresses, and names the Host header as given", async () => {
    const viaV4 = await rawGet("127.0.0.1", tenant.port, "/.well-known/openid-configuration");
    expect(viaV4).toBe(200);
    const viaV6 = await rawGet("::1", tenant.port, "/.well-known/openid-configuration").catch((error: NodeJS.ErrnoException) => error.code);
    // Hosts without IPv6 refuse ::1 altogether; where it exists the tenant must answer there too.
    expect([200, "EADDRNOTAVAIL", "EAFNOSUPPORT", "ECONNREFUSED"]).toContain(viaV6);
  });

  it("refuses a Host that is not a loopback name (DNS rebinding)", async () => {
    const status = await rawGet("127.0.0.1", tenant.port, "/.well-known/openid-configuration", "evil.example.com");
    expect(status).toBe(421);
  });

  it("answers unknown paths with 404 and wrong methods with 405", async () => {
    expect((await http.get(`${tenant.issuer}nope`)).status).toBe(404);
    const wrongMethod = await http.postForm(`${tenant.issuer}.well-known/jwks.json`, {});
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("GET");
  });
});

function rawGet(host: string, port: number, path: string, hostHeader?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = hostHeader ? { host: hostHeader } : {};
    const req = request({ host, port, path, headers, family: host.includes(":") ? 6 : 4 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end();
  });
}
