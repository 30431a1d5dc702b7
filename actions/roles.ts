/**
 * Roles. Puts the user's role names (`event.authorization.roles`) into the ID token, for the app to show and
 * decide on, and into the access token, for APIs (the product API reads `${CLAIM_NAMESPACE}roles`). An empty list
 * is set too, so that "no roles" and "roles unknown" are not confused.
 *
 * Secrets: CLAIM_NAMESPACE.
 */
import { CLAIMS } from "../contract/claims";
import type { PostLoginApi, PostLoginEvent } from "../contract/post-login";
import { requireSecret } from "./lib/secrets";

export async function onExecutePostLogin(event: PostLoginEvent, api: PostLoginApi): Promise<void> {
  const claim = `${requireSecret(event.secrets, "CLAIM_NAMESPACE")}${CLAIMS.roles}`;
  const roles = event.authorization?.roles ?? [];
  api.idToken.setCustomClaim(claim, roles);
  api.accessToken.setCustomClaim(claim, roles);
}
