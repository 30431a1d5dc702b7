import { generateKeyPairSync } from "node:crypto";
import { SignJWT, UnsecuredJWT } from "jose";
import { describe, expect, it } from "vitest";
import { actionSessionToken } from "../../tests/support/session-token";
import { importRedirectTokenKey } from "./secret-key";
import { MAX_CLOCK_SKEW_SECONDS, MAX_TOKEN_LENGTH, verifySessionToken } from "./verify-session-token";

const SECRET = "a-redirect-token-secret-of-at-least-32-bytes";
const key = await importRedirectTokenKey(SECRET);
const ISSUER = "acme.eu.auth0.com";
const NOW = 1_900_000_000;

/** A terms step's token from this tenant at `NOW`; `claims` override or (`undefined`) remove any claim. */
function actionToken(claims: Record<string, unknown> = {}, options: { secret?: string; header?: Record<string, unknown> } = {}) {
  return actionSessionToken(
    { step: "terms", terms_version: 2, ...claims },
    { secret: options.secret ?? SECRET, issuer: ISSUER, sub: "auth0|user-1", now: NOW, header: options.header },
  );
}

const verify = (token: string | null) => verifySessionToken(token, { key, issuer: ISSUER, now: NOW + 10 });

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
