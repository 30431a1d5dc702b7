/**
 * What the tenant should hold for this product, as plain data: the one description that `npm run tenant:sync`
 * pushes to a real Auth0 tenant and `npm run dev` pushes to the local tenant.
 *
 * Each resource carries the key the sync finds it by on the tenant: an Action by its name, a client by the
 * `tenant_sync_key` in its `client_metadata`, an API by its identifier, a grant by client and audience.
 */
export interface DesiredState {
  actions: DesiredAction[];
  /** The post-login Actions by name, in execution order. */
  postLoginBindings: string[];
  clients: DesiredClient[];
  resourceServers: DesiredResourceServer[];
  clientGrants: DesiredClientGrant[];
}

/** A secret whose value is known when the desired state is built. Never print it. */
export interface LiteralSecret {
  name: string;
  value: string;
}

/**
 * A secret whose value is a credential of a client of this desired state, known only once the sync has found or
 * created that client (a created client gets its id and secret from the tenant).
 */
export interface ClientCredentialSecret {
  name: string;
  fromClient: { key: string; field: "client_id" | "client_secret" };
}

export type ActionSecret = LiteralSecret | ClientCredentialSecret;

export interface DesiredAction {
  name: string;
  /** The TypeScript source; the sync deploys its bundle (`bundleAction`). */
  sourceFile: string;
  runtime: "node22";
  trigger: { id: "post-login"; version: "v3" };
  /** Values included: never print them. */
  secrets: ActionSecret[];
  dependencies: Array<{ name: string; version: string }>;
}

export type AppType = "regular_web" | "non_interactive";
export type GrantType = "authorization_code" | "refresh_token" | "client_credentials";

export interface DesiredClient {
  /** Stored in the client's `client_metadata.tenant_sync_key`, so a rename does not create a second client. */
  key: string;
  name: string;
  app_type: AppType;
  callbacks: string[];
  allowed_logout_urls: string[];
  web_origins: string[];
  grant_types: GrantType[];
  token_endpoint_auth_method: "client_secret_post";
}

export interface DesiredResourceServer {
  identifier: string;
  name: string;
  scopes: Array<{ value: string; description: string }>;
  signing_alg: "RS256";
}

export interface DesiredClientGrant {
  /** The `key` of a client of this desired state. */
  clientKey: string;
  audience: string;
  scope: string[];
}
