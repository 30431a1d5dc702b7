import { describe, expect, it } from "vitest";
import { applyCustomClaims, assertSettableCustomClaim, isAuth0ApiAudience, MAX_CUSTOM_CLAIMS_BYTES } from "./custom-claims";
import { CustomClaimsTooLargeError } from "./errors";

const STANDARD = { iss: "http://localhost:4000/", sub: "auth0|user-1", aud: "client-1", exp: 2, iat: 1, email: "ada@example.com" };

const apply = (customClaims: Record<string, unknown>, audienceIsAuth0Api = false) =>
  applyCustomClaims({ standardClaims: STANDARD, customClaims, audienceIsAuth0Api });

describe("custom claims", () => {
  describe("assertSettableCustomClaim", () => {
    it("refuses scope with Auth0's message", () => {
      expect(() => assertSettableCustomClaim("scope")).toThrow('The "scope" claim cannot be set.');
    });

    it("lets other names through, restricted ones included (they are dropped later, silently)", () => {
      expect(() => assertSettableCustomClaim("https://example.com/roles")).not.toThrow();
      expect(() => assertSettableCustomClaim("nonce")).not.toThrow();
    });
  });

  describe("applyCustomClaims", () => {
    it("adds namespaced and plain claims to the standard ones", () => {
      expect(apply({ "https://example.com/roles": ["admin"], favorite: "tea", "urn:acme:tier": "gold" })).toEqual({
        ...STANDARD,
        "https://example.com/roles": ["admin"],
        favorite: "tea",
        "urn:acme:tier": "gold",
      });
    });

    it.each(["nonce", "groups", "roles", "permissions", "sid", "x5t#S256", "scope"])("drops the restricted name %s", (name) => {
      expect(apply({ [name]: "x" })).toEqual(STANDARD);
    });

    it("never overrides a standard claim", () => {
      expect(apply({ sub: "someone-else", email: "mallory@example.com" })).toEqual(STANDARD);
    });

    it.each([
      "https://auth0.com/claim",
      "https://tenant.eu.auth0.com/claim",
      "http://webtask.io/x",
      "https://x.webtask.run/y",
      "urn:auth0:claim",
    ])("drops the reserved namespace %s", (name) => {
      expect(apply({ [name]: "x" })).toEqual(STANDARD);
    });

    it("keeps a namespace that only looks like Auth0's", () => {
      expect(apply({ "https://notauth0.com/x": 1 })).toMatchObject({ "https://notauth0.com/x": 1 });
    });

    it("drops plain claims, but keeps namespaced ones, on an access token for an Auth0 API", () => {
      expect(apply({ favorite: "tea", "https://example.com/roles": ["admin"] }, true)).toEqual({
        ...STANDARD,
        "https://example.com/roles": ["admin"],
      });
    });

    it("throws a typed error past 100 KB of names and values", () => {
      const fits = { big: "x".repeat(MAX_CUSTOM_CLAIMS_BYTES - '{"big":""}'.length) };
      expect(() => apply(fits)).not.toThrow();
      const tooBig = { big: `${fits.big}x` };
      expect(() => apply(tooBig)).toThrow(CustomClaimsTooLargeError);
      expect(() => apply(tooBig)).toThrow(/102401 bytes/);
    });

    it("counts only the claims it keeps toward the limit", () => {
      expect(() => apply({ nonce: "x".repeat(MAX_CUSTOM_CLAIMS_BYTES * 2) })).not.toThrow();
    });
  });

  describe("isAuth0ApiAudience", () => {
    it.each([
      ["http://localhost:4000/api/v2/", true],
      ["https://tenant.eu.auth0.com/api/v2/", true],
      ["https://tenant.auth0.com/mfa/", true],
      ["https://tenant.auth0app.com/whatever", true],
      ["https://tenant.auth0.com/userinfo", false],
      ["https://api.example.com/", false],
      ["urn:my-api", false],
    ])("%s → %s", (audience, expected) => {
      expect(isAuth0ApiAudience(audience)).toBe(expected);
    });
  });
});
