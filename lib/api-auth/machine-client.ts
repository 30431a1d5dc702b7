import type { AccessTokenPrincipal } from "./verify-access-token";

/** The `gty` Auth0 puts in an access token issued by the client-credentials grant (and only there). */
export const CLIENT_CREDENTIALS_GTY = "client-credentials";

/**
 * Whether an access token was issued to a machine client by the client-credentials grant, as Auth0 marks it:
 * `gty` is `client-credentials` and `sub` is `<azp>@clients`. A user's id may end in `@clients` too (a custom
 * database or a Management API `user_id`), so `sub` alone proves nothing; `gty` and `azp` are set by Auth0 only
 * (an Action cannot add them: both are restricted claims). With `allowedClients`, `azp` must be one of them.
 *
 * @example
 * machineClientRefusal(principal, ["bd-client"]); // undefined when bd-client called with client credentials
 */
export function machineClientRefusal(principal: AccessTokenPrincipal, allowedClients: readonly string[] | null): string | undefined {
  if (principal.grantType !== CLIENT_CREDENTIALS_GTY || !principal.clientId || principal.sub !== `${principal.clientId}@clients`) {
    return "This API serves machine clients (client credentials), not users.";
  }
  if (allowedClients && !allowedClients.includes(principal.clientId)) {
    return "This machine client is not one this API serves (USERS_API_CLIENT_IDS).";
  }
  return undefined;
}
