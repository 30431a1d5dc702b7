import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { DeployedAction } from "../actions-runtime/types";
import { TenantError } from "../errors";
import { buildAction } from "./action-build";
import { Collection } from "./collection";
import type { ActionDependency, DependencyCache } from "./dependency-cache";

const secretSchema = z.object({ name: z.string(), value: z.string(), updated_at: z.string() });
const dependencySchema = z.object({ name: z.string(), version: z.string(), registry_url: z.string().optional() }) satisfies z.ZodType<ActionDependency>;
const triggerSchema = z.object({ id: z.string(), version: z.string() });

const versionSchema = z.object({
  id: z.string(),
  number: z.number().int().positive(),
  code: z.string(),
  dependencies: z.array(dependencySchema),
  runtime: z.string(),
  secrets: z.array(secretSchema),
  created_at: z.string(),
});

const actionSchema = z.object({
  id: z.string(),
  name: z.string(),
  supported_triggers: z.array(triggerSchema),
  code: z.string(),
  dependencies: z.array(dependencySchema),
  runtime: z.string(),
  secrets: z.array(secretSchema),
  status: z.enum(["pending", "building", "built", "failed"]),
  build_error: z.string().optional(),
  built_at: z.string().optional(),
  all_changes_deployed: z.boolean(),
  deployed_version: versionSchema.optional(),
  version_count: z.number().int().nonnegative(),
  created_at: z.string(),
  updated_at: z.string(),
});

/** An Action: its draft (code, secrets with values, build status) and the version last deployed, if any. */
export type StoredAction = z.infer<typeof actionSchema>;
export type StoredActionVersion = z.infer<typeof versionSchema>;
export type ActionSecretInput = { name: string; value: string };

export interface ActionDraftInput {
  name?: string;
  supported_triggers?: Array<{ id: string; version: string }>;
  code?: string;
  dependencies?: ActionDependency[];
  runtime?: string;
  /** Replaces the whole set when given. */
  secrets?: ActionSecretInput[];
}

const NOT_BUILT_MESSAGE = "A draft must be in the 'built' state before it can be deployed.";

export class ActionStore {
  private readonly builds = new Map<string, NodeJS.Timeout>();

  private constructor(
    private readonly actions: Collection<StoredAction>,
    private readonly now: () => number,
    private readonly buildDelayMs: number,
    private readonly dependencies: DependencyCache,
    private readonly log: (line: string) => void,
  ) {}

  private closed = false;

  static async open(options: {
    dataDir: string;
    now: () => number;
    buildDelayMs: number;
    dependencies: DependencyCache;
    log: (line: string) => void;
  }): Promise<ActionStore> {
    const { dataDir, now, buildDelayMs, dependencies, log } = options;
    const collection = await Collection.open(dataDir, "actions", actionSchema, "id");
    const store = new ActionStore(collection, now, buildDelayMs, dependencies, log);
    // A build cut short by a stop (pending, or building when npm was stopped) starts again.
    for (const action of store.list().filter((candidate) => candidate.status === "pending" || candidate.status === "building")) {
      store.scheduleBuild(action);
    }
    return store;
  }

  list(): StoredAction[] {
    return this.actions.list();
  }

  get(id: string): StoredAction | undefined {
    return this.actions.get(id);
  }

  findByName(name: string): StoredAction | undefined {
    return this.actions.find((action) => action.name === name);
  }

  async create(input: ActionDraftInput & { name: string; supported_triggers: StoredAction["supported_triggers"] }) {
    this.assertNameFree(input.name);
    const timestamp = this.isoNow();
    const action = await this.actions.insert({
      id: randomUUID(),
      name: input.name,
      supported_triggers: input.supported_triggers,
      code: input.code ?? "",
      dependencies: input.dependencies ?? [],
      runtime: input.runtime ?? "node22",
      secrets: (input.secrets ?? []).map((secret) => ({ ...secret, updated_at: timestamp })),
      status: "pending",
      all_changes_deployed: false,
      version_count: 0,
      created_at: timestamp,
      updated_at: timestamp,
    });
    this.scheduleBuild(action);
    return action;
  }

  /** A changed draft goes back to `pending`; the deployed version keeps running until the next deploy. */
  async update(id: string, input: ActionDraftInput): Promise<StoredAction | undefined> {
    const current = this.actions.get(id);
    if (!current) return undefined;
    if (input.name !== undefined && input.name !== current.name) this.assertNameFree(input.name);
    const timestamp = this.isoNow();
    const { build_error: _previousError, built_at: _previousBuild, ...rest } = current;
    const next: StoredAction = {
      ...rest,
      name: input.name ?? current.name,
      supported_triggers: input.supported_triggers ?? current.supported_triggers,
      code: input.code ?? current.code,
      dependencies: input.dependencies ?? current.dependencies,
      runtime: input.runtime ?? current.runtime,
      secrets: input.secrets
        ? input.secrets.map((secret) => ({ ...secret, updated_at: timestamp }))
        : current.secrets,
      status: "pending",
      all_changes_deployed: false,
      updated_at: timestamp,
    };
    await this.actions.replace(id, next);
    this.scheduleBuild(next);
    return next;
  }

  async delete(id: string): Promise<boolean> {
    this.cancelBuild(id);
    return this.actions.remove(id);
  }

  /** Copies the built draft (code and secrets) into a new deployed version. */
  async deploy(id: string): Promise<StoredActionVersion | undefined> {
    const current = this.actions.get(id);
    if (!current) return undefined;
    if (current.status !== "built") throw new TenantError("invalid_action_state", NOT_BUILT_MESSAGE, 400);
    const version: StoredActionVersion = {
      id: randomUUID(),
      number: current.version_count + 1,
      code: current.code,
      dependencies: current.dependencies,
      runtime: current.runtime,
      secrets: current.secrets,
      created_at: this.isoNow(),
    };
    await this.actions.replace(id, {
      ...current,
      deployed_version: version,
      version_count: version.number,
      all_changes_deployed: true,
    });
    return version;
  }

  /**
   * Auth0's roll-back: a new deployed version identical to an earlier one (code, dependencies, secrets); the draft
   * is left as it is, so `all_changes_deployed` turns false unless the draft equals it.
   */
  async redeploy(id: string, earlier: StoredActionVersion): Promise<StoredActionVersion | undefined> {
    const current = this.actions.get(id);
    if (!current) return undefined;
    const version: StoredActionVersion = { ...earlier, id: randomUUID(), number: current.version_count + 1, created_at: this.isoNow() };
    const draftMatches = current.code === earlier.code && JSON.stringify(current.secrets) === JSON.stringify(earlier.secrets);
    await this.actions.replace(id, { ...current, deployed_version: version, version_count: version.number, all_changes_deployed: draftMatches });
    return version;
  }

  /** The deployed version in the shape the runtime runs, or `undefined` if never deployed. */
  deployed(id: string): DeployedAction | undefined {
    const action = this.actions.get(id);
    const version = action?.deployed_version;
    if (!action || !version) return undefined;
    return {
      id: action.id,
      name: action.name,
      code: version.code,
      secrets: Object.fromEntries(version.secrets.map((secret) => [secret.name, secret.value])),
      dependencies: Object.fromEntries(version.dependencies.map((dependency) => [dependency.name, this.dependencies.locate(dependency)])),
    };
  }

  /** Stops pending build timers and running installs (on server close); nothing is written after. */
  close(): void {
    this.closed = true;
    for (const id of [...this.builds.keys()]) this.cancelBuild(id);
    this.dependencies.close();
  }

  private scheduleBuild(action: StoredAction): void {
    this.cancelBuild(action.id);
    const draftUpdatedAt = action.updated_at;
    const timer = setTimeout(() => {
      this.builds.delete(action.id);
      void this.finishBuild(action.id, draftUpdatedAt);
    }, this.buildDelayMs);
    timer.unref();
    this.builds.set(action.id, timer);
  }

  private cancelBuild(id: string): void {
    const timer = this.builds.get(id);
    if (timer) clearTimeout(timer);
    this.builds.delete(id);
  }

  /** `pending` → `building` (while npm installs) → `built` or `failed`, unless a newer draft replaced this one. */
  private async finishBuild(id: string, draftUpdatedAt: string): Promise<void> {
    const isCurrent = (action: StoredAction | undefined): action is StoredAction =>
      !this.closed && action !== undefined && action.updated_at === draftUpdatedAt;
    const draft = this.actions.get(id);
    if (!isCurrent(draft) || (draft.status !== "pending" && draft.status !== "building")) return;
    if (draft.status === "pending") await this.actions.replace(id, { ...draft, status: "building" }).catch(() => undefined);
    const buildError = await buildAction(draft, this.dependencies);
    const current = this.actions.get(id);
    if (!isCurrent(current) || current.status !== "building") return;
    const next: StoredAction = buildError
      ? { ...current, status: "failed", build_error: buildError }
      : { ...current, status: "built", built_at: this.isoNow() };
    this.log(buildError ? `action "${current.name}" build failed: ${buildError}` : `action "${current.name}" built`);
    await this.actions.replace(id, next).catch(() => undefined);
  }

  private assertNameFree(name: string): void {
    if (this.findByName(name)) {
      throw new TenantError("action_conflict", `An action with the name '${name}' already exists.`, 409);
    }
  }

  private isoNow(): string {
    return new Date(this.now()).toISOString();
  }
}
