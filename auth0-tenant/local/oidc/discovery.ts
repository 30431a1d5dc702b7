import { jsonReply, type Reply } from "../http/reply";
import type { Tenant } from "../tenant";
import { OIDC_SCOPES } from "../tokens/grantable-scopes";
import { PKCE_METHODS } from "../tokens/pkce";
import { RESPONSE_MODES, RESPONSE_TYPES } from "./response-type";

/**
 * `/.well-known/openid-configuration`: what the local tenant really serves, no more (Auth0 also lists its device,
 * MFA and registration endpoints, which answer `not_emulated` here). The issuer keeps its trailing slash, as the
 * Auth0 SDK requires.
 */
export function discovery(tenant: Tenant): Reply {
  const { issuer } = tenant;
  return jsonReply(
    200,
    {
      issuer,
      authorization_endpoint: `${issuer}authorize`,
      token_endpoint: `${issuer}oauth/token`,
      userinfo_endpoint: `${issuer}userinfo`,
      jwks_uri: `${issuer}.well-known/jwks.json`,
      end_session_endpoint: `${issuer}oidc/logout`,
      revocation_endpoint: `${issuer}oauth/revoke`,
      scopes_supported: [...OIDC_SCOPES],
      response_types_supported: [...RESPONSE_TYPES],
      response_modes_supported: [...RESPONSE_MODES],
      grant_types_supported: ["authorization_code", "refresh_token", "client_credentials", "password", "http://auth0.com/oauth/grant-type/password-realm"],
      subject_types_supported: ["public"],
      code_challenge_methods_supported: [...PKCE_METHODS],
      token_endpoint_auth_methods_supported: ["client_secret_post", "client_secret_basic", "none"],
      revocation_endpoint_auth_methods_supported: ["client_secret_post", "client_secret_basic", "none"],
      id_token_signing_alg_values_supported: ["RS256"],
      claims_supported: [
        "amr", "aud", "auth_time", "email", "email_verified", "exp", "iat", "iss", "name", "nickname", "nonce", "picture",
        "sid", "sub", "updated_at",
      ],
      request_uri_parameter_supported: false,
    },
    { "cache-control": "no-cache" },
  );
}
