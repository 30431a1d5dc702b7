import { errorPage } from "../http/html";
import { FormError, readForm } from "../http/read-form";
import { isSameOrigin } from "../http/same-origin";
import { signAnswerToken } from "../redirect-token/sign-answer-token";
import { continueForm } from "./continue-form";
import type { ConsentSettings } from "./settings";
import { clearStepCookieHeader, readCookie, STEP_COOKIE_NAME, unsealStepSession } from "./step-cookie";
import { TERMS_PATH } from "./terms-intake";

export type TermsDecision = "accepted" | "declined";

/** Query value the terms page reads to explain why an Accept was refused. */
export const AGREEMENT_REQUIRED = "agreement_required";

/**
 * `POST /terms/accept` and `POST /terms/decline`: checks the request came from our own page, the sealed step
 * cookie, and (to accept) the checkbox, on the server. Then signs the answer and hands the browser to `/continue`.
 */
export async function handleTermsAnswer(
  request: Request,
  decision: TermsDecision,
  settings: ConsentSettings,
): Promise<Response> {
  if (!isSameOrigin(request, settings.appOrigin)) {
    return errorPage(403, "Request refused", "This form must be sent from the terms page of this site.");
  }
  let form: URLSearchParams;
  try {
    form = await readForm(request);
  } catch (error) {
    if (error instanceof FormError) return errorPage(error.status, "Request refused", error.message);
    throw error;
  }
  const session = await unsealStepSession(readCookie(request.headers.get("cookie"), STEP_COOKIE_NAME), settings.cookiePassword);
  if (!session || session.step !== "terms") {
    return errorPage(
      400,
      "Your sign-in has expired",
      "We could not find the sign-in this answer belongs to (it may have expired after 30 minutes). Sign in again.",
    );
  }
  if (decision === "accepted" && form.get("agree") !== "yes") {
    return new Response(null, {
      status: 303,
      headers: { location: `${TERMS_PATH}?error=${AGREEMENT_REQUIRED}`, "cache-control": "no-store" },
    });
  }
  const sessionToken = await signAnswerToken({
    key: settings.redirectTokenKey,
    issuer: settings.appOrigin,
    sub: session.sub,
    state: session.state,
    answer: { step: "terms", decision, terms_version: Number(session.data.termsVersion) },
  });
  return continueForm({
    continueUrl: settings.continueUrl,
    state: session.state,
    sessionToken,
    headers: { "set-cookie": clearStepCookieHeader({ path: TERMS_PATH, secure: settings.secureCookies }) },
  });
}
