import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { CodedError } from "../../contract/coded-error";
import { DEFAULT_LOCALE, isLocale, type Locale } from "../i18n/locales";
import { readFrontMatter } from "./front-matter";

/** The text of a version in one language: what a user reads (as HTML: `editionHtml`), and the hash their record keeps of it. */
export interface TermsEdition {
  language: Locale;
  /** The text shown to users: the file without its front matter. */
  markdown: string;
  /** SHA-256 of the exact text shown, so a record can prove which words were accepted. */
  sha256: string;
  /**
   * What changed since the previous version, in a sentence or two of plain text, from the document's front matter.
   * Required of every version but the first.
   */
  summary?: string;
}

/**
 * A version of the terms of use: `content/terms/<version>.md`, in the default language, which every version has.
 * The highest version is the current one. `<version>.<language>.md` publishes the same version in another language.
 */
export interface TermsDocument extends TermsEdition {
  version: number;
  /** The day this version took effect (`YYYY-MM-DD`, front matter `published`), when the document says it. */
  published?: string;
  /** The version in each language it is published in, the default one included. */
  editions: ReadonlyMap<Locale, TermsEdition>;
}

export const TERMS_DIRECTORY = path.join(process.cwd(), "content", "terms");
const FILE_NAME = /^([1-9][0-9]{0,5})(?:\.([a-z]{2,3}))?\.md$/;
/** A summary is read on the terms page above the text itself: a short note, not a second document. */
export const MAX_SUMMARY_LENGTH = 600;

export class TermsDocumentsError extends CodedError<"ERR_TERMS_DOCUMENTS"> {
  override readonly name = "TermsDocumentsError";
}

/**
 * Reads every `<version>.md` of a directory. Throws when there is none (the product cannot run without terms), when
 * a version after the first has no valid `summary` in its front matter, or when its `published` date is no date.
 */
export function loadTermsDocuments(directory: string = TERMS_DIRECTORY): ReadonlyMap<number, TermsDocument> {
  const files = new Map<number, string>();
  const translations = new Map<number, Map<Locale, string>>();
  for (const file of readdirSync(/*turbopackIgnore: true*/ directory)) {
    const match = FILE_NAME.exec(file);
    if (!match?.[1]) continue;
    const [, version, language] = match;
    if (language === undefined) {
      files.set(Number(version), file);
      continue;
    }
    if (!isLocale(language) || language === DEFAULT_LOCALE) {
      throw new TermsDocumentsError("ERR_TERMS_DOCUMENTS", `${path.join(directory, file)}: "${language}" is not a language the app publishes besides the default`);
    }
    translations.set(Number(version), (translations.get(Number(version)) ?? new Map<Locale, string>()).set(language, file));
  }
  if (files.size === 0) {
    throw new TermsDocumentsError("ERR_TERMS_DOCUMENTS", `No terms documents found in ${directory}: add one named 1.md`);
  }
  for (const [version, editions] of translations) {
    if (!files.has(version)) {
      const file = path.join(directory, [...editions.values()][0] ?? "");
      throw new TermsDocumentsError("ERR_TERMS_DOCUMENTS", `${file}: translates version ${version}, which has no ${version}.md in the default language`);
    }
  }
  const versions = [...files.keys()].sort((a, b) => a - b);
  const documents = new Map<number, TermsDocument>();
  for (const [index, version] of versions.entries()) {
    const previous = index === 0 ? undefined : versions[index - 1];
    const { edition, fields } = readEdition(path.join(directory, files.get(version) ?? ""), DEFAULT_LOCALE, previous, FIELDS);
    const published = checkedDate(fields.get("published"), (reason) => {
      throw new TermsDocumentsError("ERR_TERMS_DOCUMENTS", `${path.join(directory, files.get(version) ?? "")}: ${reason}`);
    });
    const editions = new Map<Locale, TermsEdition>([[DEFAULT_LOCALE, edition]]);
    // A translation is of the same version: its own text and hash, its own summary, the version's date.
    for (const [language, file] of translations.get(version) ?? []) {
      editions.set(language, readEdition(path.join(directory, file), language, previous, TRANSLATION_FIELDS).edition);
    }
    documents.set(version, { ...edition, version, ...(published === undefined ? {} : { published }), editions });
  }
  return documents;
}

function readEdition(
  file: string,
  language: Locale,
  previous: number | undefined,
  allowed: readonly string[],
): { edition: TermsEdition; fields: ReadonlyMap<string, string> } {
  const source = readFileSync(/*turbopackIgnore: true*/ file, "utf8");
  const fail = (reason: string): never => {
    throw new TermsDocumentsError("ERR_TERMS_DOCUMENTS", `${file}: ${reason}`);
  };
  const { fields, body } = readFrontMatter(source, fail);
  for (const key of fields.keys()) {
    if (!allowed.includes(key)) fail(`unknown front matter field "${key}": the fields are ${allowed.map((name) => `"${name}"`).join(" and ")}`);
  }
  const summary = checkedSummary(fields, previous, fail);
  const edition: TermsEdition = {
    language,
    markdown: body,
    // Of the text shown only: adding a summary to a published version leaves the hash its records hold.
    sha256: createHash("sha256").update(body).digest("hex"),
    ...(summary === undefined ? {} : { summary }),
  };
  return { edition, fields };
}

/** The version in `language`, or in the default language where it is not published in that one. */
export function editionOf(document: TermsDocument, language: Locale): TermsEdition {
  return document.editions.get(language) ?? document;
}

const FIELDS = ["summary", "published"];
/** The date is the version's, not a translation's: a translation only says it in its own words. */
const TRANSLATION_FIELDS = ["summary"];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkedDate(value: string | undefined, fail: (reason: string) => never): string | undefined {
  if (value === undefined) return undefined;
  // A date that does not survive a round trip through Date (2026-02-30) is no date.
  const time = Date.parse(`${value}T00:00:00Z`);
  if (!DATE.test(value) || Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== value) {
    fail(`"published" must be a date written YYYY-MM-DD, not ${JSON.stringify(value)}`);
  }
  return value;
}

const HOW_TO_SUMMARISE = "start the file with\n---\nsummary: What changed, in a sentence or two.\n---";

function checkedSummary(fields: ReadonlyMap<string, string>, previous: number | undefined, fail: (reason: string) => never): string | undefined {
  const summary = fields.get("summary");
  if (summary === undefined) {
    if (previous === undefined) return undefined;
    return fail(`a summary of what changed since version ${previous} is required: ${HOW_TO_SUMMARISE}`);
  }
  if (summary === "") fail(`the summary is empty: ${HOW_TO_SUMMARISE}`);
  if (summary.length > MAX_SUMMARY_LENGTH) {
    fail(`the summary has ${summary.length} characters, more than ${MAX_SUMMARY_LENGTH}: keep it to a sentence or two`);
  }
  return summary;
}

/** The highest version in a set of documents. */
export function currentVersionOf(documents: ReadonlyMap<number, TermsDocument>): number {
  return Math.max(...documents.keys());
}

let cached: ReadonlyMap<number, TermsDocument> | undefined;

/** The repository's terms documents, read once per process. */
export function termsDocuments(): ReadonlyMap<number, TermsDocument> {
  cached ??= loadTermsDocuments();
  return cached;
}
