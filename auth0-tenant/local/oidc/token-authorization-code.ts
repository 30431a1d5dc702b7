import { randomUUID } from "node:crypto";
import { OAuthError } from "../errors";
import type { HttpRequest } from "../http/request";
import type { StoredClient } from "../store/clients";
import type { Tenant } from "../tenant";
import { verifyPkce } from "../tokens/pkce";
import { mayIssueRefreshToken } from "../tokens/refresh-policy";
import { fromCompletedLogin, grantedScopes, mintUserTokens, type UserTokenResponse } from "../tokens/user-tokens";

/** Auth0 answers every refused code alike (403, "Invalid authorization code"); the reason says which check failed. */
function invalidCode(reason: string): OAuthError {
  return new OAuthError("invalid_grant", "Invalid authorization code", 403, reason);
}

/** `grant_type=authorization_code`: single-use, bound to the client, the redirect_uri and the PKCE challenge. */
export async function exchangeAuthorizationCode(
  tenant: Tenant,
  _req: HttpRequest,
  client: StoredClient,
  fields: Record<string, string>,
): Promise<UserTokenResponse & { refresh_token?: string }> {
  if (!fields.code) throw new OAuthError("invalid_request", "Missing required parameter: code");
  const taken = tenant.codes.take(fields.code);
  switch (taken.status) {
    case "unknown":
      throw invalidCode("No authorization code like this one was issued (or the tenant restarted since).");
    case "expired":
      throw invalidCode("The authorization code has expired (codes live two minutes).");
    case "used":
      // RFC 6749 §4.1.2: a replayed code should revoke what it already gave.
      if (taken.value.refreshFamilyId) await tenant.refreshTokens.revokeFamily(taken.value.refreshFamilyId);
      throw invalidCode("The authorization code has already been used; the tokens it gave are revoked.");
    case "ok":
      break;
  }
  const issued = taken.value;
  const { request, authentication, commands } = issued;
  if (request.clientId !== client.client_id) {
    throw invalidCode("The authorization code was issued to another client.");
  }
  if (fields.redirect_uri !== request.redirectUri) {
    throw invalidCode(`redirect_uri ${fields.redirect_uri ?? "(none)"} differs from the authorization request's ${request.redirectUri}.`);
  }
  if (request.codeChallenge && !fields.code_verifier) throw pkceFailure("The authorization request had a code_challenge; this exchange has no code_verifier.");
  if (request.codeChallenge && !verifyPkce(fields.code_verifier ?? "", request.codeChallenge, request.codeChallengeMethod)) {
    throw pkceFailure(`The code_verifier does not match the code_challenge (${request.codeChallengeMethod}) of the authorization request.`);
  }
  const user = tenant.stores.users.findById(authentication.userId);
  if (!user) throw invalidCode("The user of this authorization code no longer exists.");

  const tokens = await mintUserTokens(tenant, {
    client,
    user,
    ...fromCompletedLogin(issued),
    grantType: "authorization_code",
  });
  const scopes = grantedScopes(tenant, request.scopes, request.audience, commands);
  if (!mayIssueRefreshToken(tenant, client, scopes, request.audience)) return tokens;
  const familyId = randomUUID();
  issued.refreshFamilyId = familyId;
  const refreshToken = await tenant.refreshTokens.issue(
    { clientId: client.client_id, scopes: request.scopes, ...(request.audience ? { audience: request.audience } : {}), authentication },
    client.refresh_token,
    familyId,
  );
  tenant.stats.recordRefreshToken();
  return { ...tokens, refresh_token: refreshToken };
}

function pkceFailure(reason: string): OAuthError {
  return new OAuthError("invalid_grant", "Failed to verify code verifier", 403, reason);
}
