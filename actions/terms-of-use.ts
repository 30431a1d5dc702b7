/**
 * Terms of use. Sends a user who has not accepted the current version to the app's terms step, and records the
 * answer when the user comes back through `/continue`.
 *
 * Secrets: REDIRECT_TOKEN_SECRET (shared with the app), TERMS_VERSION (the highest `content/terms/<n>.md`),
 * APP_BASE_URL, CLAIM_NAMESPACE, and optionally PROFILE_FIELDS (the profile step's, which comes after this one in
 * `LOGIN_STEPS.order`): with it, the page says "Step 1 of 2" when the profile step is due too.
 */
import { CLAIMS } from "../contract/claims";
import type { PostLoginApi, PostLoginEvent } from "../contract/post-login";
import { mayRedirect, receiveStepAnswer, sendToStep } from "./lib/redirect-step";
import { requireSecret } from "./lib/secrets";
import { missingProfileFields, parseProfileFields } from "./lib/profile-gaps";
import { appendAcceptance, hasAccepted, latestAcceptanceBefore, readHistory } from "./lib/terms-history";

export async function onExecutePostLogin(event: PostLoginEvent, api: PostLoginApi): Promise<void> {
  const currentVersion = Number(requireSecret(event.secrets, "TERMS_VERSION"));
  const namespace = requireSecret(event.secrets, "CLAIM_NAMESPACE");
  const history = readHistory(event.user.app_metadata);
  if (hasAccepted(history, currentVersion)) {
    api.idToken.setCustomClaim(`${namespace}${CLAIMS.termsVersion}`, currentVersion);
    return;
  }
  // No token for a user who never consented, where no browser can be sent to the terms.
  if (!mayRedirect(event, api)) {
    api.access.deny("terms_acceptance_required");
    return;
  }
  // What the user accepted before tells the page to say "we updated our terms" rather than greet a first sign-in.
  const earlier = latestAcceptanceBefore(history, currentVersion);
  sendToStep(
    event,
    api,
    "terms",
    { terms_version: currentVersion, ...(earlier ? { accepted_version: earlier.version, accepted_at: earlier.acceptedAt } : {}) },
    { laterStepsDue: profileStepDue(event) ? 1 : 0 },
  );
}

/** Whether the profile step (after this one) will ask too; its own Action decides, and refuses a bad secret. */
function profileStepDue(event: PostLoginEvent): boolean {
  const secret = event.secrets.PROFILE_FIELDS;
  return secret !== undefined && missingProfileFields(parseProfileFields(secret).known, event.user.user_metadata).length > 0;
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
