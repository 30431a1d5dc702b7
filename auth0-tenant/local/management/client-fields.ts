/**
 * Every field Auth0's `POST`/`PATCH /api/v2/clients` accepts (the `auth0` SDK's request types), besides those the
 * local tenant validates itself. They are kept and returned verbatim; the ones that change behaviour
 * (`refresh_token`, `jwt_configuration`, …) are read by the token endpoint. Any other field is refused, as on Auth0.
 */
export const KEPT_CLIENT_FIELDS = [
  "logo_uri", "oidc_logout", "oidc_backchannel_logout", "session_transfer", "client_aliases",
  "allowed_clients", "is_token_endpoint_ip_header_trusted", "is_first_party", "oidc_conformant", "jwt_configuration",
  "encryption_key", "sso", "cross_origin_authentication", "cross_origin_auth", "cross_origin_loc", "sso_disabled",
  "custom_login_page_on", "custom_login_page", "custom_login_page_preview", "form_template", "addons", "mobile",
  "initiate_login_uri", "native_social_login", "fedcm_login", "refresh_token", "default_organization",
  "organization_usage", "organization_require_behavior", "organization_discovery_methods",
  "client_authentication_methods", "require_pushed_authorization_requests", "require_proof_of_possession",
  "signed_request_object", "token_vault_privileged_access", "compliance_level",
  "skip_non_verifiable_callback_uri_confirmation_prompt", "token_exchange", "par_request_expiry", "token_quota",
  "resource_server_identifier", "identity_assertion_authorization_grant", "anonymous_sessions",
  "third_party_security_mode", "redirection_policy", "express_configuration", "my_organization_configuration",
  "async_approval_notification_channels",
] as const;

/** What a client created through the Management API has when the request leaves these out (as Auth0 returns it). */
export function defaultClientFields(): Record<string, unknown> {
  return {
    is_first_party: true,
    oidc_conformant: true,
    sso_disabled: false,
    cross_origin_auth: false,
    is_token_endpoint_ip_header_trusted: false,
    custom_login_page_on: true,
    allowed_origins: [],
    allowed_clients: [],
    client_aliases: [],
    jwt_configuration: { alg: "RS256", lifetime_in_seconds: 36000, secret_encoded: false },
    refresh_token: {
      expiration_type: "non-expiring",
      leeway: 0,
      infinite_token_lifetime: true,
      infinite_idle_token_lifetime: true,
      token_lifetime: 31557600,
      idle_token_lifetime: 2592000,
      rotation_type: "non-rotating",
    },
  };
}
