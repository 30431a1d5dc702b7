import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { certificateFile } from "../../auth0-tenant/local/tls/certificate";
import type { TestTenant } from "./local-tenant";

const A0DEPLOY = join(process.cwd(), "node_modules", "auth0-deploy-cli", "lib", "index.js");

export interface DeployCliRun {
  /** The command line, as a user would type it. */
  command: string;
  exitCode: number;
  output: string;
}

/**
 * Runs the real `a0deploy` (auth0-deploy-cli) against the tenant's TLS listener as a child process, trusting the
 * tenant's certificate through `NODE_EXTRA_CA_CERTS` for that process only. Credentials and keyword mappings go in a
 * config file, as the Deploy CLI's users keep them.
 */
export async function runDeployCli(
  tenant: TestTenant,
  args: string[],
  config: Record<string, unknown> = {},
): Promise<DeployCliRun> {
  if (!tenant.managementDomain) throw new Error("runDeployCli: start the tenant with tlsPort");
  const dir = await mkdtemp(join(tmpdir(), "a0deploy-"));
  const configFile = join(dir, "config.json");
  await writeFile(
    configFile,
    JSON.stringify({
      AUTH0_DOMAIN: tenant.managementDomain,
      AUTH0_CLIENT_ID: tenant.managementClient.client_id,
      AUTH0_CLIENT_SECRET: tenant.managementClient.client_secret,
      ...config,
    }),
  );
  const fullArgs = [...args, "--config_file", configFile];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [A0DEPLOY, ...fullArgs],
      { env: { NODE_ENV: "production", NODE_EXTRA_CA_CERTS: certificateFile(tenant.dataDir), NO_COLOR: "1" }, timeout: 540_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const exitCode = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ command: `a0deploy ${fullArgs.join(" ")}`, exitCode, output: `${stdout}${stderr}` });
      },
    );
  });
}
