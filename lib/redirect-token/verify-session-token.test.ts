import { createHmac, generateKeyPairSync } from "node:crypto";
import { SignJWT, UnsecuredJWT } from "jose";
import { describe, expect, it } from "vitest";
import { actionSessionToken } from "../../tests/support/session-token";
import { redirectTokenKey } from "./secret-key";
import { MAX_CLOCK_SKEW_SECONDS, MAX_TOKEN_LENGTH, verifySessionToken } from "./verify-session-token";

const SECRET = "a-redirect-token-secret-of-at-least-32-bytes";
const key = redirectTokenKey(SECRET);
const ISSUER = "acme.eu.auth0.com";
const NOW = 1_900_000_000;

/** A token of any header and payload (JSON text), signed with SECRET's HMAC: what jose would refuse to make. */
function handMade(header: string, payload: string): string {
  const input = `${Buffer.from(header).toString("base64url")}.${Buffer.from(payload).toString("base64url")}`;
  return `${input}.${createHmac("sha256", SECRET).update(input).digest("base64url")}`;
}

const validClaims = JSON.stringify({ iat: NOW, exp: NOW + 300, iss: ISSUER, sub: "auth0|user-1", step: "terms" });

/** A terms step's token from this tenant at `NOW`; `claims` override or (`undefined`) remove any claim. */
function actionToken(claims: Record<string, unknown> = {}, options: { secret?: string; header?: Record<string, unknown> } = {}) {
  return actionSessionToken(
    { step: "terms", terms_version: 2, ...claims },
    { secret: options.secret ?? SECRET, issuer: ISSUER, sub: "auth0|user-1", now: NOW, header: options.header },
  );
}

const verify = async (token: string | null) => verifySessionToken(token, { key, issuer: ISSUER, now: NOW + 10 });

describe("verifySessionToken", () => {
  describe("a token made by encodeToken", () => {
    it("returns the user, the step and the step's payload", async () => {
      await expect(verify(await actionToken())).resolves.toEqual({
        sub: "auth0|user-1",
        step: "terms",
        payload: { terms_version: 2 },
        exp: NOW + 300,
      });
    });
  });

  it("accepts a token issued up to the clock skew ahead of the verifier's clock", async () => {
    await expect(verify(await actionToken({ iat: NOW + 10 + MAX_CLOCK_SKEW_SECONDS }))).resolves.toMatchObject({ sub: "auth0|user-1" });
  });

  describe("refuses", () => {
    const cases: Array<[string, () => Promise<string | null>, string]> = [
      ["a missing token", async () => null, "ERR_SESSION_TOKEN_MISSING"],
      ["garbage", async () => "not-a-jwt", "ERR_SESSION_TOKEN_MALFORMED"],
      ["a token longer than the bound", async () => "a".repeat(MAX_TOKEN_LENGTH + 1), "ERR_SESSION_TOKEN_TOO_LARGE"],
      ["a token signed with another secret", () => actionToken({}, { secret: "another-secret-that-is-also-32-bytes-long" }), "ERR_SESSION_TOKEN_SIGNATURE_INVALID"],
      ["an expired token", () => actionToken({ exp: NOW }), "ERR_SESSION_TOKEN_EXPIRED"],
      ["a token from another tenant", () => actionToken({ iss: "evil.eu.auth0.com" }), "ERR_SESSION_TOKEN_ISSUER_INVALID"],
      ["a token without sub", () => actionToken({ sub: undefined }), "ERR_SESSION_TOKEN_CLAIM_MISSING"],
      ["a token with an empty sub", () => actionToken({ sub: "" }), "ERR_SESSION_TOKEN_CLAIM_INVALID"],
      ["a token without exp", () => actionToken({ exp: undefined }), "ERR_SESSION_TOKEN_CLAIM_MISSING"],
      ["a token without step", () => actionToken({ step: undefined }), "ERR_SESSION_TOKEN_CLAIM_MISSING"],
      // The verifier's clock reads NOW + 10.
      ["a token issued in the future beyond the clock skew", () => actionToken({ iat: NOW + 10 + MAX_CLOCK_SKEW_SECONDS + 1, exp: NOW + 900 }), "ERR_SESSION_TOKEN_NOT_YET_VALID"],
      ["alg: none", async () => new UnsecuredJWT({ iat: NOW, iss: ISSUER, sub: "auth0|user-1", exp: NOW + 300, step: "terms" }).encode(), "ERR_SESSION_TOKEN_ALG_NOT_ALLOWED"],
      [
        "another algorithm (RS256)",
        async () => {
          const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
          return new SignJWT({ iat: NOW, iss: ISSUER, sub: "auth0|user-1", exp: NOW + 300, step: "terms" })
            .setProtectedHeader({ alg: "RS256" })
            .sign(privateKey);
        },
        "ERR_SESSION_TOKEN_ALG_NOT_ALLOWED",
      ],
      ["a payload changed after signing", async () => {
        const [header, , signature] = (await actionToken()).split(".");
        const payload = Buffer.from(JSON.stringify({ iat: NOW, exp: NOW + 300, iss: ISSUER, sub: "auth0|admin", step: "terms" })).toString("base64url");
        return `${header}.${payload}.${signature}`;
      }, "ERR_SESSION_TOKEN_SIGNATURE_INVALID"],
      ["a signature cut short", async () => (await actionToken()).slice(0, -2), "ERR_SESSION_TOKEN_SIGNATURE_INVALID"],
      ["a signature with padding", async () => `${await actionToken()}=`, "ERR_SESSION_TOKEN_MALFORMED"],
      ["a character outside base64url", async () => (await actionToken()).replace(".", "+."), "ERR_SESSION_TOKEN_MALFORMED"],
      ["four segments", async () => `${await actionToken()}.e30`, "ERR_SESSION_TOKEN_MALFORMED"],
      ["a header that is not JSON", async () => handMade("{alg:HS256}", validClaims), "ERR_SESSION_TOKEN_MALFORMED"],
      ["a header without alg", async () => handMade("{}", validClaims), "ERR_SESSION_TOKEN_MALFORMED"],
      ["a header with crit", async () => handMade('{"alg":"HS256","crit":["b64"],"b64":false}', validClaims), "ERR_SESSION_TOKEN_MALFORMED"],
      ["a payload that is a JSON array", async () => handMade('{"alg":"HS256"}', "[1]"), "ERR_SESSION_TOKEN_MALFORMED"],
      ["a token without iat", () => actionToken({ iat: undefined }), "ERR_SESSION_TOKEN_CLAIM_MISSING"],
      ["an iat that is not a number", () => actionToken({ iat: String(NOW) }), "ERR_SESSION_TOKEN_CLAIM_INVALID"],
      ["an exp that is not a number", () => actionToken({ exp: "never" }), "ERR_SESSION_TOKEN_CLAIM_INVALID"],
      ["a token without iss", () => actionToken({ iss: undefined }), "ERR_SESSION_TOKEN_ISSUER_INVALID"],
      ["a token not valid before a time to come", () => actionToken({ nbf: NOW + 60 }), "ERR_SESSION_TOKEN_NOT_YET_VALID"],
    ];

    it.each(cases)("%s", async (_name, makeToken, code) => {
      await expect(verify(await makeToken())).rejects.toMatchObject({ name: "RedirectTokenError", code });
    });

    it("with a message that never contains the token", async () => {
      const token = await actionToken({ iss: "evil.eu.auth0.com" });
      await expect(verify(token)).rejects.toSatisfy((error: Error) => !error.message.includes(token));
    });
  });
});
