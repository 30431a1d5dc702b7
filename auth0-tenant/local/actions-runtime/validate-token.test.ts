import { SignJWT, UnsecuredJWT } from "jose";
import { describe, expect, it } from "vitest";
import { validateSessionToken, type ValidateSessionTokenInput } from "./validate-token";

const SECRET = "continue-secret-of-at-least-32-bytes!";
const NOW = 1_900_000_000;
const USER = "auth0|user-1";
const STATE = "continue-state-123";

interface TokenOptions {
  claims?: Record<string, unknown>;
  omit?: string[];
  header?: Record<string, unknown>;
  secret?: string;
}

/** A return token built the way an app builds it with jose: standard claims, the /continue state, and a result. */
const STANDARD = { iat: NOW - 10, exp: NOW + 300, sub: USER, iss: "127.0.0.1:3000", state: STATE };

async function appToken({ claims = {}, omit = [], header = { alg: "HS256", typ: "JWT" }, secret = SECRET }: TokenOptions = {}) {
  const all: Record<string, unknown> = { ...STANDARD, accepted: true, ...claims };
  for (const name of omit) delete all[name];
  return new SignJWT(all)
    .setProtectedHeader(header as { alg: string })
    .sign(new TextEncoder().encode(secret));
}

function validate(token: string, overrides: Partial<ValidateSessionTokenInput> = {}) {
  return validateSessionToken({
    token,
    secret: SECRET,
    expectedState: STATE,
    expectedSub: USER,
    nowSeconds: NOW,
    ...overrides,
  });
}

describe("validateSessionToken", () => {
  describe("a valid token", () => {
    it("returns all its claims", async () => {
      const result = validate(await appToken({ claims: { terms: { version: 3 } } }));
      expect(result).toEqual({
        valid: true,
        claims: { ...STANDARD, accepted: true, terms: { version: 3 } },
      });
    });

    it("accepts a lower-case typ", async () => {
      expect(validate(await appToken({ header: { alg: "HS256", typ: "jwt" } })).valid).toBe(true);
    });
  });

  describe("state", () => {
    it("rejects a token whose state is not the /continue state, without echoing either", async () => {
      const result = validate(await appToken({ claims: { state: "other-state" } }));
      expect(result).toEqual({ valid: false, reason: "State in the token does not match the /continue state." });
    });

    it("says when the token has no state claim", async () => {
      expect(validate(await appToken({ omit: ["state"] }))).toEqual({
        valid: false,
        reason: "State in the token does not match the /continue state. (the token has no state claim)",
      });
    });

    it("says when the /continue request has no state", async () => {
      expect(validate(await appToken(), { expectedState: undefined })).toEqual({
        valid: false,
        reason: "State in the token does not match the /continue state. (the /continue request has no state parameter)",
      });
    });

    it("is checked before the signature", async () => {
      const result = validate(await appToken({ claims: { state: "other" }, secret: "another-secret-another-secret-xx" }));
      expect(result).toMatchObject({ reason: "State in the token does not match the /continue state." });
    });
  });

  describe("signature", () => {
    it("rejects a token signed with another secret", async () => {
      expect(validate(await appToken({ secret: "another-secret-another-secret-xx" }))).toEqual({
        valid: false,
        reason: "Failed signature validation (the HS256 signature does not match this secret)",
      });
    });

    it("rejects alg none", () => {
      const token = new UnsecuredJWT({ iat: NOW, exp: NOW + 60, sub: USER, iss: "app", state: STATE }).encode();
      expect(validate(token)).toEqual({ valid: false, reason: 'Failed signature validation (alg must be HS256, got "none")' });
    });

    it("rejects another HMAC algorithm even with the right secret", async () => {
      expect(validate(await appToken({ header: { alg: "HS512", typ: "JWT" } }))).toEqual({
        valid: false,
        reason: 'Failed signature validation (alg must be HS256, got "HS512")',
      });
    });

    it("rejects a tampered payload", async () => {
      const [header, , signature] = (await appToken()).split(".");
      const forged = Buffer.from(JSON.stringify({ ...STANDARD, exp: NOW + 9999 })).toString("base64url");
      expect(validate(`${header}.${forged}.${signature}`)).toMatchObject({
        valid: false,
        reason: expect.stringMatching(/^Failed signature validation/),
      });
    });
  });

  describe("standard claims", () => {
    it.each(["iat", "exp", "sub", "iss"])("names a missing %s", async (claim) => {
      expect(validate(await appToken({ omit: [claim] }))).toEqual({
        valid: false,
        reason: `Missing or invalid standard claims (${claim} is missing)`,
      });
    });

    it("names a claim of the wrong type", async () => {
      expect(validate(await appToken({ claims: { exp: "tomorrow" } }))).toEqual({
        valid: false,
        reason: "Missing or invalid standard claims (exp must be a number)",
      });
    });

    it("requires state when neither side has one", async () => {
      expect(validate(await appToken({ omit: ["state"] }), { expectedState: undefined })).toEqual({
        valid: false,
        reason: "Missing or invalid standard claims (state is missing)",
      });
    });
  });

  describe("typ header", () => {
    it("rejects another typ", async () => {
      expect(validate(await appToken({ header: { alg: "HS256", typ: "at+jwt" } }))).toEqual({
        valid: false,
        reason: 'Unexpected token payload type (the header\'s typ must be "JWT"; got "at+jwt")',
      });
    });

    it("rejects a missing typ", async () => {
      expect(validate(await appToken({ header: { alg: "HS256" } }))).toEqual({
        valid: false,
        reason: 'Unexpected token payload type (the header\'s typ must be "JWT"; the header has no typ)',
      });
    });
  });

  describe("subject", () => {
    it("rejects a token for another user", async () => {
      expect(validate(await appToken({ claims: { sub: "auth0|someone-else" } }))).toEqual({
        valid: false,
        reason: "The sub claim does not match the user_id.",
      });
    });
  });

  describe("expiry", () => {
    it("rejects a token whose exp has passed", async () => {
      expect(validate(await appToken({ claims: { exp: NOW - 1 } }))).toEqual({ valid: false, reason: "Token has expired." });
    });

    it("treats exp equal to now as expired", async () => {
      expect(validate(await appToken({ claims: { exp: NOW } }))).toEqual({ valid: false, reason: "Token has expired." });
    });
  });

  describe("malformed input", () => {
    it.each(["not-a-jwt", "a.b", "a.b.c.d", "e30.W10.sig"])("rejects %j", (token) => {
      expect(validate(token)).toMatchObject({ valid: false, reason: expect.stringMatching(/^Malformed token/) });
    });
  });
});
