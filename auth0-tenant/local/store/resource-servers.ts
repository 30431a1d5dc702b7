import { randomBytes } from "node:crypto";
import { z } from "zod";
import { TenantError } from "../errors";
import { Collection } from "./collection";

const resourceServerSchema = z.object({
  id: z.string(),
  identifier: z.string(),
  name: z.string(),
  scopes: z.array(z.object({ value: z.string(), description: z.string() })),
  signing_alg: z.literal("RS256"),
  token_lifetime: z.number().int().positive(),
  allow_offline_access: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});

export type StoredResourceServer = z.infer<typeof resourceServerSchema>;
export type NewResourceServer = Partial<Omit<StoredResourceServer, "id" | "created_at" | "updated_at">> & {
  identifier: string;
};
export type ResourceServerChanges = Partial<Omit<StoredResourceServer, "id" | "identifier" | "created_at" | "updated_at">>;

export class ResourceServerStore {
  private constructor(
    private readonly servers: Collection<StoredResourceServer>,
    private readonly now: () => number,
  ) {}

  static async open(dataDir: string, now: () => number): Promise<ResourceServerStore> {
    return new ResourceServerStore(await Collection.open(dataDir, "resource-servers", resourceServerSchema, "id"), now);
  }

  list(): StoredResourceServer[] {
    return this.servers.list();
  }

  /** By id or by identifier (the Management API accepts either). */
  get(idOrIdentifier: string): StoredResourceServer | undefined {
    return this.servers.find((server) => server.id === idOrIdentifier || server.identifier === idOrIdentifier);
  }

  findByIdentifier(identifier: string): StoredResourceServer | undefined {
    return this.servers.find((server) => server.identifier === identifier);
  }

  async create(input: NewResourceServer): Promise<StoredResourceServer> {
    if (this.findByIdentifier(input.identifier)) {
      throw new TenantError("resource_server_conflict", "A resource server with the same identifier already exists", 409);
    }
    const timestamp = new Date(this.now()).toISOString();
    return this.servers.insert({
      id: randomBytes(12).toString("hex"),
      identifier: input.identifier,
      name: input.name ?? input.identifier,
      scopes: input.scopes ?? [],
      signing_alg: "RS256",
      token_lifetime: input.token_lifetime ?? 86400,
      allow_offline_access: input.allow_offline_access ?? false,
      created_at: timestamp,
      updated_at: timestamp,
    });
  }

  async update(idOrIdentifier: string, changes: ResourceServerChanges): Promise<StoredResourceServer | undefined> {
    const current = this.get(idOrIdentifier);
    if (!current) return undefined;
    const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    return this.servers.replace(current.id, {
      ...current,
      ...defined,
      updated_at: new Date(this.now()).toISOString(),
    });
  }

  delete(id: string): Promise<boolean> {
    return this.servers.remove(id);
  }
}
