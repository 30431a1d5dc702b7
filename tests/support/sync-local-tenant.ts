import path from "node:path";
import { desiredState } from "../../auth0-tenant/tenant/desired-state";
import { envFileValues, readEnvFile } from "../../auth0-tenant/sync/env-file";
import { syncTenant } from "../../auth0-tenant/sync/sync-tenant";
import type { BuildWaitPolicy } from "../../auth0-tenant/sync/wait-until-built";
import { syncTargetOf, type TestTenant } from "./local-tenant";

/**
 * Applies the repository's tenant to a local test tenant, as `npm run tenant:sync -- --apply` does, with the state and
 * `.env.local` in the tenant's data folder; returns the values the sync wrote there (`AUTH0_CLIENT_ID`, …).
 */
export async function syncRepositoryTenant(
  tenant: TestTenant,
  options: { appBaseUrl: string; claimNamespace: string; redirectTokenSecret: string; termsVersion: number; buildWait?: Partial<BuildWaitPolicy> },
): Promise<Map<string, string>> {
  const target = await syncTargetOf(tenant);
  const envFile = path.join(tenant.dataDir, ".env.local");
  await syncTenant({
    target,
    desired: desiredState({
      appBaseUrl: options.appBaseUrl,
      tenantUrl: target.tenantUrl,
      claimNamespace: options.claimNamespace,
      redirectTokenSecret: options.redirectTokenSecret,
      termsVersion: options.termsVersion,
    }),
    mode: "apply",
    output: { write: () => true },
    stateDir: path.join(tenant.dataDir, "tenant-sync"),
    envFile,
    buildWait: options.buildWait ?? { initialDelayMs: 10, maxDelayMs: 100 },
  });
  return envFileValues(await readEnvFile(envFile));
}
