import { describe, expect, it } from "vitest";
import { historyWords } from "./history-words";
import { LOCALES } from "./locales";

describe("historyWords", () => {
  it("has every key in every language, each a non-empty word or a function giving one", () => {
    const english = Object.keys(historyWords("en")).sort();
    for (const locale of LOCALES) {
      const words = historyWords(locale);
      expect(Object.keys(words).sort(), locale).toEqual(english);
      for (const [key, value] of Object.entries(words)) {
        const text = typeof value === "function" ? String(value(1, 2)) : value;
        expect(text.trim(), `${locale}.${key}`).not.toBe("");
      }
    }
  });

  it("counts the passages in French with French plurals", () => {
    expect(historyWords("fr").counts({ added: 2, changed: 1, removed: 0 })).toBe("En tout, 2 passages ajoutés, 1 modifié et aucun supprimé.");
    expect(historyWords("fr").counts({ added: 0, changed: 0, removed: 0 })).toBe("Les deux versions ont le même texte.");
  });
});
