import { describe, expect, it } from "vitest";
import { TenantError } from "../errors";
import { base32Decode, base32Encode } from "./base32";
import { hotp, matchTotpStep, newTotpSecret, totpCode } from "./totp";

/** The shared secret of RFC 4226 Appendix D and RFC 6238 Appendix B (SHA-1). */
const RFC_KEY = Buffer.from("12345678901234567890", "ascii");

describe("base32 (RFC 4648 §10 test vectors, unpadded)", () => {
  it.each([
    ["", ""],
    ["f", "MY"],
    ["fo", "MZXQ"],
    ["foo", "MZXW6"],
    ["foob", "MZXW6YQ"],
    ["fooba", "MZXW6YTB"],
    ["foobar", "MZXW6YTBOI"],
  ])("%j ⇄ %s", (text, encoded) => {
    expect(base32Encode(Buffer.from(text))).toBe(encoded);
    expect(base32Decode(encoded).toString()).toBe(text);
  });

  it("reads what people type: lower case, spaces, padding; refuses other characters", () => {
    expect(base32Decode("mzxw 6ytb oi======").toString()).toBe("foobar");
    expect(() => base32Decode("MZXW1")).toThrow(TenantError);
  });
});

describe("HOTP (RFC 4226 Appendix D)", () => {
  it("gives the published codes for counters 0 to 9", () => {
    const codes = Array.from({ length: 10 }, (_, counter) => hotp(RFC_KEY, counter));
    expect(codes).toEqual(["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"]);
  });
});

describe("TOTP (RFC 6238 Appendix B, SHA-1, 8 digits)", () => {
  const secret = base32Encode(RFC_KEY);
  it.each([
    [59, "94287082"],
    [1111111109, "07081804"],
    [1111111111, "14050471"],
    [1234567890, "89005924"],
    [2000000000, "69279037"],
    [20000000000, "65353130"],
  ])("at %i s: %s", (seconds, code) => {
    expect(totpCode(secret, seconds * 1000, 8)).toBe(code);
  });

  it("uses 6 digits by default: the last 6 of the 8-digit code", () => {
    expect(totpCode(secret, 59_000)).toBe("287082");
  });
});

describe("matchTotpStep", () => {
  const secret = newTotpSecret();
  const now = Date.UTC(2030, 0, 1, 12, 0, 15);
  const step = Math.floor(now / 30_000);

  it("accepts the current code and one step of drift either way, naming the step", () => {
    expect(matchTotpStep(secret, totpCode(secret, now), now)).toBe(step);
    expect(matchTotpStep(secret, totpCode(secret, now - 30_000), now)).toBe(step - 1);
    expect(matchTotpStep(secret, totpCode(secret, now + 30_000), now)).toBe(step + 1);
  });

  it("refuses a code two steps away, and a code that is not one", () => {
    const fixed = base32Encode(RFC_KEY);
    expect(matchTotpStep(fixed, totpCode(fixed, now - 60_000), now)).toBeUndefined();
    expect(matchTotpStep(fixed, totpCode(fixed, now + 60_000), now)).toBeUndefined();
    expect(matchTotpStep(fixed, "12345", now)).toBeUndefined();
  });

  it("makes 20-byte secrets, 32 base32 characters", () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret)).toHaveLength(20);
  });
});
