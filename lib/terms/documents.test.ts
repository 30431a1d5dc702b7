import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { currentVersionOf, editionOf, loadTermsDocuments, MAX_SUMMARY_LENGTH, TERMS_DIRECTORY, termsDocuments } from "./documents";
import { editionHtml } from "./edition-html";

function directoryWith(files: Record<string, string>): string {
  const directory = mkdtempSync(path.join(tmpdir(), "terms-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(directory, name), text);
  return directory;
}

const summarised = (summary: string, body = "# Terms\n") => `---\nsummary: ${summary}\n---\n${body}`;

describe("terms documents", () => {
  it("reads the repository's versions and takes the highest as current", async () => {
    const documents = termsDocuments();
    expect([...documents.keys()].sort()).toEqual([1, 2]);
    expect(currentVersionOf(documents)).toBe(2);
    expect(await editionHtml(documents.get(2)!)).toContain("<h1>Terms of Use — version 2</h1>");
    expect(documents.get(2)?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(documents.get(2)?.summary).toMatch(/^A new section 4, "Business data"/);
    expect(documents.get(1)?.summary).toBeUndefined();
  });

  it("compares versions as numbers and ignores other files", () => {
    const directory = directoryWith({ "2.md": "# 2", "10.md": summarised("Ten."), "draft.md": "# draft", "03.md": "# 03", README: "x" });
    const documents = loadTermsDocuments(directory);
    expect([...documents.keys()].sort((a, b) => a - b)).toEqual([2, 10]);
    expect(currentVersionOf(documents)).toBe(10);
  });

  it("refuses a directory without terms", () => {
    expect(() => loadTermsDocuments(directoryWith({}))).toThrow(/No terms documents found/);
  });

  describe("the summary of changes in a version's front matter", () => {
    it("is kept apart from the text shown, which alone is rendered and hashed", async () => {
      const documents = loadTermsDocuments(directoryWith({ "1.md": "# One\n", "2.md": summarised("Section 2 is new.", "# Two\n") }));
      const two = documents.get(2);
      expect(two).toMatchObject({ summary: "Section 2 is new.", markdown: "# Two\n" });
      expect(await editionHtml(two!)).toBe("<h1>Two</h1>\n");
      expect(two?.sha256).toBe(createHash("sha256").update("# Two\n").digest("hex"));
    });

    it("leaves the hash of a published version as its records hold it", () => {
      const source = readFileSync(path.join(TERMS_DIRECTORY, "2.md"), "utf8");
      expect(source.startsWith("---\npublished: ")).toBe(true);
      // The hashes versions 1 and 2 had before their front matter was written into their files.
      expect(termsDocuments().get(1)?.sha256).toBe("918058abdd7a6d11225d13bf22731bc4d90124ab02ba1840cc91984cb7c26c74");
      expect(termsDocuments().get(2)?.sha256).toBe("3abb36257501f766bd76ec5bfaca8d97c542affe537b3dfdb8fdca28d207b49a");
    });

    it("says the day the version took effect, when it is given", () => {
      const documents = loadTermsDocuments(directoryWith({ "1.md": "# 1", "2.md": summarised("New.\npublished: 2026-03-01") }));
      expect(documents.get(2)?.published).toBe("2026-03-01");
      expect(documents.get(1)?.published).toBeUndefined();
    });

    it("may go on over indented lines", () => {
      const documents = loadTermsDocuments(directoryWith({ "1.md": "# 1", "2.md": "---\nsummary: One line,\n  and the next.\n---\n# 2" }));
      expect(documents.get(2)?.summary).toBe("One line, and the next.");
    });

    it("is optional for the first version only, and the error says how to write it", () => {
      expect(loadTermsDocuments(directoryWith({ "1.md": "# 1" })).get(1)?.summary).toBeUndefined();
      expect(() => loadTermsDocuments(directoryWith({ "1.md": "# 1", "3.md": "# 3" }))).toThrow(
        /3\.md: a summary of what changed since version 1 is required: start the file with\n---\nsummary: /,
      );
    });

    it.each([
      ["empty", "---\nsummary:\n---\n# 2", /2\.md: the summary is empty/],
      ["too long", summarised("x".repeat(MAX_SUMMARY_LENGTH + 1)), new RegExp(`more than ${MAX_SUMMARY_LENGTH}`)],
      ["under another name", "---\nsumary: Typo.\n---\n# 2", /unknown front matter field "sumary": the fields are "summary" and "published"/],
      ["published on no such day", summarised("New.\npublished: 2026-02-30"), /"published" must be a date written YYYY-MM-DD, not "2026-02-30"/],
      ["published in another format", summarised("New.\npublished: 3 March 2026"), /"published" must be a date written YYYY-MM-DD/],
      ["given twice", "---\nsummary: A.\nsummary: B.\n---\n# 2", /field "summary" is given twice/],
      ["not a field", "---\n- a list\n---\n# 2", /line 2 is not "name: value"/],
      ["an indented line first", "---\n  floating\n---\n# 2", /line 2 is indented but continues no field/],
      ["never closed", "---\nsummary: Open.\n# 2", /no closing "---" line/],
    ])("is refused when %s", (_, source, error) => {
      expect(() => loadTermsDocuments(directoryWith({ "1.md": "# 1", "2.md": source }))).toThrow(error);
    });
  });

  describe("a version in another language (<version>.<language>.md)", () => {
    it("publishes versions 1 and 2 in French, each its own text, hash and summary", async () => {
      for (const version of [1, 2]) {
        const document = termsDocuments().get(version)!;
        const french = document.editions.get("fr")!;
        const source = readFileSync(path.join(TERMS_DIRECTORY, `${version}.fr.md`), "utf8");
        expect(french.language).toBe("fr");
        expect(await editionHtml(french)).toContain(`<h1>Conditions d&#39;utilisation — version ${version}</h1>`);
        expect(source.endsWith(french.markdown)).toBe(true);
        expect(french.sha256).toBe(createHash("sha256").update(french.markdown).digest("hex"));
        expect(french.sha256).not.toBe(document.sha256);
        expect(document.editions.get("en")?.sha256).toBe(document.sha256);
      }
      expect(termsDocuments().get(2)!.editions.get("fr")!.summary).toMatch(/^Une nouvelle section 4, « Données de l'entreprise »/);
      expect(termsDocuments().get(1)!.editions.get("fr")!.summary).toBeUndefined();
    });

    it("has the same sections as the default language's text", () => {
      for (const document of termsDocuments().values()) {
        const headings = (markdown: string) => markdown.split("\n").filter((line) => line.startsWith("#")).map((line) => line.replace(/ .*/, ""));
        expect(headings(document.editions.get("fr")!.markdown)).toEqual(headings(document.markdown));
      }
    });

    it("falls back to the default language where a version is not translated", () => {
      const documents = loadTermsDocuments(directoryWith({ "1.md": "# One\n", "1.fr.md": "# Un\n", "2.md": summarised("New.") }));
      expect(editionOf(documents.get(1)!, "fr").markdown).toBe("# Un\n");
      expect(editionOf(documents.get(2)!, "fr")).toBe(documents.get(2));
    });

    it.each([
      ["of no published version", { "1.md": "# 1", "2.fr.md": "# 2" }, /2\.fr\.md: translates version 2, which has no 2\.md in the default language/],
      ["in a language the app does not publish", { "1.md": "# 1", "1.de.md": "# 1" }, /1\.de\.md: "de" is not a language the app publishes/],
      ["without its own summary", { "1.md": "# 1", "2.md": summarised("New."), "2.fr.md": "# 2" }, /2\.fr\.md: a summary of what changed since version 1 is required/],
      ["with a date of its own", { "1.md": "# 1", "1.fr.md": "---\npublished: 2026-01-01\n---\n# 1" }, /1\.fr\.md: unknown front matter field "published": the fields are "summary"/],
    ])("is refused when it is %s", (_, files, error) => {
      expect(() => loadTermsDocuments(directoryWith(files))).toThrow(error);
    });
  });
});
