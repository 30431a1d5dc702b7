import { randomBytes } from "node:crypto";
import { z } from "zod";
import { ManagementApiError } from "../errors";
import type { HttpRequest } from "../http/request";
import { emptyReply, jsonReply, type Reply } from "../http/reply";
import { clientRefreshTokenSchema } from "../store/client-refresh-token";
import { APP_TYPES, GRANT_TYPES, TOKEN_ENDPOINT_AUTH_METHODS, type ClientChanges, type StoredClient } from "../store/clients";
import { mergeMetadata } from "../store/metadata-merge";
import type { Tenant } from "../tenant";
import { authorizeManagement, type ManagementCaller } from "./authorize-management";
import { defaultClientFields, KEPT_CLIENT_FIELDS } from "./client-fields";
import { listResponse } from "./paginate";
import { urlList } from "./url-list";
import { notFound, readJsonBody } from "./validation";

/** Auth0's limits: at most 10 keys, names ≤ 255 characters, values strings ≤ 255 characters. */
const clientMetadataSchema = z.record(z.string().max(255), z.string().max(255));
const clientMetadataPatchSchema = z.record(z.string().max(255), z.string().max(255).nullable());

const keptFields = Object.fromEntries(KEPT_CLIENT_FIELDS.map((field) => [field, z.unknown().optional()]));

const patchSchema = z.strictObject({
  ...keptFields,
  name: z.string().min(1).optional(),
  description: z.string().optional(),
  app_type: z.enum(APP_TYPES).optional(),
  callbacks: urlList.optional(),
  allowed_logout_urls: urlList.optional(),
  web_origins: urlList.optional(),
  allowed_origins: urlList.optional(),
  grant_types: z.array(z.enum(GRANT_TYPES)).optional(),
  token_endpoint_auth_method: z.enum(TOKEN_ENDPOINT_AUTH_METHODS).optional(),
  client_metadata: clientMetadataPatchSchema.optional(),
  refresh_token: clientRefreshTokenSchema.optional(),
  /** Settable so a local `.env` can hold a fixed secret. */
  client_secret: z.string().min(16).optional(),
});
const createSchema = patchSchema.extend({ name: z.string().min(1), client_metadata: clientMetadataSchema.optional() });

const CLIENT_NOT_FOUND = "The client does not exist";

export async function listClients(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  const caller = await authorizeManagement(tenant, req, ["read:clients"]);
  const clients = tenant.stores.clients.list().map((client) => clientView(client, caller));
  return jsonReply(200, listResponse(clients, req.query, "clients"));
}

export async function createClient(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["create:clients"]);
  const input = await readJsonBody(req, createSchema);
  assertMetadataLimit(input.client_metadata ?? {});
  const client = await tenant.stores.clients.create({ ...defaultClientFields(), ...input });
  await tenant.stores.connections.enableClientEverywhere(client.client_id);
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
  const { client_metadata: metadataPatch, ...input } = await readJsonBody(req, patchSchema);
  const changes: ClientChanges = { ...input };
  // `jwt_configuration.secret_encoded` is read-only on Auth0: a PATCH without it keeps the current value.
  const sent: unknown = changes.jwt_configuration;
  const kept: unknown = (current as Record<string, unknown>).jwt_configuration;
  if (isRecord(sent) && isRecord(kept) && !("secret_encoded" in sent)) {
    changes.jwt_configuration = { ...sent, ...pick(kept, "secret_encoded") };
  }
  if (metadataPatch) {
    changes.client_metadata = mergeMetadata(current.client_metadata, metadataPatch) as Record<string, string>;
    assertMetadataLimit(changes.client_metadata);
  }
  const client = await tenant.stores.clients.update(current.client_id, changes);
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
  await tenant.stores.connections.removeClient(client.client_id);
  await tenant.stores.clients.delete(client.client_id);
  tenant.log(`management API: client "${client.name}" deleted`);
  return emptyReply(204);
}

/** `POST /clients/{id}/rotate-secret`: a new secret; the old one stops working at once, as on Auth0. */
export async function rotateClientSecret(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  const caller = await authorizeManagement(tenant, req, ["update:client_keys"]);
  const current = requireClient(tenant, req);
  const client = await tenant.stores.clients.update(current.client_id, { client_secret: randomBytes(48).toString("base64url") });
  if (!client) throw notFound(CLIENT_NOT_FOUND, "inexistent_client");
  tenant.log(`management API: client "${client.name}" secret rotated`);
  return jsonReply(200, clientView(client, { ...caller, scopes: new Set([...caller.scopes, "read:client_keys"]) }));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function pick(value: Record<string, unknown>, key: string): Record<string, unknown> {
  return key in value ? { [key]: value[key] } : {};
}

function assertMetadataLimit(metadata: Record<string, string>): void {
  if (Object.keys(metadata).length > 10) {
    throw new ManagementApiError("invalid_body", "Payload validation error: client_metadata can have at most 10 keys", 400);
  }
}

/** The secret is shown on creation, and later only to a token with `read:client_keys`. */
function clientView(client: StoredClient, caller: ManagementCaller | undefined) {
  // Auth0's clients carry no timestamps; the store keeps them for its own use.
  const { client_secret: secret, created_at: _created, updated_at: _updated, ...rest } = client;
  const showSecret = caller === undefined || caller.scopes.has("read:client_keys");
  return { ...rest, ...(showSecret ? { client_secret: secret } : {}) };
}

function requireClient(tenant: Tenant, req: HttpRequest): StoredClient {
  const client = tenant.stores.clients.get(req.params.id ?? "");
  if (!client) throw notFound(CLIENT_NOT_FOUND, "inexistent_client");
  return client;
}
