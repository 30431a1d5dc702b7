import { jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { encodeToken } from "./encode-token";
import { ActionsRuntimeError } from "./errors";

const SECRET = "redirect-secret-of-at-least-32-bytes";
const NOW_MS = 1_900_000_000_500;
const CONTEXT = { hostname: "localhost:4000", ip: "203.0.113.9", userId: "auth0|user-1", nowMs: NOW_MS };

function decodeSegment(token: string, index: number): unknown {
  return JSON.parse(Buffer.from(token.split(".")[index] ?? "", "base64url").toString("utf8"));
}

describe("encodeToken", () => {
  describe("header", () => {
    it("is exactly HS256/JWT, in that order", () => {
      const token = encodeToken({ secret: SECRET, payload: {} }, CONTEXT);
      expect(Buffer.from(token.split(".")[0] ?? "", "base64url").toString("utf8")).toBe('{"alg":"HS256","typ":"JWT"}');
    });
  });

  describe("claims", () => {
    it("are iat, iss, sub, exp, ip and then the payload", () => {
      const token = encodeToken({ secret: SECRET, payload: { terms: "v3", nested: { a: 1 } }, expiresInSeconds: 600 }, CONTEXT);
      const claims = decodeSegment(token, 1);
      expect(claims).toEqual({
        iat: 1_900_000_000,
        iss: "localhost:4000",
        sub: "auth0|user-1",
        exp: 1_900_000_600,
        ip: "203.0.113.9",
        terms: "v3",
        nested: { a: 1 },
      });
      expect(Object.keys(claims as object)).toEqual(["iat", "iss", "sub", "exp", "ip", "terms", "nested"]);
    });

    it("expire after 900 seconds by default", () => {
      expect(decodeSegment(encodeToken({ secret: SECRET }, CONTEXT), 1)).toMatchObject({ exp: 1_900_000_900 });
    });

    it("let the payload override the standard claims, as Auth0's spread does", () => {
      const token = encodeToken({ secret: SECRET, payload: { iss: "custom", sub: "other" } }, CONTEXT);
      expect(decodeSegment(token, 1)).toMatchObject({ iss: "custom", sub: "other" });
    });
  });

  describe("signature", () => {
    it("verifies with jose and the same secret", async () => {
      const token = encodeToken({ secret: SECRET, payload: { a: 1 } }, CONTEXT);
      const { payload, protectedHeader } = await jwtVerify(token, new TextEncoder().encode(SECRET), {
        algorithms: ["HS256"],
        currentDate: new Date(NOW_MS),
      });
      expect(protectedHeader).toEqual({ alg: "HS256", typ: "JWT" });
      expect(payload).toMatchObject({ a: 1, sub: "auth0|user-1" });
    });
  });

  describe("secret", () => {
    it.each([undefined, ""])("refuses %j with a clear error", (secret) => {
      expect(() => encodeToken({ secret, payload: {} }, CONTEXT)).toThrow(ActionsRuntimeError);
      expect(() => encodeToken({ secret, payload: {} }, CONTEXT)).toThrow(/"secret" must be a non-empty string/);
    });
  });
});
