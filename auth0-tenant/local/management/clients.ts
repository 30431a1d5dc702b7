import { z } from "zod";
import { ManagementApiError } from "../errors";
import type { HttpRequest } from "../http/request";
import { emptyReply, jsonReply, type Reply } from "../http/reply";
import { APP_TYPES, GRANT_TYPES, TOKEN_ENDPOINT_AUTH_METHODS, type StoredClient } from "../store/clients";
import type { Tenant } from "../tenant";
import { authorizeManagement, type ManagementCaller } from "./authorize-request";
import { listResponse } from "./paginate";
import { urlList } from "./url-list";
import { notFound, readJsonBody } from "./validation";

const patchSchema = z.object({
  name: z.string().min(1).optional(),
  description: z.string().optional(),
  app_type: z.enum(APP_TYPES).optional(),
  callbacks: urlList.optional(),
  allowed_logout_urls: urlList.optional(),
  web_origins: urlList.optional(),
  grant_types: z.array(z.enum(GRANT_TYPES)).optional(),
  token_endpoint_auth_method: z.enum(TOKEN_ENDPOINT_AUTH_METHODS).optional(),
  client_metadata: z.record(z.string(), z.string()).optional(),
  /** Settable so a local `.env` can hold a fixed secret. */
  client_secret: z.string().min(16).optional(),
});
const createSchema = patchSchema.extend({ name: z.string().min(1) });

const CLIENT_NOT_FOUND = "The client does not exist";

export async function listClients(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  const caller = await authorizeManagement(tenant, req, ["read:clients"]);
  const clients = tenant.stores.clients.list().map((client) => clientView(client, caller));
  return jsonReply(200, listResponse(clients, req.query, "clients"));
}

export async function createClient(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["create:clients"]);
  const input = await readJsonBody(req, createSchema, { log: tenant.log, resource: "client" });
  const client = await tenant.stores.clients.create(input);
  tenant.log(`management API: client "${client.name}" created (${client.client_id})`);
  return jsonReply(201, clientView(client, undefined));
}

export async function getClient(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  const caller = await authorizeManagement(tenant, req, ["read:clients"]);
  return jsonReply(200, clientView(requireClient(tenant, req), caller));
}

export async function patchClient(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  const caller = await authorizeManagement(tenant, req, ["update:clients"]);
  const current = requireClient(tenant, req);
  const input = await readJsonBody(req, patchSchema, { log: tenant.log, resource: "client" });
  const client = await tenant.stores.clients.update(current.client_id, input);
  if (!client) throw notFound(CLIENT_NOT_FOUND, "inexistent_client");
  tenant.log(`management API: client "${client.name}" updated`);
  return jsonReply(200, clientView(client, caller));
}

/** Deleting a client also deletes its client grants; the local management client cannot be deleted. */
export async function deleteClient(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["delete:clients"]);
  const client = requireClient(tenant, req);
  if (client.client_id === tenant.stores.managementClient.client_id) {
    throw new ManagementApiError("operation_not_supported", "The local tenant's management client cannot be deleted.", 400);
  }
  await tenant.stores.clientGrants.deleteForClient(client.client_id);
  await tenant.stores.clients.delete(client.client_id);
  tenant.log(`management API: client "${client.name}" deleted`);
  return emptyReply(204);
}

/** The secret is shown on creation, and later only to a token with `read:client_keys`. */
function clientView(client: StoredClient, caller: ManagementCaller | undefined) {
  const { client_secret: secret, ...rest } = client;
  const showSecret = caller === undefined || caller.scopes.has("read:client_keys");
  return { ...rest, ...(showSecret ? { client_secret: secret } : {}) };
}

function requireClient(tenant: Tenant, req: HttpRequest): StoredClient {
  const client = tenant.stores.clients.get(req.params.id ?? "");
  if (!client) throw notFound(CLIENT_NOT_FOUND, "inexistent_client");
  return client;
}
