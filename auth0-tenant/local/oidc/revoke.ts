import { OAuthError } from "../errors";
import { bodyFields, type HttpRequest } from "../http/request";
import { emptyReply, type Reply } from "../http/reply";
import type { Tenant } from "../tenant";
import { authenticateClient } from "./client-authentication";

/** `POST /oauth/revoke` (RFC 7009): revokes a refresh token and its family; 200 even for unknown tokens. */
export async function revoke(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  const fields = bodyFields(await req.body());
  const client = authenticateClient(tenant, req, fields);
  req.corsClient = client;
  if (!fields.token) throw new OAuthError("invalid_request", "Missing required parameter: token");
  await tenant.refreshTokens.revoke(fields.token, client.client_id);
  return emptyReply(200);
}
