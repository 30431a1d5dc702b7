import { describe, expect, it } from "vitest";
import { ERROR_PAGE_WORDS, type ErrorPageWords } from "./error-page-words";
import { LOCALES } from "./locales";

/** Every key path of a dictionary, with its words. */
function entries(words: object, prefix = ""): Array<[string, string]> {
  return Object.entries(words).flatMap(([key, value]): Array<[string, string]> =>
    typeof value === "object" && value !== null ? entries(value as object, `${prefix}${key}.`) : [[`${prefix}${key}`, String(value)]],
  );
}

describe("the error pages' words", () => {
  it("exist in every language, key for key, none empty (a missing one also fails typecheck)", () => {
    const english = entries(ERROR_PAGE_WORDS.en).map(([key]) => key);
    for (const locale of LOCALES) {
      const words = entries(ERROR_PAGE_WORDS[locale] satisfies ErrorPageWords);
      expect(words.map(([key]) => key)).toEqual(english);
      for (const [key, text] of words) expect(text.trim(), `${locale}.${key}`).not.toBe("");
    }
  });

  it("are translated, not copied, but for the full stop after the reference", () => {
    const french = new Map(entries(ERROR_PAGE_WORDS.fr));
    const same = entries(ERROR_PAGE_WORDS.en).filter(([key, text]) => french.get(key) === text);
    expect(same.map(([key]) => key)).toEqual(["quoteReference.after"]);
  });
});
