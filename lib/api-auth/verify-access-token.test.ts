import { createSecretKey } from "node:crypto";
import { SignJWT, UnsecuredJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testEnv } from "../../tests/support/test-env";
import { parseConfig } from "../config";
import { accessTokenErrorResponse } from "./bearer-response";
import { AccessTokenError } from "./errors";
import { remoteKeySet } from "./remote-jwks";
import { startTestIssuer, type TestIssuer } from "./testing/test-issuer";
import { accessTokenOptionsFrom, verifyAccessToken, type AccessTokenOptions } from "./verify-access-token";

const AUDIENCE = "https://api.product-xyz.example";
const ROLES = "https://product-xyz.example/roles";
const READ = { scope: "read:consents", role: "consent-auditor" };

let issuer: TestIssuer;
let options: AccessTokenOptions;
beforeAll(async () => {
  issuer = await startTestIssuer();
  options = { issuer: issuer.issuer, audience: AUDIENCE, keys: remoteKeySet(issuer.jwksUrl), rolesClaim: ROLES };
});
afterAll(() => issuer.close());

const bearer = (token: string) => `Bearer ${token}`;
const valid = (claims: Record<string, unknown> = {}) => issuer.sign({ sub: "client-1@clients", aud: AUDIENCE, azp: "client-1", scope: "read:consents", ...claims });

describe("verifyAccessToken", () => {
  it("accepts an RS256 token of the tenant for this API with the scope", async () => {
    await expect(verifyAccessToken(bearer(await valid()), READ, options)).resolves.toEqual({
      sub: "client-1@clients",
      clientId: "client-1",
      grantType: null,
      scopes: ["read:consents"],
      roles: [],
    });
  });

  it("accepts aud as a list that includes the API", async () => {
    await expect(verifyAccessToken(bearer(await valid({ aud: [AUDIENCE, "https://tenant/userinfo"] })), READ, options)).resolves.toMatchObject({
      sub: "client-1@clients",
    });
  });

  it.each([
    ["the scope among others", { scope: "openid read:users read:consents" }],
    ["the permission (Auth0 RBAC)", { scope: "openid", permissions: ["read:consents"] }],
    ["the auditor role in the roles claim", { sub: "auth0|auditor", scope: "openid", [ROLES]: ["staff", "consent-auditor"] }],
  ])("grants with %s", async (_name, claims) => {
    await expect(verifyAccessToken(bearer(await valid(claims)), READ, options)).resolves.toBeDefined();
  });

  const refusals: Array<[string, () => Promise<string | null>, string, number, string | undefined]> = [
    ["no Authorization header", async () => null, "ERR_ACCESS_TOKEN_MISSING", 401, undefined],
    ["another scheme", async () => "Basic dXNlcjpwYXNz", "ERR_ACCESS_TOKEN_MISSING", 401, undefined],
    ["a Bearer header without a token", async () => "Bearer ", "ERR_ACCESS_TOKEN_HEADER_MALFORMED", 400, "invalid_request"],
    ["a token that is not a JWT", async () => "Bearer abc.def", "ERR_ACCESS_TOKEN_MALFORMED", 401, "invalid_token"],
    ["a token too large", async () => bearer("a".repeat(17_000)), "ERR_ACCESS_TOKEN_TOO_LARGE", 401, "invalid_token"],
    ["a token for another API", async () => bearer(await valid({ aud: "https://other.example" })), "ERR_ACCESS_TOKEN_AUDIENCE_INVALID", 401, "invalid_token"],
    ["a token from another issuer", async () => bearer(await valid({ iss: "https://evil.example/" })), "ERR_ACCESS_TOKEN_ISSUER_INVALID", 401, "invalid_token"],
    ["an expired token", async () => bearer(await valid({ exp: Math.floor(Date.now() / 1000) - 10 })), "ERR_ACCESS_TOKEN_EXPIRED", 401, "invalid_token"],
    ["a token without exp", async () => bearer(await valid({ exp: undefined })), "ERR_ACCESS_TOKEN_CLAIM_MISSING", 401, "invalid_token"],
    ["a token signed by another key", async () => bearer(await issuer.sign({ sub: "x", aud: AUDIENCE, scope: "read:consents" }, { forged: true })), "ERR_ACCESS_TOKEN_SIGNATURE_INVALID", 401, "invalid_token"],
    ["a token with an unknown kid", async () => bearer(await issuer.sign({ sub: "x", aud: AUDIENCE, scope: "read:consents" }, { kid: "other" })), "ERR_ACCESS_TOKEN_KEY_UNKNOWN", 401, "invalid_token"],
    [
      "an HS256 token",
      async () => bearer(await new SignJWT({ sub: "x", aud: AUDIENCE, iss: issuer.issuer, scope: "read:consents" }).setProtectedHeader({ alg: "HS256" }).setExpirationTime("5m").sign(createSecretKey(Buffer.alloc(32)))),
      "ERR_ACCESS_TOKEN_ALG_NOT_ALLOWED",
      401,
      "invalid_token",
    ],
    ["alg: none", async () => bearer(new UnsecuredJWT({ sub: "x", aud: AUDIENCE, iss: issuer.issuer, scope: "read:consents" }).setExpirationTime("5m").encode()), "ERR_ACCESS_TOKEN_ALG_NOT_ALLOWED", 401, "invalid_token"],
    ["a valid token without the scope or the role", async () => bearer(await valid({ scope: "read:users", [ROLES]: ["staff"] })), "ERR_ACCESS_TOKEN_INSUFFICIENT_SCOPE", 403, "insufficient_scope"],
  ];

  it.each(refusals)("refuses %s", async (_name, header, code, status, bearerError) => {
    const refusal = verifyAccessToken(await header(), READ, options);
    await expect(refusal).rejects.toBeInstanceOf(AccessTokenError);
    await expect(refusal).rejects.toMatchObject({ code, status, bearerError });
  });

  it("reports a tenant whose keys cannot be fetched as ERR_ACCESS_TOKEN_KEYS_UNAVAILABLE (503), not as a bad token", async () => {
    const down = await startTestIssuer();
    const token = await down.sign({ sub: "x", aud: AUDIENCE, scope: "read:consents" });
    down.setDown(true);
    const refusal = verifyAccessToken(bearer(token), READ, { ...options, issuer: down.issuer, keys: remoteKeySet(down.jwksUrl) });
    await expect(refusal).rejects.toMatchObject({ code: "ERR_ACCESS_TOKEN_KEYS_UNAVAILABLE", status: 503 });
    await down.close();
  });

  it("takes issuer, audience, keys and roles claim from the configuration", () => {
    const config = parseConfig(testEnv({ AUTH0_DOMAIN: "acme.eu.auth0.com" }));
    expect(accessTokenOptionsFrom(config)).toMatchObject({ issuer: "https://acme.eu.auth0.com/", audience: "https://api.product-xyz.example", rolesClaim: ROLES });
    expect(accessTokenOptionsFrom(config).keys).toBe(remoteKeySet("https://acme.eu.auth0.com/.well-known/jwks.json"));
  });
});

describe("accessTokenErrorResponse", () => {
  it("challenges a request without a token with the realm only (RFC 6750 §3.1)", async () => {
    const response = accessTokenErrorResponse(new AccessTokenError("ERR_ACCESS_TOKEN_MISSING", "No token."), { realm: AUDIENCE });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe(`Bearer realm="${AUDIENCE}"`);
  });

  it("names the error and its description for a bad token", () => {
    const response = accessTokenErrorResponse(new AccessTokenError("ERR_ACCESS_TOKEN_EXPIRED", 'The access token has "expired".'), { realm: AUDIENCE });
    expect(response.headers.get("www-authenticate")).toBe(
      `Bearer realm="${AUDIENCE}", error="invalid_token", error_description="The access token has expired."`,
    );
  });

  it("names the scope needed when the token lacks it (403)", async () => {
    const response = accessTokenErrorResponse(new AccessTokenError("ERR_ACCESS_TOKEN_INSUFFICIENT_SCOPE", "Missing read:consents."), { realm: AUDIENCE, scope: "read:consents" });
    expect(response.status).toBe(403);
    expect(response.headers.get("www-authenticate")).toContain('error="insufficient_scope"');
    expect(response.headers.get("www-authenticate")).toContain('scope="read:consents"');
    expect(await response.json()).toEqual({ error: "insufficient_scope", error_description: "Missing read:consents.", code: "insufficient_scope" });
  });

  it("asks to retry, without a challenge, when the keys are unavailable", () => {
    const response = accessTokenErrorResponse(new AccessTokenError("ERR_ACCESS_TOKEN_KEYS_UNAVAILABLE", "Down."), { realm: AUDIENCE });
    expect(response.status).toBe(503);
    expect(response.headers.get("www-authenticate")).toBeNull();
    expect(response.headers.get("retry-after")).toBe("10");
  });
});
