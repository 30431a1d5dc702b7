import type { LiteralSecret } from "../tenant/desired-state-types";
import { resolveSecrets } from "./client-secrets";
import { SyncError } from "./errors";
import { ManagementApiFailure } from "./management-call";
import type { ActionPlan, Plan } from "./plan-types";
import type { ExistingAction, ExistingClient, TenantApi } from "./tenant-api";
import { type BuildWaitPolicy, waitUntilBuilt } from "./wait-until-built";

export interface ApplyContext {
  api: TenantApi;
  wait: BuildWaitPolicy;
  log: (line: string) => void;
  /** Called once an Action's secrets are on the tenant and built, before anything else can fail. */
  onSecretsApplied: (action: ExistingAction, secrets: LiteralSecret[]) => Promise<void>;
}

export interface ApplyResult {
  /** Every managed client after the sync, by desired key (with its secret when the tenant returned it). */
  clients: ReadonlyMap<string, ExistingClient>;
}

/** Races Auth0 is known for right after a build or a deploy (eventual consistency): worth a short wait. */
const NOT_BUILT_YET = /must be in the 'built' state/i;
const NOT_DEPLOYED_YET = /not been deployed yet/i;
const RACE_ATTEMPTS = 15;
const RACE_DELAY_MS = 2_000;

/**
 * Carries out a plan in dependency order: APIs, clients, grants, then Actions (create or update, wait until built,
 * deploy), then the complete post-login binding list. Nothing is deleted.
 */
export async function applyPlan(plan: Plan, context: ApplyContext): Promise<ApplyResult> {
  const { api, log } = context;

  for (const server of plan.resourceServers) {
    if (server.kind === "create") {
      log(`creating API ${server.identifier}`);
      await api.createResourceServer({ ...server.input, identifier: server.identifier });
    } else if (server.kind === "update" && server.existing) {
      log(`updating API ${server.identifier}`);
      await api.updateResourceServer(server.existing.id, server.input);
    }
  }

  const clients = new Map<string, ExistingClient>();
  for (const client of plan.clients) {
    if (client.kind === "create") {
      log(`creating client ${client.name}`);
      clients.set(client.key, await api.createClient(client.input));
    } else if (client.existing) {
      if (client.kind === "update") log(`updating client ${client.name}`);
      const result =
        client.kind === "update" ? await api.updateClient(client.existing.client_id, client.input) : client.existing;
      const secret = result.client_secret ?? client.existing.client_secret;
      clients.set(client.key, { ...result, ...(secret === undefined ? {} : { client_secret: secret }) });
    }
  }

  for (const grant of plan.clientGrants) {
    if (grant.kind === "create") {
      const clientId = clients.get(grant.clientKey)?.client_id;
      if (!clientId) throw new SyncError("ERR_SYNC_DESIRED_STATE", `No client ${grant.clientKey} to grant access to.`);
      log(`granting ${grant.clientName} access to ${grant.audience}`);
      await api.createClientGrant({ client_id: clientId, audience: grant.audience, scope: grant.scope });
    } else if (grant.kind === "update" && grant.existing) {
      log(`updating the grant of ${grant.clientName} to ${grant.audience}`);
      await api.updateClientGrant(grant.existing.id, grant.scope);
    }
  }

  const actionIds = new Map(
    plan.actions.flatMap((action) => (action.existing ? [[action.name, action.existing.id] as const] : [])),
  );
  const drafts = await createOrUpdateActions(plan.actions, clients, context);
  for (const draft of drafts) actionIds.set(draft.action.name, draft.action.id);
  await Promise.all(
    drafts.map(async ({ action, secrets }) => {
      log(`waiting for Action ${action.name} to build`);
      const built = await waitUntilBuilt(api, action, context.wait);
      if (secrets) await context.onSecretsApplied(built, secrets);
      await retryRace(NOT_BUILT_YET, () => api.deployAction(built.id), context.wait);
      log(`deployed Action ${action.name}`);
    }),
  );

  if (plan.bindings.kind === "update") {
    const bindings = plan.bindings.next.map((binding) => ({
      action_id: binding.action_id ?? actionIds.get(binding.action_name) ?? "",
      display_name: binding.display_name,
    }));
    const names = plan.bindings.next.map((binding) => binding.action_name);
    log(`binding post-login Actions: ${names.join(", ") || "(none)"}`);
    await retryRace(NOT_DEPLOYED_YET, () => api.setPostLoginBindings(bindings), context.wait);
  }

  return { clients };
}

interface Draft {
  action: ExistingAction;
  /** Set when this sync sent the secrets (create or update), so the record can be updated. */
  secrets?: LiteralSecret[];
}

/** Clients first: an Action's secret may be the credential of a client created just now. */
async function createOrUpdateActions(
  actions: ActionPlan[],
  clients: ReadonlyMap<string, ExistingClient>,
  context: ApplyContext,
): Promise<Draft[]> {
  const drafts: Draft[] = [];
  for (const action of actions) {
    if (action.kind === "create") {
      context.log(`creating Action ${action.name}`);
      const secrets = resolveSecrets(action.name, action.secrets, clients);
      drafts.push({ action: await context.api.createAction({ ...action.input, secrets }), secrets });
    } else if (action.kind === "update" && action.existing) {
      context.log(`updating Action ${action.name}`);
      const secrets = resolveSecrets(action.name, action.secrets, clients);
      const updated = await context.api.updateAction(action.existing.id, { ...action.input, secrets });
      drafts.push({ action: updated, secrets });
    } else if (action.kind === "deploy" && action.existing) {
      drafts.push({ action: action.existing });
    }
  }
  return drafts;
}

async function retryRace(race: RegExp, call: () => Promise<void>, wait: BuildWaitPolicy): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      const racing = error instanceof ManagementApiFailure && error.status === 400 && race.test(error.apiMessage);
      if (!racing || attempt >= RACE_ATTEMPTS) throw error;
      await wait.sleep(RACE_DELAY_MS);
    }
  }
}
