import { describe, expect, it } from "vitest";
import { compareTerms, describeCounts } from "./comparison";
import { termsDocuments, type TermsDocument } from "./documents";

const version = (number: number, markdown: string): TermsDocument => ({ version: number, language: "en", editions: new Map(), markdown, sha256: "" });

/** The passages of a comparison, each as its kind and its text with the hidden words shown in brackets. */
function passages(html: string): string[] {
  return [...html.matchAll(/<div class="passage (\w+)">(.*?)<\/div>/gs)].map(([, kind, body]) =>
    `${kind}: ${(body ?? "").replace(/<\/(?:p|h\d)>/g, " ").replace(/<[^>]+>/g, "").replace(/\s+/g, " ").trim()}`,
  );
}

describe("compareTerms", () => {
  const documents = termsDocuments();
  const oneToTwo = compareTerms(documents.get(1)!, documents.get(2)!);

  it("compares the French editions in French words for a French reader", () => {
    const french = compareTerms(documents.get(1)!, documents.get(2)!, { language: "fr" });
    expect(french.html).toMatch(/<p class="passage-label">Ajouté dans la version 2<\/p><ins><h2>4\. Données de l&#39;entreprise<\/h2>/);
    expect(french.html).not.toContain("Business data");
    expect(french.html).not.toContain("[added: ");
    expect(describeCounts(french.counts, "fr")).toMatch(/^En tout, /);
  });

  it("shows version 2's new section as added and its renumbered heading as changed, the rest as it was", () => {
    expect(oneToTwo).toMatchObject({ from: 1, to: 2, counts: { added: 2, removed: 0, changed: 2 } });
    expect(passages(oneToTwo.html)).toEqual([
      "changed: Changed Terms of Use — version [removed: 1][added: 2]",
      expect.stringMatching(/^added: Added in version 2 4\. Business data New in this version: the product shows you data/),
      "changed: Changed [removed: 4][added: 5]. Changes",
    ]);
    // Unchanged passages are rendered as the document renders them, outside any marked passage.
    expect(oneToTwo.html).toContain("<h2>1. Your account</h2>\n<p>You are responsible");
  });

  it("marks insertions and deletions with ins and del, and says them in words, not by colour alone", () => {
    expect(oneToTwo.html).toContain('<del><span class="sr-only">[removed: </span>1<span class="sr-only">]</span></del>');
    expect(oneToTwo.html).toContain('<ins><span class="sr-only">[added: </span>2<span class="sr-only">]</span></ins>');
    expect(oneToTwo.html).toMatch(/<p class="passage-label">Added in version 2<\/p><ins><h2>4\. Business data<\/h2>/);
    // A changed heading stays a heading.
    expect(oneToTwo.html).toMatch(/<h1>Terms of Use — version <del>/);
  });

  it("moves the documents' headings down under the page's own, changed ones too", () => {
    const nested = compareTerms(documents.get(1)!, documents.get(2)!, { headingOffset: 2 });
    expect(nested.html).toMatch(/<h3>Terms of Use — version <del>/);
    expect(nested.html).toContain("<h4>1. Your account</h4>");
    expect(nested.html).toContain("<ins><h4>4. Business data</h4>");
    expect(nested.html).not.toMatch(/<h[12]>/);
  });

  it("shows a passage the newer version dropped as removed", () => {
    const backwards = compareTerms(documents.get(2)!, documents.get(1)!);
    expect(backwards.counts).toEqual({ added: 0, removed: 2, changed: 2 });
    expect(passages(backwards.html)).toContainEqual(expect.stringMatching(/^removed: Removed: was in version 2 4\. Business data$/));
  });

  it("finds nothing between a version and itself", () => {
    const same = compareTerms(documents.get(2)!, documents.get(2)!);
    expect(same.counts).toEqual({ added: 0, removed: 0, changed: 0 });
    expect(same.html).not.toContain("passage");
  });

  it("pairs a changed passage with the most similar one, and treats one with little in common as removed and added", () => {
    const before = version(1, "# T\n\nKeep this.\n\nWe may email you about the product.\n\nGone entirely, nothing alike.\n");
    const after = version(2, "# T\n\nKeep this.\n\nA brand new paragraph.\n\nWe may email or call you about the product.\n");
    const comparison = compareTerms(before, after);
    expect(passages(comparison.html)).toEqual([
      "added: Added in version 2 A brand new paragraph.",
      "changed: Changed We may email [added: or call ]you about the product.",
      "removed: Removed: was in version 1 Gone entirely, nothing alike.",
    ]);
    expect(comparison.counts).toEqual({ added: 1, removed: 1, changed: 1 });
  });

  it("escapes the words of a changed passage", () => {
    const comparison = compareTerms(version(1, "Fees & <charges> apply.\n"), version(2, "Fees & <taxes> apply.\n"));
    expect(comparison.html).toContain("Fees &amp; &lt;");
    expect(comparison.html).not.toContain("<taxes>");
  });

  it("sums the changes up in words", () => {
    expect(describeCounts(oneToTwo.counts)).toBe("In all, 2 passages added, 2 changed and none removed.");
    expect(describeCounts({ added: 1, changed: 0, removed: 3 })).toBe("In all, 1 passage added, none changed and 3 removed.");
    expect(describeCounts({ added: 0, changed: 0, removed: 0 })).toBe("The two versions have the same text.");
  });
});
