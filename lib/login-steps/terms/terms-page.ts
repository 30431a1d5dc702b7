import { escapeHtml } from "../../http/html";
import { stepWords } from "../../i18n/step-words";
import { editionOf, termsDocuments } from "../../terms/documents";
import type { StepPage } from "../step";
import { whatChangedBlock } from "./what-changed";

/** Query value the terms page reads to explain why an Accept was refused. */
export const AGREEMENT_REQUIRED = "agreement_required";
/** The form field that tells the answer which language's text was shown, so the record hashes that very text. */
export const SHOWN_LANGUAGE_FIELD = "language";

/** The terms step's page: the version the Action asked for, in the user's language, a required checkbox, Accept and Decline. */
export const termsPage: StepPage = {
  words: (words) => words.terms,
  async render(session, query, settings, locale) {
    const document = termsDocuments().get(Number(session.data.termsVersion));
    if (!document) return null;
    const edition = editionOf(document, locale);
    const words = stepWords(locale).terms;
    const language = `<input type="hidden" name="${SHOWN_LANGUAGE_FIELD}" value="${edition.language}">`;
    return (
      (await whatChangedBlock(session.sub, document.version, settings.ledger, locale)) +
      // The document's HTML is rendered from our own repository's markdown: trusted.
      `<article class="terms" lang="${edition.language}">${edition.html}</article>` +
      (query.get("error") === AGREEMENT_REQUIRED ? `<p class="error" role="alert">${escapeHtml(words.agreementRequired)}</p>` : "") +
      `<div class="actions">` +
      `<form method="post" action="/terms/accept">${language}<p><label><input type="checkbox" name="agree" value="yes" required> ` +
      `${escapeHtml(words.agree(document.version))}</label></p><button type="submit">${escapeHtml(words.accept)}</button></form>` +
      `<form method="post" action="/terms/decline">${language}<p>&nbsp;</p><button type="submit" class="secondary">${escapeHtml(words.decline)}</button></form>` +
      `</div>`
    );
  },
};
