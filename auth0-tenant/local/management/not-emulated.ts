import { ManagementApiError } from "../errors";

/**
 * The Management API's collections (the first segment after `/api/v2/`, as the `auth0` SDK addresses them). A path
 * under one of them that the local tenant has no route for is an Auth0 endpoint it does not emulate: 501, naming it.
 * Any other path is unknown on Auth0 too: 404.
 */
const MANAGEMENT_COLLECTIONS = new Set([
  "actions", "agents", "anomaly", "attack-protection", "branding", "client-grants", "clients", "connection-profiles",
  "connections", "connections-directory-provisionings", "connections-scim-configurations", "custom-domains",
  "device-credentials", "email-templates", "emails", "event-streams", "events", "experimentation", "flows", "forms",
  "grants", "groups", "guardian", "hooks", "jobs", "keys", "log-streams", "logs", "network-acls", "organizations",
  "prompts", "rate-limit-policies", "refresh-tokens", "resource-servers", "risk-assessments", "roles", "rules",
  "rules-configs", "self-service-profiles", "sessions", "stats", "supplemental-signals", "tenants", "tickets",
  "token-exchange-profiles", "user-attribute-profiles", "user-blocks", "users", "users-by-email",
  "verifiable-credentials",
]);

const PREFIX = "/api/v2/";

/** The 501 for an Auth0 Management API endpoint without a local route, or `undefined` for a path Auth0 lacks too. */
export function notEmulated(method: string, path: string): ManagementApiError | undefined {
  if (!path.startsWith(PREFIX)) return undefined;
  const collection = path.slice(PREFIX.length).split("/")[0] ?? "";
  if (!MANAGEMENT_COLLECTIONS.has(collection)) return undefined;
  return new ManagementApiError(
    "not_emulated",
    `The local tenant does not emulate ${method} ${path}; see auth0-tenant/local/README.md for what it serves.`,
    501,
  );
}

/** For an Auth0 path that a `:id` route would otherwise capture (`/resource-servers/search`). */
export function refuseNotEmulated(_tenant: unknown, req: { method: string; path: string }): never {
  throw notEmulated(req.method, req.path) ?? new ManagementApiError("not_found", "Not Found", 404);
}
