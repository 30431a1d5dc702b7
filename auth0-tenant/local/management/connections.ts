import { z } from "zod";
import { ManagementApiError } from "../errors";
import type { HttpRequest } from "../http/request";
import { emptyReply, jsonReply, type Reply } from "../http/reply";
import type { StoredConnection } from "../store/connections";
import type { Tenant } from "../tenant";
import { authorizeManagement } from "./authorize-management";
import { pageOf, readPageRequest } from "./paginate";
import { notFound, readJsonBody } from "./validation";

const patchSchema = z.strictObject({
  display_name: z.string().optional(),
  options: z.record(z.string(), z.unknown()).optional(),
  enabled_clients: z.array(z.string()).optional(),
  realms: z.array(z.string()).optional(),
  is_domain_connection: z.boolean().optional(),
  show_as_button: z.boolean().optional(),
  metadata: z.record(z.string(), z.string()).optional(),
  authentication: z.record(z.string(), z.unknown()).optional(),
  connected_accounts: z.record(z.string(), z.unknown()).optional(),
});
const enabledClientsSchema = z.array(z.strictObject({ client_id: z.string().min(1), status: z.boolean() })).max(50);

const NOT_FOUND = "The connection does not exist";

/** Page (`page`/`per_page`/`include_totals`) or checkpoint (`from`/`take`) pagination, filtered by `strategy`/`name`. */
export async function listConnections(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["read:connections"]);
  const strategies = req.searchParams.getAll("strategy");
  const connections = tenant.stores.connections
    .list()
    .filter((connection) => (strategies.length === 0 || strategies.includes(connection.strategy)) && (req.query.name === undefined || connection.name === req.query.name));
  if (req.query.take !== undefined || req.query.from !== undefined) {
    const take = Number(req.query.take ?? 50);
    const from = Number(req.query.from ?? 0);
    const slice = connections.slice(from, from + take);
    const next = from + take < connections.length ? { next: String(from + take) } : {};
    return jsonReply(200, { connections: slice, ...next });
  }
  const page = readPageRequest(req.query, 50);
  const selected = page.paged || page.includeTotals ? pageOf(connections, page) : connections;
  return jsonReply(200, page.includeTotals ? { total: connections.length, start: page.page * page.perPage, limit: page.perPage, connections: selected } : selected);
}

export async function getConnection(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["read:connections"]);
  return jsonReply(200, requireConnection(tenant, req));
}

export async function patchConnection(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["update:connections"]);
  const current = requireConnection(tenant, req);
  const changes = await readJsonBody(req, patchSchema);
  const updated = await tenant.stores.connections.update(current.id, changes);
  tenant.log(`management API: connection ${current.name} updated; options kept, not applied`);
  return jsonReply(200, updated);
}

/** `GET /connections/{id}/clients`: checkpoint-paginated `{ clients: [{ client_id }] }`. */
export async function getConnectionClients(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["read:connections"]);
  const connection = requireConnection(tenant, req);
  const take = Number(req.query.take ?? 50);
  const from = Number(req.query.from ?? 0);
  const clients = connection.enabled_clients.map((clientId) => ({ client_id: clientId }));
  const next = from + take < clients.length ? { next: String(from + take) } : {};
  return jsonReply(200, { clients: clients.slice(from, from + take), ...next });
}

export async function patchConnectionClients(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["update:connections"]);
  const connection = requireConnection(tenant, req);
  const changes = await readJsonBody(req, enabledClientsSchema);
  const unknown = changes.find((change) => !tenant.stores.clients.get(change.client_id));
  if (unknown) throw new ManagementApiError("invalid_body", `Payload validation error: unknown client_id ${unknown.client_id}`, 400);
  await tenant.stores.connections.setEnabledClients(connection.id, changes);
  return emptyReply(204);
}

/** `GET /clients/{id}/connections`: the connections a client is enabled on, `{ connections: [...] }`. */
export async function getClientConnections(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["read:connections"]);
  const clientId = req.params.id ?? "";
  if (!tenant.stores.clients.get(clientId)) throw notFound("The client does not exist", "inexistent_client");
  const connections = tenant.stores.connections.list().filter((connection) => connection.enabled_clients.includes(clientId));
  return jsonReply(200, { connections });
}

function requireConnection(tenant: Tenant, req: HttpRequest): StoredConnection {
  const connection = tenant.stores.connections.get(req.params.id ?? "");
  if (!connection) throw notFound(NOT_FOUND, "inexistent_connection");
  return connection;
}
