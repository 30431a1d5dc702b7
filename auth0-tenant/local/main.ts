import { loadEnvConfig } from "@next/env";
import { getLocalTenantConfig } from "../../lib/config";
import { assertPortsFree, localTenantPortUses } from "../../scripts/dev/busy-ports";
import { parseCliArgs } from "./cli-args";
import { defaultLog } from "./log";
import { startLocalTenant } from "./server";

/**
 * `npm run tenant:local [-- --port 4000 --data-dir .data/local-tenant]`: the env files and variables are read as by
 * `npm run dev` (`AUTH0_DOMAIN=http://localhost:PORT`, `localhost:PORT` for https, or a host name it then stands in
 * for; `LOCAL_TENANT_TLS_PORT`, `LOCAL_TENANT_DATA_DIR`), the flags override them. Stops on SIGINT/SIGTERM.
 */
async function main(): Promise<void> {
  loadEnvConfig(process.cwd(), true, { info: () => undefined, error: (...args: unknown[]) => console.error(...args) });
  const options = parseCliArgs(process.argv.slice(2), getLocalTenantConfig());
  // Port 0 picks a free port: nothing to check.
  await assertPortsFree(localTenantPortUses(options, true).filter((use) => use.port !== 0));
  const tenant = await startLocalTenant(options);
  defaultLog(`demo user: ${tenant.demoUser.email} / ${tenant.demoUser.password}`);
  defaultLog(`management client: ${options.dataDir}/management-client.json`);
  if (options.https && tenant.certificate) {
    defaultLog(`certificate to trust: ${tenant.certificate.file} (Node: NODE_EXTRA_CA_CERTS=${tenant.certificate.file})`);
    defaultLog(`Chromium: --ignore-certificate-errors-spki-list=${tenant.certificate.spkiSha256}`);
  }
  if (options.publicHost) {
    // Resolving the name is outside the tenant, as DNS is outside Auth0: say what clients need.
    defaultLog(
      `stands in for ${options.publicHost}: clients reach it once ` +
        (options.port === 443
          ? `${options.publicHost} resolves to 127.0.0.1 (/etc/hosts)`
          : `they map ${options.publicHost}:443 to 127.0.0.1:${options.port} (README: The real-tenant steps on one machine)`),
    );
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    defaultLog(`${signal}: stopping`);
    tenant.close().then(
      () => process.exit(0),
      (error: unknown) => {
        defaultLog(`error while stopping: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  defaultLog(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
