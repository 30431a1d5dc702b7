import { parseAccessRules } from "../../actions/lib/parse-access-rules";
import { ACTION_LIMITS } from "../../contract/action-limits";
import { CodedError } from "../../contract/coded-error";
import { parseMfaPolicy } from "../../actions/lib/parse-mfa-policy";
import type { DesiredState } from "./desired-state-types";
import { profileFieldProblems } from "./login-steps";
import { ACCESS_POLICY_ACTION, MFA_POLICY_ACTION, PROFILE_COMPLETION_ACTION } from "./tenant-names";

/** A desired state that Auth0 would refuse, or that would deploy Actions unable to run. */
export class DesiredStateError extends CodedError<"ERR_DESIRED_STATE"> {
  constructor(readonly problems: string[]) {
    super("ERR_DESIRED_STATE", `The desired state is invalid:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
  }
}

/**
 * Checks what can be checked before a tenant is touched: Auth0's secret limits, secrets taken from clients that
 * exist in the state, grants of declared clients, and configuration secrets (access rules, MFA policy, profile
 * fields) that their Action can read. Every problem is reported at once, named, never with a secret value.
 *
 * @example
 * assertValidDesiredState(state); // throws DesiredStateError listing "access-policy: secret ACCESS_POLICIES has 5120 characters…"
 */
export function assertValidDesiredState(state: DesiredState): void {
  const clientKeys = new Set(state.clients.map((client) => client.key));
  const problems: string[] = [];
  for (const action of state.actions) {
    if (action.secrets.length > ACTION_LIMITS.secretsPerAction) {
      problems.push(`${action.name}: ${action.secrets.length} secrets; Auth0 allows ${ACTION_LIMITS.secretsPerAction}`);
    }
    const names = action.secrets.map((secret) => secret.name);
    for (const name of new Set(names.filter((name, index) => names.indexOf(name) !== index))) {
      problems.push(`${action.name}: secret ${name} is declared twice`);
    }
    for (const secret of action.secrets) {
      if ("fromClient" in secret) {
        if (!clientKeys.has(secret.fromClient.key)) problems.push(`${action.name}: secret ${secret.name} comes from unknown client ${secret.fromClient.key}`);
      } else if (secret.value.length > ACTION_LIMITS.secretValueCharacters) {
        problems.push(`${action.name}: secret ${secret.name} has ${secret.value.length} characters; Auth0 allows ${ACTION_LIMITS.secretValueCharacters}`);
      }
    }
  }
  for (const grant of state.clientGrants) {
    if (!clientKeys.has(grant.clientKey)) problems.push(`client grant on ${grant.audience} for unknown client ${grant.clientKey}`);
  }
  for (const { action, secret, problemsOf } of CONFIGURATION_SECRETS) {
    const declared = state.actions.find((candidate) => candidate.name === action)?.secrets.find((candidate) => candidate.name === secret);
    if (declared && "value" in declared) problems.push(...problemsOf(declared.value).map((problem) => `${action}: ${problem}`));
  }
  if (problems.length > 0) throw new DesiredStateError(problems);
}

/** The secrets that configure an Action, each with what its Action would find wrong in it. */
const CONFIGURATION_SECRETS: Array<{ action: string; secret: string; problemsOf: (value: string) => string[] }> = [
  { action: ACCESS_POLICY_ACTION, secret: "ACCESS_POLICIES", problemsOf: (value) => parseProblems(() => parseAccessRules(value)) },
  { action: MFA_POLICY_ACTION, secret: "MFA_POLICY", problemsOf: (value) => parseProblems(() => parseMfaPolicy(value)) },
  // Read as the profile Action reads it (`actions/profile-completion.ts`).
  {
    action: PROFILE_COMPLETION_ACTION,
    secret: "PROFILE_FIELDS",
    problemsOf: (value) => profileFieldProblems(value.split(",").map((field) => field.trim()).filter(Boolean)),
  },
];

function parseProblems(parse: () => unknown): string[] {
  try {
    parse();
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
}
