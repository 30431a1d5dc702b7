import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findChromium } from "./chromium";

const dir = mkdtempSync(path.join(tmpdir(), "chromium-"));
const executable = path.join(dir, "chrome");
writeFileSync(executable, "");
const missing = path.join(dir, "nothing-here");

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("findChromium", () => {
  describe("with CHROMIUM_PATH", () => {
    it("takes it over every default", () => {
      expect(findChromium({ configured: executable, platform: "linux" })).toBe(executable);
    });

    it("refuses one where there is no file, naming the variable", () => {
      expect(() => findChromium({ configured: missing, platform: "linux", playwrightBrowser: executable })).toThrow(
        `CHROMIUM_PATH is ${missing}, where there is no file`,
      );
    });
  });

  describe("without it", () => {
    it("falls back to Playwright's own browser when no default install exists (here: macOS's paths)", () => {
      expect(findChromium({ platform: "darwin", playwrightBrowser: executable })).toBe(executable);
    });

    it("says what to install or set when nothing is found", () => {
      const attempt = () => findChromium({ platform: "win32", playwrightBrowser: missing });
      expect(attempt).toThrow(/looked for C:\\Program Files\\Google\\Chrome\\Application\\chrome\.exe, .*nothing-here\)/);
      expect(attempt).toThrow(/Install Google Chrome, or Playwright's own with npx playwright-core install chromium, or set CHROMIUM_PATH/);
    });
  });
});
