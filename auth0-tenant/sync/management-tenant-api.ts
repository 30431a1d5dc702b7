import { type Management, ManagementClient } from "auth0";
import { SyncError } from "./errors";
import { type CallPolicy, callManagementApi } from "./management-call";
import type {
  ActionInput,
  ClientInput,
  ExistingAction,
  ExistingClient,
  ExistingClientGrant,
  ExistingResourceServer,
  ResourceServerInput,
  TenantApi,
  TenantSnapshot,
} from "./tenant-api";

const MAX_PAGES = 100;

/** Anything with the SDK's `Page` shape; the SDK's own iterator would loop forever on a server that ignores `page`. */
interface PageLike<T> {
  data: T[];
  hasNextPage(): boolean;
  getNextPage(): Promise<PageLike<T>>;
}

/** The `TenantApi` of a tenant reached through the Management API with client credentials. */
export function managementTenantApi(options: {
  domain: string;
  clientId: string;
  clientSecret: string;
  policy: CallPolicy;
}): TenantApi {
  const client = new ManagementClient({
    domain: options.domain,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    // Retries are ours (management-call.ts): the SDK's would also repeat non-idempotent POSTs.
    maxRetries: 0,
    timeoutInSeconds: 30,
  });
  const call = <T>(operation: string, fn: () => Promise<T>) => callManagementApi(operation, fn, options.policy);

  const getAction = async (id: string) =>
    toExistingAction(await call(`reading Action ${id}`, async () => client.actions.get(id)));

  return {
    async readSnapshot(): Promise<TenantSnapshot> {
      const listed = await call("listing Actions", async () =>
        collect(await client.actions.list({ per_page: 50 }), (action) => action.id),
      );
      // The list is expected to carry the code; fetch an Action on its own only if it does not.
      const actions = await Promise.all(
        listed.map((action) =>
          action.code === undefined && action.id ? getAction(action.id) : toExistingAction(action),
        ),
      );
      const bindings = await call("listing the post-login bindings", async () =>
        collect(await client.actions.triggers.bindings.list("post-login", { per_page: 20 }), (binding) => binding.id),
      );
      const clients = await call("listing clients", async () =>
        collect(await client.clients.list({ per_page: 100 }), (found) => found.client_id),
      );
      const resourceServers = await call("listing APIs (resource servers)", async () =>
        collect(await client.resourceServers.list({ per_page: 100 }), (server) => server.id),
      );
      const grants = await call("listing client grants", async () =>
        collect(await client.clientGrants.list({ take: 100 }), (grant) => grant.id),
      );
      return {
        actions,
        postLoginBindings: bindings.map((binding) => ({
          action_id: binding.action?.id ?? "",
          action_name: binding.action?.name ?? "",
          display_name: binding.display_name ?? binding.action?.name ?? "",
        })),
        clients: clients.filter((found) => !found.global).map(toExistingClient),
        resourceServers: resourceServers.map(toExistingResourceServer),
        clientGrants: grants.map(toExistingClientGrant),
      };
    },

    async createAction(input: ActionInput) {
      return toExistingAction(
        await call(`creating Action ${input.name}`, async () => client.actions.create(actionBody(input))),
      );
    },

    async updateAction(id: string, input: ActionInput) {
      return toExistingAction(
        await call(`updating Action ${input.name}`, async () => client.actions.update(id, actionBody(input))),
      );
    },

    getAction,

    async deployAction(id: string) {
      await call(`deploying Action ${id}`, async () => client.actions.deploy(id));
    },

    async setPostLoginBindings(bindings) {
      await call("updating the post-login bindings", async () =>
        client.actions.triggers.bindings.updateMany("post-login", {
          bindings: bindings.map((binding) => ({
            ref: { type: "action_id", value: binding.action_id },
            display_name: binding.display_name,
          })),
        }),
      );
    },

    async createClient(input: ClientInput) {
      return toExistingClient(
        await call(`creating client ${input.name}`, async () => client.clients.create(clientBody(input))),
      );
    },

    async updateClient(clientId: string, input: ClientInput) {
      return toExistingClient(
        await call(`updating client ${input.name}`, async () => client.clients.update(clientId, clientBody(input))),
      );
    },

    async createResourceServer(input: ResourceServerInput & { identifier: string }) {
      return toExistingResourceServer(
        await call(`creating API ${input.identifier}`, async () =>
          client.resourceServers.create({ ...input, signing_alg: signingAlg(input) }),
        ),
      );
    },

    async updateResourceServer(id: string, input: ResourceServerInput) {
      return toExistingResourceServer(
        await call(`updating API ${input.name}`, async () =>
          client.resourceServers.update(id, { ...input, signing_alg: signingAlg(input) }),
        ),
      );
    },

    async createClientGrant(input) {
      return toExistingClientGrant(
        await call(`creating the client grant for ${input.audience}`, async () => client.clientGrants.create(input)),
      );
    },

    async updateClientGrant(id: string, scope: string[]) {
      return toExistingClientGrant(
        await call(`updating client grant ${id}`, async () => client.clientGrants.update(id, { scope })),
      );
    },
  };
}

/** Every item of every page, stopping when a page brings nothing new (a server that ignores paging). */
async function collect<T>(first: PageLike<T>, idOf: (item: T) => string | undefined): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let page = first;
  for (let pages = 1; ; pages += 1) {
    let fresh = 0;
    for (const item of page.data) {
      const id = idOf(item);
      if (id !== undefined && seen.has(id)) continue;
      if (id !== undefined) seen.add(id);
      items.push(item);
      fresh += 1;
    }
    if (!page.hasNextPage() || fresh === 0) return items;
    if (pages >= MAX_PAGES) {
      throw new SyncError(
        "ERR_SYNC_MANAGEMENT_API",
        `The Management API returned more than ${MAX_PAGES} pages; giving up.`,
      );
    }
    page = await page.getNextPage();
  }
}

function actionBody(input: ActionInput): Management.CreateActionRequestContent {
  return {
    name: input.name,
    code: input.code,
    runtime: input.runtime,
    dependencies: input.dependencies,
    supported_triggers: input.supported_triggers.map((trigger) => ({
      id: trigger.id as Management.ActionTriggerTypeEnum,
      version: trigger.version,
    })),
    secrets: input.secrets,
  };
}

function signingAlg(input: ResourceServerInput): Management.SigningAlgorithmEnum {
  return input.signing_alg as Management.SigningAlgorithmEnum;
}

function clientBody(input: ClientInput): Management.CreateClientRequestContent & Management.UpdateClientRequestContent {
  return {
    ...input,
    app_type: input.app_type as Management.ClientAppTypeEnum,
    token_endpoint_auth_method: input.token_endpoint_auth_method as Management.ClientTokenEndpointAuthMethodEnum,
  };
}

function toExistingAction(action: Management.Action & { errors?: Management.ActionError[] }): ExistingAction {
  return {
    id: action.id ?? "",
    name: action.name ?? "",
    code: action.code ?? "",
    runtime: action.runtime ?? "",
    dependencies: (action.dependencies ?? []).map((dependency) => ({
      name: dependency.name ?? "",
      version: dependency.version ?? "",
    })),
    supported_triggers: (action.supported_triggers ?? []).map((trigger) => ({
      id: trigger.id,
      version: trigger.version ?? "",
    })),
    secrets: (action.secrets ?? []).map((secret) => ({
      name: String(secret.name ?? ""),
      ...(secret.updated_at ? { updated_at: String(secret.updated_at) } : {}),
    })),
    status: action.status ?? "pending",
    all_changes_deployed: action.all_changes_deployed ?? false,
    errors: (action.errors ?? []).map((error) => error.msg ?? error.id ?? "unknown build error"),
  };
}

function toExistingClient(client: Management.Client): ExistingClient {
  return {
    client_id: client.client_id ?? "",
    name: client.name ?? "",
    ...(client.app_type ? { app_type: client.app_type } : {}),
    callbacks: client.callbacks ?? [],
    allowed_logout_urls: client.allowed_logout_urls ?? [],
    web_origins: client.web_origins ?? [],
    grant_types: client.grant_types ?? [],
    ...(client.token_endpoint_auth_method ? { token_endpoint_auth_method: client.token_endpoint_auth_method } : {}),
    client_metadata: Object.fromEntries(
      Object.entries(client.client_metadata ?? {}).filter(
        (entry): entry is [string, string] => typeof entry[1] === "string",
      ),
    ),
    ...(client.client_secret ? { client_secret: client.client_secret } : {}),
  };
}

function toExistingResourceServer(server: Management.ResourceServer): ExistingResourceServer {
  return {
    id: server.id ?? "",
    identifier: server.identifier ?? "",
    name: server.name ?? "",
    scopes: (server.scopes ?? []).map((scope) => ({ value: scope.value, description: scope.description ?? "" })),
    ...(server.signing_alg ? { signing_alg: server.signing_alg } : {}),
  };
}

function toExistingClientGrant(grant: Management.ClientGrantResponseContent): ExistingClientGrant {
  return {
    id: grant.id ?? "",
    client_id: grant.client_id ?? "",
    audience: grant.audience ?? "",
    scope: grant.scope ?? [],
  };
}
