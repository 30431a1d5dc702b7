import { escapeHtml } from "../../http/html";
import type { Locale } from "../../i18n/locales";
import { stepWords, type StepWords } from "../../i18n/step-words";
import { editionOf, termsDocuments } from "../../terms/documents";
import { editionHtml } from "../../terms/edition-html";
import type { StepSession } from "../step-cookie";
import type { StepPage } from "../step";
import { whatChangedBlock } from "./what-changed";

/** Query value the terms page reads to explain why an Accept was refused. */
export const AGREEMENT_REQUIRED = "agreement_required";
/** The form field that tells the answer which language's text was shown, so the record hashes that very text. */
export const SHOWN_LANGUAGE_FIELD = "language";

/**
 * The terms step's page, in the user's language: why the user is asked, the whole text of the version the Action
 * asked for (never in a box that hides part of it), a required checkbox, and Accept and Decline with what Decline
 * does said before it.
 */
export const termsPage: StepPage = {
  wide: true,
  words: (words) => words.terms,
  async render(session, query, locale) {
    const document = termsDocuments().get(Number(session.data.termsVersion));
    if (!document) return null;
    const edition = editionOf(document, locale);
    const words = stepWords(locale).terms;
    const refused = query.get("error") === AGREEMENT_REQUIRED;
    return [
      `<p data-testid="terms-reason">${escapeHtml(whyAsked(session, document.version, words))}</p>`,
      // What changed since the version the user accepted: after why they are asked, before the text.
      typeof session.data.acceptedVersion === "number"
        ? whatChangedBlock({ acceptedVersion: session.data.acceptedVersion, acceptedAt: stringOr(session.data.acceptedAt) }, document.version, locale)
        : "",
      // The document's HTML is rendered from our own repository's markdown: trusted.
      `<article class="terms" lang="${edition.language}" aria-label="${escapeHtml(words.documentLabel(document.version))}">${await editionHtml(edition)}</article>`,
      answerForm(document.version, refused, edition.language, words),
    ].join("");
  },
};

/** The checkbox (marked invalid, with the server's message beside it, after a refused Accept), Accept and Decline. */
function answerForm(version: number, refused: boolean, language: Locale, words: StepWords["terms"]): string {
  return (
    `<form method="post" action="/terms/accept">` +
    `<input type="hidden" name="${SHOWN_LANGUAGE_FIELD}" value="${language}">` +
    `<div class="check"><input type="checkbox" id="agree" name="agree" value="yes" required` +
    (refused ? ` aria-invalid="true" aria-describedby="agree-error"` : "") +
    `><label for="agree">${escapeHtml(words.agree(version))}</label></div>` +
    (refused ? `<p class="error" id="agree-error" role="alert">${escapeHtml(words.agreementRequired)}</p>` : "") +
    `<p class="note" id="decline-effect">${escapeHtml(words.declineEffect)}</p>` +
    `<div class="actions"><button type="submit">${escapeHtml(words.accept)}</button>` +
    // Decline needs no tick: `formnovalidate` lets it past the checkbox's `required`.
    `<button type="submit" class="secondary" formaction="/terms/decline" formnovalidate aria-describedby="decline-effect">${escapeHtml(words.decline)}</button></div>` +
    `</form>`
  );
}

/** A first sign-in, or terms updated since the version the user accepted (from the Action's payload). */
function whyAsked(session: StepSession, version: number, words: StepWords["terms"]): string {
  const accepted = session.data.acceptedVersion;
  return typeof accepted === "number" ? words.whyUpdated(accepted, version) : words.whyFirst;
}

function stringOr(value: string | number | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}
