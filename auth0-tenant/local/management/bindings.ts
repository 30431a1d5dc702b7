import { z } from "zod";
import { ManagementApiError } from "../errors";
import type { HttpRequest } from "../http/request";
import { jsonReply, type Reply } from "../http/reply";
import type { StoredAction } from "../store/actions";
import type { StoredBinding } from "../store/bindings";
import type { Tenant } from "../tenant";
import { ACTION_NOT_FOUND } from "./actions";
import { authorizeManagement } from "./authorize-management";
import { notFound, readJsonBody } from "./validation";

/** Auth0's entity limit: 20 Actions bound per trigger. */
const MAX_BINDINGS = 20;

const patchSchema = z.strictObject({
  bindings: z.array(
    z.strictObject({
      ref: z.strictObject({ type: z.enum(["action_id", "action_name", "binding_id"]), value: z.string().min(1) }),
      display_name: z.string().min(1).optional(),
      // Binding-level secrets exist for Marketplace integrations; accepted and not used here.
      secrets: z.array(z.strictObject({ name: z.string(), value: z.string() })).optional(),
    }),
  ),
});

const NOT_DEPLOYED_MESSAGE = "Trying to create a binding for an action that has not been deployed yet.";

/** The triggers Auth0 lists; the local tenant runs `post-login` only, the others are listed as on a new tenant. */
const TRIGGERS = [
  { id: "post-login", version: "v3", status: "CURRENT", runtimes: ["node18-actions", "node22"], default_runtime: "node22", compatible_triggers: [] },
  { id: "credentials-exchange", version: "v2", status: "CURRENT", runtimes: ["node18-actions", "node22"], default_runtime: "node22", compatible_triggers: [] },
  { id: "pre-user-registration", version: "v2", status: "CURRENT", runtimes: ["node18-actions", "node22"], default_runtime: "node22", compatible_triggers: [] },
  { id: "post-user-registration", version: "v2", status: "CURRENT", runtimes: ["node18-actions", "node22"], default_runtime: "node22", compatible_triggers: [] },
  { id: "post-change-password", version: "v2", status: "CURRENT", runtimes: ["node18-actions", "node22"], default_runtime: "node22", compatible_triggers: [] },
  { id: "send-phone-message", version: "v2", status: "CURRENT", runtimes: ["node18-actions", "node22"], default_runtime: "node22", compatible_triggers: [] },
  { id: "password-reset-post-challenge", version: "v1", status: "CURRENT", runtimes: ["node18-actions", "node22"], default_runtime: "node22", compatible_triggers: [] },
];

export async function listTriggers(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["read:actions"]);
  return jsonReply(200, { triggers: structuredClone(TRIGGERS) });
}

/** The triggers the local tenant does not run have no bindings, as on a new tenant; an unknown trigger is a 404. */
export async function getOtherTriggerBindings(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["read:actions"]);
  if (!TRIGGERS.some((trigger) => trigger.id === req.params.triggerId)) throw notFound("That trigger does not exist.", "inexistent_trigger");
  return jsonReply(200, { bindings: [], total: 0, per_page: MAX_BINDINGS, page: 0 });
}

export async function getPostLoginBindings(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["read:actions"]);
  const bindings = tenant.stores.bindings.postLogin().map((binding) => bindingView(tenant, binding));
  return jsonReply(200, { bindings, total: bindings.length, per_page: MAX_BINDINGS, page: 0 });
}

/** Replaces the whole ordered list; every Action must exist, support post-login, and have been deployed. */
export async function patchPostLoginBindings(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["update:actions"]);
  const { bindings } = await readJsonBody(req, patchSchema);
  if (bindings.length > MAX_BINDINGS) {
    throw new ManagementApiError("too_many_bindings", `A trigger can have at most ${MAX_BINDINGS} bound actions.`, 400);
  }
  const entries = bindings.map((binding) => {
    const action = resolveAction(tenant, binding.ref);
    if (!action.supported_triggers.some((trigger) => trigger.id === "post-login")) {
      throw new ManagementApiError("invalid_trigger", `The action "${action.name}" does not support the post-login trigger.`, 400);
    }
    if (!action.deployed_version) throw new ManagementApiError("action_not_deployed", NOT_DEPLOYED_MESSAGE, 400);
    return { action_id: action.id, display_name: binding.display_name ?? action.name };
  });
  if (new Set(entries.map((entry) => entry.action_id)).size !== entries.length) {
    throw new ManagementApiError("duplicate_binding", "An action can be bound to a trigger only once.", 400);
  }
  const saved = await tenant.stores.bindings.replacePostLogin(entries);
  tenant.log(`management API: post-login bindings set to [${saved.map((binding) => binding.display_name).join(", ")}]`);
  return jsonReply(200, { bindings: saved.map((binding) => bindingView(tenant, binding)) });
}

function resolveAction(tenant: Tenant, ref: { type: "action_id" | "action_name" | "binding_id"; value: string }): StoredAction {
  const { actions, bindings } = tenant.stores;
  const action =
    ref.type === "action_id"
      ? actions.get(ref.value)
      : ref.type === "action_name"
        ? actions.findByName(ref.value)
        : actions.get(bindings.postLogin().find((binding) => binding.id === ref.value)?.action_id ?? "");
  if (!action) throw notFound(`${ACTION_NOT_FOUND} (${ref.type}: ${ref.value})`);
  return action;
}

function bindingView(tenant: Tenant, binding: StoredBinding) {
  const action = tenant.stores.actions.get(binding.action_id);
  return {
    id: binding.id,
    trigger_id: "post-login",
    display_name: binding.display_name,
    action: action
      ? {
          id: action.id,
          name: action.name,
          supported_triggers: action.supported_triggers,
          all_changes_deployed: action.all_changes_deployed,
          created_at: action.created_at,
          updated_at: action.updated_at,
        }
      : { id: binding.action_id },
    created_at: binding.created_at,
    updated_at: binding.updated_at,
  };
}
