import { termsDocuments } from "../../terms/documents";
import type { StepPage } from "../step";
import { whatChangedBlock } from "./what-changed";

/** Query value the terms page reads to explain why an Accept was refused. */
export const AGREEMENT_REQUIRED = "agreement_required";

/** The terms step's page: the version the Action asked for, a required checkbox, Accept and Decline. */
export const termsPage: StepPage = {
  title: "Terms of use",
  arrivesWhen: "there are terms of use for you to accept",
  async render(session, query, settings) {
    const document = termsDocuments().get(Number(session.data.termsVersion));
    if (!document) return null;
    return (
      (await whatChangedBlock(session.sub, document.version, settings.ledger)) +
      // The document's HTML is rendered from our own repository's markdown: trusted.
      `<article class="terms">${document.html}</article>` +
      (query.get("error") === AGREEMENT_REQUIRED
        ? `<p class="error" role="alert">To accept, tick the box that says you have read and agree to the terms.</p>`
        : "") +
      `<div class="actions">` +
      `<form method="post" action="/terms/accept"><p><label><input type="checkbox" name="agree" value="yes" required> ` +
      `I have read and agree to the terms of use (version ${document.version})</label></p><button type="submit">Accept</button></form>` +
      `<form method="post" action="/terms/decline"><p>&nbsp;</p><button type="submit" class="secondary">Decline</button></form>` +
      `</div>`
    );
  },
};
