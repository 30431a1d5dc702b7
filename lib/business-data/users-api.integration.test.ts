import { UnsecuredJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IN_MEMORY_LEDGER } from "../config";
import { remoteKeySet } from "../api-auth/remote-jwks";
import { startTestIssuer, type TestIssuer } from "../api-auth/testing/test-issuer";
import type { AccessTokenOptions } from "../api-auth/verify-access-token";
import { openPgliteDatabase } from "../database/pglite-database";
import { serveFetchHandler } from "../../tests/support/serve-fetch-handler";
import { openBusinessDataStore, type BusinessDataStore } from "./business-data-store";
import { createUsersApi } from "./users-api";

const AUDIENCE = "https://api.product-xyz.example";
const APP = "http://127.0.0.1:3000";

let issuer: TestIssuer;
let store: BusinessDataStore;
let api: (request: Request) => Promise<Response>;
let apiForOneClient: (request: Request) => Promise<Response>;
let accessTokens: AccessTokenOptions;

beforeAll(async () => {
  issuer = await startTestIssuer();
  store = openBusinessDataStore({ open: () => openPgliteDatabase({ dataDir: IN_MEMORY_LEDGER }), timeoutMs: 5_000 });
  await store.upsert({ email: "O'Brien+test@Example.com", plan: "team", company: "O'Brien & Co", accountManager: null, seats: 3 });
  accessTokens = { issuer: issuer.issuer, audience: AUDIENCE, keys: remoteKeySet(issuer.jwksUrl), rolesClaim: "https://product-xyz.example/roles" };
  api = createUsersApi({ store, accessTokens });
  apiForOneClient = createUsersApi({ store, accessTokens, allowedClients: ["bd-client"] });
});
afterAll(async () => {
  await store.close();
  await issuer.close();
});

/** A client-credentials token of the business-data Action's client, as the tenant issues it. */
const machineToken = (claims: Record<string, unknown> = {}) =>
  issuer.sign({ sub: "bd-client@clients", azp: "bd-client", gty: "client-credentials", aud: AUDIENCE, scope: "read:users", ...claims });

function get(email: string, token?: string): Promise<Response> {
  return api(new Request(`${APP}/api/users/${email}`, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } }));
}

describe("GET /api/users/{email}", () => {
  it("answers the seeded demo customer to a machine client with read:users", async () => {
    const response = await get("demo%40example.com", await machineToken());
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({
      email: "demo@example.com",
      plan: "enterprise",
      company: "Example Corp",
      accountManager: "sam.rivera@product-xyz.example",
      seats: 25,
    });
  });

  it("finds an email whatever its case, URL-encoded with + and '", async () => {
    const response = await get(encodeURIComponent("o'brien+TEST@example.COM"), await machineToken());
    expect(await response.json()).toMatchObject({ email: "o'brien+test@example.com", company: "O'Brien & Co", accountManager: null });
  });

  it("answers 404 for an email it does not know", async () => {
    const response = await get("nobody%40example.com", await machineToken());
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "not_found", error_description: "No business data for this user." });
  });

  it.each([
    ["no email", ""],
    ["a path below the email", "a%40example.com/extra"],
    ["bad percent-encoding", "%E0%A4%A"],
    ["no @", "demo.example.com"],
    ["an email over 254 characters", `${"a".repeat(250)}%40example.com`],
  ])("answers 400 for %s", async (_name, email) => {
    const response = await get(email, await machineToken());
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_request" });
  });

  const refusals: Array<[string, () => Promise<string | undefined>, number, string]> = [
    ["no token", async () => undefined, 401, `Bearer realm="${AUDIENCE}"`],
    ["an expired token", async () => machineToken({ exp: Math.floor(Date.now() / 1000) - 60 }), 401, 'error="invalid_token"'],
    ["a token for another API", async () => machineToken({ aud: "https://other.example" }), 401, 'error="invalid_token"'],
    ["a token of another issuer", async () => machineToken({ iss: "https://evil.example/" }), 401, 'error="invalid_token"'],
    [
      "a token signed by another key",
      async () => issuer.sign({ sub: "x@clients", aud: AUDIENCE, scope: "read:users" }, { forged: true }),
      401,
      'error="invalid_token"',
    ],
    [
      "an unsigned token (alg: none)",
      async () => new UnsecuredJWT({ sub: "x@clients", aud: AUDIENCE, iss: issuer.issuer, scope: "read:users" }).setExpirationTime("5m").encode(),
      401,
      'error="invalid_token"',
    ],
    ["a token without read:users", async () => machineToken({ scope: "read:consents" }), 403, 'error="insufficient_scope", error_description="The access token does not grant read:users.", scope="read:users"'],
    [
      "a user's token, even with read:users (Auth0 grants users any scope they ask for)",
      async () => issuer.sign({ sub: "auth0|someone", aud: AUDIENCE, scope: "openid read:users" }),
      403,
      'error="insufficient_scope"',
    ],
    [
      "a user's token whose user id ends in @clients (Auth0 gives a user's token no gty)",
      async () => issuer.sign({ sub: "auth0|mallory@clients", azp: "app-client", aud: AUDIENCE, scope: "openid read:users" }),
      403,
      'error_description="This API serves machine clients (client credentials), not users."',
    ],
    [
      "a user's token whose user id is another client's machine id",
      async () => issuer.sign({ sub: "bd-client@clients", azp: "app-client", aud: AUDIENCE, scope: "read:users" }),
      403,
      'error="insufficient_scope"',
    ],
    [
      "a password-grant token of a user named like a client",
      async () => issuer.sign({ sub: "app-client@clients", azp: "app-client", gty: "password", aud: AUDIENCE, scope: "read:users" }),
      403,
      'error="insufficient_scope"',
    ],
  ];

  it.each(refusals)("refuses %s", async (_name, token, status, challenge) => {
    const response = await get("demo%40example.com", await token());
    expect(response.status).toBe(status);
    expect(response.headers.get("www-authenticate")).toContain(challenge);
    expect(JSON.stringify(await response.json())).not.toContain("Example Corp");
  });

  describe("with USERS_API_CLIENT_IDS", () => {
    const getFrom = async (token: string) =>
      apiForOneClient(new Request(`${APP}/api/users/demo%40example.com`, { headers: { authorization: `Bearer ${token}` } }));

    it("serves a client in the list", async () => {
      expect((await getFrom(await machineToken())).status).toBe(200);
    });

    it("refuses another machine client of the tenant, even with read:users", async () => {
      const response = await getFrom(await machineToken({ sub: "other-client@clients", azp: "other-client" }));
      expect(response.status).toBe(403);
      expect(response.headers.get("www-authenticate")).toContain("This machine client is not one this API serves (USERS_API_CLIENT_IDS).");
    });
  });
});

describe("GET /api/users/{email} over HTTP, with what the database cannot hold", () => {
  it.each([
    ["a NUL byte", "a%00b%40example.com", "The email must not contain control characters."],
    ["a control character", "a%07b%40example.com", "The email must not contain control characters."],
    ["DEL", "a%7Fb%40example.com", "The email must not contain control characters."],
    ["a lone surrogate (not UTF-8)", "a%ED%A0%80%40example.com", "Its percent-encoding is not valid UTF-8."],
    ["a space", "a%20b%40example.com", "local-part@domain"],
    ["no local part", "%40example.com", "local-part@domain"],
    ["an email over 254 characters", `${"a".repeat(250)}%40example.com`, "at most 254 characters"],
  ])("answers 400 for %s, saying why", async (_name, email, reason) => {
    const server = await serveFetchHandler(api);
    try {
      const response = await fetch(`${server.url}/api/users/${email}`, { headers: { authorization: `Bearer ${await machineToken()}` } });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: string; error_description: string };
      expect(body.error).toBe("invalid_request");
      expect(body.error_description).toContain(reason);
    } finally {
      await server.close();
    }
  });
});
