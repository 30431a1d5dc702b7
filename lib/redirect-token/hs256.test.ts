import { createSecretKey } from "node:crypto";
import { decodeProtectedHeader, jwtVerify, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { signHs256, verifyHs256 } from "./hs256";

const key = createSecretKey(Buffer.from("a-redirect-token-secret-of-at-least-32-bytes"));
const otherKey = createSecretKey(Buffer.from("another-secret-that-is-also-32-bytes-long"));
const claims = { sub: "auth0|user-1", state: "état-ü", nested: { n: 1 } };

describe("hs256", () => {
  describe("signHs256", () => {
    it("makes a JWT that jose verifies, with the header alg HS256 and typ JWT", async () => {
      const token = signHs256(claims, key);
      expect(decodeProtectedHeader(token)).toEqual({ alg: "HS256", typ: "JWT" });
      await expect(jwtVerify(token, key, { algorithms: ["HS256"] })).resolves.toMatchObject({ payload: claims });
    });

    it("makes a JWT that jose refuses with another key", async () => {
      await expect(jwtVerify(signHs256(claims, key), otherKey)).rejects.toMatchObject({ code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED" });
    });
  });

  describe("verifyHs256", () => {
    it("returns the payload of a JWT jose signed", async () => {
      const token = await new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).sign(key);
      expect(verifyHs256(token, key)).toEqual({ payload: claims });
    });

    it("refuses a JWT jose signed with another key", async () => {
      const token = await new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).sign(otherKey);
      expect(verifyHs256(token, key)).toEqual({ refused: "bad_signature" });
    });

    it("refuses another HMAC algorithm, whatever its signature", async () => {
      const token = await new SignJWT(claims).setProtectedHeader({ alg: "HS512" }).sign(key);
      expect(verifyHs256(token, key)).toEqual({ refused: "alg_not_allowed" });
    });
  });
});
