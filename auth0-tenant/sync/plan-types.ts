import type { ActionSecret } from "../tenant/desired-state-types";
import type {
  ActionInput,
  ClientInput,
  ExistingAction,
  ExistingClient,
  ExistingClientGrant,
  ExistingResourceServer,
  ResourceServerInput,
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
