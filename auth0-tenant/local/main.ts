import { parseCliArgs } from "./cli-args";
import { defaultLog } from "./log";
import { startLocalTenant } from "./server";

/** `tsx auth0-tenant/local/main.ts --port 4000 --data-dir .data/local-tenant`; stops on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const options = parseCliArgs(process.argv.slice(2));
  const tenant = await startLocalTenant(options);
  defaultLog(`demo user: ${tenant.demoUser.email} / ${tenant.demoUser.password}`);
  defaultLog(`management client: ${options.dataDir}/management-client.json`);
  if (options.https && tenant.certificate) {
    defaultLog(`certificate to trust: ${tenant.certificate.file} (Node: NODE_EXTRA_CA_CERTS=${tenant.certificate.file})`);
    defaultLog(`Chromium: --ignore-certificate-errors-spki-list=${tenant.certificate.spkiSha256}`);
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
