import path from "node:path";
import { ActionVersionStore } from "./action-versions";
import { ActionStore } from "./actions";
import { BindingStore } from "./bindings";
import { ClientGrantStore } from "./client-grants";
import { ClientStore, type StoredClient } from "./clients";
import { ConnectionStore } from "./connections";
import { DependencyCache } from "./dependency-cache";
import { GeoIpTable } from "./geoip-table";
import { SigningKeyStore } from "./keys";
import { openOpaqueTokenKey } from "./opaque-token-key";
import { RefreshTokenStore } from "./refresh-tokens";
import { ResourceServerStore } from "./resource-servers";
import { RoleStore } from "./roles";
import { ensureDemoUser, ensureManagementClient } from "./seed";
import { TenantSettingsStore } from "./tenant-settings";
import { TotpEnrollmentStore } from "./totp-enrollments";
import { UserStore } from "./users";

/** Everything the tenant persists under `dataDir`. */
export interface Stores {
  users: UserStore;
  clients: ClientStore;
  resourceServers: ResourceServerStore;
  clientGrants: ClientGrantStore;
  actions: ActionStore;
  actionVersions: ActionVersionStore;
  bindings: BindingStore;
  /** The application signing keys: current, next, previous and recently revoked. */
  signingKeys: SigningKeyStore;
  managementClient: StoredClient;
  /** Where logins come from (`event.request.geoip`), by IP address. */
  geoip: GeoIpTable;
  totpEnrollments: TotpEnrollmentStore;
  connections: ConnectionStore;
  tenantSettings: TenantSettingsStore;
  roles: RoleStore;
  /** The key of the opaque access tokens. */
  opaqueTokenKey: Uint8Array;
  /** Refresh-token families, by token hash. */
  refreshTokens: RefreshTokenStore;
}

/** Loads every file (a corrupt one fails here, naming it) and seeds what a first start needs. */
export async function openStores(options: {
  dataDir: string;
  now: () => number;
  buildDelayMs: number;
  /** Where Actions' npm dependencies are installed and kept (default `<dataDir>/action-dependencies`). */
  dependencyCacheDir?: string;
  /** npm's `--registry` for those installs; omitted, npm's own configuration decides. */
  npmRegistry?: string;
  log: (line: string) => void;
}): Promise<Stores> {
  const { dataDir, now, buildDelayMs, log } = options;
  const users = await UserStore.open(dataDir, now);
  const clients = await ClientStore.open(dataDir, now);
  const resourceServers = await ResourceServerStore.open(dataDir, now);
  const clientGrants = await ClientGrantStore.open(dataDir);
  const bindings = await BindingStore.open(dataDir, now);
  const signingKeys = await SigningKeyStore.open(dataDir, now);
  const opaqueTokenKey = await openOpaqueTokenKey(dataDir, now);
  const refreshTokens = await RefreshTokenStore.open(dataDir, now);
  const geoip = await GeoIpTable.open(dataDir);
  const totpEnrollments = await TotpEnrollmentStore.open(dataDir, now);
  const managementClient = await ensureManagementClient(clients, dataDir);
  await ensureDemoUser(users);
  const connections = await ConnectionStore.open(dataDir, () => clients.list().map((client) => client.client_id));
  const tenantSettings = await TenantSettingsStore.open(dataDir);
  const actionVersions = await ActionVersionStore.open(dataDir);
  const roles = await RoleStore.open(dataDir, users.list().flatMap((user) => user.roles ?? []));
  // Last, so that a failure above leaves no build timer running.
  const dependencies = new DependencyCache({
    dir: options.dependencyCacheDir ?? path.join(dataDir, "action-dependencies"),
    ...(options.npmRegistry ? { registry: options.npmRegistry } : {}),
  });
  const actions = await ActionStore.open({ dataDir, now, buildDelayMs, dependencies, log });
  return { users, clients, resourceServers, clientGrants, actions, bindings, signingKeys, managementClient, geoip, totpEnrollments, connections, tenantSettings, roles, actionVersions, opaqueTokenKey, refreshTokens };
}
