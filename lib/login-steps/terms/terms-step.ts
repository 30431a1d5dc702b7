import { STEPS } from "../../../contract/login-steps";
import { termsDocuments } from "../../terms/documents";
import type { ConsentSettings } from "../settings";
import type { StepDefinition } from "../step";
import { STEP_ERRORS } from "../step-errors";
import { handleStepIntake } from "../step-intake";
import { handleStepPage } from "../step-page";
import { termsPage } from "./terms-page";

export const TERMS_PATH = STEPS.terms.path;

/** The terms step: the Action names the version to accept; the app must publish it. */
export const termsStep: StepDefinition<"terms"> = {
  ...STEPS.terms,
  intake(payload) {
    const version = payload.terms_version;
    if (typeof version !== "number" || !termsDocuments().has(version)) {
      return {
        refusal: {
          text: STEP_ERRORS.cannotContinue,
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

/** `GET /terms/start?session_token=…&state=…`: the terms Action sends the browser here. */
export function handleTermsIntake(request: Request, settings: ConsentSettings): Promise<Response> {
  return handleStepIntake(request, termsStep, settings);
}

/** `GET /terms`: the terms of the version the Action asked for, with Accept and Decline. */
export function handleTermsPage(request: Request, settings: ConsentSettings): Promise<Response> {
  return handleStepPage(request, termsStep, settings);
}
