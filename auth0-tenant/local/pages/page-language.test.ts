import { describe, expect, it } from "vitest";
import { pageLanguage } from "./page-language";

describe("pageLanguage", () => {
  it("is the first ui_locales entry the tenant enables and the pages are written in", () => {
    expect(pageLanguage(["fr"], ["en", "fr"])).toBe("fr");
    expect(pageLanguage(["de", "fr", "en"], ["en", "de", "fr"])).toBe("fr");
    expect(pageLanguage(["fr-CA"], ["en", "fr-CA"])).toBe("fr");
    expect(pageLanguage(["FR"], ["en", "fr"])).toBe("fr");
  });

  it("is the tenant's default (its first enabled locale with pages) when no entry is usable", () => {
    expect(pageLanguage(["de"], ["en", "fr"])).toBe("en");
    expect(pageLanguage(["fr"], ["en"])).toBe("en");
    expect(pageLanguage([], ["fr", "en"])).toBe("fr");
    expect(pageLanguage(["de"], ["de", "fr"])).toBe("fr");
  });

  it("is English when the tenant enables no language the pages are written in", () => {
    expect(pageLanguage(["de"], ["de"])).toBe("en");
    expect(pageLanguage([], [])).toBe("en");
  });
});
