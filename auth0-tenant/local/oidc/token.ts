import { OAuthError } from "../errors";
import { bodyFields, type HttpRequest } from "../http/request";
import { jsonReply, type Reply } from "../http/reply";
import type { Tenant } from "../tenant";
import { authenticateClient } from "./client-authentication";
import { isCorsOrigin } from "./client-origins";
import { exchangeAuthorizationCode } from "./token-authorization-code";
import { exchangeClientCredentials } from "./token-client-credentials";
import { exchangePassword, PASSWORD_REALM_GRANT } from "./token-password";
import { exchangeRefreshToken } from "./token-refresh";

const GRANTS = {
  authorization_code: exchangeAuthorizationCode,
  refresh_token: exchangeRefreshToken,
  client_credentials: exchangeClientCredentials,
  password: exchangePassword,
  [PASSWORD_REALM_GRANT]: exchangePassword,
} as const;

/** `POST /oauth/token` (form or JSON body): authenticates the client, then runs the grant. */
export async function token(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  const fields = bodyFields(await req.body());
  const grantType = fields.grant_type;
  if (!grantType) throw new OAuthError("invalid_request", "Missing required parameter: grant_type");
  if (!Object.hasOwn(GRANTS, grantType)) {
    throw new OAuthError("unsupported_grant_type", `Unsupported grant type: ${grantType}`);
  }
  const client = authenticateClient(tenant, req, fields);
  req.corsClient = client;
  // Auth0 refuses a browser's token request from an origin the client does not allow as it refuses a bad client.
  const origin = req.headers.origin;
  if (origin !== undefined && !isCorsOrigin(client, origin)) {
    throw new OAuthError("access_denied", "Unauthorized", 401, `Origin ${origin} is not allowed for client ${client.client_id}: add it to its allowed_origins or web_origins, or use a callback on it.`);
  }
  const grant = grantType as keyof typeof GRANTS;
  if (!client.grant_types.includes(grant)) {
    throw new OAuthError("unauthorized_client", `Grant type '${grant}' not allowed for the client.`, 403);
  }
  return jsonReply(200, await GRANTS[grant](tenant, req, client, fields), { pragma: "no-cache" });
}
