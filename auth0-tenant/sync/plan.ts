import type { DesiredState } from "../tenant/desired-state-types";
import type { AppliedSecrets } from "./applied-secrets";
import { planSecrets } from "./client-secrets";
import { diffAction } from "./diff-actions";
import { diffBindings } from "./diff-bindings";
import { diffClient } from "./diff-clients";
import { diffClientGrant, diffResourceServer } from "./diff-apis";
import { SyncError } from "./errors";
import type { Plan } from "./plan-types";
import type { TenantSnapshot } from "./tenant-api";

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
