import type {
  ActionInput,
  ClientInput,
  ExistingAction,
  ExistingBinding,
  ExistingClient,
  ExistingClientGrant,
  ExistingResourceServer,
  ResourceServerInput,
  TenantApi,
  TenantSnapshot,
} from "./tenant-api";

type StoredAction = ExistingAction & { secretValues: Record<string, string>; deployed: boolean; polls: number };

/**
 * A tenant in memory for the sync's tests: Auth0's observable rules only (a draft builds after a few polls, deploy
 * needs `built`, binding needs a deployed Action, secret values are never returned), and a log of every write.
 */
export class InMemoryTenant implements TenantApi {
  readonly writes: string[] = [];
  private readonly actions = new Map<string, StoredAction>();
  private bindings: ExistingBinding[] = [];
  private readonly clients = new Map<string, ExistingClient & { client_secret: string }>();
  private readonly servers = new Map<string, ExistingResourceServer>();
  private readonly grants = new Map<string, ExistingClientGrant>();
  private sequence = 0;

  /** Polls a draft stays `pending` before it is `built`. */
  constructor(private readonly pollsToBuild = 2) {}

  async readSnapshot(): Promise<TenantSnapshot> {
    return {
      actions: [...this.actions.values()].map((action) => this.view(action)),
      postLoginBindings: this.bindings.map((binding) => ({ ...binding })),
      clients: [...this.clients.values()].map((client) => structuredClone(client)),
      resourceServers: [...this.servers.values()].map((server) => structuredClone(server)),
      clientGrants: [...this.grants.values()].map((grant) => structuredClone(grant)),
    };
  }

  async createAction(input: ActionInput): Promise<ExistingAction> {
    this.writes.push(`create action ${input.name}`);
    const id = this.nextId("act");
    const action = {
      id,
      ...this.draft(input),
      all_changes_deployed: false,
      errors: [],
      deployed: false,
      polls: 0,
    };
    this.actions.set(id, action);
    return this.view(action);
  }

  async updateAction(id: string, input: ActionInput): Promise<ExistingAction> {
    this.writes.push(`update action ${input.name}`);
    const current = this.requireAction(id);
    const next = { ...current, ...this.draft(input), all_changes_deployed: false, polls: 0 };
    this.actions.set(id, next);
    return this.view(next);
  }

  async getAction(id: string): Promise<ExistingAction> {
    const action = this.requireAction(id);
    action.polls += 1;
    if (action.status === "pending" && action.polls >= this.pollsToBuild) action.status = "built";
    return this.view(action);
  }

  async deployAction(id: string): Promise<void> {
    const action = this.requireAction(id);
    if (action.status !== "built") throw new Error("A draft must be in the 'built' state before it can be deployed.");
    this.writes.push(`deploy action ${action.name}`);
    action.deployed = true;
    action.all_changes_deployed = true;
  }

  async setPostLoginBindings(bindings: Array<{ action_id: string; display_name: string }>): Promise<void> {
    this.writes.push(`bind ${bindings.map((binding) => binding.display_name).join(",")}`);
    this.bindings = bindings.map((binding) => {
      const action = this.requireAction(binding.action_id);
      if (!action.deployed) throw new Error("Trying to create a binding for an action that has not been deployed yet.");
      return { action_id: action.id, action_name: action.name, display_name: binding.display_name };
    });
  }

  async createClient(input: ClientInput): Promise<ExistingClient> {
    this.writes.push(`create client ${input.name}`);
    const client = {
      client_id: this.nextId("client"),
      client_secret: this.nextId("client-secret-value"),
      ...structuredClone(input),
    };
    this.clients.set(client.client_id, client);
    return structuredClone(client);
  }

  async updateClient(clientId: string, input: ClientInput): Promise<ExistingClient> {
    this.writes.push(`update client ${input.name}`);
    const current = this.clients.get(clientId);
    if (!current) throw new Error(`no client ${clientId}`);
    const next = { ...current, ...structuredClone(input) };
    this.clients.set(clientId, next);
    return structuredClone(next);
  }

  async createResourceServer(input: ResourceServerInput & { identifier: string }): Promise<ExistingResourceServer> {
    this.writes.push(`create api ${input.identifier}`);
    const server = { id: this.nextId("api"), ...structuredClone(input) };
    this.servers.set(server.id, server);
    return structuredClone(server);
  }

  async updateResourceServer(id: string, input: ResourceServerInput): Promise<ExistingResourceServer> {
    this.writes.push(`update api ${id}`);
    const current = this.servers.get(id);
    if (!current) throw new Error(`no api ${id}`);
    const next = { ...current, ...structuredClone(input) };
    this.servers.set(id, next);
    return structuredClone(next);
  }

  async createClientGrant(input: Omit<ExistingClientGrant, "id">): Promise<ExistingClientGrant> {
    this.writes.push(`create grant ${input.audience}`);
    const grant = { id: this.nextId("cgr"), ...structuredClone(input) };
    this.grants.set(grant.id, grant);
    return structuredClone(grant);
  }

  async updateClientGrant(id: string, scope: string[]): Promise<ExistingClientGrant> {
    this.writes.push(`update grant ${id}`);
    const current = this.grants.get(id);
    if (!current) throw new Error(`no grant ${id}`);
    const next = { ...current, scope: [...scope] };
    this.grants.set(id, next);
    return structuredClone(next);
  }

  /** As if someone had bound an Action by hand in the dashboard. */
  async addHandMadeAction(name: string): Promise<void> {
    const created = await this.createAction({
      name,
      code: "exports.onExecutePostLogin = async () => {};",
      runtime: "node22",
      dependencies: [],
      supported_triggers: [{ id: "post-login", version: "v3" }],
      secrets: [],
    });
    const action = this.requireAction(created.id);
    action.status = "built";
    action.deployed = true;
    action.all_changes_deployed = true;
    this.bindings.push({ action_id: created.id, action_name: name, display_name: name });
    this.writes.length = 0;
  }

  /** The value a secret has on the tenant: for assertions only, Auth0 offers no such thing. */
  secretValue(actionName: string, secretName: string): string | undefined {
    return [...this.actions.values()].find((action) => action.name === actionName)?.secretValues[secretName];
  }

  private draft(input: ActionInput) {
    this.sequence += 1;
    const updatedAt = new Date(Date.UTC(2026, 0, 1, 0, 0, this.sequence)).toISOString();
    return {
      name: input.name,
      code: input.code,
      runtime: input.runtime,
      dependencies: structuredClone(input.dependencies),
      supported_triggers: structuredClone(input.supported_triggers),
      secrets: input.secrets.map((secret) => ({ name: secret.name, updated_at: updatedAt })),
      secretValues: Object.fromEntries(input.secrets.map((secret) => [secret.name, secret.value])),
      status: "pending",
    };
  }

  private view(action: StoredAction): ExistingAction {
    const { secretValues: _values, deployed: _deployed, polls: _polls, ...visible } = action;
    return structuredClone(visible);
  }

  private requireAction(id: string) {
    const action = this.actions.get(id);
    if (!action) throw new Error(`That action does not exist: ${id}`);
    return action;
  }

  private nextId(prefix: string): string {
    this.sequence += 1;
    return `${prefix}-${this.sequence}`;
  }
}
