/**
 * Terms of use. Sends a user who has not accepted the current version to the app's terms step, and records the
 * answer when the user comes back through `/continue`.
 *
 * Secrets: REDIRECT_TOKEN_SECRET (shared with the app), TERMS_VERSION (the highest `content/terms/<n>.md`),
 * APP_BASE_URL, CLAIM_NAMESPACE.
 */
import { CLAIMS } from "../contract/claims";
import type { PostLoginApi, PostLoginEvent } from "../contract/post-login";
import { mayRedirect, receiveStepAnswer, sendToStep } from "./lib/redirect-step";
import { requireSecret } from "./lib/secrets";
import { appendAcceptance, hasAccepted, readHistory } from "./lib/terms-history";

export async function onExecutePostLogin(event: PostLoginEvent, api: PostLoginApi): Promise<void> {
  const currentVersion = Number(requireSecret(event.secrets, "TERMS_VERSION"));
  const namespace = requireSecret(event.secrets, "CLAIM_NAMESPACE");
  if (hasAccepted(readHistory(event.user.app_metadata), currentVersion)) {
    api.idToken.setCustomClaim(`${namespace}${CLAIMS.termsVersion}`, currentVersion);
    return;
  }
  // No token for a user who never consented, where no browser can be sent to the terms.
  if (!mayRedirect(event, api)) {
    api.access.deny("terms_acceptance_required");
    return;
  }
  sendToStep(event, api, "terms", { terms_version: currentVersion });
}

export async function onContinuePostLogin(event: PostLoginEvent, api: PostLoginApi): Promise<void> {
  const currentVersion = Number(requireSecret(event.secrets, "TERMS_VERSION"));
  const namespace = requireSecret(event.secrets, "CLAIM_NAMESPACE");
  const answer = receiveStepAnswer(event, api, "terms");
  if (!answer) {
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
  api.user.setAppMetadata(
    "termsAcceptanceHistory",
    appendAcceptance(readHistory(event.user.app_metadata), {
      version: currentVersion,
      acceptedAt: new Date(Number(answer.iat) * 1000).toISOString(),
      clientId: event.client.client_id,
    }),
  );
  api.idToken.setCustomClaim(`${namespace}${CLAIMS.termsVersion}`, currentVersion);
}
