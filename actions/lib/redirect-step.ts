import { randomUUID } from "node:crypto";
import {
  type AnswerTokenClaims,
  LOGIN_ID_CLAIM,
  MAX_LANGUAGE_TAG_LENGTH,
  MAX_UI_LOCALES,
  SESSION_TOKEN_TTL_SECONDS,
  type SessionTokenPayload,
  type StepName,
  type StepPosition,
  type StepSessionPayloads,
  stepStartPath,
  type UserLanguageClaims,
} from "../../contract/login-steps";
import type { PostLoginApi, PostLoginEvent } from "../../contract/post-login";
import { requireSecret } from "./secrets";

/** Transaction metadata key: the position ("1/2") of the last step this login showed, for the step after it. */
export const STEP_POSITION_KEY = "step_position";

/**
 * Sends the user to the app's step `step` (`APP_BASE_URL/<step>/start`) with a short HS256 token carrying the
 * user, the client and what the step needs, and, when this login has several steps, this one's place among them:
 * `laterStepsDue` counts the steps after this one (in `LOGIN_STEPS.order`) that this login will show too.
 * Secrets: REDIRECT_TOKEN_SECRET (shared with the app), APP_BASE_URL.
 *
 * @example
 * sendToStep(event, api, "profile", { fields: ["company"] });
 */
export function sendToStep<S extends StepName>(
  event: PostLoginEvent,
  api: PostLoginApi,
  step: S,
  payload: StepSessionPayloads[S],
  options: { laterStepsDue?: number } = {},
): void {
  const kept = event.transaction?.metadata?.[LOGIN_ID_CLAIM];
  const loginId = typeof kept === "string" ? kept : randomUUID();
  api.transaction.setMetadata(LOGIN_ID_CLAIM, loginId);
  const position = nextPosition(event, options.laterStepsDue ?? 0);
  if (position) api.transaction.setMetadata(STEP_POSITION_KEY, `${position.number}/${position.of}`);
  const sessionToken = api.redirect.encodeToken({
    secret: requireSecret(event.secrets, "REDIRECT_TOKEN_SECRET"),
    expiresInSeconds: SESSION_TOKEN_TTL_SECONDS,
    payload: {
      step,
      ...payload,
      ...(position ? { position } : {}),
      ...userLanguageOf(event),
      client_id: event.client.client_id,
      [LOGIN_ID_CLAIM]: loginId,
    } satisfies SessionTokenPayload<StepName>,
  });
  api.redirect.sendUserTo(`${requireSecret(event.secrets, "APP_BASE_URL")}${stepStartPath(step)}`, { query: { session_token: sessionToken } });
}

/**
 * This step's place: one after the step this login showed last, out of the count that step knew or this one's own,
 * whichever is larger; `undefined` when this is the login's only step.
 */
function nextPosition(event: PostLoginEvent, laterStepsDue: number): StepPosition | undefined {
  const kept = event.transaction?.metadata?.[STEP_POSITION_KEY];
  const [shown = 0, of = 0] = typeof kept === "string" && /^\d{1,2}\/\d{1,2}$/.test(kept) ? kept.split("/").map(Number) : [];
  const number = shown + 1;
  const count = Math.max(of, number + laterStepsDue);
  return count > 1 ? { number, of: count } : undefined;
}

/**
 * The app's signed answer for `step`, posted to `/continue` (`validateToken` checks signature, expiry, user and
 * state); `undefined` when the token answers another step, or was made from another login's token (its `login_id`
 * is not this login's), so an accepted answer is always the one the app recorded for this user and this login.
 * Its claims are the app's (`contract/login-steps.ts`), signed with the shared secret; their values are still
 * checked by the step's Action.
 */
export function receiveStepAnswer<S extends StepName>(event: PostLoginEvent, api: PostLoginApi, step: S): Partial<AnswerTokenClaims<S>> | undefined {
  // Signed by the app with the shared secret, from the same contract: its claims have the contract's names.
  const answer = api.redirect.validateToken({ secret: requireSecret(event.secrets, "REDIRECT_TOKEN_SECRET") }) as Partial<AnswerTokenClaims<S>>;
  const loginId = event.transaction?.metadata?.[LOGIN_ID_CLAIM];
  return answer.step === step && typeof loginId === "string" && answer[LOGIN_ID_CLAIM] === loginId ? answer : undefined;
}

/**
 * Whether the step may redirect now. Under prompt=none the redirect must stand: Auth0 then answers
 * interaction_required and the client falls back to an interactive login. Where no browser can follow
 * (refresh token, password grant), it cannot.
 */
export function mayRedirect(event: PostLoginEvent, api: PostLoginApi): boolean {
  return api.redirect.canRedirect() || event.request.query?.prompt === "none";
}

/** What the login knows of the user's language, bounded: the app shows its step pages and the terms in it. */
export function userLanguageOf(event: PostLoginEvent): UserLanguageClaims {
  const asked = event.transaction?.ui_locales ?? (event.request.query?.ui_locales ?? "").split(" ");
  const uiLocales = asked.filter((tag) => tag !== "" && tag.length <= MAX_LANGUAGE_TAG_LENGTH).slice(0, MAX_UI_LOCALES);
  const language = event.request.language;
  return {
    ...(uiLocales.length > 0 ? { ui_locales: uiLocales } : {}),
    ...(language && language.length <= MAX_LANGUAGE_TAG_LENGTH ? { language } : {}),
  };
}
