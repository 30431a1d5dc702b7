import { describe, expect, it } from "vitest";
import type { ConsentRecord } from "../ledger/records";
import { acceptedVersions, replacementOf, summariesBetween, versionPath } from "./changes-since";
import type { TermsDocument } from "./documents";

const record = (termsVersion: number, decision: ConsentRecord["decision"], recordedAt: string, termsLanguage = "en"): ConsentRecord => ({
  id: recordedAt,
  recordedAt,
  userId: "auth0|1",
  termsVersion,
  termsSha256: "",
  termsLanguage,
  decision,
  clientId: null,
  ipAddress: null,
  userAgent: null,
});

const documents = new Map<number, TermsDocument>(
  [1, 2, 3, 5].map((version) => [version, { version, language: "en", editions: new Map(), markdown: "", sha256: "", ...(version > 1 ? { summary: `Changes of ${version}.` } : {}) }]),
);

describe("what changed since a user's earlier acceptance", () => {
  it("lists each version the user accepted, at its latest acceptance and in its language, newest version first", () => {
    const history = [
      record(3, "declined", "2026-05-01T00:00:00.000000Z"),
      record(1, "accepted", "2026-04-01T00:00:00.000000Z", "fr"),
      record(2, "accepted", "2026-03-01T00:00:00.000000Z"),
      record(1, "accepted", "2026-02-01T00:00:00.000000Z"),
    ];
    expect(acceptedVersions(history)).toEqual([
      { version: 2, acceptedAt: "2026-03-01T00:00:00.000000Z", language: "en" },
      { version: 1, acceptedAt: "2026-04-01T00:00:00.000000Z", language: "fr" },
    ]);
  });

  it("gathers the summaries of every version after the accepted one, oldest first", () => {
    expect(summariesBetween(documents, 1, 5)).toEqual([
      { version: 2, summary: "Changes of 2." },
      { version: 3, summary: "Changes of 3." },
      { version: 5, summary: "Changes of 5." },
    ]);
    expect(summariesBetween(documents, 2, 3)).toEqual([{ version: 3, summary: "Changes of 3." }]);
  });

  it("names the version that replaced another, or none for the current one", () => {
    expect(replacementOf(documents, 3)?.version).toBe(5);
    expect(replacementOf(documents, 5)).toBeUndefined();
  });

  it("links a version in the language it was answered in", () => {
    expect(versionPath(1, "fr")).toBe("/terms/versions/1?lang=fr");
    expect(versionPath(2, "fr CA&x")).toBe("/terms/versions/2?lang=fr%20CA%26x");
  });
});
