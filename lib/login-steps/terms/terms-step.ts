import { STEPS } from "../../../contract/login-steps";
import { termsDocuments } from "../../terms/documents";
import type { StepDefinition } from "../step";
import { termsPage } from "./terms-page";

export const TERMS_PATH = STEPS.terms.path;

/**
 * The terms step: the Action names the version to accept; the app must publish it. The shared handlers serve it at
 * `GET /terms/start` (the intake, where the terms Action sends the browser) and `GET /terms` (that version, with
 * Accept and Decline).
 */
export const termsStep: StepDefinition<"terms"> = {
  ...STEPS.terms,
  intake(payload) {
    const version = payload.terms_version;
    if (typeof version !== "number" || !termsDocuments().has(version)) {
      return {
        refusal: {
          title: "These terms are not available",
          message: `The sign-in asked for terms version ${String(version)}, which this app does not publish. Deploy the app with that version.`,
        },
      };
    }
    return { data: { termsVersion: version } };
  },
  page: termsPage,
};
