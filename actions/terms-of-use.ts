/**
 * Terms of use. Sends a user who has not accepted the current version to the app's terms step, and records the
 * answer when the user comes back through `/continue`.
 *
 * Secrets: REDIRECT_TOKEN_SECRET (shared with the app), TERMS_VERSION (the highest `content/terms/<n>.md`),
 * APP_BASE_URL, CLAIM_NAMESPACE.
 */
import type { PostLoginApi, PostLoginEvent } from "./lib/post-login-types";
import { requireSecret } from "./lib/secrets";
import { appendAcceptance, hasAccepted, readHistory } from "./lib/terms-history";

/** Long enough for a slow network; the app turns it into a sealed cookie at once. */
const SESSION_TOKEN_TTL_SECONDS = 300;

export async function onExecutePostLogin(event: PostLoginEvent, api: PostLoginApi): Promise<void> {
  const currentVersion = Number(requireSecret(event.secrets, "TERMS_VERSION"));
  const namespace = requireSecret(event.secrets, "CLAIM_NAMESPACE");
  if (hasAccepted(readHistory(event.user.app_metadata), currentVersion)) {
    api.idToken.setCustomClaim(`${namespace}terms_version`, currentVersion);
    return;
  }
  // Under prompt=none the redirect must stand: Auth0 then answers interaction_required and the client falls back
  // to an interactive login. Where no browser can follow (refresh token, password grant), nothing is issued.
  if (!api.redirect.canRedirect() && event.request.query?.prompt !== "none") {
    api.access.deny("terms_acceptance_required");
    return;
  }
  const sessionToken = api.redirect.encodeToken({
    secret: requireSecret(event.secrets, "REDIRECT_TOKEN_SECRET"),
    expiresInSeconds: SESSION_TOKEN_TTL_SECONDS,
    payload: { step: "terms", terms_version: currentVersion, client_id: event.client.client_id },
  });
  api.redirect.sendUserTo(`${requireSecret(event.secrets, "APP_BASE_URL")}/terms/start`, {
    query: { session_token: sessionToken },
  });
}

export async function onContinuePostLogin(event: PostLoginEvent, api: PostLoginApi): Promise<void> {
  const currentVersion = Number(requireSecret(event.secrets, "TERMS_VERSION"));
  const namespace = requireSecret(event.secrets, "CLAIM_NAMESPACE");
  const answer = api.redirect.validateToken({ secret: requireSecret(event.secrets, "REDIRECT_TOKEN_SECRET") });
  if (answer.step !== "terms") {
    api.access.deny("terms_acceptance_required");
    return;
  }
  if (answer.decision !== "accepted") {
    api.access.deny("terms_declined");
    return;
  }
  if (answer.terms_version !== currentVersion) {
    api.access.deny("terms_version_mismatch");
    return;
  }
  const history = readHistory(event.user.app_metadata);
  api.user.setAppMetadata(
    "termsAcceptanceHistory",
    appendAcceptance(history, {
      version: currentVersion,
      acceptedAt: new Date(Number(answer.iat) * 1000).toISOString(),
      clientId: event.client.client_id,
    }),
  );
  api.idToken.setCustomClaim(`${namespace}terms_version`, currentVersion);
}
