import { ManagementApiError } from "../errors";
import type { HttpRequest } from "../http/request";
import { jsonReply, type Reply } from "../http/reply";
import type { Tenant } from "../tenant";
import { authorizeManagement } from "./authorize-management";
import { readPageRequest } from "./paginate";
import type { ManagementScope } from "./management-scopes";

/**
 * Resources the local tenant does not model, read as a new, empty Auth0 tenant answers them: an empty list, the
 * default settings. Tenant-as-code tools (the Deploy CLI reads every one of these on `import` and `export`) then see
 * "nothing configured" instead of an error; writing to them stays a 501 (no route).
 */
export interface EmptyResource {
  path: string;
  scope: ManagementScope;
  answer: (req: HttpRequest) => unknown;
}

/** A page-paginated list: a bare array, or `{ total, start, limit, <key> }` with `include_totals=true`. */
function emptyList(key: string) {
  return (req: HttpRequest): unknown => {
    const page = readPageRequest(req.query, 50);
    return page.includeTotals ? { total: 0, start: 0, limit: page.perPage, [key]: [] } : [];
  };
}

/** Lists Auth0 always answers as `{ <key>: [], total, page, per_page }` (Actions-style and Forms/Flows APIs). */
function emptyPaged(key: string) {
  return (req: HttpRequest): unknown => {
    const page = readPageRequest(req.query, 50);
    return { [key]: [], total: 0, page: page.page, per_page: page.perPage };
  };
}

/** Checkpoint-paginated lists (`from`/`take`): `{ <key>: [] }`, with `next` absent at the end. */
function emptyCheckpoint(key: string) {
  return (): unknown => ({ [key]: [] });
}

const fixed = (value: unknown) => (): unknown => structuredClone(value);

const GUARDIAN_FACTORS = ["sms", "push-notification", "otp", "email", "duo", "webauthn-roaming", "webauthn-platform", "recovery-code"];
const SMS_TEMPLATES = {
  enrollment_message:
    "{{code}} is your verification code for {{tenant.friendly_name}}. Please enter this code to verify your enrollment.",
  verification_message: "{{code}} is your verification code for {{tenant.friendly_name}}",
};

export const EMPTY_RESOURCES: EmptyResource[] = [
  { path: "rules", scope: "read:rules", answer: emptyList("rules") },
  { path: "rules-configs", scope: "read:rules_configs", answer: fixed([]) },
  { path: "hooks", scope: "read:hooks", answer: emptyList("hooks") },
  { path: "connections-directory-provisionings", scope: "read:directory_provisionings", answer: emptyCheckpoint("directory_provisionings") },
  { path: "connections-scim-configurations", scope: "read:scim_config", answer: emptyCheckpoint("scim_configurations") },
  { path: "custom-domains", scope: "read:custom_domains", answer: fixed([]) },
  { path: "log-streams", scope: "read:log_streams", answer: fixed([]) },
  { path: "event-streams", scope: "read:event_streams", answer: emptyCheckpoint("eventStreams") },
  { path: "organizations", scope: "read:organizations", answer: emptyList("organizations") },
  { path: "self-service-profiles", scope: "read:self_service_profiles", answer: emptyList("self_service_profiles") },
  { path: "network-acls", scope: "read:network_acls", answer: emptyList("network_acls") },
  { path: "token-exchange-profiles", scope: "read:token_exchange_profiles", answer: emptyCheckpoint("token_exchange_profiles") },
  { path: "user-attribute-profiles", scope: "read:user_attribute_profiles", answer: emptyCheckpoint("user_attribute_profiles") },
  { path: "connection-profiles", scope: "read:connection_profiles", answer: emptyCheckpoint("connection_profiles") },
  { path: "rate-limit-policies", scope: "read:rate_limit_policies", answer: emptyList("rate_limit_policies") },
  { path: "flows", scope: "read:flows", answer: emptyPaged("flows") },
  { path: "flows/vault/connections", scope: "read:flows_vault_connections", answer: emptyPaged("connections") },
  { path: "forms", scope: "read:forms", answer: emptyPaged("forms") },
  { path: "actions/modules", scope: "read:actions", answer: emptyPaged("modules") },
  { path: "clients/:id/credentials", scope: "read:client_credentials", answer: fixed([]) },
  { path: "roles/:id/permissions", scope: "read:roles", answer: emptyList("permissions") },
  { path: "branding", scope: "read:branding", answer: fixed({}) },
  { path: "branding/phone/providers", scope: "read:phone_providers", answer: fixed({ providers: [] }) },
  { path: "branding/phone/templates", scope: "read:phone_templates", answer: fixed({ templates: [] }) },
  { path: "prompts", scope: "read:prompts", answer: fixed({ universal_login_experience: "new", identifier_first: false, webauthn_platform_first_factor: false }) },
  { path: "prompts/rendering", scope: "read:prompts", answer: emptyList("configs") },
  { path: "prompts/:prompt/custom-text/:language", scope: "read:prompts", answer: fixed({}) },
  { path: "prompts/:prompt/partials", scope: "read:prompts", answer: fixed({}) },
  { path: "guardian/factors", scope: "read:guardian_factors", answer: fixed(GUARDIAN_FACTORS.map((name) => ({ name, enabled: false, trial_expired: false }))) },
  { path: "guardian/policies", scope: "read:mfa_policies", answer: fixed([]) },
  { path: "guardian/factors/sms/templates", scope: "read:guardian_factors", answer: fixed(SMS_TEMPLATES) },
  { path: "guardian/factors/phone/templates", scope: "read:guardian_factors", answer: fixed(SMS_TEMPLATES) },
  { path: "guardian/factors/sms/providers/twilio", scope: "read:guardian_factors", answer: fixed({}) },
  { path: "guardian/factors/phone/providers/twilio", scope: "read:guardian_factors", answer: fixed({}) },
  { path: "guardian/factors/phone/message-types", scope: "read:guardian_factors", answer: fixed({ message_types: ["sms"] }) },
  { path: "guardian/factors/phone/selected-provider", scope: "read:guardian_factors", answer: fixed({ provider: "auth0" }) },
  { path: "guardian/factors/push-notification/providers/apns", scope: "read:guardian_factors", answer: fixed({ bundle_id: null, sandbox: false, enabled: false }) },
  { path: "guardian/factors/push-notification/providers/sns", scope: "read:guardian_factors", answer: fixed({ aws_access_key_id: null, aws_secret_access_key: null, aws_region: null, sns_apns_platform_application_arn: null, sns_gcm_platform_application_arn: null }) },
  { path: "attack-protection/bot-detection", scope: "read:attack_protection", answer: fixed({ bot_detection_level: "medium", challenge_password_policy: "never", challenge_passwordless_policy: "never", challenge_password_reset_policy: "never", allowlist: [], monitoring_mode_enabled: false }) },
  { path: "attack-protection/breached-password-detection", scope: "read:attack_protection", answer: fixed({ enabled: false, shields: [], admin_notification_frequency: [], method: "standard", stage: { "pre-user-registration": { shields: [] }, "pre-change-password": { shields: [] } } }) },
  { path: "attack-protection/brute-force-protection", scope: "read:attack_protection", answer: fixed({ enabled: true, shields: ["block", "user_notification"], mode: "count_per_identifier_and_ip", allowlist: [], max_attempts: 10 }) },
  { path: "attack-protection/captcha", scope: "read:attack_protection", answer: fixed({ active_provider_id: "auth_challenge", auth_challenge: { fail_open: false } }) },
  { path: "attack-protection/suspicious-ip-throttling", scope: "read:attack_protection", answer: fixed({ enabled: true, shields: ["admin_notification", "block"], allowlist: [], stage: { "pre-login": { max_attempts: 100, rate: 864000 }, "pre-user-registration": { max_attempts: 50, rate: 1200 } } }) },
  { path: "risk-assessments/settings", scope: "read:attack_protection", answer: fixed({ enabled: false }) },
  { path: "risk-assessments/settings/new-device", scope: "read:attack_protection", answer: fixed({ remember_for: 30 }) },
  { path: "supplemental-signals", scope: "read:attack_protection", answer: fixed({ akamai_enabled: false }) },
];

/**
 * What a new tenant answers where it has nothing: no universal-login template, no default theme, no email provider,
 * no email template. These are Auth0's own 404s (the Deploy CLI reads them as "not configured").
 */
export const ABSENT_RESOURCES: Array<{ path: string; scope: ManagementScope; message: string }> = [
  { path: "branding/templates/universal-login", scope: "read:branding", message: "Custom template not found" },
  { path: "branding/themes/default", scope: "read:branding", message: "There was an error retrieving the default theme" },
  { path: "emails/provider", scope: "read:email_provider", message: "Email provider has not been configured" },
  { path: "email-templates/:templateName", scope: "read:email_templates", message: "Template not found" },
];

export function emptyResourceHandler(resource: EmptyResource) {
  return async (tenant: Tenant, req: HttpRequest): Promise<Reply> => {
    await authorizeManagement(tenant, req, [resource.scope]);
    return jsonReply(200, resource.answer(req));
  };
}

export function absentResourceHandler(resource: (typeof ABSENT_RESOURCES)[number]) {
  return async (tenant: Tenant, req: HttpRequest): Promise<Reply> => {
    await authorizeManagement(tenant, req, [resource.scope]);
    throw new ManagementApiError("inexistent_resource", resource.message, 404);
  };
}
