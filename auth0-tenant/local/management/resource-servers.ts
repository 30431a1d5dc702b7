import { createHash } from "node:crypto";
import { z } from "zod";
import { ManagementApiError } from "../errors";
import type { HttpRequest } from "../http/request";
import { emptyReply, jsonReply, type Reply } from "../http/reply";
import type { StoredResourceServer } from "../store/resource-servers";
import type { Tenant } from "../tenant";
import { authorizeManagement } from "./authorize-management";
import { listResponse } from "./paginate";
import { MANAGEMENT_SCOPES } from "./management-scopes";
import { notFound, readJsonBody } from "./validation";

const patchSchema = z.object({
  name: z.string().min(1).optional(),
  scopes: z.array(z.strictObject({ value: z.string().min(1).regex(/^\S+$/, "scope values have no whitespace"), description: z.string().default("") })).optional(),
  signing_alg: z.literal("RS256", "the local tenant signs with RS256 only").optional(),
  token_lifetime: z.number().int().positive().max(2_592_000).optional(),
  allow_offline_access: z.boolean().optional(),
});
const createSchema = patchSchema.extend({ identifier: z.string().min(1) });

const NOT_FOUND = "The resource server does not exist";

/** Listed first, as on Auth0: the system API every tenant has, whose identifier a Management API token names. */
export async function listResourceServers(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["read:resource_servers"]);
  const servers = [managementApiServer(tenant), ...tenant.stores.resourceServers.list()];
  return jsonReply(200, listResponse(servers, req.query, "resource_servers"));
}

export async function deleteResourceServer(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["delete:resource_servers"]);
  refuseSystemServer(tenant, req);
  const server = requireServer(tenant, req);
  await tenant.stores.clientGrants.deleteForAudience(server.identifier);
  await tenant.stores.resourceServers.delete(server.id);
  tenant.log(`management API: resource server ${server.identifier} deleted, with its client grants`);
  return emptyReply(204);
}

function managementApiServer(tenant: Tenant) {
  const identifier = tenant.managementAudiences[tenant.managementAudiences.length - 1] ?? tenant.managementAudience;
  return {
    id: createHash("sha256").update(identifier).digest("hex").slice(0, 24),
    name: "Auth0 Management API",
    identifier,
    is_system: true,
    allow_offline_access: false,
    skip_consent_for_verifiable_first_party_clients: false,
    token_lifetime: 86400,
    token_lifetime_for_web: 7200,
    signing_alg: "RS256",
    scopes: MANAGEMENT_SCOPES.map((value) => ({ value, description: value })),
  };
}

function refuseSystemServer(tenant: Tenant, req: HttpRequest): void {
  const id = req.params.id ?? "";
  const system = managementApiServer(tenant);
  if (id === system.id || tenant.isManagementAudience(id)) {
    throw new ManagementApiError("operation_not_supported", "You cannot modify a system resource server.", 400);
  }
}

export async function createResourceServer(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["create:resource_servers"]);
  const input = await readJsonBody(req, createSchema, { log: tenant.log, resource: "resource server" });
  if (tenant.isManagementAudience(input.identifier)) {
    throw new ManagementApiError("operation_not_supported", "The Management API is a system resource server.", 400);
  }
  const server = await tenant.stores.resourceServers.create(input);
  tenant.log(`management API: resource server ${server.identifier} created`);
  return jsonReply(201, server);
}

/** `{id}` may be the id or the (URL-encoded) identifier, as on Auth0. */
export async function getResourceServer(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["read:resource_servers"]);
  const system = managementApiServer(tenant);
  if (req.params.id === system.id || tenant.isManagementAudience(req.params.id)) return jsonReply(200, system);
  return jsonReply(200, requireServer(tenant, req));
}

export async function patchResourceServer(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["update:resource_servers"]);
  refuseSystemServer(tenant, req);
  const current = requireServer(tenant, req);
  const input = await readJsonBody(req, patchSchema, { log: tenant.log, resource: "resource server" });
  const server = await tenant.stores.resourceServers.update(current.id, input);
  if (!server) throw notFound(NOT_FOUND);
  tenant.log(`management API: resource server ${server.identifier} updated`);
  return jsonReply(200, server);
}

function requireServer(tenant: Tenant, req: HttpRequest): StoredResourceServer {
  const server = tenant.stores.resourceServers.get(req.params.id ?? "");
  if (!server) throw notFound(NOT_FOUND);
  return server;
}
