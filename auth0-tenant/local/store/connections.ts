import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { z } from "zod";
import { JsonFile } from "./json-file";
import { DATABASE_CONNECTION } from "./users";

const connectionSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  strategy: z.literal("auth0"),
  display_name: z.string().optional(),
  options: z.record(z.string(), z.unknown()),
  enabled_clients: z.array(z.string()),
  realms: z.array(z.string()),
  is_domain_connection: z.boolean(),
});
const fileSchema = z.object({ connections: z.array(connectionSchema) });

export type StoredConnection = z.infer<typeof connectionSchema>;
/** What a PATCH may change (`id`, `name` and `strategy` are read-only on Auth0). */
export type ConnectionChanges = Partial<Omit<StoredConnection, "id" | "name" | "strategy">>;

/** The options of a new tenant's `Username-Password-Authentication`. */
const DEFAULT_OPTIONS = {
  mfa: { active: true, return_enroll_settings: true },
  passwordPolicy: "good",
  strategy_version: 2,
  brute_force_protection: true,
  authentication_methods: { password: { enabled: true }, passkey: { enabled: false } },
};

/**
 * The tenant's one connection: the database connection a new Auth0 tenant has, where its users live. Its options
 * and enabled clients are kept and returned as given; the login page does not apply them.
 */
export class ConnectionStore {
  private constructor(
    private readonly file: JsonFile<z.infer<typeof fileSchema>>,
    private readonly connections: StoredConnection[],
  ) {}

  static async open(dataDir: string, clientIds: () => string[]): Promise<ConnectionStore> {
    const file = new JsonFile(join(dataDir, "connections.json"), fileSchema);
    const data = await file.load();
    const store = new ConnectionStore(file, data?.connections ?? []);
    if (store.connections.length === 0) {
      store.connections.push({
        id: `con_${randomBytes(12).toString("base64url").replace(/[-_]/g, "0").slice(0, 16)}`,
        name: DATABASE_CONNECTION,
        strategy: "auth0",
        options: structuredClone(DEFAULT_OPTIONS),
        enabled_clients: clientIds(),
        realms: [DATABASE_CONNECTION],
        is_domain_connection: false,
      });
      await store.persist();
    }
    return store;
  }

  list(): StoredConnection[] {
    return structuredClone(this.connections);
  }

  get(id: string): StoredConnection | undefined {
    const found = this.connections.find((connection) => connection.id === id);
    return found && structuredClone(found);
  }

  /** Top-level fields replace, as Auth0's PATCH does (`options` is replaced whole). */
  async update(id: string, changes: ConnectionChanges): Promise<StoredConnection | undefined> {
    const index = this.connections.findIndex((connection) => connection.id === id);
    const current = this.connections[index];
    if (!current) return undefined;
    const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    this.connections[index] = { ...current, ...defined };
    await this.persist();
    return this.get(id);
  }

  /** `PATCH /connections/{id}/clients`: each `{client_id, status}` enables or disables that client. */
  async setEnabledClients(id: string, changes: Array<{ client_id: string; status: boolean }>): Promise<boolean> {
    const current = this.connections.find((connection) => connection.id === id);
    if (!current) return false;
    const enabled = new Set(current.enabled_clients);
    for (const change of changes) {
      if (change.status) enabled.add(change.client_id);
      else enabled.delete(change.client_id);
    }
    current.enabled_clients = [...enabled];
    await this.persist();
    return true;
  }

  /** A new client is enabled on the database connection, as a new application is on Auth0's default connection. */
  async enableClientEverywhere(clientId: string): Promise<void> {
    for (const connection of this.connections) {
      if (!connection.enabled_clients.includes(clientId)) connection.enabled_clients.push(clientId);
    }
    await this.persist();
  }

  async removeClient(clientId: string): Promise<void> {
    for (const connection of this.connections) {
      connection.enabled_clients = connection.enabled_clients.filter((id) => id !== clientId);
    }
    await this.persist();
  }

  private persist(): Promise<void> {
    return this.file.save({ connections: this.connections });
  }
}
