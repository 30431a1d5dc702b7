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
      ["a missing token", async () => null, "token_missing"],
      ["garbage", async () => "not-a-jwt", "token_malformed"],
      ["a token longer than the bound", async () => "a".repeat(MAX_TOKEN_LENGTH + 1), "token_too_large"],
      ["a token signed with another secret", () => actionToken({}, { secret: "another-secret-that-is-also-32-bytes-long" }), "signature_invalid"],
      ["an expired token", () => actionToken({ exp: NOW }), "token_expired"],
      ["a token from another tenant", () => actionToken({ iss: "evil.eu.auth0.com" }), "issuer_invalid"],
      ["a token without sub", () => actionToken({ sub: undefined }), "claim_missing"],
      ["a token with an empty sub", () => actionToken({ sub: "" }), "claim_invalid"],
      ["a token without exp", () => actionToken({ exp: undefined }), "claim_missing"],
      ["a token without step", () => actionToken({ step: undefined }), "claim_missing"],
      // The verifier's clock reads NOW + 10.
      ["a token issued in the future beyond the clock skew", () => actionToken({ iat: NOW + 10 + MAX_CLOCK_SKEW_SECONDS + 1, exp: NOW + 900 }), "token_not_yet_valid"],
      ["alg: none", async () => new UnsecuredJWT({ iat: NOW, iss: ISSUER, sub: "auth0|user-1", exp: NOW + 300, step: "terms" }).encode(), "alg_not_allowed"],
      [
        "another algorithm (RS256)",
        async () => {
          const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
          return new SignJWT({ iat: NOW, iss: ISSUER, sub: "auth0|user-1", exp: NOW + 300, step: "terms" })
            .setProtectedHeader({ alg: "RS256" })
            .sign(privateKey);
        },
        "alg_not_allowed",
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
