import type { Entrypoint } from "./load-action";
import type { AccumulatedCommands, DeployedAction, FactorRequest, UserMetadataPatch } from "./types";

/** What one Action execution asked for. Staged on copies: kept if the Action completes, dropped if it fails. */
export interface Execution {
  readonly action: DeployedAction;
  readonly entrypoint: Entrypoint;
  readonly commands: AccumulatedCommands;
  readonly userUpdates: UserMetadataPatch;
  denyReason?: string;
  redirectUrl?: string;
  factorRequest?: FactorRequest;
}

export function emptyCommands(): AccumulatedCommands {
  return {
    idTokenClaims: {},
    accessTokenClaims: {},
    scopeChanges: {},
    transactionMetadata: {},
    recordedMethods: [],
    passedFactors: [],
  };
}

export function startExecution(
  action: DeployedAction,
  entrypoint: Entrypoint,
  commands: AccumulatedCommands,
  userUpdates: UserMetadataPatch,
): Execution {
  return { action, entrypoint, commands: structuredClone(commands), userUpdates: structuredClone(userUpdates) };
}
