/**
 * Profile completion. Sends a user whose `user_metadata` lacks a required field to the app's profile step, and
 * writes the answers to `user_metadata` when the user comes back through `/continue`. The fields also go into the
 * ID token (`<namespace>profile`), so the current session sees them at once.
 *
 * Secrets: PROFILE_FIELDS (comma-separated names the app knows, from `auth0-tenant/tenant/login-steps.ts`),
 * REDIRECT_TOKEN_SECRET, APP_BASE_URL, CLAIM_NAMESPACE.
 */
import { CLAIMS } from "../contract/claims";
import type { ProfileFieldName } from "../contract/profile-fields";
import type { PostLoginApi, PostLoginEvent } from "../contract/post-login";
import { isFilled, missingProfileFields, parseProfileFields } from "./lib/profile-gaps";
import { mayRedirect, receiveStepAnswer, sendToStep } from "./lib/redirect-step";
import { requireSecret } from "./lib/secrets";

/** The app validates each value; this bound only keeps a forged-but-signed answer from bloating the profile. */
const MAX_VALUE_LENGTH = 100;

/** The fields of the `PROFILE_FIELDS` secret; one the app does not know is a misconfiguration that fails the login. */
function requiredFields(event: PostLoginEvent): ProfileFieldName[] {
  const { known, unknown } = parseProfileFields(requireSecret(event.secrets, "PROFILE_FIELDS"));
  if (unknown.length > 0) throw new Error(`The Action secret PROFILE_FIELDS names fields the app does not know (${unknown.join(", ")}): run npm run tenant:sync.`);
  return known;
}

function profileClaim(fields: readonly ProfileFieldName[], metadata: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(fields.filter((field) => isFilled(metadata[field])).map((field) => [field, metadata[field] as string]));
}

export async function onExecutePostLogin(event: PostLoginEvent, api: PostLoginApi): Promise<void> {
  const fields = requiredFields(event);
  const missing = missingProfileFields(fields, event.user.user_metadata);
  // A missing profile field is not worth refusing a refresh token or a password grant for: ask at the next
  // interactive login instead.
  if (missing.length === 0 || !mayRedirect(event, api)) {
    api.idToken.setCustomClaim(`${requireSecret(event.secrets, "CLAIM_NAMESPACE")}${CLAIMS.profile}`, profileClaim(fields, event.user.user_metadata));
    return;
  }
  sendToStep(event, api, "profile", { fields: missing });
}

export async function onContinuePostLogin(event: PostLoginEvent, api: PostLoginApi): Promise<void> {
  const fields = requiredFields(event);
  const answer = receiveStepAnswer(event, api, "profile");
  const submitted: Partial<Record<ProfileFieldName, unknown>> | undefined = answer?.profile;
  if (typeof submitted !== "object" || submitted === null) {
    api.access.deny("profile_incomplete");
    return;
  }
  const metadata = { ...event.user.user_metadata };
  for (const field of fields) {
    const value = submitted[field];
    if (isFilled(value) && value.length <= MAX_VALUE_LENGTH) {
      api.user.setUserMetadata(field, value);
      metadata[field] = value;
    }
  }
  if (fields.some((field) => !isFilled(metadata[field]))) {
    api.access.deny("profile_incomplete");
    return;
  }
  api.idToken.setCustomClaim(`${requireSecret(event.secrets, "CLAIM_NAMESPACE")}${CLAIMS.profile}`, profileClaim(fields, metadata));
}
