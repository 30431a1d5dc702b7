import { spawn } from "node:child_process";
import { homedir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const REPOSITORY = fileURLToPath(new URL("../..", import.meta.url));

/** `npm run tenant:sync`'s own entry point, run as the script runs it, with exactly `env`. */
function runSync(env: Record<string, string>): Promise<{ status: number | null; output: string }> {
  const child = spawn(process.execPath, [path.join(REPOSITORY, "node_modules", "tsx", "dist", "cli.mjs"), "auth0-tenant/sync/main.ts"], {
    cwd: REPOSITORY,
    stdio: ["ignore", "pipe", "pipe"],
    env: { PATH: path.dirname(process.execPath), HOME: homedir(), NODE_ENV: "development", ...env },
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once("exit", (status) => resolve({ status, output })));
}

describe("npm run tenant:sync", { timeout: 60_000 }, () => {
  it("prints an invalid desired state's problems, all of them and without a stack trace, before touching the tenant", async () => {
    // A claim namespace too long for an Action secret: every Action that is given it is refused.
    const { status, output } = await runSync({
      AUTH0_DOMAIN: "desired-state-test.invalid",
      AUTH0_MANAGEMENT_CLIENT_ID: "client-id",
      AUTH0_MANAGEMENT_CLIENT_SECRET: "client-secret",
      CLAIM_NAMESPACE: `https://${"n".repeat(5000)}.example/`,
    });
    expect(status).toBe(1);
    expect(output).toContain("The desired state is invalid:");
    expect(output).toMatch(/- terms-of-use: secret CLAIM_NAMESPACE has \d+ characters; Auth0 allows 4096/);
    expect(output).toMatch(/- roles: secret CLAIM_NAMESPACE has \d+ characters/);
    expect(output).not.toMatch(/^\s+at /m);
  });
});
