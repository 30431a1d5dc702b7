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
          error: "cannotContinue",
          reason: `The sign-in asked for terms version ${String(version)}, which this app does not publish. Deploy the app with that version.`,
        },
      };
    }
    return { data: { termsVersion: version, ...earlierAcceptance(payload.accepted_version, payload.accepted_at, version) } };
  },
  page: termsPage,
};

/**
 * The version the user accepted before this one, and when, as the Action read them from the user's history: the
 * page then says the terms were updated. Kept only when well formed.
 */
function earlierAcceptance(version: unknown, at: unknown, current: number): { acceptedVersion: number; acceptedAt?: string } | Record<string, never> {
  if (!Number.isInteger(version) || (version as number) < 1 || (version as number) >= current) return {};
  const validDate = typeof at === "string" && at.length <= 40 && !Number.isNaN(Date.parse(at));
  return { acceptedVersion: version as number, ...(validDate ? { acceptedAt: at } : {}) };
}
