import { OAuthError } from "../errors";
import type { HttpRequest } from "../http/request";
import { userForActions } from "../login/actions-user";
import { buildLoginContext, toActionRequest } from "../login/login-context";
import { settleBackChannelOutcome } from "../login/back-channel-outcome";
import type { StoredClient } from "../store/clients";
import type { Tenant } from "../tenant";
import { parseScope } from "../tokens/grantable-scopes";
import { mintUserTokens, type UserTokenResponse } from "../tokens/user-tokens";

/** Body fields an Action must not see in `event.request.body` (it may log it). */
const REDACTED_FIELDS = ["client_secret", "refresh_token", "code_verifier"];

/**
 * `grant_type=refresh_token`: the post-login Actions run again (protocol `oauth2-refresh-token`, no redirect
 * possible); a deny or failure is 403 `access_denied`, an MFA request (`api.multifactor.enable`, or a usable factor
 * of `challengeWith*`/`enrollWith*`) 403 `mfa_required`; success rotates the refresh token when the client's settings
 * say so (a non-rotating one is answered without a refresh token, as Auth0 does).
 */
export async function exchangeRefreshToken(
  tenant: Tenant,
  req: HttpRequest,
  client: StoredClient,
  fields: Record<string, string>,
): Promise<UserTokenResponse & { refresh_token?: string }> {
  const presented = fields.refresh_token;
  if (!presented) throw new OAuthError("invalid_request", "Missing required parameter: refresh_token");
  const checked = await tenant.refreshTokens.check(presented, client.client_id);
  if (checked.status === "refused") throw invalidRefreshToken(checked.reason);
  const { grant } = checked;
  const scopes = narrowScopes(grant.scopes, fields.scope);
  const user = tenant.stores.users.findById(grant.authentication.userId);
  if (!user) throw invalidRefreshToken("The user of this refresh token no longer exists.");

  const body = Object.fromEntries(Object.entries(fields).filter(([name]) => !REDACTED_FIELDS.includes(name)));
  const context = buildLoginContext({
    protocol: "oauth2-refresh-token",
    client,
    request: toActionRequest(req, req.query, body, tenant.stores.geoip.lookup(req.ip)),
    authentication: grant.authentication,
    scopes,
    ...(grant.audience ? { audience: grant.audience } : {}),
    refreshToken: { id: grant.id, client_id: grant.clientId, created_at: new Date(grant.createdAt).toISOString() },
  });
  const outcome = await tenant.trigger.run(userForActions(tenant, user), context);
  await tenant.stores.users.applyMetadataPatch(user.user_id, outcome.userUpdates);
  const who = `refresh of ${user.email} for client ${client.client_id}`;
  const commands = settleBackChannelOutcome(tenant, outcome, who, "a refresh-token exchange");

  const exchanged = await tenant.refreshTokens.exchange(presented, client.client_id);
  if (exchanged.status === "refused") throw invalidRefreshToken(exchanged.reason);
  if (exchanged.token) tenant.stats.recordRefreshToken();
  const tokens = await mintUserTokens(tenant, {
    client,
    user,
    requestedScopes: scopes,
    ...(grant.audience ? { audience: grant.audience } : {}),
    authentication: grant.authentication,
    commands,
    grantType: "refresh_token",
  });
  tenant.log(`${who} completed: tokens issued, ${exchanged.token ? "refresh token rotated" : "refresh token kept (non-rotating)"}`);
  return { ...tokens, ...(exchanged.token ? { refresh_token: exchanged.token } : {}) };
}

/** Auth0 answers every refused refresh token alike (403); the reason says why (unknown, expired, reused, revoked). */
function invalidRefreshToken(reason: string): OAuthError {
  return new OAuthError("invalid_grant", "Unknown or invalid refresh token.", 403, reason);
}

/** A refresh may ask for fewer scopes than the original grant, never more. */
function narrowScopes(granted: string[], requested: string | undefined): string[] {
  if (requested === undefined) return granted;
  const scopes = parseScope(requested);
  const extra = scopes.filter((scope) => !granted.includes(scope));
  if (extra.length > 0) throw new OAuthError("invalid_scope", `Scopes not granted to this refresh token: ${extra.join(" ")}`);
  return scopes;
}
