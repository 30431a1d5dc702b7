import * as ironSession from "iron-session";
import { afterEach, describe, expect, it, vi } from "vitest";
import { sealData, unsealData } from "./seal";

const password = "a-cookie-secret-of-at-least-32-characters";
const ttl = 1800;
const session = { step: "terms", sub: "auth0|user-1", state: "s".repeat(150), loginId: "0b7d8f0e-5a1c-4c59-9d0e-3f1f6a1e2b3c", data: { termsVersion: 2, language: "fr" } };

/** Changes one character of the seal's `index`-th `*`-separated part (0 is `Fe26.2`). */
function withPartChanged(sealed: string, index: number): string {
  const parts = sealed.split("*");
  const part = parts[index] ?? "";
  parts[index] = (part[0] === "A" ? "B" : "A") + part.slice(1);
  return parts.join("*");
}

afterEach(() => {
  vi.useRealTimers();
});

describe("sealData and unsealData", () => {
  describe("the format is iron-session's", () => {
    it("iron-session unseals what sealData seals", async () => {
      const sealed = sealData(session, { password, ttl });
      expect(sealed).toMatch(/^Fe26\.2\*1\*[0-9a-f]{64}\*[\w-]+\*[\w-]+\*\d+\*[0-9a-f]{64}\*[\w-]+~2$/);
      await expect(ironSession.unsealData(sealed, { password, ttl })).resolves.toEqual(session);
    });

    it("unsealData opens what iron-session seals", async () => {
      const sealed = await ironSession.sealData(session, { password, ttl });
      expect(unsealData(sealed, { password, ttl })).toEqual(session);
    });

    it("each seal has its own salts and IV", async () => {
      const [first, second] = [sealData(session, { password, ttl }), sealData(session, { password, ttl })];
      expect(first.split("*").slice(2, 5)).not.toEqual(second.split("*").slice(2, 5));
    });
  });

  describe("refuses with null", () => {
    it.each([
      ["the password id", 1],
      ["the encryption salt", 2],
      ["the IV", 3],
      ["the ciphertext", 4],
      ["the expiry", 5],
      ["the HMAC salt", 6],
      ["the HMAC", 7],
    ])("a seal with %s changed", async (_part, index) => {
      const sealed = sealData(session, { password, ttl });
      expect(unsealData(withPartChanged(sealed, index), { password, ttl })).toBeNull();
    });

    it("a seal made with another password, by us or by iron-session", async () => {
      const other = { password: "another-secret-of-at-least-32-characters!", ttl };
      expect(unsealData(sealData(session, other), { password, ttl })).toBeNull();
      expect(unsealData(await ironSession.sealData(session, other), { password, ttl })).toBeNull();
    });

    it("a seal without iron-session's version suffix, and values that are no seal", async () => {
      const sealed = sealData(session, { password, ttl });
      for (const value of [sealed.slice(0, -2), "", "~2", "Fe26.2*1~2", `${sealed}~2`]) {
        expect(unsealData(value, { password, ttl })).toBeNull();
      }
    });

    it("a seal past its ttl and Iron's 60 s of clock skew, not before", async () => {
      vi.useFakeTimers({ now: new Date("2026-12-03T12:00:00Z"), toFake: ["Date"] });
      const sealed = sealData(session, { password, ttl });
      vi.setSystemTime(new Date("2026-12-03T12:30:59Z"));
      expect(unsealData(sealed, { password, ttl })).toEqual(session);
      vi.setSystemTime(new Date("2026-12-03T12:31:01Z"));
      expect(unsealData(sealed, { password, ttl })).toBeNull();
    });
  });

  it("refuses a password shorter than Iron's 32 characters", async () => {
    expect(() => sealData(session, { password: "short", ttl })).toThrow(/too short/);
  });
});
