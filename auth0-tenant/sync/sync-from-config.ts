import path from "node:path";
import { currentVersionOf, loadTermsDocuments } from "../../lib/terms/documents";
import { type DesiredStateInputs, desiredState } from "../tenant/desired-state";
import type { DesiredState } from "../tenant/desired-state-types";
import { DesiredStateError } from "../tenant/validate-desired-state";
import { generateMissingAppSecrets } from "./app-secrets";
import { SyncError } from "./errors";
import type { SyncConfig } from "../../lib/config";
import { resolveTarget } from "./sync-target";
import { type SyncMode, type SyncResult, syncTenant } from "./sync-tenant";

/**
 * The whole sync from a validated configuration (`parseSyncConfig`): generate the app secrets that do not exist
 * yet, build the desired state from the repository (`actions/`, `content/terms/`), find the target tenant, and sync
 * it. The state and the env file live in the project: `.data/tenant-sync/` and `.env.local`, both git-ignored.
 */
export async function syncFromConfig(options: {
  config: SyncConfig;
  projectDir: string;
  mode: SyncMode;
  output: { write(text: string): unknown };
  applyCommand?: string;
}): Promise<SyncResult> {
  const { projectDir, config } = options;
  const generated = generateMissingAppSecrets(config.appSecrets);
  const redirectTokenSecret = config.appSecrets.REDIRECT_TOKEN_SECRET ?? generated.REDIRECT_TOKEN_SECRET ?? "";
  const target = await resolveTarget(config.target, projectDir);
  const desired = validDesiredState({
    appBaseUrl: config.appBaseUrl,
    tenantUrl: target.tenantUrl,
    claimNamespace: config.claimNamespace,
    redirectTokenSecret,
    termsVersion: currentVersionOf(loadTermsDocuments(path.join(projectDir, "content", "terms"))),
    requiredClaims: config.requiredClaims,
    actionsDirectory: path.join(projectDir, "actions"),
  });
  return syncTenant({
    target,
    desired,
    mode: options.mode,
    output: options.output,
    stateDir: path.join(projectDir, ".data", "tenant-sync"),
    envFile: path.join(projectDir, ".env.local"),
    generatedSecrets: generated,
    ...(options.applyCommand === undefined ? {} : { applyCommand: options.applyCommand }),
  });
}

/** The desired state, its problems reported as the sync's own error (printed without a stack trace). */
function validDesiredState(inputs: DesiredStateInputs): DesiredState {
  try {
    return desiredState(inputs);
  } catch (error) {
    if (error instanceof DesiredStateError) throw new SyncError("ERR_SYNC_DESIRED_STATE", error.message, { cause: error });
    throw error;
  }
}
