import { randomUUID } from "node:crypto";
import type { PostLoginApi, PostLoginEvent } from "./post-login-types";
import { requireSecret } from "./secrets";

/**
 * The transaction metadata key of this login's id: a random value the first step of a login draws, sends in its
 * token as `login_id`, and expects back in every answer. Auth0's own `state` is not known to an Action before it
 * redirects, so this is what ties the app's record of an answer (user, login) to the login it answers.
 */
export const LOGIN_ID_KEY = "login_id";

/** Long enough for a slow network; the app turns it into a sealed cookie at once. */
export const SESSION_TOKEN_TTL_SECONDS = 300;

/**
 * Sends the user to the app's step `step` (`APP_BASE_URL/<step>/start`) with a short HS256 token carrying the
 * user, the client and what the step needs. Secrets: REDIRECT_TOKEN_SECRET (shared with the app), APP_BASE_URL.
 *
 * @example
 * sendToStep(event, api, "profile", { fields: ["company"] });
 */
export function sendToStep(event: PostLoginEvent, api: PostLoginApi, step: string, payload: Record<string, unknown>): void {
  const kept = event.transaction?.metadata?.[LOGIN_ID_KEY];
  const loginId = typeof kept === "string" ? kept : randomUUID();
  api.transaction.setMetadata(LOGIN_ID_KEY, loginId);
  const sessionToken = api.redirect.encodeToken({
    secret: requireSecret(event.secrets, "REDIRECT_TOKEN_SECRET"),
    expiresInSeconds: SESSION_TOKEN_TTL_SECONDS,
    payload: { step, ...payload, client_id: event.client.client_id, login_id: loginId },
  });
  api.redirect.sendUserTo(`${requireSecret(event.secrets, "APP_BASE_URL")}/${step}/start`, { query: { session_token: sessionToken } });
}

/**
 * The app's signed answer for `step`, posted to `/continue` (`validateToken` checks signature, expiry, user and
 * state); `undefined` when the token answers another step, or was made from another login's token (its `login_id`
 * is not this login's), so an accepted answer is always the one the app recorded for this user and this login.
 */
export function receiveStepAnswer(event: PostLoginEvent, api: PostLoginApi, step: string): Record<string, unknown> | undefined {
  const answer = api.redirect.validateToken({ secret: requireSecret(event.secrets, "REDIRECT_TOKEN_SECRET") });
  const loginId = event.transaction?.metadata?.[LOGIN_ID_KEY];
  return answer.step === step && typeof loginId === "string" && answer.login_id === loginId ? answer : undefined;
}

/**
 * Whether the step may redirect now. Under prompt=none the redirect must stand: Auth0 then answers
 * interaction_required and the client falls back to an interactive login. Where no browser can follow
 * (refresh token, password grant), it cannot.
 */
export function mayRedirect(event: PostLoginEvent, api: PostLoginApi): boolean {
  return api.redirect.canRedirect() || event.request.query?.prompt === "none";
}
