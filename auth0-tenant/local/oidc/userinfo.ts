import { applyCustomClaims } from "../actions-runtime";
import { OAuthError, TenantError } from "../errors";
import { bearerToken } from "../http/bearer-token";
import type { HttpRequest } from "../http/request";
import { jsonReply, type Reply } from "../http/reply";
import type { Tenant } from "../tenant";
import { isOpaqueAccessToken } from "../tokens/opaque-access-token";
import { parseScope } from "../tokens/grantable-scopes";
import { userProfileClaims } from "../tokens/user-claims";

/**
 * `GET|POST /userinfo`: an opaque access token of this tenant, or a JWT whose `aud` includes `/userinfo` ⇒ the
 * user's standard claims for the token's scopes, plus the custom claims the Actions set on the login's ID token.
 */
export async function userinfo(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  const token = bearerToken(req.headers.authorization);
  if (!token) throw new OAuthError("invalid_token", "Missing Bearer access token.", 401);
  let payload;
  try {
    payload = isOpaqueAccessToken(token)
      ? await tenant.opaqueTokens.open(token)
      : await tenant.signer.verify(token, tenant.userinfoAudience);
  } catch (error) {
    throw new OAuthError("invalid_token", error instanceof TenantError ? error.message : "Invalid access token.", 401);
  }
  const client = typeof payload.azp === "string" ? tenant.stores.clients.get(payload.azp) : undefined;
  if (client) req.corsClient = client;
  const user = typeof payload.sub === "string" ? tenant.stores.users.findById(payload.sub) : undefined;
  if (!user) throw new OAuthError("invalid_token", "The access token's user no longer exists.", 401);
  const scopes = parseScope(typeof payload.scope === "string" ? payload.scope : undefined);
  const claims = applyCustomClaims({
    standardClaims: { sub: user.user_id, ...userProfileClaims(user, scopes) },
    customClaims: tenant.userinfoClaims.get(payload.jti),
    audienceIsAuth0Api: false,
  });
  return jsonReply(200, claims);
}
