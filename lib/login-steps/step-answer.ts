import { errorPage } from "../http/error-page";
import { stepLocale } from "../i18n/step-language";
import { stepWords } from "../i18n/step-words";
import { hasCode } from "../errors/has-code";
import { FORM_REFUSED, readForm, type FormError } from "../http/read-form";
import { isSameOrigin } from "../http/same-origin";
import { LOGIN_ID_CLAIM, type StepAnswers, type StepName } from "../../contract/login-steps";
import { signAnswerToken } from "../redirect-token/sign-answer-token";
import type { Locale } from "../i18n/locales";
import type { HandOffWording } from "../i18n/step-words";
import { continueForm } from "./continue-form";
import type { ConsentSettings } from "./settings";
import type { StepDefinition } from "./step";
import type { StepError } from "./step-errors";
import { clearStepCookieHeader, readCookie, STEP_COOKIE_NAME, unsealStepSession, type StepSession } from "./step-cookie";

/** A step's answer that passed the checks every step shares. */
export interface OpenedAnswer {
  session: StepSession;
  form: URLSearchParams;
}

/**
 * The checks every answer gets before the step looks at it: sent from our own page (Origin), a form of bounded
 * size, and the sealed step cookie of this step. Returns the refusal page otherwise.
 */
export async function openStepAnswer(request: Request, step: StepDefinition, settings: ConsentSettings): Promise<OpenedAnswer | Response> {
  // Refused before the cookie is read: the page speaks the browser's language.
  const refuse = (status: number, error: StepError, reason: string) => {
    const lang = stepLocale({}, request);
    return errorPage(status, stepWords(lang).errors[error], { reason, lang });
  };
  if (!isSameOrigin(request, settings.appOrigin)) {
    return refuse(403, "answerRefused", `This form must be sent from the ${step.name} page of this site.`);
  }
  let form: URLSearchParams;
  try {
    form = await readForm(request);
  } catch (error) {
    if (hasCode<FormError>(error, FORM_REFUSED)) return refuse(error.status, "answerRefused", error.message);
    throw error;
  }
  const session = unsealStepSession(readCookie(request.headers.get("cookie"), STEP_COOKIE_NAME), settings.cookiePassword);
  if (!session || session.step !== step.name) {
    return refuse(400, "sessionExpired", `No valid ${step.name} step cookie with the answer.`);
  }
  return { session, form };
}

/**
 * Signs the step's answer for `validateToken` and hands the browser to `/continue`, in words that fit the answer;
 * the step cookie is cleared.
 */
export async function handOff<S extends StepName>(
  step: StepDefinition<S>,
  session: StepSession,
  answer: StepAnswers[S],
  settings: ConsentSettings,
  wording: HandOffWording,
  locale: Locale,
): Promise<Response> {
  const sessionToken = signAnswerToken({
    key: settings.redirectTokenKey,
    issuer: settings.appOrigin,
    sub: session.sub,
    state: session.state,
    answer: { ...answer, step: step.name, [LOGIN_ID_CLAIM]: session.loginId },
  });
  return continueForm({
    continueUrl: settings.continueUrl,
    state: session.state,
    sessionToken,
    wording,
    locale,
    headers: { "set-cookie": clearStepCookieHeader({ path: step.path, secure: settings.secureCookies }) },
  });
}
