import { describe, expect, it } from "vitest";
import { generateMissingAppSecrets } from "./app-secrets";
import { parseCliArguments } from "./cli-arguments";

describe("parseCliArguments", () => {
  it("defaults to the safe dry run", () => {
    expect(parseCliArguments([])).toBe("dry-run");
    expect(parseCliArguments(["--dry-run"])).toBe("dry-run");
    expect(parseCliArguments(["--apply"])).toBe("apply");
    expect(parseCliArguments(["--help"])).toBe("help");
  });

  it("refuses both modes at once, and unknown flags", () => {
    expect(() => parseCliArguments(["--apply", "--dry-run"])).toThrow(expect.objectContaining({ code: "ERR_SYNC_USAGE" }));
    expect(() => parseCliArguments(["--force"])).toThrow(/Unknown argument --force/);
  });
});

describe("generateMissingAppSecrets", () => {
  it("makes 32 random bytes in hex for each missing app secret, and keeps the ones that exist", () => {
    const generated = generateMissingAppSecrets({ AUTH0_SECRET: "x".repeat(64) });
    expect(Object.keys(generated)).toEqual(["CONSENT_COOKIE_SECRET", "REDIRECT_TOKEN_SECRET"]);
    for (const value of Object.values(generated)) expect(value).toMatch(/^[0-9a-f]{64}$/);
    expect(generated.CONSENT_COOKIE_SECRET).not.toBe(generated.REDIRECT_TOKEN_SECRET);
  });
});
