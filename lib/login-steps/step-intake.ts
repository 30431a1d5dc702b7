import { errorPage } from "../http/error-page";
import { languageDataOf, stepLocale } from "../i18n/step-language";
import { stepWords } from "../i18n/step-words";
import { isRedirectTokenError } from "../redirect-token/errors";
import { verifySessionToken } from "../redirect-token/verify-session-token";
import type { ConsentSettings } from "./settings";
import type { StepDefinition } from "./step";
import type { StepError } from "./step-errors";
import { sealStepSession, stepCookieHeader } from "./step-cookie";
import { MAX_STEPS_PER_LOGIN } from "../../contract/login-steps";

/** Auth0's `state` is about 200 characters; anything near this is not from Auth0. */
export const MAX_STATE_LENGTH = 1024;
export const MAX_QUERY_LENGTH = 8 * 1024;
/** The Action's login id (`login_id`): a UUID; anything else is not from our Actions. */
const LOGIN_ID = /^[A-Za-z0-9_-]{16,128}$/;

/**
 * `GET <step>/start?session_token=…&state=…`: verifies the Action's token, keeps what the step needs in a sealed
 * cookie, and answers 303 to the step's page so the token leaves the address bar and the history.
 */
export async function handleStepIntake(request: Request, step: StepDefinition, settings: ConsentSettings): Promise<Response> {
  const url = new URL(request.url);
  // Before the token is read, only the browser's Accept-Language tells the language; after, the login's too.
  let languageData: Record<string, string> = {};
  const refuse = (status: number, error: StepError, reason: string) => {
    const lang = stepLocale(languageData, request);
    return errorPage(status, stepWords(lang).errors[error], { reason, lang });
  };
  const notValid = (status: number, reason: string) => refuse(status, "linkNotValid", reason);
  if (url.search.length > MAX_QUERY_LENGTH) return notValid(414, "The link is too long to come from Auth0.");
  const state = url.searchParams.get("state");
  if (!state) return notValid(400, "The state parameter is missing.");
  if (state.length > MAX_STATE_LENGTH) return notValid(400, `The state parameter is longer than ${MAX_STATE_LENGTH} characters.`);
  let claims;
  try {
    claims = verifySessionToken(url.searchParams.get("session_token"), { key: settings.redirectTokenKey, issuer: settings.tenantHost });
  } catch (error) {
    if (isRedirectTokenError(error)) {
      return refuse(400, error.code === "ERR_SESSION_TOKEN_EXPIRED" ? "linkExpired" : "linkNotValid", error.message);
    }
    throw error;
  }
  languageData = languageDataOf(claims.payload);
  if (claims.step !== step.name) {
    return notValid(400, `The session_token is for the "${claims.step}" step, not the ${step.name} step.`);
  }
  const loginId = claims.payload.login_id;
  if (typeof loginId !== "string" || !LOGIN_ID.test(loginId)) {
    return refuse(
      400,
      "cannotContinue",
      'The session_token has no valid "login_id" claim, which ties the answer to this sign-in: deploy the current Actions (npm run tenant:sync -- --apply).',
    );
  }
  const intake = step.intake(claims.payload);
  if ("refusal" in intake) return refuse(400, intake.refusal.error, intake.refusal.reason);
  // What the login knows of the user's language: the step's page, and the terms, are shown in it.
  const data: Record<string, string | number> = { ...intake.data, ...positionOf(claims.payload.position), ...languageData };
  // The application the user signs in to, for the records; absent from tokens of older Action versions.
  const clientId = claims.payload.client_id;
  if (typeof clientId === "string" && clientId.length <= 128) data.clientId = clientId;
  // The state arrives beside the token, not inside it: the cookie binds the two, and every answer carries both.
  const sealed = sealStepSession({ step: step.name, sub: claims.sub, state, loginId, data }, settings.cookiePassword);
  return new Response(null, {
    status: 303,
    headers: {
      location: step.path,
      "set-cookie": stepCookieHeader(sealed, { path: step.path, secure: settings.secureCookies }),
      "cache-control": "no-store",
      "referrer-policy": "no-referrer",
    },
  });
}

/** The step's place in this login ("Step 1 of 2"), kept only when it is one our Actions could send. */
function positionOf(position: unknown): { stepNumber: number; stepCount: number } | Record<string, never> {
  if (typeof position !== "object" || position === null) return {};
  const { number, of } = position as Record<string, unknown>;
  const valid = Number.isInteger(number) && Number.isInteger(of) && (number as number) >= 1 && (number as number) <= (of as number);
  return valid && (of as number) >= 2 && (of as number) <= MAX_STEPS_PER_LOGIN ? { stepNumber: number as number, stepCount: of as number } : {};
}
