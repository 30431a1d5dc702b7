import type { PostLoginApi, PostLoginEvent } from "./post-login-types";
import { requireSecret } from "./secrets";

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
  const sessionToken = api.redirect.encodeToken({
    secret: requireSecret(event.secrets, "REDIRECT_TOKEN_SECRET"),
    expiresInSeconds: SESSION_TOKEN_TTL_SECONDS,
    payload: { step, ...payload, client_id: event.client.client_id },
  });
  api.redirect.sendUserTo(`${requireSecret(event.secrets, "APP_BASE_URL")}/${step}/start`, { query: { session_token: sessionToken } });
}

/**
 * The app's signed answer for `step`, posted to `/continue` (`validateToken` checks signature, expiry, user and
 * state); `undefined` when the token answers another step.
 */
export function receiveStepAnswer(event: PostLoginEvent, api: PostLoginApi, step: string): Record<string, unknown> | undefined {
  const answer = api.redirect.validateToken({ secret: requireSecret(event.secrets, "REDIRECT_TOKEN_SECRET") });
  return answer.step === step ? answer : undefined;
}

/**
 * Whether the step may redirect now. Under prompt=none the redirect must stand: Auth0 then answers
 * interaction_required and the client falls back to an interactive login. Where no browser can follow
 * (refresh token, password grant), it cannot.
 */
export function mayRedirect(event: PostLoginEvent, api: PostLoginApi): boolean {
  return api.redirect.canRedirect() || event.request.query?.prompt === "none";
}
