import { describe, expect, it } from "vitest";
import { pageLocale, pageLocaleAt } from "./page-locale";

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

describe("pageLocaleAt", () => {
  it("keeps the pages written in English only in English, whatever the reader asks for", () => {
    expect(pageLocaleAt("/", "fr", "fr-FR")).toBe("en");
    expect(pageLocaleAt("/account/consents", undefined, "fr")).toBe("en");
  });

  it("chooses the reader's language everywhere else: the versions, the error pages, an unknown address", () => {
    expect(pageLocaleAt("/terms/versions/1", "fr", "en")).toBe("fr");
    expect(pageLocaleAt("/sign-in-failed", undefined, "fr-CA,en;q=0.5")).toBe("fr");
    expect(pageLocaleAt("/no-such-page", undefined, undefined)).toBe("en");
  });
});
