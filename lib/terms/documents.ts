import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { marked } from "marked";
import { CodedError } from "../../contract/coded-error";

/** A version of the terms of use: `content/terms/<version>.md`. The highest version is the current one. */
export interface TermsDocument {
  version: number;
  markdown: string;
  /** Rendered once at load; the source is our own repository, so it is trusted HTML. */
  html: string;
  /** SHA-256 of the exact text shown, so a record can prove which words were accepted. */
  sha256: string;
}

export const TERMS_DIRECTORY = path.join(process.cwd(), "content", "terms");
const FILE_NAME = /^([1-9][0-9]{0,5})\.md$/;

export class TermsDocumentsError extends CodedError<"ERR_TERMS_DOCUMENTS"> {
  override readonly name = "TermsDocumentsError";
}

/** Reads every `<version>.md` of a directory. Throws when there is none: the product cannot run without terms. */
export function loadTermsDocuments(directory: string = TERMS_DIRECTORY): ReadonlyMap<number, TermsDocument> {
  const documents = new Map<number, TermsDocument>();
  for (const file of readdirSync(/*turbopackIgnore: true*/ directory)) {
    const match = FILE_NAME.exec(file);
    if (!match?.[1]) continue;
    const markdown = readFileSync(path.join(/*turbopackIgnore: true*/ directory, file), "utf8");
    documents.set(Number(match[1]), {
      version: Number(match[1]),
      markdown,
      html: marked.parse(markdown, { async: false }),
      sha256: createHash("sha256").update(markdown).digest("hex"),
    });
  }
  if (documents.size === 0) {
    throw new TermsDocumentsError("ERR_TERMS_DOCUMENTS", `No terms documents found in ${directory}: add one named 1.md`);
  }
  return documents;
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
