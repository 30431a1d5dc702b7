import { randomBytes } from "node:crypto";
import { z } from "zod";
import { TenantError } from "../errors";
import { Collection } from "./collection";

const roleSchema = z.object({ id: z.string(), name: z.string(), description: z.string() });

export type StoredRole = z.infer<typeof roleSchema>;

/**
 * The tenant's roles. A user holds roles by name (`event.authorization.roles`); every name a user already holds
 * is a role here, so the Management API's role ids and the Actions' role names always agree.
 */
export class RoleStore {
  private constructor(private readonly roles: Collection<StoredRole>) {}

  static async open(dataDir: string, namesInUse: string[]): Promise<RoleStore> {
    const store = new RoleStore(await Collection.open(dataDir, "roles", roleSchema, "id"));
    for (const name of new Set(namesInUse)) {
      if (!store.findByName(name)) await store.create({ name, description: name });
    }
    return store;
  }

  list(): StoredRole[] {
    return this.roles.list();
  }

  get(id: string): StoredRole | undefined {
    return this.roles.get(id);
  }

  findByName(name: string): StoredRole | undefined {
    return this.roles.find((role) => role.name === name);
  }

  /** Throws `role_exists` (409) when the name is taken, as Auth0 does. */
  async create(input: { name: string; description?: string }): Promise<StoredRole> {
    if (this.findByName(input.name)) throw new TenantError("role_exists", "Role already exists.", 409);
    const id = `rol_${randomBytes(12).toString("base64url").replace(/[-_]/g, "0").slice(0, 16)}`;
    return this.roles.insert({ id, name: input.name, description: input.description ?? input.name });
  }
}
