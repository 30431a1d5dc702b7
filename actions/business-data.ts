/**
 * Business data. Asks the app's own API (`GET {APP_BASE_URL}/api/users/{email}`) for the customer's plan,
 * company, account manager and seats, and puts them into the tokens under CLAIM_NAMESPACE. The API takes a
 * client-credentials token for API_AUDIENCE, cached in `api.cache` (one token a day, not one per login: tokens for
 * our own API count toward Auth0's M2M quota).
 *
 * The lookup is by email, which the product's customer records know before the user's first login; only a
 * verified email is looked up, or anyone could sign up with a customer's address and receive its data.
 *
 * Secrets: TENANT_URL (token endpoint), CLIENT_ID and CLIENT_SECRET (the machine client granted `read:users` on
 * the API), API_AUDIENCE, APP_BASE_URL, CLAIM_NAMESPACE, BUSINESS_DATA_REQUIRED (`false`: a failure is logged and
 * the login goes on without the claims; `true`: the login is denied with `business_data_unavailable`).
 */
import { CLAIMS } from "../contract/claims";
import { type BusinessData, fetchBusinessData } from "./lib/business-data-api";
import { handleClaimFailure } from "./lib/claim-failure";
import { withClientCredentials } from "./lib/client-credentials-token";
import type { PostLoginApi, PostLoginEvent } from "../contract/post-login";
import { UPSTREAM_DEADLINE_MS } from "./lib/request-json";
import { parseFlag, requireSecret } from "./lib/secrets";

export async function onExecutePostLogin(event: PostLoginEvent, api: PostLoginApi): Promise<void> {
  const namespace = requireSecret(event.secrets, "CLAIM_NAMESPACE");
  const required = parseFlag("BUSINESS_DATA_REQUIRED", requireSecret(event.secrets, "BUSINESS_DATA_REQUIRED"));
  const appBaseUrl = requireSecret(event.secrets, "APP_BASE_URL");
  const credentials = {
    tokenUrl: `${requireSecret(event.secrets, "TENANT_URL")}/oauth/token`,
    audience: requireSecret(event.secrets, "API_AUDIENCE"),
    clientId: requireSecret(event.secrets, "CLIENT_ID"),
    clientSecret: requireSecret(event.secrets, "CLIENT_SECRET"),
  };
  const email = event.user.email;
  if (!email || event.user.email_verified !== true) return;

  const signal = AbortSignal.timeout(UPSTREAM_DEADLINE_MS);
  let data: BusinessData | undefined;
  try {
    data = await withClientCredentials(
      credentials,
      { cache: api.cache, signal, log: (message) => console.log(`business data: ${message}`) },
      (accessToken) => fetchBusinessData({ appBaseUrl, email, accessToken, signal }),
    );
  } catch (error) {
    handleClaimFailure(api, { claim: "business data", required, denyReason: "business_data_unavailable", error });
    return;
  }
  // Not a customer (404): an answer, not a failure.
  if (!data) return;
  api.idToken.setCustomClaim(`${namespace}${CLAIMS.plan}`, data.plan);
  api.idToken.setCustomClaim(`${namespace}${CLAIMS.company}`, data.company);
  api.idToken.setCustomClaim(`${namespace}${CLAIMS.seats}`, data.seats);
  if (data.accountManager !== null) api.idToken.setCustomClaim(`${namespace}${CLAIMS.accountManager}`, data.accountManager);
  // Access tokens travel to APIs: only what an API would authorize on, no contact person.
  api.accessToken.setCustomClaim(`${namespace}${CLAIMS.plan}`, data.plan);
  api.accessToken.setCustomClaim(`${namespace}${CLAIMS.seats}`, data.seats);
}
