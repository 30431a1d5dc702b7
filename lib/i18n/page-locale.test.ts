import { describe, expect, it } from "vitest";
import { pageLocale } from "./page-locale";

describe("pageLocale", () => {
  it("takes the link's lang when the app publishes it, over the browser's header", () => {
    expect(pageLocale("fr", "en-GB,en")).toBe("fr");
    expect(pageLocale("en", "fr-FR")).toBe("en");
  });

  it("falls back to Accept-Language for a missing, unknown or repeated lang, then to English", () => {
    expect(pageLocale(undefined, "fr-CA,en;q=0.5")).toBe("fr");
    expect(pageLocale("de", "fr")).toBe("fr");
    expect(pageLocale(["fr", "fr"], null)).toBe("en");
    expect(pageLocale("FR<script>", undefined)).toBe("en");
  });
});
