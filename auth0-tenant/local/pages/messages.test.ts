import { describe, expect, it } from "vitest";
import { MESSAGES } from "./messages";
import { PAGE_LANGUAGES } from "./page-language";

/** Each text as a string: a message with parameters is called with sample values. */
function texts(messages: object): Record<string, string> {
  return Object.fromEntries(
    Object.entries(messages).map(([key, value]) => [key, typeof value === "function" ? String(value("App", "a@example.com")) : String(value)]),
  );
}

describe("the pages' dictionaries", () => {
  it("give every key in every language, none empty, and translate rather than copy English", () => {
    const english = texts(MESSAGES.en);
    for (const language of PAGE_LANGUAGES) {
      const own = texts(MESSAGES[language]);
      expect(Object.keys(own).sort()).toEqual(Object.keys(english).sort());
      for (const [key, text] of Object.entries(own)) expect(text.trim(), `${language}.${key}`).not.toBe("");
    }
    expect(texts(MESSAGES.fr).logInHeading).not.toBe(english.logInHeading);
  });

  it("put the parameters into the texts", () => {
    expect(MESSAGES.fr.logInIntro("Reports")).toBe("Connectez-vous pour continuer vers Reports.");
    expect(MESSAGES.en.attemptsLeft(1)).toBe("1 attempt left.");
    expect(MESSAGES.fr.attemptsLeft(3)).toBe("3 tentatives restantes.");
  });
});
