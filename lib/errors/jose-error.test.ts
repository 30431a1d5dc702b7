import { createSecretKey } from "node:crypto";
import { createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT, UnsecuredJWT } from "jose";
import { describe, expect, it } from "vitest";
import { joseRefusal } from "./jose-error";

const key = createSecretKey(Buffer.alloc(32, 1));
const NOW = 1_900_000_000;
const sign = (claims: Record<string, unknown>, secret = key) =>
  new SignJWT({ iat: NOW, sub: "auth0|1", iss: "tenant", exp: NOW + 60, ...claims }).setProtectedHeader({ alg: "HS256" }).sign(secret);

/** What jose throws for `token`, verified as both verifiers do: one algorithm, an issuer, required claims. */
async function refusalOf(token: string | Promise<string>) {
  try {
    await jwtVerify(await token, key, { algorithms: ["HS256"], issuer: "tenant", requiredClaims: ["exp", "sub"], currentDate: new Date(NOW * 1000) });
  } catch (error) {
    return joseRefusal(error);
  }
  throw new Error("the token verified");
}

describe("joseRefusal", () => {
  it.each([
    ["another algorithm", new UnsecuredJWT({ sub: "auth0|1" }).encode(), { reason: "alg_not_allowed" }],
    ["another secret", sign({}, createSecretKey(Buffer.alloc(32, 2))), { reason: "bad_signature" }],
    ["an expired token", sign({ exp: NOW - 1 }), { reason: "expired" }],
    ["another issuer", sign({ iss: "evil" }), { reason: "claim_failed", claim: "iss", missing: false }],
    ["a missing claim", sign({ sub: undefined }), { reason: "claim_failed", claim: "sub", missing: true }],
    ["something that is not a JWT", "not-a-jwt", { reason: "malformed" }],
  ])("reads %s", async (_name, token, refusal) => {
    expect(await refusalOf(token)).toEqual(refusal);
  });

  it("reads a key the key set does not hold as no_key", async () => {
    const { privateKey } = await generateKeyPair("RS256");
    const { publicKey: other } = await generateKeyPair("RS256", { extractable: true });
    const keys = createLocalJWKSet({ keys: [{ ...(await exportJWK(other)), kid: "published" }] });
    const token = await new SignJWT({ sub: "x" }).setProtectedHeader({ alg: "RS256", kid: "secret" }).sign(privateKey);
    const refusal = await jwtVerify(token, keys).then(
      () => "verified",
      (error: unknown) => joseRefusal(error),
    );
    expect(refusal).toEqual({ reason: "no_key" });
  });

  it("leaves an error that is not jose's to the caller", () => {
    expect(joseRefusal(new Error("socket hang up"))).toBeUndefined();
    expect(joseRefusal(Object.assign(new Error("x"), { code: "ECONNRESET" }))).toBeUndefined();
  });
});
