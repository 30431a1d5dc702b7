import { randomBytes, randomUUID } from "node:crypto";
import { OAuthError } from "../errors";
import type { HttpRequest } from "../http/request";
import { userForActions } from "../login/actions-user";
import { USER_BLOCKED } from "../login/app-response";
import { settleBackChannelOutcome } from "../login/back-channel-outcome";
import { buildLoginContext, toActionRequest } from "../login/login-context";
import type { Authentication } from "../login/types";
import type { StoredClient } from "../store/clients";
import { DATABASE_CONNECTION } from "../store/users";
import type { Tenant } from "../tenant";
import { mayIssueRefreshToken } from "../tokens/refresh-policy";
import { parseScope } from "../tokens/grantable-scopes";
import { grantedScopes, mintUserTokens, type UserTokenResponse } from "../tokens/user-tokens";

export const PASSWORD_REALM_GRANT = "http://auth0.com/oauth/grant-type/password-realm";

/** Body fields an Action must not see in `event.request.body` (it may log it). */
const REDACTED_FIELDS = ["client_secret", "password"];

/**
 * `grant_type=password` and Auth0's `password-realm` (whose `realm` names the connection): the user's credentials
 * at the token endpoint, for clients that enable the grant. The post-login Actions run with protocol
 * `oauth2-password`, where `api.redirect.canRedirect()` is false: a deny, failure or redirect is 403 `access_denied`.
 */
export async function exchangePassword(
  tenant: Tenant,
  req: HttpRequest,
  client: StoredClient,
  fields: Record<string, string>,
): Promise<UserTokenResponse & { refresh_token?: string }> {
  if (!fields.username) throw new OAuthError("invalid_request", "Missing required parameter: username");
  if (!fields.password) throw new OAuthError("invalid_request", "Missing required parameter: password");
  if (fields.grant_type === PASSWORD_REALM_GRANT && fields.realm !== DATABASE_CONNECTION) {
    throw new OAuthError("invalid_request", "Invalid realm", 400, `The local tenant has one connection, ${DATABASE_CONNECTION}; realm was ${fields.realm ?? "(none)"}.`);
  }
  const audience = fields.audience || tenant.stores.tenantSettings.defaultAudience();
  if (audience && audience !== tenant.userinfoAudience && !tenant.isManagementAudience(audience) && !tenant.stores.resourceServers.findByIdentifier(audience)) {
    throw new OAuthError("access_denied", `Service not found: ${audience}`, 403);
  }
  const found = await tenant.stores.users.authenticate(fields.username.trim(), fields.password);
  if (!found) {
    tenant.log(`password grant for ${JSON.stringify(fields.username)} refused: wrong email or password`);
    throw new OAuthError("invalid_grant", "Wrong email or password.", 403);
  }
  if (found.blocked) {
    tenant.log(`password grant for ${found.email} refused: the user is blocked`);
    throw new OAuthError("unauthorized", USER_BLOCKED, 401);
  }
  const user = await tenant.stores.users.recordLogin(found.user_id, req.ip);
  const scopes = parseScope(fields.scope);
  // No browser, hence no tenant session: the session id only names this authentication.
  const authentication: Authentication = {
    userId: user.user_id,
    sessionId: randomBytes(16).toString("base64url"),
    authenticatedAt: tenant.now(),
    methods: [{ name: "pwd", timestamp: new Date(tenant.now()).toISOString() }],
  };
  const body = Object.fromEntries(Object.entries(fields).filter(([name]) => !REDACTED_FIELDS.includes(name)));
  const context = buildLoginContext({
    protocol: "oauth2-password",
    client,
    request: toActionRequest(req, req.query, body, tenant.stores.geoip.lookup(req.ip)),
    authentication,
    scopes,
    ...(audience ? { audience } : {}),
  });
  const outcome = await tenant.trigger.run(userForActions(tenant, user), context);
  await tenant.stores.users.applyMetadataPatch(user.user_id, outcome.userUpdates);
  const who = `password grant of ${user.email} for client ${client.client_id}`;
  const commands = settleBackChannelOutcome(tenant, outcome, who, "a password grant");
  const tokens = await mintUserTokens(tenant, {
    client,
    user,
    requestedScopes: scopes,
    ...(audience ? { audience } : {}),
    authentication,
    commands,
    grantType: "password",
  });
  tenant.log(`${who} completed: tokens issued`);
  if (!mayIssueRefreshToken(tenant, client, grantedScopes(tenant, scopes, audience, commands), audience)) return tokens;
  const refreshToken = await tenant.refreshTokens.issue(
    { clientId: client.client_id, scopes, ...(audience ? { audience } : {}), authentication },
    client.refresh_token,
    randomUUID(),
  );
  tenant.stats.recordRefreshToken();
  return { ...tokens, refresh_token: refreshToken };
}
