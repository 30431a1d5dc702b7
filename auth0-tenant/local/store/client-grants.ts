import { randomBytes } from "node:crypto";
import { z } from "zod";
import { TenantError } from "../errors";
import { Collection } from "./collection";

const clientGrantSchema = z.object({
  id: z.string(),
  client_id: z.string(),
  audience: z.string(),
  scope: z.array(z.string()),
});

/** Permission for a client to obtain client-credentials tokens for one audience, with these scopes. */
export type StoredClientGrant = z.infer<typeof clientGrantSchema>;

export class ClientGrantStore {
  private constructor(private readonly grants: Collection<StoredClientGrant>) {}

  static async open(dataDir: string): Promise<ClientGrantStore> {
    return new ClientGrantStore(await Collection.open(dataDir, "client-grants", clientGrantSchema, "id"));
  }

  list(): StoredClientGrant[] {
    return this.grants.list();
  }

  get(id: string): StoredClientGrant | undefined {
    return this.grants.get(id);
  }

  find(clientId: string, audience: string): StoredClientGrant | undefined {
    return this.grants.find((grant) => grant.client_id === clientId && grant.audience === audience);
  }

  async create(input: Omit<StoredClientGrant, "id">): Promise<StoredClientGrant> {
    if (this.find(input.client_id, input.audience)) {
      throw new TenantError("conflict", "A client grant already exists for this client and audience", 409);
    }
    return this.grants.insert({ id: `cgr_${randomBytes(12).toString("hex")}`, ...input });
  }

  async updateScope(id: string, scope: string[]): Promise<StoredClientGrant | undefined> {
    const current = this.grants.get(id);
    return current ? this.grants.replace(id, { ...current, scope }) : undefined;
  }

  delete(id: string): Promise<boolean> {
    return this.grants.remove(id);
  }

  /** Grants die with their client. */
  async deleteForClient(clientId: string): Promise<void> {
    for (const grant of this.grants.list().filter((candidate) => candidate.client_id === clientId)) {
      await this.grants.remove(grant.id);
    }
  }

  /** Grants die with their API. */
  async deleteForAudience(audience: string): Promise<void> {
    for (const grant of this.grants.list().filter((candidate) => candidate.audience === audience)) {
      await this.grants.remove(grant.id);
    }
  }
}
