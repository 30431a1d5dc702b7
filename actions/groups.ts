/**
 * Groups. Puts the user's directory `groups` (a root profile attribute that `event.user` does not carry) into the
 * ID and access tokens as `${CLAIM_NAMESPACE}groups`, read through the Management API with a client-credentials
 * token that is cached in `api.cache` (one token a day, not one per login).
 *
 * Secrets: TENANT_URL (`https://TENANT` or `http://localhost:PORT`: token endpoint and Management API), CLIENT_ID
 * and CLIENT_SECRET (a machine client granted `read:users` on the Management API), CLAIM_NAMESPACE, GROUPS_REQUIRED
 * (`false`: a failure is logged and the login goes on without the claim; `true`: the login is denied with
 * `groups_unavailable`).
 */
import { CLAIMS } from "../contract/claims";
import { handleClaimFailure } from "./lib/claim-failure";
import { withClientCredentials } from "./lib/client-credentials-token";
import { readDirectoryGroups } from "./lib/directory-groups";
import type { PostLoginApi, PostLoginEvent } from "../contract/post-login";
import { UPSTREAM_DEADLINE_MS } from "./lib/request-json";
import { parseFlag, requireSecret } from "./lib/secrets";

export async function onExecutePostLogin(event: PostLoginEvent, api: PostLoginApi): Promise<void> {
  const namespace = requireSecret(event.secrets, "CLAIM_NAMESPACE");
  const required = parseFlag("GROUPS_REQUIRED", requireSecret(event.secrets, "GROUPS_REQUIRED"));
  const tenantUrl = requireSecret(event.secrets, "TENANT_URL");
  const credentials = {
    tokenUrl: `${tenantUrl}/oauth/token`,
    audience: `${tenantUrl}/api/v2/`,
    clientId: requireSecret(event.secrets, "CLIENT_ID"),
    clientSecret: requireSecret(event.secrets, "CLIENT_SECRET"),
  };
  const signal = AbortSignal.timeout(UPSTREAM_DEADLINE_MS);
  let groups: string[] | undefined;
  try {
    groups = await withClientCredentials(
      credentials,
      { cache: api.cache, signal, log: (message) => console.log(`groups: ${message}`) },
      (accessToken) => readDirectoryGroups({ tenantUrl, userId: event.user.user_id, accessToken, signal }),
    );
  } catch (error) {
    handleClaimFailure(api, { claim: "groups", required, denyReason: "groups_unavailable", error });
    return;
  }
  // No attribute is an answer, not a failure: users of a database connection have no directory groups.
  if (groups === undefined) return;
  api.idToken.setCustomClaim(`${namespace}${CLAIMS.groups}`, groups);
  api.accessToken.setCustomClaim(`${namespace}${CLAIMS.groups}`, groups);
}
