import { OAuthError } from "../errors";
import type { HttpRequest } from "../http/request";
import { MANAGEMENT_SCOPES } from "../management/management-scopes";
import type { StoredClient } from "../store/clients";
import type { Tenant } from "../tenant";
import { parseScope } from "../tokens/grantable-scopes";

const DEFAULT_LIFETIME_S = 86_400;

export interface ClientCredentialsResponse {
  access_token: string;
  scope: string;
  expires_in: number;
  token_type: "Bearer";
}

/**
 * `grant_type=client_credentials`: needs a client grant for the audience (the local management client holds every
 * Management API scope without one). The scope is what the grant allows, or the requested subset of it.
 */
export async function exchangeClientCredentials(
  tenant: Tenant,
  _req: HttpRequest,
  client: StoredClient,
  fields: Record<string, string>,
): Promise<ClientCredentialsResponse> {
  const audience = fields.audience;
  if (!audience) throw new OAuthError("invalid_request", "Missing required parameter: audience");
  const isManagementApi = tenant.isManagementAudience(audience);
  const api = isManagementApi ? undefined : tenant.stores.resourceServers.findByIdentifier(audience);
  if (!isManagementApi && !api) throw new OAuthError("access_denied", `Service not found: ${audience}`, 403);

  const allowed = allowedScopes(tenant, client, audience);
  if (!allowed) {
    throw new OAuthError(
      "access_denied",
      `Client is not authorized to access "${audience}". You need to create a "client-grant" associated to this API.`,
      403,
    );
  }
  const scopes = fields.scope === undefined ? allowed : parseScope(fields.scope);
  const missing = scopes.filter((scope) => !allowed.includes(scope));
  if (missing.length > 0) throw new OAuthError("access_denied", `Client has not been granted scopes: ${missing.join(" ")}`, 403);

  const expiresIn = api?.token_lifetime ?? DEFAULT_LIFETIME_S;
  const iat = Math.floor(tenant.now() / 1000);
  const accessToken = await tenant.signer.sign({
    iss: tenant.issuer,
    sub: `${client.client_id}@clients`,
    aud: audience,
    iat,
    exp: iat + expiresIn,
    scope: scopes.join(" "),
    gty: "client-credentials",
    azp: client.client_id,
  });
  tenant.stats.recordAccessToken(client.client_id, audience, "client_credentials");
  return { access_token: accessToken, scope: scopes.join(" "), expires_in: expiresIn, token_type: "Bearer" };
}

function allowedScopes(tenant: Tenant, client: StoredClient, audience: string): string[] | undefined {
  if (tenant.isManagementAudience(audience) && client.client_id === tenant.stores.managementClient.client_id) {
    return [...MANAGEMENT_SCOPES];
  }
  return tenant.stores.clientGrants.find(client.client_id, audience)?.scope;
}
