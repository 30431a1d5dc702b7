import { PRODUCT_NAME } from "../../../contract/look";
import { escapeHtml } from "../../http/html";
import { termsDocuments } from "../../terms/documents";
import type { StepSession } from "../step-cookie";
import type { StepPage } from "../step";
import { whatChangedBlock } from "./what-changed";

/** Query value the terms page reads to explain why an Accept was refused. */
export const AGREEMENT_REQUIRED = "agreement_required";

/**
 * The terms step's page: why the user is asked, the whole text of the version the Action asked for (never in a box
 * that hides part of it), a required checkbox, and Accept and Decline with what Decline does said before it.
 */
export const termsPage: StepPage = {
  title: "Terms of use",
  wide: true,
  arrivesWhen: "there are terms of use for you to accept",
  render(session, query) {
    const document = termsDocuments().get(Number(session.data.termsVersion));
    if (!document) return null;
    const refused = query.get("error") === AGREEMENT_REQUIRED;
    return [
      `<p data-testid="terms-reason">${escapeHtml(whyAsked(session, document.version))}</p>`,
      // What changed since the version the user accepted: after why they are asked, before the text.
      typeof session.data.acceptedVersion === "number"
        ? whatChangedBlock({ acceptedVersion: session.data.acceptedVersion, acceptedAt: stringOr(session.data.acceptedAt) }, document.version)
        : "",
      // The document's HTML is rendered from our own repository's markdown: trusted.
      `<article class="terms" aria-label="Terms of use, version ${document.version}">${document.html}</article>`,
      answerForm(document.version, refused),
    ].join("");
  },
};

/** The checkbox (marked invalid, with the server's message beside it, after a refused Accept), Accept and Decline. */
function answerForm(version: number, refused: boolean): string {
  return (
    `<form method="post" action="/terms/accept">` +
    `<div class="check"><input type="checkbox" id="agree" name="agree" value="yes" required` +
    (refused ? ` aria-invalid="true" aria-describedby="agree-error"` : "") +
    `><label for="agree">I have read and agree to the terms of use (version ${version})</label></div>` +
    (refused ? `<p class="error" id="agree-error" role="alert">To accept, tick the box that says you have read and agree to the terms.</p>` : "") +
    `<p class="note" id="decline-effect">Decline ends this sign-in: you will not be signed in to ${PRODUCT_NAME}. ` +
    `We keep a record of your answer, and you can sign in again at any time to accept.</p>` +
    `<div class="actions"><button type="submit">Accept and continue</button>` +
    // Decline needs no tick: `formnovalidate` lets it past the checkbox's `required`.
    `<button type="submit" class="secondary" formaction="/terms/decline" formnovalidate aria-describedby="decline-effect">Decline</button></div>` +
    `</form>`
  );
}

/** A first sign-in, or terms updated since the version the user accepted (from the Action's payload). */
function whyAsked(session: StepSession, version: number): string {
  const accepted = session.data.acceptedVersion;
  if (typeof accepted === "number") {
    return `We updated our terms of use. You accepted version ${accepted}; to keep using ${PRODUCT_NAME}, please read version ${version} and accept it.`;
  }
  return `Before you use ${PRODUCT_NAME} for the first time, please read its terms of use and accept them.`;
}

function stringOr(value: string | number | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}
