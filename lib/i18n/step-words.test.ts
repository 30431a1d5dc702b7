import { describe, expect, it } from "vitest";
import { LOCALES } from "./locales";
import { STEP_WORDS, type StepWords } from "./step-words";

/** Every key path of a dictionary, a function's words read with sample arguments. */
function keys(words: object, prefix = ""): string[] {
  return Object.entries(words).flatMap(([key, value]) =>
    typeof value === "object" && value !== null ? keys(value as object, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe("the step pages' words", () => {
  it("exist in every language, key for key (a missing one also fails typecheck)", () => {
    const english = keys(STEP_WORDS.en).sort();
    for (const locale of LOCALES) expect(keys(STEP_WORDS[locale] satisfies StepWords).sort()).toEqual(english);
  });

  it("are translated, not copied, where the words are not names", () => {
    const same = keys(STEP_WORDS.en).filter((key) => {
      const read = (words: object) => key.split(".").reduce<unknown>((value, part) => (value as Record<string, unknown>)[part], words);
      const [en, fr] = [read(STEP_WORDS.en), read(STEP_WORDS.fr)];
      // A function's words read with sample arguments; words that come as an object (an error's title and message) whole.
      const sample = (words: unknown) => JSON.stringify(typeof words === "function" ? words(1, "1") : words);
      return sample(en) === sample(fr);
    });
    expect(same).toEqual([]);
  });
});
