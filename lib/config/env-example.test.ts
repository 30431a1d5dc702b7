import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { APP_VARIABLES, DEV_VARIABLES, SYNC_VARIABLES, TEST_VARIABLES } from ".";

/** `NAME=` lines, commented out or not. */
function documented(): string[] {
  const text = readFileSync(path.join(__dirname, "..", "..", ".env.example"), "utf8");
  return text.split("\n").flatMap((line) => /^#?\s*([A-Z][A-Z0-9_]*)=/.exec(line)?.[1] ?? []);
}

describe(".env.example", () => {
  const read = new Set([...APP_VARIABLES, ...SYNC_VARIABLES, ...DEV_VARIABLES, ...TEST_VARIABLES]);

  it("lists every variable the configuration reads", () => {
    expect([...read].filter((name) => !documented().includes(name))).toEqual([]);
  });

  it("lists only variables the configuration reads, each once", () => {
    expect(documented().filter((name) => !read.has(name))).toEqual([]);
    expect(documented().filter((name, index, all) => all.indexOf(name) !== index)).toEqual([]);
  });
});
