import { z } from "zod";
import { ACTION_LIMITS } from "../../../contract/action-limits";
import { ManagementApiError } from "../errors";
import type { HttpRequest } from "../http/request";
import { emptyReply, jsonReply, type Reply } from "../http/reply";
import type { StoredAction } from "../store/actions";
import type { Tenant } from "../tenant";
import { actionVersionView, actionView } from "./action-view";
import { authorizeManagement } from "./authorize-management";
import { pageOf, readPageRequest } from "./paginate";
import { notFound, readJsonBody } from "./validation";

const secretsSchema = z
  .array(
    z.strictObject({
      name: z.string().min(1).max(ACTION_LIMITS.secretNameCharacters),
      value: z.string().max(ACTION_LIMITS.secretValueCharacters),
    }),
  )
  .max(ACTION_LIMITS.secretsPerAction)
  .refine((secrets) => new Set(secrets.map((secret) => secret.name)).size === secrets.length, "secret names must be unique");
const triggersSchema = z
  .array(z.strictObject({ id: z.literal("post-login", "the local tenant runs post-login Actions only"), version: z.string() }))
  .length(1, "an Action supports exactly one trigger");
const codeSchema = z.string().refine((code) => Buffer.byteLength(code) <= ACTION_LIMITS.codeBytes, "the code exceeds 100 kB");
// npm's package-name rule (old, mixed-case names included); a version is a version, range or dist-tag, never a URL,
// path or git spec, since the tenant hands it to `npm install`.
const NPM_NAME = /^(?:@[a-z0-9-*~][a-z0-9-*._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/i;
const NPM_VERSION = /^[\w.+\-^~<>=|* ]+$/;
const dependenciesSchema = z
  .array(
    z.strictObject({
      name: z.string().max(214).regex(NPM_NAME, "must be an npm package name"),
      version: z.string().trim().min(1, "is required (a version, a range or a tag such as latest)").max(256).regex(NPM_VERSION, "must be an npm version, range or tag (no URL, path or git spec)"),
      registry_url: z.url({ protocol: /^https?$/ }).optional(),
    }),
  )
  .max(ACTION_LIMITS.dependencies, `an Action can have at most ${ACTION_LIMITS.dependencies} npm dependencies`)
  .refine((dependencies) => new Set(dependencies.map((dependency) => dependency.name)).size === dependencies.length, "each dependency must be named once");
const runtimeSchema = z.enum(["node18", "node18-actions", "node22"]);
const createSchema = z.strictObject({
  name: z.string().min(1).max(255),
  supported_triggers: triggersSchema,
  code: codeSchema.optional(),
  dependencies: dependenciesSchema.optional(),
  runtime: runtimeSchema.optional(),
  secrets: secretsSchema.optional(),
});
const patchSchema = createSchema.partial();

export const ACTION_NOT_FOUND = "That action does not exist.";

export async function listActions(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["read:actions"]);
  const { actionName, triggerId, deployed } = req.query;
  const matches = tenant.stores.actions.list().filter(
    (action) =>
      (actionName === undefined || action.name === actionName) &&
      (triggerId === undefined || action.supported_triggers.some((trigger) => trigger.id === triggerId)) &&
      (deployed === undefined || (deployed === "true") === (action.deployed_version !== undefined)),
  );
  const page = readPageRequest(req.query, 20);
  return jsonReply(200, { actions: pageOf(matches, page).map(actionView), total: matches.length, page: page.page, per_page: page.perPage });
}

export async function createAction(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["create:actions"]);
  const input = await readJsonBody(req, createSchema);
  const action = await tenant.stores.actions.create(input);
  tenant.log(`management API: action "${action.name}" created (${action.id}), building`);
  return jsonReply(201, actionView(action));
}

export async function getAction(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["read:actions"]);
  return jsonReply(200, actionView(requireAction(tenant, req)));
}

export async function patchAction(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["update:actions"]);
  const current = requireAction(tenant, req);
  const input = await readJsonBody(req, patchSchema);
  const action = await tenant.stores.actions.update(current.id, input);
  if (!action) throw notFound(ACTION_NOT_FOUND);
  tenant.log(`management API: action "${action.name}" updated, building`);
  return jsonReply(200, actionView(action));
}

/** A bound Action is only deleted with `force=true`, which also unbinds it. */
export async function deleteAction(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["delete:actions"]);
  const action = requireAction(tenant, req);
  if (tenant.stores.bindings.isBound(action.id)) {
    if (req.query.force !== "true") {
      throw new ManagementApiError(
        "action_bound",
        "The action is bound to the post-login trigger; unbind it first or pass force=true.",
        400,
      );
    }
    await tenant.stores.bindings.unbind(action.id);
  }
  await tenant.stores.actions.delete(action.id);
  await tenant.stores.actionVersions.deleteFor(action.id);
  tenant.log(`management API: action "${action.name}" deleted`);
  return emptyReply(204);
}

export async function deployAction(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["create:actions"]);
  const action = requireAction(tenant, req);
  const version = await tenant.stores.actions.deploy(action.id);
  const deployed = tenant.stores.actions.get(action.id);
  if (!version || !deployed) throw notFound(ACTION_NOT_FOUND);
  await tenant.stores.actionVersions.record(action.id, version);
  tenant.log(`management API: action "${action.name}" deployed as version ${version.number}`);
  return jsonReply(200, actionVersionView(deployed, version));
}

/** `GET /actions/actions/{actionId}/versions`: every deployed version, newest first, `{ versions, total, page, per_page }`. */
export async function listActionVersions(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["read:actions"]);
  const action = requireAction(tenant, req);
  const versions = tenant.stores.actionVersions.list(action.id);
  const page = readPageRequest(req.query, 20);
  return jsonReply(200, { versions: pageOf(versions, page).map((version) => actionVersionView(action, version)), total: versions.length, page: page.page, per_page: page.perPage });
}

export async function getActionVersion(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["read:actions"]);
  const action = requireAction(tenant, req);
  const version = tenant.stores.actionVersions.get(action.id, req.params.versionId ?? "");
  if (!version) throw notFound("That action version does not exist.", "inexistent_action_version");
  return jsonReply(200, actionVersionView(action, version));
}

/** Roll-back: `POST /actions/actions/{actionId}/versions/{id}/deploy` deploys a copy of that version as a new one. */
export async function deployActionVersion(tenant: Tenant, req: HttpRequest): Promise<Reply> {
  await authorizeManagement(tenant, req, ["create:actions"]);
  const action = requireAction(tenant, req);
  const earlier = tenant.stores.actionVersions.get(action.id, req.params.versionId ?? "");
  if (!earlier) throw notFound("That action version does not exist.", "inexistent_action_version");
  const version = await tenant.stores.actions.redeploy(action.id, earlier);
  const deployed = tenant.stores.actions.get(action.id);
  if (!version || !deployed) throw notFound(ACTION_NOT_FOUND);
  await tenant.stores.actionVersions.record(action.id, version);
  tenant.log(`management API: action "${action.name}" rolled back to version ${earlier.number}, deployed as version ${version.number}`);
  return jsonReply(200, actionVersionView(deployed, version));
}

function requireAction(tenant: Tenant, req: HttpRequest): StoredAction {
  const action = tenant.stores.actions.get(req.params.id ?? req.params.actionId ?? "");
  if (!action) throw notFound(ACTION_NOT_FOUND);
  return action;
}
