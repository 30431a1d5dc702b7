import { parseAccessRules } from "../../actions/lib/parse-access-rules";
import type { DesiredState } from "./desired-state-types";
import { ACCESS_POLICY_ACTION } from "./tenant-names";

/** Auth0's limits on an Action's secrets. */
export const MAX_SECRETS_PER_ACTION = 30;
export const MAX_SECRET_VALUE_CHARS = 4096;

/** A desired state that Auth0 would refuse, or that would deploy Actions unable to run. */
export class DesiredStateError extends Error {
  readonly code = "ERR_DESIRED_STATE";
  constructor(readonly problems: string[]) {
    super(`The desired state is invalid:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "DesiredStateError";
  }
}

/**
 * Checks what can be checked before a tenant is touched: Auth0's secret limits, secrets taken from clients that
 * exist in the state, grants of declared clients, and access rules the Action can read. Problems are named, never
 * a secret value.
 *
 * @example
 * assertValidDesiredState(state); // throws DesiredStateError listing "access-policy: secret ACCESS_POLICIES has 5120 characters…"
 */
export function assertValidDesiredState(state: DesiredState): void {
  const clientKeys = new Set(state.clients.map((client) => client.key));
  const problems: string[] = [];
  for (const action of state.actions) {
    if (action.secrets.length > MAX_SECRETS_PER_ACTION) {
      problems.push(`${action.name}: ${action.secrets.length} secrets; Auth0 allows ${MAX_SECRETS_PER_ACTION}`);
    }
    const names = action.secrets.map((secret) => secret.name);
    for (const name of new Set(names.filter((name, index) => names.indexOf(name) !== index))) {
      problems.push(`${action.name}: secret ${name} is declared twice`);
    }
    for (const secret of action.secrets) {
      if ("fromClient" in secret) {
        if (!clientKeys.has(secret.fromClient.key)) problems.push(`${action.name}: secret ${secret.name} comes from unknown client ${secret.fromClient.key}`);
      } else if (secret.value.length > MAX_SECRET_VALUE_CHARS) {
        problems.push(`${action.name}: secret ${secret.name} has ${secret.value.length} characters; Auth0 allows ${MAX_SECRET_VALUE_CHARS}`);
      }
    }
  }
  for (const grant of state.clientGrants) {
    if (!clientKeys.has(grant.clientKey)) problems.push(`client grant on ${grant.audience} for unknown client ${grant.clientKey}`);
  }
  const rules = state.actions.find((action) => action.name === ACCESS_POLICY_ACTION)?.secrets.find((secret) => secret.name === "ACCESS_POLICIES");
  if (rules && "value" in rules) {
    try {
      parseAccessRules(rules.value);
    } catch (error) {
      problems.push(`${ACCESS_POLICY_ACTION}: ${(error as Error).message}`);
    }
  }
  if (problems.length > 0) throw new DesiredStateError(problems);
}
