import { z } from "zod";
import { Collection } from "./collection";
import type { StoredActionVersion } from "./actions";

const versionRecordSchema = z.object({
  action_id: z.string(),
  id: z.string(),
  number: z.number().int().positive(),
  code: z.string(),
  dependencies: z.array(z.object({ name: z.string(), version: z.string(), registry_url: z.string().optional() })),
  runtime: z.string(),
  secrets: z.array(z.object({ name: z.string(), value: z.string(), updated_at: z.string() })),
  created_at: z.string(),
});

export type StoredVersionRecord = z.infer<typeof versionRecordSchema>;

/** Every version an Action was deployed as (`/actions/actions/{id}/versions`), kept for roll-back. */
export class ActionVersionStore {
  private constructor(private readonly versions: Collection<StoredVersionRecord>) {}

  static async open(dataDir: string): Promise<ActionVersionStore> {
    return new ActionVersionStore(await Collection.open(dataDir, "action-versions", versionRecordSchema, "id"));
  }

  /** Newest first. */
  list(actionId: string): StoredActionVersion[] {
    return this.versions
      .list()
      .filter((version) => version.action_id === actionId)
      .sort((a, b) => b.number - a.number)
      .map(({ action_id: _actionId, ...version }) => version);
  }

  get(actionId: string, versionId: string): StoredActionVersion | undefined {
    return this.list(actionId).find((version) => version.id === versionId);
  }

  async record(actionId: string, version: StoredActionVersion): Promise<void> {
    if (this.versions.get(version.id)) return;
    await this.versions.insert({ action_id: actionId, ...version });
  }

  async deleteFor(actionId: string): Promise<void> {
    for (const version of this.versions.list().filter((candidate) => candidate.action_id === actionId)) {
      await this.versions.remove(version.id);
    }
  }
}
