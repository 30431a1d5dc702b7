import { OAuthError, TenantError } from "../errors";
import { bearerToken } from "../http/bearer-token";
import type { HttpRequest } from "../http/request";
import { jsonReply, type Reply } from "../http/reply";
import type { Tenant } from "../tenant";
import { parseScope } from "../tokens/scopes";
import { userProfileClaims } from "../tokens/user-claims";

/** `GET|POST /userinfo`: a Bearer access token for this tenant's `/userinfo` audience ⇒ the user's standard claims. */
export async function userinfo(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  const token = bearerToken(req.headers.authorization);
  if (!token) throw new OAuthError("invalid_token", "Missing Bearer access token.", 401);
  let payload;
  try {
    payload = await tenant.signer.verify(token, tenant.userinfoAudience);
  } catch (error) {
    throw new OAuthError("invalid_token", error instanceof TenantError ? error.message : "Invalid access token.", 401);
  }
  const user = typeof payload.sub === "string" ? tenant.stores.users.findById(payload.sub) : undefined;
  if (!user) throw new OAuthError("invalid_token", "The access token's user no longer exists.", 401);
  const scopes = parseScope(typeof payload.scope === "string" ? payload.scope : undefined);
  return jsonReply(200, { sub: user.user_id, ...userProfileClaims(user, scopes) });
}
