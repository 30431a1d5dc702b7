import { describe, expect, it } from "vitest";
import { languageDataOf, stepLocale } from "./step-language";

const request = (acceptLanguage?: string) => new Request("http://app.test/terms", acceptLanguage ? { headers: { "accept-language": acceptLanguage } } : {});

describe("the step cookie's language", () => {
  it("keeps the token's well-formed ui_locales in order and the browser's language", () => {
    expect(languageDataOf({ ui_locales: ["fr-CA", "en"], language: "de" })).toEqual({ uiLocales: "fr-CA en", browserLanguage: "de" });
    expect(languageDataOf({ ui_locales: ["fr", 3, "a b", "<x>"], language: "x".repeat(40) })).toEqual({ uiLocales: "fr" });
    expect(languageDataOf({ ui_locales: "fr" })).toEqual({});
    expect(languageDataOf({})).toEqual({});
  });

  it("chooses ui_locales, then the request's Accept-Language, then the Action's view of the browser", () => {
    expect(stepLocale({ uiLocales: "fr", browserLanguage: "en" }, request("en"))).toBe("fr");
    expect(stepLocale({ browserLanguage: "en" }, request("fr-FR,en;q=0.5"))).toBe("fr");
    expect(stepLocale({ browserLanguage: "fr" }, request())).toBe("fr");
    expect(stepLocale({}, request("de"))).toBe("en");
  });
});
