import type { TermsEdition } from "./documents";

/** Rendered texts by their SHA-256: the same words render to the same HTML. */
const rendered = new Map<string, string>();

/**
 * An edition's text as HTML (the source is our own repository: trusted), rendered on first use and kept. The markdown
 * renderer is imported here, on first use, so that the routes that never show a text (the intake) never load it: at a
 * cold start, loading and first running it cost the first request more than the rest of the intake.
 *
 * @example
 * const html = await editionHtml(editionOf(termsDocuments().get(2)!, "fr"));
 */
export async function editionHtml(edition: TermsEdition): Promise<string> {
  const known = rendered.get(edition.sha256);
  if (known !== undefined) return known;
  const { marked } = await import("marked");
  const html = marked.parse(edition.markdown, { async: false });
  rendered.set(edition.sha256, html);
  return html;
}
