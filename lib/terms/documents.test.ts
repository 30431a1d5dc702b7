import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { currentVersionOf, loadTermsDocuments, termsDocuments } from "./documents";

describe("terms documents", () => {
  it("reads the repository's versions and takes the highest as current", () => {
    const documents = termsDocuments();
    expect([...documents.keys()].sort()).toEqual([1, 2]);
    expect(currentVersionOf(documents)).toBe(2);
    expect(documents.get(2)?.html).toContain("<h1>Terms of Use — version 2</h1>");
    expect(documents.get(2)?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("compares versions as numbers and ignores other files", () => {
    const directory = mkdtempSync(path.join(tmpdir(), "terms-"));
    for (const name of ["2.md", "10.md", "draft.md", "03.md", "README"]) writeFileSync(path.join(directory, name), `# ${name}`);
    const documents = loadTermsDocuments(directory);
    expect([...documents.keys()].sort((a, b) => a - b)).toEqual([2, 10]);
    expect(currentVersionOf(documents)).toBe(10);
  });

  it("refuses a directory without terms", () => {
    expect(() => loadTermsDocuments(mkdtempSync(path.join(tmpdir(), "terms-")))).toThrow(/No terms documents found/);
  });
});
