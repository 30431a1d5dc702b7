import { describe, expect, it } from "vitest";
import { acceptLanguageTags, chooseLocale, languageName, localeOfTag } from "./locales";

describe("chooseLocale", () => {
  it("takes the first of the login's ui_locales that is published, in the login's order", () => {
    expect(chooseLocale({ uiLocales: ["fr", "en"] })).toBe("fr");
    expect(chooseLocale({ uiLocales: ["en", "fr"] })).toBe("en");
    expect(chooseLocale({ uiLocales: ["de", "fr-CA", "en"] })).toBe("fr");
  });

  it("prefers ui_locales to Accept-Language", () => {
    expect(chooseLocale({ uiLocales: ["fr"], acceptLanguage: "en-GB,en;q=0.9" })).toBe("fr");
  });

  it("falls back to Accept-Language by q-value when ui_locales names nothing published", () => {
    expect(chooseLocale({ uiLocales: ["de"], acceptLanguage: "de-DE,en;q=0.5,fr;q=0.8" })).toBe("fr");
    expect(chooseLocale({ acceptLanguage: "fr-FR,fr;q=0.9,en;q=0.8" })).toBe("fr");
  });

  it("tries the login's own view of the browser's language after Accept-Language", () => {
    expect(chooseLocale({ acceptLanguage: "de", laterLanguages: ["fr"] })).toBe("fr");
    expect(chooseLocale({ acceptLanguage: "en;q=0.1", laterLanguages: ["fr"] })).toBe("en");
  });

  it("answers the default for unknown languages, an empty or malformed header", () => {
    expect(chooseLocale({ uiLocales: ["de", "ja"], acceptLanguage: "es,pt;q=0.5" })).toBe("en");
    expect(chooseLocale({})).toBe("en");
    expect(chooseLocale({ acceptLanguage: "fr;q=2" })).toBe("en");
    expect(chooseLocale({ acceptLanguage: "fr;q=0" })).toBe("en");
  });

  it("chooses among the languages a document is published in", () => {
    expect(chooseLocale({ uiLocales: ["fr"] }, ["en"])).toBe("en");
    expect(chooseLocale({ uiLocales: ["de"] }, ["fr"])).toBe("fr");
  });
});

describe("acceptLanguageTags", () => {
  it("orders by q-value, equal q-values keeping their order, and drops q=0 and *", () => {
    expect(acceptLanguageTags("en;q=0.5, fr-CA ,de;q=0.9, *;q=0.1, es;q=0")).toEqual(["fr-CA", "de", "en"]);
  });

  it("ignores an entry whose q-value is not a number", () => {
    expect(acceptLanguageTags("fr;q=high,en")).toEqual(["en"]);
  });
});

describe("languageName", () => {
  it("names a published language, and shows any other tag as it was recorded", () => {
    expect(languageName("fr")).toBe("French");
    expect(languageName("de")).toBe("de");
  });
});

describe("localeOfTag", () => {
  it("reads the language of a region or script tag, whatever its case", () => {
    expect(localeOfTag("FR-ca")).toBe("fr");
    expect(localeOfTag("en_US")).toBe("en");
    expect(localeOfTag("de")).toBeUndefined();
  });
});
