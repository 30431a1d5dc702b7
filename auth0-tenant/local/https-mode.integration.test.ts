import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../tests/e2e/support/free-port";
import { HttpClient } from "../../tests/support/http-client";
import { registerWebApp, startHttpsTestTenant, syncTargetOf, type TestTenant } from "../../tests/support/local-tenant";
import { authorizationRequest, loginWithPassword, startAuthorization } from "../../tests/support/oidc-login";
import { syncRepositoryTenant } from "../../tests/support/sync-local-tenant";
import { SESSION_COOKIE } from "./state/sessions";
import type { TrustedCertificate } from "./server";

/**
 * The local tenant as an https tenant: one TLS origin, `https://localhost:PORT/`, for every endpoint, reached by
 * clients that trust its exported certificate the way they trust a public one, and by nothing over plain http.
 */
const NAMESPACE = "https://product-xyz.example/";
const TERMS_VERSION = 2;
const run = promisify(execFile);

let tenant: TestTenant & { certificate: TrustedCertificate };

beforeAll(async () => {
  tenant = await startHttpsTestTenant();
});

afterAll(async () => {
  await tenant?.stop();
});

/** A fresh Node process fetching the discovery document, with the given extra environment. */
async function discoveryFromChild(env: Record<string, string>): Promise<string> {
  const script = `fetch(${JSON.stringify(`${tenant.issuer}.well-known/openid-configuration`)})
    .then((r) => r.json()).then((d) => console.log(d.issuer), (e) => console.log("refused: " + (e.cause?.code ?? e.message)))`;
  const { stdout } = await run(process.execPath, ["-e", script], { env: { NODE_ENV: "test", ...env } });
  return stdout.trim();
}

describe("the local tenant in https mode", () => {
  it("has the issuer https://localhost:PORT/ and publishes every endpoint on that origin", async () => {
    expect(tenant.issuer).toBe(`https://localhost:${tenant.port}/`);
    expect(tenant.managementDomain).toBe(`localhost:${tenant.port}`);
    const discovery = (await (await fetch(`${tenant.issuer}.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(discovery.issuer).toBe(tenant.issuer);
    const endpoints = Object.entries(discovery).filter(([name, value]) => name.endsWith("_endpoint") || name === "jwks_uri") as [string, string][];
    expect(endpoints.map(([name]) => name)).toEqual(expect.arrayContaining(["authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri"]));
    for (const [name, url] of endpoints) expect(new URL(url).origin, name).toBe(`https://localhost:${tenant.port}`);
  });

  it("answers nothing over plain http", async () => {
    const outcome = await fetch(`http://localhost:${tenant.port}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(10_000) }).then(
      (response) => `answered ${response.status}`,
      () => "refused",
    );
    expect(outcome).toBe("refused");
  });

  it("sets only Secure cookies", async () => {
    const client = await registerWebApp(tenant, { redirectUri: "https://app.example/auth/callback" });
    const response = await fetch(authorizationRequest(client).url, { redirect: "manual" });
    expect(response.headers.get("location")).toMatch(/^\/u\/login\?/);
    const cookies = response.headers.getSetCookie();
    expect(cookies).not.toHaveLength(0);
    for (const cookie of cookies) expect(cookie).toMatch(/; Secure(;|$)/);
  });

  it("sets its session cookie SameSite=None; Secure, as Auth0 does, so silent authentication in an iframe finds it", async () => {
    const client = await registerWebApp(tenant, { redirectUri: "https://app.example/auth/callback", logoutUrls: ["https://app.example/"] });
    const browser = new HttpClient();
    const { landing } = await startAuthorization(browser, client);
    if (landing.kind !== "page") throw new Error(`expected the login page, got ${landing.kind}`);
    const loggedIn = await browser.submitForm(landing.response, { username: tenant.demoUser.email, password: tenant.demoUser.password });
    const session = loggedIn.headers.getSetCookie().find((line) => line.startsWith(`${SESSION_COOKIE}=`));
    expect(session).toMatch(/; SameSite=None(;|$)/);
    expect(session).toMatch(/; Secure(;|$)/);
    expect(session).toMatch(/; HttpOnly(;|$)/);
    // Its deletion carries the same attributes, so a browser applies it wherever the cookie was accepted.
    const logout = new URL("v2/logout", tenant.issuer);
    logout.search = new URLSearchParams({ client_id: client.clientId, returnTo: "https://app.example/" }).toString();
    const ended = (await browser.get(logout)).headers.getSetCookie().find((line) => line.startsWith(`${SESSION_COOKIE}=`));
    expect(ended).toMatch(/; Max-Age=0(;|$)/);
    expect(ended).toMatch(/; SameSite=None; Secure(;|$)/);
  });

  it("exports its certificate for clients: a Node process trusts it through NODE_EXTRA_CA_CERTS, and refuses it without", async () => {
    expect(await readFile(tenant.certificate.file, "utf8")).toBe(tenant.certificate.pem);
    expect(tenant.certificate.pem).not.toContain("PRIVATE KEY");
    expect(tenant.certificate.spkiSha256).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(await discoveryFromChild({ NODE_EXTRA_CA_CERTS: tenant.certificate.file })).toBe(tenant.issuer);
    expect(await discoveryFromChild({})).toBe("refused: DEPTH_ZERO_SELF_SIGNED_CERT");
  });

  it("is configured by the sync (the auth0 SDK) on its one origin, and its Actions call it over https", async () => {
    const target = await syncTargetOf(tenant);
    expect(target).toMatchObject({ domain: `localhost:${tenant.port}`, tenantUrl: `https://localhost:${tenant.port}` });
    // Nothing listens at the app: the business-data Action fails fast and the login goes on without its claims.
    const appBaseUrl = `http://127.0.0.1:${await freePort()}`;
    const written = await syncRepositoryTenant(tenant, {
      appBaseUrl,
      claimNamespace: NAMESPACE,
      redirectTokenSecret: "r".repeat(64),
      termsVersion: TERMS_VERSION,
    });
    const [demo] = await tenant.management.expect<Array<{ user_id: string }>>(200, "GET", `users-by-email?email=${encodeURIComponent(tenant.demoUser.email)}`);
    await tenant.management.expect(200, "PATCH", `users/${encodeURIComponent(demo?.user_id ?? "")}`, {
      app_metadata: { termsAcceptanceHistory: [{ version: TERMS_VERSION, acceptedAt: "2026-01-01T00:00:00.000Z", clientId: written.get("AUTH0_CLIENT_ID") }] },
      user_metadata: { favorite_color: "blue" },
    });
    const { tokens } = await loginWithPassword(
      new HttpClient(),
      {
        issuer: tenant.issuer,
        clientId: written.get("AUTH0_CLIENT_ID") ?? "",
        clientSecret: written.get("AUTH0_CLIENT_SECRET") ?? "",
        redirectUri: `${appBaseUrl}/auth/callback`,
      },
      tenant.demoUser,
    );
    const claims = decodeJwt(tokens.id_token ?? "");
    expect(claims.iss).toBe(tenant.issuer);
    // The groups Action got a client-credentials token from https://localhost:PORT/oauth/token and read the user
    // from https://localhost:PORT/api/v2/: the groups are the directory's.
    expect(claims[`${NAMESPACE}groups`]).toEqual(["engineering", "staff"]);
    expect(tenant.logs.join("\n")).not.toMatch(/groups: upstream/);
  });
});
