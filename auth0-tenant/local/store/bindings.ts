import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { z } from "zod";
import { JsonFile } from "./json-file";

const bindingSchema = z.object({
  id: z.string(),
  action_id: z.string(),
  display_name: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});
const fileSchema = z.object({ "post-login": z.array(bindingSchema) });

/** One Action bound to the post-login trigger; the list order is the execution order. */
export type StoredBinding = z.infer<typeof bindingSchema>;

export class BindingStore {
  private constructor(
    private readonly file: JsonFile<z.infer<typeof fileSchema>>,
    private bindings: StoredBinding[],
    private readonly now: () => number,
  ) {}

  static async open(dataDir: string, now: () => number): Promise<BindingStore> {
    const file = new JsonFile(join(dataDir, "bindings.json"), fileSchema);
    const data = await file.load();
    return new BindingStore(file, data?.["post-login"] ?? [], now);
  }

  postLogin(): StoredBinding[] {
    return [...this.bindings];
  }

  /** Replaces the whole ordered list; an Action already bound keeps its binding id and creation time. */
  async replacePostLogin(entries: Array<{ action_id: string; display_name: string }>): Promise<StoredBinding[]> {
    const timestamp = new Date(this.now()).toISOString();
    this.bindings = entries.map((entry) => {
      const existing = this.bindings.find((binding) => binding.action_id === entry.action_id);
      return {
        id: existing?.id ?? randomUUID(),
        action_id: entry.action_id,
        display_name: entry.display_name,
        created_at: existing?.created_at ?? timestamp,
        updated_at: timestamp,
      };
    });
    await this.file.save({ "post-login": this.bindings });
    return this.postLogin();
  }

  isBound(actionId: string): boolean {
    return this.bindings.some((binding) => binding.action_id === actionId);
  }

  async unbind(actionId: string): Promise<void> {
    if (!this.isBound(actionId)) return;
    this.bindings = this.bindings.filter((binding) => binding.action_id !== actionId);
    await this.file.save({ "post-login": this.bindings });
  }
}
