import type { ActionSecret, DesiredState } from "../tenant/desired-state";
import type { AppliedSecrets } from "./applied-secrets";
import { planSecrets } from "./client-secrets";
import { diffAction } from "./diff-actions";
import { diffBindings } from "./diff-bindings";
import { diffClient } from "./diff-clients";
import { diffClientGrant, diffResourceServer } from "./diff-apis";
import { SyncError } from "./errors";
import type {
  ActionInput,
  ClientInput,
  ExistingAction,
  ExistingClient,
  ExistingClientGrant,
  ExistingResourceServer,
  ResourceServerInput,
  TenantSnapshot,
} from "./tenant-api";

/**
 * What a sync would do to a tenant: for every managed resource, create / update / unchanged with the reasons, and
 * the complete post-login binding order. Computed from plain data (desired state, snapshot, applied-secrets record),
 * so it is tested without a tenant. Secret values are carried in the inputs to send, never in the reasons.
 */
export interface Plan {
  actions: ActionPlan[];
  bindings: BindingsPlan;
  clients: ClientPlan[];
  resourceServers: ResourceServerPlan[];
  clientGrants: ClientGrantPlan[];
}

export interface ActionPlan {
  name: string;
  /** `deploy`: the draft on the tenant is what we want but was not deployed. */
  kind: "create" | "update" | "deploy" | "unchanged";
  existing?: ExistingAction;
  reasons: string[];
  /** What to send, but the secrets: those of a client still to be created are known only at apply time. */
  input: Omit<ActionInput, "secrets">;
  /** With values, but for the credentials of a client this sync creates (resolved by `resolveSecrets`). */
  secrets: ActionSecret[];
}

export interface PlannedBinding {
  action_name: string;
  display_name: string;
  /** False for an Action bound by hand: the sync keeps it, after the managed ones. */
  managed: boolean;
  /** Known for Actions that exist already; a created Action gets its id at apply time. */
  action_id?: string;
}

export interface BindingsPlan {
  kind: "update" | "unchanged";
  current: string[];
  next: PlannedBinding[];
}

/** A changed field, both sides already formatted for the plan (no secrets among the managed fields). */
export interface FieldChange {
  field: string;
  from: string;
  to: string;
}

export interface ClientPlan {
  key: string;
  name: string;
  kind: "create" | "update" | "unchanged";
  existing?: ExistingClient;
  changes: FieldChange[];
  input: ClientInput;
}

export interface ResourceServerPlan {
  identifier: string;
  name: string;
  kind: "create" | "update" | "unchanged";
  existing?: ExistingResourceServer;
  changes: FieldChange[];
  input: ResourceServerInput;
}

export interface ClientGrantPlan {
  clientKey: string;
  clientName: string;
  audience: string;
  kind: "create" | "update" | "unchanged";
  existing?: ExistingClientGrant;
  changes: FieldChange[];
  scope: string[];
}

export interface PlanInputs {
  desired: DesiredState;
  /** The bundled code of each desired Action, by name. */
  code: ReadonlyMap<string, string>;
  snapshot: TenantSnapshot;
  applied: AppliedSecrets;
}

export function computePlan({ desired, code, snapshot, applied }: PlanInputs): Plan {
  assertConsistent(desired, code);
  const clients = desired.clients.map((client) => diffClient(client, snapshot.clients));
  const existingClients = new Map(clients.map((plan) => [plan.key, plan.existing]));
  const clientIds = new Map(clients.map((plan) => [plan.key, plan.existing?.client_id]));
  const actions = desired.actions.map((action) =>
    diffAction(
      action,
      code.get(action.name) ?? "",
      snapshot.actions.find((existing) => existing.name === action.name),
      applied.actions[action.name],
      planSecrets(action.name, action.secrets, existingClients),
    ),
  );
  return {
    actions,
    bindings: diffBindings(
      desired.postLoginBindings,
      new Set(desired.actions.map((action) => action.name)),
      snapshot.postLoginBindings,
      new Map(snapshot.actions.map((action) => [action.name, action.id])),
    ),
    clients,
    resourceServers: desired.resourceServers.map((server) => diffResourceServer(server, snapshot.resourceServers)),
    clientGrants: desired.clientGrants.map((grant) =>
      diffClientGrant(grant, {
        clientName: clients.find((plan) => plan.key === grant.clientKey)?.name ?? grant.clientKey,
        clientId: clientIds.get(grant.clientKey),
        grants: snapshot.clientGrants,
      }),
    ),
  };
}

export function planHasChanges(plan: Plan): boolean {
  return (
    plan.actions.some((action) => action.kind !== "unchanged") ||
    plan.bindings.kind !== "unchanged" ||
    [...plan.clients, ...plan.resourceServers, ...plan.clientGrants].some((item) => item.kind !== "unchanged")
  );
}

function assertConsistent(desired: DesiredState, code: ReadonlyMap<string, string>): void {
  const actionNames = new Set(desired.actions.map((action) => action.name));
  const clientKeys = new Set(desired.clients.map((client) => client.key));
  const problems = [
    ...desired.postLoginBindings
      .filter((name) => !actionNames.has(name))
      .map((name) => `binding to unknown Action ${name}`),
    ...desired.actions
      .filter((action) => !code.has(action.name))
      .map((action) => `no bundled code for Action ${action.name}`),
    ...desired.clientGrants
      .filter((grant) => !clientKeys.has(grant.clientKey))
      .map((grant) => `client grant for unknown client ${grant.clientKey}`),
    ...desired.actions.flatMap((action) =>
      action.secrets
        .filter((secret) => "fromClient" in secret && !clientKeys.has(secret.fromClient.key))
        .map((secret) => `secret ${secret.name} of Action ${action.name} from an unknown client`),
    ),
    ...duplicates(desired.postLoginBindings).map((name) => `Action ${name} bound twice`),
  ];
  if (problems.length > 0) {
    throw new SyncError("ERR_SYNC_DESIRED_STATE", `The desired state is inconsistent: ${problems.join("; ")}.`);
  }
}

function duplicates(values: string[]): string[] {
  return [...new Set(values.filter((value, index) => values.indexOf(value) !== index))];
}
