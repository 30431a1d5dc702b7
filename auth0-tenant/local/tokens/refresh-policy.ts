import type { StoredClient } from "../store/clients";
import type { Tenant } from "../tenant";

/**
 * Auth0 issues a refresh token when `offline_access` is granted, the client may use the refresh_token grant, and,
 * for an API audience, that API allows offline access.
 */
export function mayIssueRefreshToken(tenant: Tenant, client: StoredClient, scopes: string[], audience?: string): boolean {
  if (!scopes.includes("offline_access") || !client.grant_types.includes("refresh_token")) return false;
  if (!audience || audience === tenant.userinfoAudience || tenant.isManagementAudience(audience)) return true;
  return tenant.stores.resourceServers.findByIdentifier(audience)?.allow_offline_access === true;
}
