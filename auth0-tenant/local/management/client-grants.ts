import { z } from "zod";
import { ManagementApiError } from "../errors";
import type { HttpRequest } from "../http/request";
import { emptyReply, jsonReply, type Reply } from "../http/reply";
import type { Tenant } from "../tenant";
import { authorizeManagement } from "./authorize-management";
import { listResponse } from "./paginate";
import { MANAGEMENT_SCOPES } from "./management-scopes";
import { notFound, readJsonBody } from "./validation";

const scopeList = z.array(z.string().min(1));
const createSchema = z.strictObject({ client_id: z.string().min(1), audience: z.string().min(1), scope: scopeList });
const patchSchema = z.strictObject({ scope: scopeList });

const NOT_FOUND = "The client grant does not exist";

export async function listClientGrants(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["read:client_grants"]);
  const { audience, client_id: clientId } = req.query;
  const grants = tenant.stores.clientGrants
    .list()
    .filter((grant) => (audience === undefined || grant.audience === audience) && (clientId === undefined || grant.client_id === clientId));
  return jsonReply(200, listResponse(grants, req.query, "client_grants"));
}

/** The client must exist; the audience must be a registered API (or the Management API) defining every scope. */
export async function createClientGrant(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["create:client_grants"]);
  const input = await readJsonBody(req, createSchema);
  if (!tenant.stores.clients.get(input.client_id)) throw notFound(`Client not found: ${input.client_id}`, "inexistent_client");
  assertScopesDefined(tenant, input.audience, input.scope);
  const grant = await tenant.stores.clientGrants.create(input);
  tenant.log(`management API: client grant for ${input.client_id} on ${input.audience} created`);
  return jsonReply(201, grant);
}

export async function patchClientGrant(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["update:client_grants"]);
  const current = tenant.stores.clientGrants.get(req.params.id ?? "");
  if (!current) throw notFound(NOT_FOUND);
  const { scope } = await readJsonBody(req, patchSchema);
  assertScopesDefined(tenant, current.audience, scope);
  return jsonReply(200, await tenant.stores.clientGrants.updateScope(current.id, scope));
}

export async function deleteClientGrant(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["delete:client_grants"]);
  if (!(await tenant.stores.clientGrants.delete(req.params.id ?? ""))) throw notFound(NOT_FOUND);
  return emptyReply(204);
}

function assertScopesDefined(tenant: Tenant, audience: string, scopes: string[]): void {
  let defined: Set<string>;
  if (tenant.isManagementAudience(audience)) {
    defined = new Set<string>(MANAGEMENT_SCOPES);
  } else {
    const api = tenant.stores.resourceServers.findByIdentifier(audience);
    if (!api) throw notFound(`No resource server found for audience ${audience}`, "inexistent_resource_server");
    defined = new Set(api.scopes.map((scope) => scope.value));
  }
  const unknown = scopes.filter((scope) => !defined.has(scope));
  if (unknown.length > 0) {
    throw new ManagementApiError("invalid_scope", `Scopes not defined by ${audience}: ${unknown.join(", ")}`, 400);
  }
}
