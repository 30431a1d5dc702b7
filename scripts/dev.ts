import { spawn } from "node:child_process";
import path from "node:path";
import { loadEnvConfig } from "@next/env";
import { startLocalTenant, type LocalTenant } from "../auth0-tenant/local/server";
import { syncFromConfig } from "../auth0-tenant/sync/sync-from-config";
import { ConfigError, environmentWith, getSyncConfig } from "../lib/config";

/**
 * `npm run dev`. With no tenant configured: starts the local tenant, puts the Actions, secrets and clients on it
 * with the same sync that `npm run tenant:sync` runs against Auth0, then starts `next dev`. With a real
 * `AUTH0_DOMAIN`: starts only the app. Ctrl-C stops everything.
 */
const projectDir = process.cwd();
const quiet = { info: () => undefined, error: (...args: unknown[]) => console.error(...args) };

function prefixed(prefix: string) {
  return { write: (text: string) => process.stdout.write(text.replace(/^(?=.)/gm, prefix)) };
}

async function main(): Promise<void> {
  loadEnvConfig(projectDir, true, quiet);
  const config = getSyncConfig();
  let tenant: LocalTenant | undefined;
  if (config.target.kind === "local") {
    tenant = await startLocalTenant({
      port: config.target.port,
      ...(config.target.https ? { https: true } : { tlsPort: config.target.tlsPort }),
      dataDir: path.resolve(projectDir, config.target.dataDir),
    });
    await syncFromConfig({ config, projectDir, mode: "apply", output: prefixed("[tenant:sync] ") });
    // The sync may just have written the app's client and secrets to .env.local.
    loadEnvConfig(projectDir, true, quiet, true);
  }
  const appUrl = new URL(config.appBaseUrl);
  const next = spawn(
    process.execPath,
    [path.join(projectDir, "node_modules", "next", "dist", "bin", "next"), "dev", "-H", appUrl.hostname, "-p", appUrl.port || "3000"],
    // An https local tenant's certificate is trusted by the app's process as a public one would be.
    { stdio: "inherit", env: environmentWith(config.target.kind === "local" && config.target.https && tenant?.certificate ? { NODE_EXTRA_CA_CERTS: tenant.certificate.file } : {}) },
  );
  console.log(
    [
      "",
      `  Product XYZ      ${config.appBaseUrl}`,
      tenant
        ? `  Local tenant     ${tenant.issuer}   (log in as ${tenant.demoUser.email} / ${tenant.demoUser.password}, or sign up)`
        : `  Auth0 tenant     ${config.target.kind === "auth0" ? config.target.domain : ""}`,
      "  Ctrl-C stops everything.",
      "",
    ].join("\n"),
  );
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    next.kill("SIGTERM");
    await tenant?.close();
    process.exit(code);
  };
  next.on("exit", (code) => void stop(code ?? 0));
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || !(error instanceof Error) ? String(error instanceof Error ? error.message : error) : error.message);
  process.exit(1);
});
