import path from "node:path";
import { bundleAction } from "../tooling/bundle-actions";
import { APP_CLIENT_KEY } from "../tenant/desired-state";
import type { DesiredState } from "../tenant/desired-state-types";
import { appliedSecretsFile, loadAppliedSecrets, saveAppliedSecrets, withAppliedAction } from "./applied-secrets";
import { applyPlan } from "./apply-plan";
import { envFileValues, readEnvFile, updateEnvFile } from "./env-file";
import { SyncError } from "./errors";
import { credentialUpdates, planEnvFile } from "./env-plan";
import { type CallPolicy, DEFAULT_CALL_POLICY, type TargetHints } from "./management-call";
import { managementTenantApi } from "./management-tenant-api";
import { computePlan, planHasChanges } from "./plan";
import type { Plan } from "./plan-types";
import { type EnvFilePlan, formatPlan } from "./plan-text";
import type { SyncTarget } from "./sync-target";
import type { TenantApi } from "./tenant-api";
import { trustLocalTenant } from "../local/tls/trust-local-tenant";
import { type BuildWaitPolicy, DEFAULT_BUILD_WAIT } from "./wait-until-built";

export type SyncMode = "dry-run" | "apply";

export interface SyncOptions {
  target: SyncTarget;
  desired: DesiredState;
  /** `dry-run` reads the tenant and prints the plan; `apply` also carries it out. */
  mode: SyncMode;
  /** Where the plan and progress go (stdout for the CLI). Never receives a secret value. */
  output: { write(text: string): unknown };
  /** Folder of the per-tenant applied-secrets records (git-ignored `.data/tenant-sync`). */
  stateDir: string;
  /** The git-ignored env file that receives the app client's credentials and `generatedSecrets`; none if unset. */
  envFile?: string;
  /** App secrets generated for this run (see app-secrets.ts), written to `envFile` before the tenant is touched. */
  generatedSecrets?: Readonly<Record<string, string>>;
  /** How the CLI is invoked, for the "how to apply" hint of a dry run. */
  applyCommand?: string;
  bundle?: (sourceFile: string) => Promise<string>;
  buildWait?: Partial<BuildWaitPolicy>;
  callPolicy?: Partial<Omit<CallPolicy, keyof TargetHints>>;
}

export interface SyncResult {
  plan: Plan;
  /** The tenant or the env file differed from the desired state. */
  changed: boolean;
  applied: boolean;
}

/**
 * Brings a tenant (real or local) to the desired state through its Management API: read, plan, print, and with
 * `mode: "apply"` carry out. The programmatic entry of `npm run tenant:sync` and `npm run dev`.
 */
export async function syncTenant(options: SyncOptions): Promise<SyncResult> {
  const { target } = options;
  const restore = target.trustedCertificate
    ? trustLocalTenant({ origin: `https://${target.domain}`, certificate: target.trustedCertificate })
    : undefined;
  try {
    const api = managementTenantApi({
      domain: target.domain,
      clientId: target.clientId,
      clientSecret: target.clientSecret,
      policy: {
        ...DEFAULT_CALL_POLICY,
        ...options.callPolicy,
        credentialsHint: target.credentialsHint,
        unreachableHint: target.unreachableHint,
      },
    });
    return await syncWithApi(api, options);
  } finally {
    await restore?.();
  }
}

/** `syncTenant` on a given `TenantApi` (tests pass an in-memory tenant). */
export async function syncWithApi(api: TenantApi, options: SyncOptions): Promise<SyncResult> {
  const { desired, target, output } = options;
  const say = (line: string) => output.write(`${line}\n`);
  const bundle = options.bundle ?? bundleAction;
  const code = new Map(
    await Promise.all(desired.actions.map(async (action) => [action.name, await bundle(action.sourceFile)] as const)),
  );
  const recordFile = appliedSecretsFile(options.stateDir, target.domain);
  let applied = await loadAppliedSecrets(recordFile, target.domain);

  say(`Reading ${target.label}…`);
  const snapshot = await api.readSnapshot();
  const plan = computePlan({ desired, code, snapshot, applied });
  const generated = options.generatedSecrets ?? {};
  const appClient = plan.clients.find((client) => client.key === APP_CLIENT_KEY);
  const fileValues = options.envFile ? envFileValues(await readEnvFile(options.envFile)) : new Map<string, string>();
  const envPlan: EnvFilePlan | undefined = options.envFile
    ? planEnvFile({ file: displayPath(options.envFile), fileValues, generated, appClient })
    : undefined;
  const changed = planHasChanges(plan) || (envPlan?.set.length ?? 0) > 0;

  output.write(formatPlan(plan, envPlan));
  if (!changed) {
    say("No changes.");
    return { plan, changed, applied: false };
  }
  if (options.mode === "dry-run") {
    const command = options.applyCommand ?? "npm run tenant:sync -- --apply";
    say(`Dry run: nothing was changed. To apply this plan, run: ${command}`);
    return { plan, changed, applied: false };
  }

  // Before the tenant: a generated REDIRECT_TOKEN_SECRET must never be on the tenant without being in the env file.
  if (Object.keys(generated).length > 0) {
    if (!options.envFile) throw new SyncError("ERR_SYNC_USAGE", "Generated secrets need an envFile to be kept in.");
    const written = await updateEnvFile(options.envFile, generated);
    if (written.length > 0) say(`Wrote ${written.join(", ")} to ${envPlan?.file ?? options.envFile}.`);
  }
  // Actions build in parallel: saves are chained, so that an older record never replaces a newer one.
  let saved = Promise.resolve();
  const result = await applyPlan(plan, {
    api,
    wait: { ...DEFAULT_BUILD_WAIT, ...options.buildWait },
    log: (line) => say(`  … ${line}`),
    onSecretsApplied: (action, secrets) => {
      applied = withAppliedAction(applied, action, secrets);
      const record = applied;
      saved = saved.then(() => saveAppliedSecrets(recordFile, record));
      return saved;
    },
  });
  const client = result.clients.get(APP_CLIENT_KEY);
  if (options.envFile && client) {
    const written = await updateEnvFile(options.envFile, credentialUpdates(client, fileValues));
    if (written.length > 0) {
      say(`Wrote ${written.join(", ")} to ${envPlan?.file ?? options.envFile}; restart the app to use them.`);
    }
  }
  say(`Applied to ${target.label}.`);
  return { plan, changed, applied: true };
}

/** Relative to the working directory when inside it (`.env.local`), else absolute. */
function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
}
