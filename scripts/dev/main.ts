import { spawn } from "node:child_process";
import path from "node:path";
import { loadEnvConfig } from "@next/env";
import { startLocalTenant, type LocalTenant } from "../../auth0-tenant/local/server";
import { syncFromConfig } from "../../auth0-tenant/sync/sync-from-config";
import { environmentWith, getConfig, getDevConfig, getSyncConfig } from "../../lib/config";
import { assertPortsFree, localTenantPortUses, type PortUse } from "./busy-ports";
import { realTenantStatus } from "./tenant-status";
import { waitUntilListening, warmRoutes } from "./warm-routes";

/**
 * `npm run dev`. With no tenant configured: starts the local tenant, puts the Actions, secrets and clients on it
 * with the same sync that `npm run tenant:sync` runs against Auth0, then starts `next dev`. With a real
 * `AUTH0_DOMAIN`: starts only the app, with only the app's variables, and says whether the tenant is reachable and
 * up to date (it never syncs it). The app listens on loopback whatever `APP_BASE_URL` (the public URL) says; it is
 * announced as ready once the routes the Actions call are compiled. Ctrl-C stops everything.
 */
const projectDir = process.cwd();
const quiet = { info: () => undefined, error: (...args: unknown[]) => console.error(...args) };
/** A loaded laptop compiles every route in well under this; CI on two busy cores has taken a minute. */
const START_TIMEOUT_MS = 300_000;

function prefixed(prefix: string) {
  return { write: (text: string) => process.stdout.write(text.replace(/^(?=.)/gm, prefix)) };
}

async function main(): Promise<void> {
  loadEnvConfig(projectDir, true, quiet);
  const dev = getDevConfig();
  const appPort: PortUse = {
    port: dev.app.port,
    hosts: [dev.app.host],
    owner: "the app",
    fix: dev.app.portVariable === "PORT" ? "set PORT=<another port> in .env.local" : "change the port of APP_BASE_URL (or set PORT) in .env.local",
  };
  await assertPortsFree([...(dev.tenant.kind === "local" ? localTenantPortUses(dev.tenant) : []), appPort]);

  let tenant: LocalTenant | undefined;
  let tenantStatus: Promise<string[]> | undefined;
  if (dev.tenant.kind === "local") {
    tenant = await startLocalTenant({
      port: dev.tenant.port,
      ...(dev.tenant.https ? { https: true } : { tlsPort: dev.tenant.tlsPort }),
      dataDir: path.resolve(projectDir, dev.tenant.dataDir),
    });
    await syncFromConfig({ config: getSyncConfig(), projectDir, mode: "apply", output: prefixed("[tenant:sync] ") });
    // The sync may just have written the app's client and secrets to .env.local.
    loadEnvConfig(projectDir, true, quiet, true);
  } else {
    tenantStatus = realTenantStatus({ domain: dev.tenant.domain, canCheckSync: dev.tenant.canCheckSync, projectDir });
  }
  // The app's own variables, checked now rather than on the first request.
  getConfig();

  const nextBin = path.join(path.dirname(require.resolve("next/package.json", { paths: [projectDir] })), "dist", "bin", "next");
  // An https local tenant's certificate is trusted by the app's process as a public one would be.
  const trust: Record<string, string> = tenant?.certificate && dev.tenant.kind === "local" && dev.tenant.https ? { NODE_EXTRA_CA_CERTS: tenant.certificate.file } : {};
  const next = spawn(process.execPath, [nextBin, "dev", "-H", dev.app.host, "-p", String(dev.app.port)], { stdio: "inherit", env: environmentWith(trust) });
  const exited = new Promise<number | null>((resolve) => next.once("exit", (code) => resolve(code)));
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    next.kill("SIGTERM");
    await tenant?.close();
    process.exit(code);
  };
  void exited.then((code) => stop(code ?? 0));
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));

  const origin = `http://${dev.app.host}:${dev.app.port}`;
  try {
    await waitUntilListening(origin, exited, START_TIMEOUT_MS);
    console.log("[dev] compiling the routes the Actions call, so that no login waits for a compile…");
    await warmRoutes(origin, START_TIMEOUT_MS);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    await stop(1);
    return;
  }
  const status = (await tenantStatus) ?? [];
  console.log(
    [
      "",
      `  Product XYZ      ${dev.app.publicUrl}${dev.app.publicUrl === origin ? "" : `   (listening on ${origin})`}`,
      tenant
        ? `  Local tenant     ${tenant.issuer}   (log in as ${tenant.demoUser.email} / ${tenant.demoUser.password}, or sign up)`
        : `  Auth0 tenant     ${dev.tenant.kind === "auth0" ? dev.tenant.domain : ""}`,
      ...status.map((line) => `                   ${line}`),
      "  Ready. Ctrl-C stops everything.",
      "",
    ].join("\n"),
  );
}

main().catch((error: unknown) => {
  // Our errors (configuration, busy ports, the sync) say what to do: no stack trace for them.
  const code = (error as { code?: unknown } | null)?.code;
  const known = typeof code === "string" && (code.startsWith("ERR_CONFIG") || code === "ERR_PORT_BUSY" || code.startsWith("ERR_SYNC"));
  console.error(known || !(error instanceof Error) ? String(error instanceof Error ? error.message : error) : (error.stack ?? error.message));
  process.exit(1);
});
