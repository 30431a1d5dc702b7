import type { CompletedLogin } from "../login/types";
import type { Tenant } from "../tenant";
import { fromCompletedLogin, mintUserTokens } from "../tokens/user-tokens";
import { carriesTokens } from "./response-type";

/**
 * What `/authorize` hands back for a finished login, by `response_type`: a single-use code, and for the implicit and
 * hybrid types the tokens themselves (never a refresh token: Auth0 issues those at `/oauth/token` only). An ID token
 * from here carries the request's nonce, `at_hash` beside an access token and `c_hash` beside a code.
 */
export async function authorizationResponse(tenant: Tenant, login: CompletedLogin): Promise<Record<string, string>> {
  const { request, authentication } = login;
  const code = request.responseType.code ? tenant.codes.put(login) : undefined;
  if (!carriesTokens(request.responseType)) return code === undefined ? {} : { code };

  const client = tenant.stores.clients.get(request.clientId);
  const user = tenant.stores.users.findById(authentication.userId);
  if (!client || !user) throw new Error("the login's client or user vanished before its answer");
  const tokens = await mintUserTokens(tenant, {
    client,
    user,
    ...fromCompletedLogin(login),
    grantType: "implicit",
    frontChannel: { withAccessToken: request.responseType.accessToken, ...(code === undefined ? {} : { code }) },
  });
  return {
    ...(code === undefined ? {} : { code }),
    ...(request.responseType.accessToken
      ? { access_token: tokens.access_token, token_type: tokens.token_type, expires_in: String(tokens.expires_in), scope: tokens.scope }
      : {}),
    ...(request.responseType.idToken && tokens.id_token ? { id_token: tokens.id_token } : {}),
  };
}
