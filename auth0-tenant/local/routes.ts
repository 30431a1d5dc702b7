import type { HttpRequest } from "./http/request";
import type { Reply } from "./http/reply";
import type { CorsPolicy, Route, RouteKind } from "./http/router";
import {
  createAction,
  deleteAction,
  deployAction,
  deployActionVersion,
  getAction,
  getActionVersion,
  listActions,
  listActionVersions,
  patchAction,
} from "./management/actions";
import { testAction } from "./management/action-test";
import { getOtherTriggerBindings, getPostLoginBindings, listTriggers, patchPostLoginBindings } from "./management/bindings";
import {
  getClientConnections,
  getConnection,
  getConnectionClients,
  listConnections,
  patchConnection,
  patchConnectionClients,
} from "./management/connections";
import { ABSENT_RESOURCES, absentResourceHandler, EMPTY_RESOURCES, emptyResourceHandler } from "./management/empty-tenant";
import { assignUserRoles, createRole, getRole, getRoleUsers, getUserRoles, listRoles, removeUserRoles } from "./management/roles";
import { getLog, listLogs, listUserLogs } from "./management/logs";
import { getSigningKey, listSigningKeys, revokeSigningKey, rotateSigningKey } from "./management/signing-keys";
import { refuseNotEmulated } from "./management/not-emulated";
import { getTenantSettings, patchTenantSettings } from "./management/tenant-settings";
import { createClientGrant, deleteClientGrant, listClientGrants, patchClientGrant } from "./management/client-grants";
import { createClient, deleteClient, getClient, listClients, patchClient, rotateClientSecret } from "./management/clients";
import {
  createResourceServer,
  deleteResourceServer,
  getResourceServer,
  listResourceServers,
  patchResourceServer,
} from "./management/resource-servers";
import { getGeoIp, putGeoIp } from "./local-api/geoip";
import { MFA_OTP_PATH } from "./login/mfa-challenge";
import { createUser, deleteUser, getUser, listUsers, patchUser, usersByEmail } from "./management/users";
import { authorize } from "./oidc/authorize";
import { continueLogin } from "./oidc/continue";
import { discovery } from "./oidc/discovery";
import { jwks } from "./oidc/jwks";
import { logout } from "./oidc/logout";
import { NOT_EMULATED_ENDPOINTS, notEmulated } from "./oidc/not-emulated";
import { revoke } from "./oidc/revoke";
import { token } from "./oidc/token";
import { tokenStats } from "./local-api/token-stats";
import { userinfo } from "./oidc/userinfo";
import type { Tenant } from "./tenant";
import { showLogin, submitLogin } from "./universal-login/login";
import { showMfaOtp, submitMfaOtp } from "./universal-login/mfa-otp";
import { showSignup, submitSignup } from "./universal-login/signup";

type Handler = (tenant: Tenant, req: HttpRequest) => Reply | Promise<Reply>;

/** The tenant's whole HTTP surface, one line per endpoint. */
export function buildRoutes(tenant: Tenant): Route[] {
  const route = (methods: string[], path: string, kind: RouteKind, handler: Handler, cors?: CorsPolicy): Route => ({
    methods,
    path,
    kind,
    ...(cors ? { cors } : {}),
    handle: async (req) => handler(tenant, req),
  });
  const GET = ["GET"];
  const POST = ["POST"];
  const PATCH = ["PATCH"];
  const DELETE = ["DELETE"];
  const mgmt = "/api/v2";
  return [
    route(GET, "/.well-known/openid-configuration", "json", (t) => discovery(t), "public"),
    route(GET, "/.well-known/jwks.json", "json", (t) => jwks(t), "public"),
    route(GET, "/authorize", "page", authorize),
    route(GET, "/u/login", "page", showLogin),
    route(POST, "/u/login", "page", submitLogin),
    route(GET, "/u/signup", "page", showSignup),
    route(POST, "/u/signup", "page", submitSignup),
    route(GET, MFA_OTP_PATH, "page", showMfaOtp),
    route(POST, MFA_OTP_PATH, "page", submitMfaOtp),
    route(["GET", "POST"], "/continue", "page", continueLogin),
    route(POST, "/oauth/token", "oauth", token, "client"),
    route(POST, "/oauth/revoke", "oauth", revoke, "client"),
    route(["GET", "POST"], "/userinfo", "oauth", userinfo, "client"),
    route(GET, "/v2/logout", "page", (t, req) => logout(t, req, "v2")),
    route(GET, "/oidc/logout", "page", (t, req) => logout(t, req, "oidc")),
    route(GET, "/local/stats/tokens", "json", (t) => tokenStats(t)),
    route(GET, "/local/geoip", "json", (t) => getGeoIp(t)),
    route(["PUT"], "/local/geoip", "json", putGeoIp),
    ...NOT_EMULATED_ENDPOINTS.map(({ methods, path, feature }) => route(methods, path, "oauth", () => notEmulated(feature, path))),

    route(GET, `${mgmt}/actions/actions`, "management", listActions),
    route(POST, `${mgmt}/actions/actions`, "management", createAction),
    route(GET, `${mgmt}/actions/actions/:id`, "management", getAction),
    route(PATCH, `${mgmt}/actions/actions/:id`, "management", patchAction),
    route(DELETE, `${mgmt}/actions/actions/:id`, "management", deleteAction),
    route(POST, `${mgmt}/actions/actions/:id/deploy`, "management", deployAction),
    route(POST, `${mgmt}/actions/actions/:id/test`, "management", testAction),
    route(GET, `${mgmt}/actions/actions/:id/versions`, "management", listActionVersions),
    route(GET, `${mgmt}/actions/actions/:id/versions/:versionId`, "management", getActionVersion),
    route(POST, `${mgmt}/actions/actions/:id/versions/:versionId/deploy`, "management", deployActionVersion),
    route(GET, `${mgmt}/actions/triggers`, "management", listTriggers),
    route(GET, `${mgmt}/actions/triggers/post-login/bindings`, "management", getPostLoginBindings),
    route(PATCH, `${mgmt}/actions/triggers/post-login/bindings`, "management", patchPostLoginBindings),
    route(GET, `${mgmt}/actions/triggers/:triggerId/bindings`, "management", getOtherTriggerBindings),
    route(GET, `${mgmt}/clients`, "management", listClients),
    route(POST, `${mgmt}/clients`, "management", createClient),
    route(GET, `${mgmt}/clients/:id`, "management", getClient),
    route(PATCH, `${mgmt}/clients/:id`, "management", patchClient),
    route(DELETE, `${mgmt}/clients/:id`, "management", deleteClient),
    route(POST, `${mgmt}/clients/:id/rotate-secret`, "management", rotateClientSecret),
    route(GET, `${mgmt}/clients/:id/connections`, "management", getClientConnections),
    route(GET, `${mgmt}/connections`, "management", listConnections),
    route(GET, `${mgmt}/connections/:id`, "management", getConnection),
    route(PATCH, `${mgmt}/connections/:id`, "management", patchConnection),
    route(GET, `${mgmt}/connections/:id/clients`, "management", getConnectionClients),
    route(PATCH, `${mgmt}/connections/:id/clients`, "management", patchConnectionClients),
    route(GET, `${mgmt}/tenants/settings`, "management", getTenantSettings),
    route(PATCH, `${mgmt}/tenants/settings`, "management", patchTenantSettings),
    route(GET, `${mgmt}/resource-servers`, "management", listResourceServers),
    route(POST, `${mgmt}/resource-servers`, "management", createResourceServer),
    route(GET, `${mgmt}/resource-servers/search`, "management", refuseNotEmulated),
    route(GET, `${mgmt}/resource-servers/:id`, "management", getResourceServer),
    route(PATCH, `${mgmt}/resource-servers/:id`, "management", patchResourceServer),
    route(DELETE, `${mgmt}/resource-servers/:id`, "management", deleteResourceServer),
    route(GET, `${mgmt}/client-grants`, "management", listClientGrants),
    route(POST, `${mgmt}/client-grants`, "management", createClientGrant),
    route(PATCH, `${mgmt}/client-grants/:id`, "management", patchClientGrant),
    route(DELETE, `${mgmt}/client-grants/:id`, "management", deleteClientGrant),
    route(GET, `${mgmt}/users`, "management", listUsers),
    route(POST, `${mgmt}/users`, "management", createUser),
    route(GET, `${mgmt}/users/:id`, "management", getUser),
    route(PATCH, `${mgmt}/users/:id`, "management", patchUser),
    route(DELETE, `${mgmt}/users/:id`, "management", deleteUser),
    route(GET, `${mgmt}/users-by-email`, "management", usersByEmail),
    route(GET, `${mgmt}/users/:id/roles`, "management", getUserRoles),
    route(GET, `${mgmt}/users/:id/logs`, "management", listUserLogs),
    route(GET, `${mgmt}/logs`, "management", listLogs),
    route(GET, `${mgmt}/logs/:id`, "management", getLog),
    route(POST, `${mgmt}/users/:id/roles`, "management", assignUserRoles),
    route(DELETE, `${mgmt}/users/:id/roles`, "management", removeUserRoles),
    route(GET, `${mgmt}/keys/signing`, "management", listSigningKeys),
    route(POST, `${mgmt}/keys/signing/rotate`, "management", rotateSigningKey),
    route(GET, `${mgmt}/keys/signing/:kid`, "management", getSigningKey),
    route(["PUT"], `${mgmt}/keys/signing/:kid/revoke`, "management", revokeSigningKey),
    route(GET, `${mgmt}/roles`, "management", listRoles),
    route(POST, `${mgmt}/roles`, "management", createRole),
    route(GET, `${mgmt}/roles/:id`, "management", getRole),
    route(GET, `${mgmt}/roles/:id/users`, "management", getRoleUsers),
    ...EMPTY_RESOURCES.map((resource) => route(GET, `${mgmt}/${resource.path}`, "management", emptyResourceHandler(resource))),
    ...ABSENT_RESOURCES.map((resource) => route(GET, `${mgmt}/${resource.path}`, "management", absentResourceHandler(resource))),
  ];
}
