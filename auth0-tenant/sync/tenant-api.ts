/**
 * What the sync needs from a tenant, in Auth0's own field names. `management-tenant-api.ts` implements it with the
 * `auth0` SDK's ManagementClient; tests implement it in memory. Only the fields the sync manages are read.
 */

export interface ExistingAction {
  id: string;
  name: string;
  /** The draft's code (what the next deploy would run). */
  code: string;
  runtime: string;
  dependencies: Array<{ name: string; version: string }>;
  supported_triggers: Array<{ id: string; version: string }>;
  /** Auth0 never returns secret values. */
  secrets: Array<{ name: string; updated_at?: string }>;
  status: string;
  /** False when the draft differs from the deployed version (or nothing was ever deployed). */
  all_changes_deployed: boolean;
  /** Build errors of a failed draft, when the tenant reports them. */
  errors: string[];
}

export interface ExistingBinding {
  action_id: string;
  action_name: string;
  display_name: string;
}

export interface ExistingClient {
  client_id: string;
  name: string;
  app_type?: string;
  callbacks: string[];
  allowed_logout_urls: string[];
  web_origins: string[];
  grant_types: string[];
  token_endpoint_auth_method?: string;
  client_metadata: Record<string, string>;
  /** Only when the credentials may read it (Auth0: `read:client_keys`). */
  client_secret?: string;
}

export interface ExistingResourceServer {
  id: string;
  identifier: string;
  name: string;
  scopes: Array<{ value: string; description: string }>;
  signing_alg?: string;
}

export interface ExistingClientGrant {
  id: string;
  client_id: string;
  audience: string;
  scope: string[];
}

/** Everything on the tenant that the sync compares with the desired state. */
export interface TenantSnapshot {
  actions: ExistingAction[];
  /** In execution order. */
  postLoginBindings: ExistingBinding[];
  clients: ExistingClient[];
  resourceServers: ExistingResourceServer[];
  clientGrants: ExistingClientGrant[];
}

export interface ActionInput {
  name: string;
  code: string;
  runtime: string;
  dependencies: Array<{ name: string; version: string }>;
  supported_triggers: Array<{ id: string; version: string }>;
  /** Replaces the Action's whole set of secrets. */
  secrets: Array<{ name: string; value: string }>;
}

export interface ClientInput {
  name: string;
  app_type: string;
  callbacks: string[];
  allowed_logout_urls: string[];
  web_origins: string[];
  grant_types: string[];
  token_endpoint_auth_method: string;
  client_metadata: Record<string, string>;
}

export interface ResourceServerInput {
  name: string;
  scopes: Array<{ value: string; description: string }>;
  signing_alg: string;
}

export interface TenantApi {
  readSnapshot(): Promise<TenantSnapshot>;
  createAction(input: ActionInput): Promise<ExistingAction>;
  updateAction(id: string, input: ActionInput): Promise<ExistingAction>;
  getAction(id: string): Promise<ExistingAction>;
  deployAction(id: string): Promise<void>;
  /** Replaces the complete ordered list of post-login bindings. */
  setPostLoginBindings(bindings: Array<{ action_id: string; display_name: string }>): Promise<void>;
  createClient(input: ClientInput): Promise<ExistingClient>;
  updateClient(clientId: string, input: ClientInput): Promise<ExistingClient>;
  createResourceServer(input: ResourceServerInput & { identifier: string }): Promise<ExistingResourceServer>;
  updateResourceServer(id: string, input: ResourceServerInput): Promise<ExistingResourceServer>;
  createClientGrant(input: { client_id: string; audience: string; scope: string[] }): Promise<ExistingClientGrant>;
  updateClientGrant(id: string, scope: string[]): Promise<ExistingClientGrant>;
}
