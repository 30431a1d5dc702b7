/**
 * Profile completion. Sends a user whose `user_metadata` lacks a required field to the app's profile step, and
 * writes the answers to `user_metadata` when the user comes back through `/continue`. The fields also go into the
 * ID token (`<namespace>profile`), so the current session sees them at once.
 *
 * Secrets: PROFILE_FIELDS (comma-separated names the app knows, from `auth0-tenant/login-steps.ts`),
 * REDIRECT_TOKEN_SECRET, APP_BASE_URL, CLAIM_NAMESPACE.
 */
import type { PostLoginApi, PostLoginEvent } from "./lib/post-login-types";
import { mayRedirect, receiveStepAnswer, sendToStep } from "./lib/redirect-step";
import { requireSecret } from "./lib/secrets";

/** The app validates each value; this bound only keeps a forged-but-signed answer from bloating the profile. */
const MAX_VALUE_LENGTH = 100;

function requiredFields(event: PostLoginEvent): string[] {
  return requireSecret(event.secrets, "PROFILE_FIELDS")
    .split(",")
    .map((field) => field.trim())
    .filter(Boolean);
}

function isFilled(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "";
}

function profileClaim(fields: string[], metadata: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(fields.filter((field) => isFilled(metadata[field])).map((field) => [field, metadata[field] as string]));
}

export async function onExecutePostLogin(event: PostLoginEvent, api: PostLoginApi): Promise<void> {
  const fields = requiredFields(event);
  const missing = fields.filter((field) => !isFilled(event.user.user_metadata[field]));
  // A missing profile field is not worth refusing a refresh token or a password grant for: ask at the next
  // interactive login instead.
  if (missing.length === 0 || !mayRedirect(event, api)) {
    api.idToken.setCustomClaim(`${requireSecret(event.secrets, "CLAIM_NAMESPACE")}profile`, profileClaim(fields, event.user.user_metadata));
    return;
  }
  sendToStep(event, api, "profile", { fields: missing });
}

export async function onContinuePostLogin(event: PostLoginEvent, api: PostLoginApi): Promise<void> {
  const fields = requiredFields(event);
  const answer = receiveStepAnswer(event, api, "profile");
  const submitted = answer?.profile;
  if (typeof submitted !== "object" || submitted === null) {
    api.access.deny("profile_incomplete");
    return;
  }
  const metadata = { ...event.user.user_metadata };
  for (const field of fields) {
    const value = (submitted as Record<string, unknown>)[field];
    if (isFilled(value) && value.length <= MAX_VALUE_LENGTH) {
      api.user.setUserMetadata(field, value);
      metadata[field] = value;
    }
  }
  if (fields.some((field) => !isFilled(metadata[field]))) {
    api.access.deny("profile_incomplete");
    return;
  }
  api.idToken.setCustomClaim(`${requireSecret(event.secrets, "CLAIM_NAMESPACE")}profile`, profileClaim(fields, metadata));
}
