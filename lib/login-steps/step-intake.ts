import { errorPage } from "../http/html";
import { languageDataOf } from "../i18n/step-language";
import { isRedirectTokenError } from "../redirect-token/errors";
import { verifySessionToken } from "../redirect-token/verify-session-token";
import type { ConsentSettings } from "./settings";
import type { StepDefinition } from "./step";
import { sealStepSession, stepCookieHeader } from "./step-cookie";

/** Auth0's `state` is about 200 characters; anything near this is not from Auth0. */
export const MAX_STATE_LENGTH = 1024;
export const MAX_QUERY_LENGTH = 8 * 1024;
/** The Action's login id (`login_id`): a UUID; anything else is not from our Actions. */
const LOGIN_ID = /^[A-Za-z0-9_-]{16,128}$/;
const NOT_VALID = "This sign-in link is not valid";

/**
 * `GET <step>/start?session_token=…&state=…`: verifies the Action's token, keeps what the step needs in a sealed
 * cookie, and answers 303 to the step's page so the token leaves the address bar and the history.
 */
export async function handleStepIntake(request: Request, step: StepDefinition, settings: ConsentSettings): Promise<Response> {
  const url = new URL(request.url);
  if (url.search.length > MAX_QUERY_LENGTH) return errorPage(414, NOT_VALID, "The link is too long to come from Auth0.");
  const state = url.searchParams.get("state");
  if (!state) return errorPage(400, NOT_VALID, "The state parameter is missing: start again from the sign-in page.");
  if (state.length > MAX_STATE_LENGTH) return errorPage(400, NOT_VALID, `The state parameter is longer than ${MAX_STATE_LENGTH} characters.`);
  let claims;
  try {
    claims = await verifySessionToken(url.searchParams.get("session_token"), { key: await settings.redirectTokenKey, issuer: settings.tenantHost });
  } catch (error) {
    if (isRedirectTokenError(error)) return errorPage(400, NOT_VALID, error.message);
    throw error;
  }
  if (claims.step !== step.name) {
    return errorPage(400, NOT_VALID, `The session_token is for the "${claims.step}" step, not the ${step.name} step.`);
  }
  const loginId = claims.payload.login_id;
  if (typeof loginId !== "string" || !LOGIN_ID.test(loginId)) {
    return errorPage(
      400,
      NOT_VALID,
      'The session_token has no valid "login_id" claim, which ties the answer to this sign-in: deploy the current Actions (npm run tenant:sync -- --apply).',
    );
  }
  const intake = step.intake(claims.payload);
  if ("refusal" in intake) return errorPage(400, intake.refusal.title, intake.refusal.message);
  // What the login knows of the user's language: the step's page, and the terms, are shown in it.
  const data = { ...intake.data, ...languageDataOf(claims.payload) };
  // The application the user signs in to, for the records; absent from tokens of older Action versions.
  const clientId = claims.payload.client_id;
  if (typeof clientId === "string" && clientId.length <= 128) data.clientId = clientId;
  // The state arrives beside the token, not inside it: the cookie binds the two, and every answer carries both.
  const sealed = await sealStepSession({ step: step.name, sub: claims.sub, state, loginId, data }, settings.cookiePassword);
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
